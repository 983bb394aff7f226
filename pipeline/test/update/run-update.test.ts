/**
 * The daily routine end to end with the real model and index: days come from a local replay
 * server, the first update builds the output, the next one adds the new days incrementally and
 * its digest lists exactly the papers it added.
 */
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.ts';
import type { RetryPolicy } from '../../src/fetch/http-get.ts';
import { runUpdate, type UpdateOutcome } from '../../src/update/run-update.ts';
import type { Manifest, PapersFile } from '../../src/schema/artifacts.ts';
import { testRunOptions } from '../run/test-run-options.ts';
import { startReplayServer, type ReplayServer } from '../fetch/replay-server.ts';

const POLICY: RetryPolicy = {
  timeoutMs: 2000,
  retries: 1,
  backoffMs: 1,
  maxBackoffMs: 1,
  maxRetryAfterMs: 1000,
};
const NOW = () => new Date('2025-07-28T09:00:00Z');

describe('runUpdate', () => {
  let server: ReplayServer;
  let dir: string;
  let first: UpdateOutcome;
  let second: UpdateOutcome;
  let firstPapers: PapersFile;
  let secondPapers: PapersFile;
  let manifest: Manifest;
  const lines: string[] = [];

  beforeAll(async () => {
    server = await startReplayServer(['pipeline/test/fixtures/fetch']);
    dir = await mkdtemp(join(tmpdir(), 'update-'));
    const raw = join(dir, 'raw');
    const out = join(dir, 'out');
    const update = (from: string, to: string, log: (line: string) => void) =>
      runUpdate(
        {
          rawDir: raw,
          fetch: { outDir: raw, baseUrl: server.baseUrl, from, to, policy: POLICY },
          run: { ...testRunOptions([], out) },
        },
        { log, progress: silentProgress, now: NOW },
      );
    server.script('2025-07-24', [{ kind: 'status', status: 500 }], true);
    first = await update('2025-07-22', '2025-07-24', () => {});
    firstPapers = JSON.parse(
      await readFile(artifactPath(committedRunDir(out), 'papers'), 'utf8'),
    ) as PapersFile;
    server.script('2025-07-24', []);
    second = await update('2025-07-22', '2025-07-27', (line) => lines.push(line));
    secondPapers = JSON.parse(
      await readFile(artifactPath(committedRunDir(out), 'papers'), 'utf8'),
    ) as PapersFile;
    manifest = JSON.parse(
      await readFile(artifactPath(committedRunDir(out), 'manifest'), 'utf8'),
    ) as Manifest;
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the pipeline on the saved days even when a day failed, and warns by its exit code', () => {
    expect(first.fetch?.counts).toMatchObject({ fetched: 2, failed: 1 });
    expect(first.exitCode).toBe(3);
    expect(first.digest.hadPrevious).toBe(false);
    expect(first.digest.newPapers).toBe(firstPapers.papers.length);
  });

  it('fetches the failed day and the new ones, and extends the previous index', () => {
    expect(second.fetch?.counts).toMatchObject({ fetched: 2, empty: 2, skipped: 2, failed: 0 });
    expect(second.exitCode).toBe(0);
    const added = secondPapers.papers.length - firstPapers.papers.length;
    expect(added).toBeGreaterThan(0);
    expect(manifest.index.build).toEqual({ mode: 'extended', added });
    expect(manifest.counts.embedded).toBe(added);
  });

  it('digests exactly the papers that were not there before', () => {
    const before = new Set(firstPapers.papers.map((p) => p.id));
    const fresh = secondPapers.papers.filter((p) => !before.has(p.id));
    expect(second.digest.newPapers).toBe(fresh.length);
    expect(second.digest.byTopic.reduce((sum, g) => sum + g.count, 0)).toBe(fresh.length);
    for (const paper of fresh) expect(['2025-07-24', '2025-07-25']).toContain(paper.dates[0]);
    expect(lines).toContain(`── digest up to 2025-07-25: ${fresh.length} new papers`);
    expect(lines.some((line) => line.startsWith('topics born:'))).toBe(true);
  });
});
