/**
 * The server against a changing data folder and hostile requests: search follows a new run
 * (real pipeline, real model, real index), a damaged index is refused instead of crashing the
 * process, searches are queued with a bound, writes get 405, and links out of the served
 * folders are not followed.
 */
import {
  artifactPath,
  committedRunDir,
  runFolderParts,
} from '../../../pipeline/src/output/run-folder.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { cp, mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDashboardServer, listen } from '../../server/create-server.ts';
import { runFingerprint, SearchEngineHolder } from '../../server/engine-holder.ts';
import { loadSearchEngine, type SearchEngine } from '../../server/search-engine.ts';
import type { PapersFile } from '../../src/lib/data/artifacts.ts';
import { writeFixture } from '../fixtures/make-fixture.ts';
import { readArtifact, runPipeline } from '../support/seed-pipeline.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(port: number, path: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

async function startServer(options: Parameters<typeof createDashboardServer>[0]) {
  const server = createDashboardServer(options);
  const port = await listen(server, 0, '127.0.0.1');
  return { server, port, close: () => new Promise((done) => server.close(done)) };
}

let root: string;
let dist: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'server-robustness-'));
  dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dist, 'assets', 'app-123.js'), 'console.log(1)');
  await writeFile(join(root, 'secret.txt'), 'SECRET');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Long enough to read as abstracts, distinct enough to be found by their subject. */
function papersAbout(prefix: string, subjects: string[]): string {
  return subjects
    .map((subject, i) =>
      JSON.stringify({
        id: `${prefix}.0000${i + 1}`,
        date: '2024-01-02',
        title: `${subject}: a new approach`,
        abstract:
          `We study ${subject.toLowerCase()} in depth. Our method for ${subject.toLowerCase()} ` +
          'improves results on several benchmarks, we analyse each component, and we release the code.',
      }),
    )
    .join('\n');
}

/** Runs the pipeline on `input` into `out`; resolves with the ids of the run's papers. */
async function pipeline(input: string, out: string): Promise<string[]> {
  await runPipeline(['--input', input, '--out', out]);
  const papers = await readArtifact<PapersFile>(committedRunDir(out), 'papers');
  return papers.papers.map((paper) => paper.id);
}

