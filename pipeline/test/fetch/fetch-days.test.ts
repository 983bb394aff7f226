/**
 * The fetcher against a local replay server: recorded days come back byte for byte, saved days
 * are not asked for again, and every fault the server injects ends in either a complete, checked
 * file or no file at all.
 */
import { mkdtemp, readFile, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchDays, type FetchOptions } from '../../src/fetch/fetch-days.ts';
import type { HttpDeps, RetryPolicy } from '../../src/fetch/http-get.ts';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import { startReplayServer, type ReplayServer } from './replay-server.ts';
import { sharedDataset } from '../ingest/shared-datasets.ts';
import { existsSync } from 'node:fs';

const FIXTURES = 'pipeline/test/fixtures/fetch';
/** Tue 2025-07-22 … Sun 2025-07-27: four recorded days, then a weekend without papers. */
const FROM = '2025-07-22';
const TO = '2025-07-27';
const RECORDED = ['2025-07-22', '2025-07-23', '2025-07-24', '2025-07-25'];
const NOW = () => new Date('2025-07-28T09:00:00Z');

/** Fast retries; waits are recorded instead of slept. */
const POLICY: RetryPolicy = {
  timeoutMs: 400,
  retries: 2,
  backoffMs: 100,
  maxBackoffMs: 1000,
  maxRetryAfterMs: 60_000,
};

let server: ReplayServer;
let out: string;
let waits: number[];

const http = (): HttpDeps => ({
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: async (ms) => {
    waits.push(ms);
  },
  now: () => Date.now(),
});

const run = (options: Partial<FetchOptions> = {}) =>
  fetchDays(
    { outDir: out, baseUrl: server.baseUrl, from: FROM, to: TO, policy: POLICY, ...options },
    { http: http(), now: NOW },
  );

const files = async () => (await readdir(out).catch(() => [] as string[])).sort();

beforeAll(async () => {
  server = await startReplayServer([FIXTURES], 30);
});
afterAll(() => server.close());
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'fetch-'));
  waits = [];
  server.requests.length = 0;
});
afterEach(() => rm(out, { recursive: true, force: true }));

