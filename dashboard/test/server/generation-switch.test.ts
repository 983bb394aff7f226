/**
 * The server on a pipeline output folder with generations: each request is answered from the
 * run `current` points at, and a newly committed run is served from the next request on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDashboardServer, listen } from '../../server/create-server.ts';
import { writeGeneration } from '../../../pipeline/src/output/generation.ts';
import { artifactPath } from '../../../pipeline/src/output/run-folder.ts';
import { writeFixture } from '../fixtures/make-fixture.ts';

let root: string;
let out: string;
let server: Server;
let port: number;

function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

/** Commits a generation holding the fixture, its manifest marked with `mark`. */
async function commitRun(mark: string): Promise<string> {
  const { dir } = await writeGeneration(out, async (dir) => {
    await writeFixture(dir);
    const file = artifactPath(dir, 'manifest');
    const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    await writeFile(file, `${JSON.stringify({ ...manifest, mark })}\n`);
  });
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dashboard-generations-'));
  out = join(root, 'data');
  const dist = join(root, 'dist');
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await commitRun('first');
  server = createDashboardServer({
    distDir: dist,
    dataDir: out,
    engine: { engine: null, reason: 'not needed here' },
  });
  port = await listen(server, 0, '127.0.0.1');
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('a server on an output folder with generations', () => {
  it('serves the committed run, and the next one from the request after its commit', async () => {
    const first = await get('/data/manifest.json');
    expect(JSON.parse(first.body)).toMatchObject({ mark: 'first' });
    expect((await get('/data/browser/papers.json')).status).toBe(200);

    await commitRun('second');
    expect(JSON.parse((await get('/data/manifest.json')).body)).toMatchObject({ mark: 'second' });
    expect((await get('/data/browser/papers.json')).status).toBe(200);
  });
});