describe('search follows the data folder', { timeout: 240_000 }, () => {
  it('answers from a new run once it is loaded, from the old one until then, and stops when the run is gone', async () => {
    const data = join(root, 'data');
    const first = join(root, 'first.jsonl');
    const second = join(root, 'second.jsonl');
    await writeFile(
      first,
      papersAbout('2401', ['Protein folding', 'Weather forecasting', 'Chess engines']),
    );
    await writeFile(
      second,
      papersAbout('2402', ['Speech recognition', 'Robot grasping', 'Code generation']),
    );
    const firstIds = await pipeline(first, data);

    const load = (dir: string) => loadSearchEngine(dir);
    const initial = await load(data);
    const holder = new SearchEngineHolder(
      data,
      load,
      { state: { engine: initial }, fingerprint: await runFingerprint(data) },
      { checkEveryMs: 100 },
    );
    const { port, close } = await startServer({ distDir: dist, dataDir: data, engine: holder });
    try {
      const search = async () => {
        const answer = await send(port, '/api/search?q=speech%20recognition&k=3');
        return {
          status: answer.status,
          ids:
            (JSON.parse(answer.body) as { results?: { id: string }[] }).results?.map(
              (hit) => hit.id,
            ) ?? [],
        };
      };
      expect((await search()).ids.every((id) => firstIds.includes(id))).toBe(true);

      const secondIds = await pipeline(second, data);
      const statuses: number[] = [];
      let ids: string[] = [];
      for (let attempt = 0; attempt < 300; attempt++) {
        const answer = await search();
        statuses.push(answer.status);
        ids = answer.ids;
        if (ids.length > 0 && ids.every((id) => secondIds.includes(id))) break;
        await new Promise((done) => setTimeout(done, 200));
      }
      expect(ids).toHaveLength(3);
      expect(ids.every((id) => secondIds.includes(id))).toBe(true);
      expect(ids[0]).toBe('2402.00001');
      // Every answer while the new run loaded came from a ready engine.
      expect(statuses.every((status) => status === 200)).toBe(true);

      await rm(data, { recursive: true, force: true });
      let gone: Answer | undefined;
      for (let attempt = 0; attempt < 100; attempt++) {
        gone = await send(port, '/api/search?q=speech&k=3');
        if (gone.status === 503) break;
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(gone!.status).toBe(503);
      expect(gone!.body).toContain('no run in');
    } finally {
      await close();
    }
  });

  it('refuses a damaged index with a message instead of crashing on the first search', async () => {
    const data = join(root, 'damaged');
    await pipeline(join(root, 'first.jsonl'), data);
    const indexFile = artifactPath(committedRunDir(data), 'index');
    const bytes = await readFile(indexFile);
    // The first link of the first node points far past the graph.
    bytes.writeUInt32LE(1, 96);
    bytes.writeUInt32LE(1_000_000, 100);
    await writeFile(indexFile, bytes);
    const holder = new SearchEngineHolder(data, (dir) => loadSearchEngine(dir), {
      state: { engine: null, reason: 'loading' },
      fingerprint: null,
    });
    const { port, close } = await startServer({ distDir: dist, dataDir: data, engine: holder });
    try {
      await holder.check();
      const answer = await send(port, '/api/search?q=protein&k=3');
      expect(answer.status).toBe(503);
      expect(answer.body).toContain(
        'index.hnsw is not a usable index: a link points to node 1000000 of 3',
      );
      expect((await send(port, '/api/health')).status).toBe(200);
    } finally {
      await close();
    }
  });
});

describe('bounded search queue', () => {
  it('answers 503 with Retry-After when the queue is full, and serves the rest', async () => {
    let release!: () => void;
    const gate = new Promise<void>((done) => (release = done));
    const slow: SearchEngine = {
      size: 1,
      modelId: 'fake',
      hasPaper: () => true,
      searchText: async () => {
        await gate;
        return [{ id: 'a', score: 1, title: 'A', firstDay: null, topic: null }];
      },
      similarTo: () => [],
    };
    const data = join(root, 'queue-data');
    writeFixture(data);
    const { port, close } = await startServer({
      distDir: dist,
      dataDir: data,
      engine: { engine: slow },
      queue: { concurrency: 1, maxWaiting: 2 },
    });
    try {
      const pending = Array.from({ length: 6 }, () => send(port, '/api/search?q=x&k=1'));
      await new Promise((done) => setTimeout(done, 300));
      release();
      const answers = await Promise.all(pending);
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 200, 200, 503, 503, 503]);
      const busy = answers.find((answer) => answer.status === 503)!;
      expect(busy.headers['retry-after']).toBe('1');
      expect(busy.body).toContain('the server is busy');
      expect((await send(port, '/api/search?q=x&k=1')).status).toBe(200);
    } finally {
      await close();
    }
  });
});

describe('app routes and served files', () => {
  let port: number;
  let close: () => Promise<unknown>;
  let data: string;

  beforeAll(async () => {
    data = join(root, 'links-data');
    await writeFixture(data);
    await symlink(join(root, 'secret.txt'), join(dist, 'assets', 'leak-1.js'));
    ({ port, close } = await startServer({
      distDir: dist,
      dataDir: data,
      engine: { engine: null, reason: 'no search in this test' },
    }));
  });

  afterAll(async () => {
    await close();
  });

  it('answers 405 with Allow to anything but GET and HEAD on the app and its data', async () => {
    for (const [method, path] of [
      ['POST', '/'],
      ['PUT', '/assets/app-123.js'],
      ['DELETE', '/data/manifest.json'],
      ['PATCH', '/index.html'],
    ] as const) {
      const answer = await send(port, path, method);
      expect(answer.status, `${method} ${path}`).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD');
    }
    expect((await send(port, '/', 'HEAD')).status).toBe(200);
    expect((await send(port, '/api/search?q=x', 'POST')).status).toBe(405);
  });

  it('does not follow a link out of the data folder or the build', async () => {
    const detail = '/data/browser/details/0.json';
    expect((await send(port, detail)).status).toBe(200);
    const file = join(runFolderParts(data).public, 'browser', 'details', '0.json');
    await cp(file, join(root, 'detail-copy.json'));
    await unlink(file);
    await symlink(join(root, 'secret.txt'), file);
    const linked = await send(port, detail);
    expect(linked.status).toBe(404);
    expect(linked.body).not.toContain('SECRET');
    const asset = await send(port, '/assets/leak-1.js');
    expect(asset.status).toBe(404);
    expect(asset.body).not.toContain('SECRET');
    expect((await send(port, '/assets/app-123.js')).status).toBe(200);
  });
});
