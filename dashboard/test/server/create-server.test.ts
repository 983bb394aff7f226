import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createDashboardServer, listen } from '../../server/create-server.ts';
import type { SearchEngine } from '../../server/search-engine.ts';
import { writeFixture } from '../fixtures/make-fixture.ts';

const card = { title: 'A paper', firstDay: '2024-03-17', topic: { id: 1, label: 'merging' } };

/** Answers by rule so that the routes can be checked without the model. */
const fakeEngine: SearchEngine = {
  size: 3,
  modelId: 'fake',
  hasPaper: (id) => ['a', 'b', 'c'].includes(id),
  searchText: async (text, k) =>
    [{ id: text.length % 2 ? 'a' : 'b', score: 0.5, ...card }].slice(0, k),
  similarTo: (ids, k) =>
    ['a', 'b', 'c']
      .filter((id) => !ids.includes(id))
      .slice(0, k)
      .map((id) => ({ id, score: 0.4, ...card })),
};

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

let root: string;
let server: Server;
let port: number;

/** Sends the path exactly as given (no client-side normalization). */
function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (answer: Answer) => JSON.parse(answer.body.toString()) as Record<string, unknown>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dashboard-server-'));
  const dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(dist, 'assets', 'app-123.js'), 'console.log(1)');
  const bundle = `console.log(${JSON.stringify('x'.repeat(4000))})`;
  await writeFile(join(dist, 'assets', 'big-456.js'), bundle);
  await writeFile(join(dist, 'assets', 'big-456.js.gz'), gzipSync(bundle));
  // Siblings whose names start like the served folders: a prefix check alone would leak them.
  await mkdir(join(root, 'dist-secret'));
  await writeFile(join(root, 'dist-secret', 'secret.txt'), 'SECRET');
  await writeFile(join(root, 'secret.txt'), 'SECRET');
  const data = join(root, 'data');
  await writeFixture(data);
  await writeFile(join(data, 'private', 'embeddings.f32'), Buffer.alloc(16));
  await writeFile(join(data, 'private', 'index.hnsw'), 'SECRET-INDEX');
  // A temporary file of a write in progress, and the embedding cache.
  await writeFile(join(data, 'public', '.topics.json.123.tmp'), 'SECRET-TEMP');
  await mkdir(join(data, 'cache'));
  await writeFile(join(data, 'cache', 'x'), 'SECRET-CACHE');
  server = createDashboardServer({ distDir: dist, dataDir: data, engine: { engine: fakeEngine } });
  port = await listen(server, 0, '127.0.0.1');
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('static files', () => {
  it('serves the app with security headers', async () => {
    const index = await get('/');
    expect(index.status).toBe(200);
    expect(index.body.toString()).toContain('<title>app</title>');
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['content-security-policy']).toContain("default-src 'self'");
    const asset = await get('/assets/app-123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('sends the gzipped copy of a built file to clients that accept it', async () => {
    const plain = await get('/assets/big-456.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    const zipped = await get('/assets/big-456.js', { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toContain('javascript');
    expect(zipped.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
  });

  it('serves the browser data as the pipeline wrote it, gzipped when asked, with ETag revalidation', async () => {
    const plain = await get('/data/browser/papers.json');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-type']).toContain('application/json');
    const papers = JSON.parse(plain.body.toString()) as { count: number };
    expect(papers.count).toBeGreaterThan(30);
    const zipped = await get('/data/browser/papers.json', { 'accept-encoding': 'gzip, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const again = await get('/data/browser/papers.json', {
      'if-none-match': String(plain.headers.etag),
    });
    expect(again.status).toBe(304);
    const details = await get('/data/browser/details/0.json');
    expect(details.status).toBe(200);
    expect((JSON.parse(details.body.toString()) as { chunk: number }).chunk).toBe(0);
    for (const path of ['/data/manifest.json', '/data/topics.json', '/data/browser/trends.json'])
      expect((await get(path)).status, path).toBe(200);
  });

  it('answers unknown detail files with 404', async () => {
    for (const path of [
      '/data/browser/details/9999.json',
      '/data/browser/details/01.json',
      '/data/browser/details/-1.json',
      '/data/browser/details/0.json.tmp',
      '/data/browser/',
      '/data/.topics.json.123.tmp',
      '/data/%2etopics.json.123.tmp',
    ])
      expect((await get(path)).status, path).toBe(404);
  });

  it('keeps the full papers and related lists, the vectors and the index private', async () => {
    for (const path of [
      '/data/embeddings.f32',
      '/data/index.hnsw',
      '/data/cache/x',
      '/data/',
      '/data/papers.json',
      '/data/related.json',
      '/data/trends.json',
      '/data/private/index.hnsw',
      '/data/../private/index.hnsw',
      '/data/%2e%2e/private/index.hnsw',
      '/data/%2e%2e%2fprivate%2findex.hnsw',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString()).not.toContain('SECRET');
    }
  });

  it('never serves files outside the build and data folders', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../etc/passwd',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/etc/passwd',
      '/data/../secret.txt',
      '/data/%2e%2e/secret.txt',
      '/data/..%2fsecret.txt',
      '/data/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/../dist-secret/secret.txt',
      '/%2e%2e/dist-secret/secret.txt',
      '/..%5csecret.txt',
      '/data/..%5c..%5csecret.txt',
    ];
    for (const path of attempts) {
      const answer = await get(path);
      expect(answer.status, path).toBeGreaterThanOrEqual(400);
      expect(answer.body.toString(), path).not.toContain('SECRET');
    }
  });
});

describe('search API', () => {
  it('reports health', async () => {
    expect(json(await get('/api/health'))).toEqual({ ok: true, papers: 3, model: 'fake' });
  });

  it('answers searches and similar-paper queries', async () => {
    const search = json(await get('/api/search?q=abc&k=5'));
    expect(search.results).toEqual([{ id: 'a', score: 0.5, ...card }]);
    expect(search.query).toBe('abc');
    const similar = json(await get('/api/similar?ids=a,b&k=5'));
    expect(similar.results).toEqual([{ id: 'c', score: 0.4, ...card }]);
  });

  it('answers bad requests with 400 and a message naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/search', 'q is missing'],
      [`/api/search?q=${'x'.repeat(501)}`, 'limit is 500'],
      ['/api/search?q=x&k=0', 'k must be'],
      ['/api/search?q=x&k=abc', 'k must be'],
      ['/api/similar?ids=zzz', 'unknown paper id'],
      ['/api/similar', 'ids is missing'],
    ];
    for (const [path, text] of cases) {
      const answer = await get(path);
      expect(answer.status, path).toBe(400);
      expect(answer.headers['content-type']).toContain('application/json');
      expect(String(json(answer).error), path).toContain(text);
    }
  });

  it('refuses other methods and unknown routes', async () => {
    expect((await get('/api/search?q=x', {}, 'POST')).status).toBe(405);
    expect((await get('/api/nothing')).status).toBe(404);
  });

  it('says why search is off when there is no engine', async () => {
    const off = createDashboardServer({
      distDir: join(root, 'dist'),
      dataDir: join(root, 'data'),
      engine: { engine: null, reason: 'no index' },
    });
    const offPort = await listen(off, 0, '127.0.0.1');
    try {
      const health = await new Promise<string>((resolve) => {
        request({ host: '127.0.0.1', port: offPort, path: '/api/health' }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => resolve(body));
        }).end();
      });
      expect(JSON.parse(health)).toEqual({ ok: false, error: 'no index' });
    } finally {
      await new Promise((resolve) => off.close(resolve));
    }
  });
});