describe('fetchDays on a well-behaved server', () => {
  it('saves every recorded day byte for byte and the weekend as empty', async () => {
    const summary = await run();
    expect(summary.counts).toEqual({ fetched: 4, empty: 2, skipped: 0, failed: 0, papers: 47 });
    expect(await files()).toEqual(
      [...RECORDED, '2025-07-26', '2025-07-27'].map((d) => `${d}.json`),
    );
    for (const day of RECORDED) {
      expect((await readFile(join(out, `${day}.json`))).equals(server.dayBody(day))).toBe(true);
    }
    expect(await readFile(join(out, '2025-07-26.json'), 'utf8')).toBe('[]');
  });

  it('keeps at most two requests in flight', async () => {
    await run();
    expect(server.requests).toHaveLength(6);
    expect(server.maxInFlight).toBe(2);
  });

  it('asks for nothing already saved, unless told to refresh', async () => {
    await run();
    server.requests.length = 0;
    const again = await run();
    expect(again.counts).toMatchObject({ fetched: 0, empty: 0, skipped: 6 });
    expect(server.requests).toEqual([]);
    const refreshed = await run({ refresh: true });
    expect(refreshed.counts).toMatchObject({ fetched: 4, empty: 2, skipped: 0 });
  });

  it('fetches again a day saved before it ended', async () => {
    await run();
    const during = new Date('2025-07-25T18:00:00Z');
    await utimes(join(out, '2025-07-25.json'), during, during);
    server.requests.length = 0;
    const again = await run();
    expect(server.requests).toEqual(['2025-07-25']);
    expect(again.counts).toMatchObject({ fetched: 1, skipped: 5 });
  });

  it('by default starts after the newest saved day, and retries a missing day within 14 days', async () => {
    await run({ from: '2025-07-22', to: '2025-07-22' });
    await run({ from: '2025-07-24', to: '2025-07-25' });
    server.requests.length = 0;
    const summary = await fetchDays(
      { outDir: out, baseUrl: server.baseUrl, policy: POLICY },
      { http: http(), now: NOW },
    );
    expect(summary.from).toBe('2025-07-23');
    expect(summary.to).toBe('2025-07-28');
    expect([...server.requests].sort()).toEqual([
      '2025-07-23',
      '2025-07-26',
      '2025-07-27',
      '2025-07-28',
    ]);
  });

  it('refuses a range that ends after today or starts after its end', async () => {
    await expect(run({ to: '2025-07-29' })).rejects.toThrow(/after today \(2025-07-28/);
    await expect(run({ from: '2025-07-27', to: '2025-07-26' })).rejects.toThrow(/after --to/);
  });
});

describe('fetchDays under faults', () => {
  const one = (day: string) => run({ from: day, to: day });

  it('honours Retry-After on 429, then saves the day', async () => {
    server.script('2025-07-22', [{ kind: 'status', status: 429, retryAfter: '3' }]);
    const summary = await one('2025-07-22');
    expect(summary.counts.fetched).toBe(1);
    expect(waits).toEqual([3000]);
    expect(server.requests).toEqual(['2025-07-22', '2025-07-22']);
  });

  it('gives up at once when Retry-After asks for longer than allowed', async () => {
    server.script('2025-07-22', [{ kind: 'status', status: 429, retryAfter: '3600' }]);
    const summary = await one('2025-07-22');
    expect(summary.days[0]).toMatchObject({ status: 'failed' });
    expect(summary.days[0]).toHaveProperty('error', expect.stringMatching(/wait 3600 s/));
    expect(server.requests).toHaveLength(1);
    expect(await files()).toEqual([]);
  });

  it('backs off exponentially on 500 and saves the day when the server recovers', async () => {
    server.script('2025-07-23', [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502 },
    ]);
    const summary = await one('2025-07-23');
    expect(summary.counts.fetched).toBe(1);
    expect(waits).toEqual([100, 200]);
  });

  it('fails a day whose server keeps answering 500, leaving no file', async () => {
    server.script('2025-07-23', [{ kind: 'status', status: 500 }], true);
    const summary = await one('2025-07-23');
    expect(summary.days[0]).toEqual({
      day: '2025-07-23',
      status: 'failed',
      error: 'HTTP 500 (3 attempts)',
    });
    expect(await files()).toEqual([]);
  });

  it('does not retry a 404', async () => {
    server.script('2025-07-23', [{ kind: 'status', status: 404 }], true);
    const summary = await one('2025-07-23');
    expect(summary.days[0]).toMatchObject({ status: 'failed', error: 'HTTP 404 (1 attempt)' });
  });

  it.each([
    ['a connection reset mid-body', { kind: 'reset' as const }, /connection failed/],
    ['truncated JSON', { kind: 'truncated' as const }, /bad-json/],
    ['an HTML error page with status 200', { kind: 'html' as const }, /an HTML page/],
    ['a slow response past the timeout', { kind: 'slow' as const, ms: 1500 }, /within 400 ms/],
  ])('fails on %s every time, leaving no file at all', async (_name, fault, reason) => {
    server.script('2025-07-24', [fault], true);
    const summary = await one('2025-07-24');
    expect(summary.days[0]).toMatchObject({ status: 'failed' });
    expect(summary.days[0]).toHaveProperty('error', expect.stringMatching(reason));
    expect(server.requests).toHaveLength(POLICY.retries + 1);
    expect(await files()).toEqual([]);
  });

  it.each([
    ['a connection reset mid-body', { kind: 'reset' as const }],
    ['truncated JSON', { kind: 'truncated' as const }],
    ['an HTML error page with status 200', { kind: 'html' as const }],
    ['a slow response past the timeout', { kind: 'slow' as const, ms: 1500 }],
  ])('retries after %s and saves the complete day', async (_name, fault) => {
    server.script('2025-07-24', [fault]);
    const summary = await one('2025-07-24');
    expect(summary.counts.fetched).toBe(1);
    const saved = await readFile(join(out, '2025-07-24.json'));
    expect(saved.equals(server.dayBody('2025-07-24'))).toBe(true);
  });

  it('lets only whole, checked days reach the pipeline, and the next run fills the gaps', async () => {
    server.script('2025-07-22', [{ kind: 'reset' }], true);
    server.script('2025-07-23', [{ kind: 'truncated' }], true);
    server.script('2025-07-24', [{ kind: 'html' }], true);
    const first = await run({ giveUpAfter: 10 });
    expect(first.counts).toMatchObject({ fetched: 1, empty: 2, failed: 3 });
    expect(await files()).toEqual(['2025-07-25.json', '2025-07-26.json', '2025-07-27.json']);

    const nonEmpty = ['2025-07-25.json'].map((f) => join(out, f));
    const ingest = await ingestInputs(nonEmpty, {});
    expect(ingest.rejects).toEqual([]);
    expect(ingest.papers.length).toBeGreaterThan(0);

    for (const day of ['2025-07-22', '2025-07-23', '2025-07-24']) server.script(day, []);
    server.requests.length = 0;
    const second = await run();
    expect([...server.requests].sort()).toEqual(['2025-07-22', '2025-07-23', '2025-07-24']);
    expect(second.counts).toMatchObject({ fetched: 3, skipped: 3, failed: 0 });
    const all = await ingestInputs(
      RECORDED.map((d) => join(out, `${d}.json`)),
      {},
    );
    expect(all.rejects).toEqual([]);
    expect(all.counts.read).toBe(47);
  });
});

describe('fetchDays when the site is down', () => {
  it('stops asking after three days in a row failed, and reports every day', async () => {
    for (const day of RECORDED) server.script(day, [{ kind: 'status', status: 503 }], true);
    const summary = await run();
    expect(summary.counts).toMatchObject({ fetched: 0, failed: 6 });
    expect(server.requests.length).toBeLessThanOrEqual(4 * (POLICY.retries + 1));
    expect(summary.days.at(-1)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/not asked for/),
    });
    expect(await files()).toEqual([]);
  });
});

const SHARED_RAW = sharedDataset('hf-daily-papers/raw/Paper_metadata_download');

describe.skipIf(!existsSync(SHARED_RAW))(
  'fetchDays replaying a month of the shared raw days (skipped when ../shared is absent)',
  () => {
    it('saves every recorded day byte for byte, in every shape the API took, and the gaps as empty', async () => {
      const shared = await startReplayServer([SHARED_RAW]);
      try {
        const summary = await fetchDays(
          // 2024-12-11 holds Python-repr entries, 2025-01-10 the {status, date, data} wrapper.
          {
            outDir: out,
            baseUrl: shared.baseUrl,
            from: '2024-12-01',
            to: '2025-01-15',
            policy: POLICY,
          },
          { http: http(), now: NOW },
        );
        const recorded = (await readdir(SHARED_RAW))
          .map((name) => name.slice(0, 10))
          .filter((day) => day >= '2024-12-01' && day <= '2025-01-15');
        expect(summary.counts).toMatchObject({ fetched: recorded.length, failed: 0 });
        expect(summary.counts.empty).toBe(46 - recorded.length);
        for (const day of recorded) {
          const saved = await readFile(join(out, `${day}.json`));
          expect(saved.equals(shared.dayBody(day)), day).toBe(true);
        }
      } finally {
        await shared.close();
      }
    });
  },
);
