/**
 * The server's defences: the Host header check against DNS rebinding, over-long requests
 * answered as documented (400 JSON, not a bare 431), and no absolute path of the machine in
 * the served manifest, whose fingerprint still matches the browser data derived from the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type IncomingMessage, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDashboardServer, listen } from '../../server/create-server.ts';
import { allowedHostNames, hostNameOf, isAllowedHost } from '../../server/host-check.ts';
import { OVERSIZED_MESSAGE } from '../../server/oversized-request.ts';
import { manifestFingerprint } from '../../src/lib/data/browser-format.ts';
import { publicManifestText } from '../../../pipeline/src/schema/public-manifest.ts';
import { writeFixture } from '../fixtures/make-fixture.ts';
import { artifactPath } from '../../../pipeline/src/output/run-folder.ts';
import type { Manifest } from '../../../pipeline/src/schema/artifacts.ts';

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

let root: string;
let dataDir: string;
const servers: Server[] = [];

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function serve(host: string): Promise<number> {
  const server = createDashboardServer({
    distDir: join(root, 'dist'),
    dataDir,
    host,
    engine: { engine: null, reason: 'not needed here' },
  });
  servers.push(server);
  return listen(server, 0, '127.0.0.1');
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dashboard-hardening-'));
  await mkdir(join(root, 'dist'));
  await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>app</title>');
  dataDir = join(root, 'data');
  // A run given absolute paths: an input file, a model directory and a watch-list file.
  await writeFixture(dataDir, {
    editManifest: (manifest) => {
      manifest.inputs[0]!.file = '/home/someone/private/corpus/2024-03-11.json';
      manifest.model.id = '/opt/models/all-MiniLM-L6-v2';
      manifest.themes = { file: '/home/someone/my-themes.json', sha256: 'a'.repeat(64) };
    },
  });
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  await rm(root, { recursive: true, force: true });
});

describe('Host header', () => {
  it('answers the bound address and the loopback names, and refuses any other name', async () => {
    const port = await serve('127.0.0.1');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`])
      expect((await get(port, '/api/health', { host })).status, host).toBe(200);
    for (const host of [
      `attacker.example:${port}`,
      'attacker.example',
      `127.0.0.1.nip.io:${port}`,
    ]) {
      const answer = await get(port, '/api/health', { host });
      expect(answer.status, host).toBe(403);
      expect(answer.headers['content-type']).toContain('application/json');
      expect((JSON.parse(answer.body) as { error: string }).error).toContain('is not served');
      // Not the data either.
      expect((await get(port, '/data/manifest.json', { host })).status).toBe(403);
    }
  });

  it('accepts IP literals but no DNS name when bound to every interface', () => {
    const allowed = allowedHostNames('0.0.0.0');
    const req = (host: string) => ({ headers: { host } }) as IncomingMessage;
    expect(isAllowedHost(req('192.168.1.20:5173'), allowed)).toBe(true);
    expect(isAllowedHost(req('localhost:5173'), allowed)).toBe(true);
    expect(isAllowedHost(req('rebind.attacker.example:5173'), allowed)).toBe(false);
    expect(isAllowedHost({ headers: {} } as IncomingMessage, allowed)).toBe(false);
    expect(hostNameOf('[::1]:80')).toBe('[::1]');
    expect(hostNameOf('LocalHost:80')).toBe('localhost');
  });
});

describe('over-long requests', () => {
  it('answers a search text of 20,000 characters with the documented 400 JSON', async () => {
    const port = await serve('127.0.0.1');
    const answer = await get(port, `/api/search?q=${'x'.repeat(20_000)}`);
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(JSON.parse(answer.body)).toEqual({ error: OVERSIZED_MESSAGE });
    // The server still answers afterwards.
    expect((await get(port, '/api/health')).status).toBe(200);
  });
});

describe('served manifest', () => {
  it('reduces absolute paths to file names and keeps the browser data’s fingerprint', async () => {
    const port = await serve('127.0.0.1');
    const served = await get(port, '/data/manifest.json');
    expect(served.status).toBe(200);
    expect(served.body).not.toContain('/home/someone');
    expect(served.body).not.toContain('/opt/models');
    const manifest = JSON.parse(served.body) as {
      inputs: { file: string }[];
      model: { id: string };
      themes: { file: string; sha256: string };
    };
    expect(manifest.inputs[0]!.file).toBe('2024-03-11.json');
    expect(manifest.model.id).toBe('all-MiniLM-L6-v2');
    expect(manifest.themes).toEqual({ file: 'my-themes.json', sha256: 'a'.repeat(64) });
    // Relative inputs stay as they were.
    expect(manifest.inputs.slice(1).every((input) => input.file.startsWith('seeds/'))).toBe(true);

    const papers = JSON.parse((await get(port, '/data/browser/papers.json')).body) as {
      source: string;
    };
    expect(manifestFingerprint(JSON.parse(served.body) as Manifest)).toBe(papers.source);
    const onDisk = await readFile(artifactPath(dataDir, 'manifest'), 'utf8');
    expect(onDisk).toContain('/home/someone');
    expect(manifestFingerprint(JSON.parse(onDisk) as Manifest)).toBe(papers.source);
  });

  it('leaves a manifest without absolute paths byte for byte, and is idempotent', async () => {
    const text =
      '{"inputs":[{"file":"seeds/a.txt"}],"model":{"id":"x"},"themes":{"file":"pipeline/config/themes.json"}}';
    expect(publicManifestText(text)).toBe(text);
    const once = publicManifestText('{"inputs":[{"file":"C:\\\\data\\\\a.json"}]}');
    expect(JSON.parse(once)).toEqual({ inputs: [{ file: 'a.json' }] });
    expect(publicManifestText(once)).toBe(once);
  });
});
