import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BrowserDataError,
  BrowserDataKeeper,
  ensureBrowserData,
} from '../../server/browser-data.ts';
import { SchemaVersionError } from '../../src/lib/data/artifacts.ts';
import {
  BROWSER_PAPERS_FILE,
  decodePapers,
  manifestFingerprint,
  type BrowserPapersFile,
} from '../../src/lib/data/browser-format.ts';
import { writeFixture } from '../fixtures/make-fixture.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'browser-data-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function dataFolder(name: string): Promise<string> {
  const dir = join(root, name);
  writeFixture(dir);
  return dir;
}

const readPapers = async (dir: string) =>
  JSON.parse(await readFile(join(dir, BROWSER_PAPERS_FILE), 'utf8')) as BrowserPapersFile;

const detailNames = async (dir: string) =>
  (await readdir(join(dir, 'browser', 'details'))).sort((a, b) => parseInt(a) - parseInt(b));

describe('ensureBrowserData', () => {
  it('derives the browser data next to the artifacts, once per manifest', async () => {
    const dir = await dataFolder('once');
    const first = await ensureBrowserData(dir, { detailChunk: 10 });
    expect(first.derived).toBe(true);
    const papers = await readPapers(dir);
    const manifest = await readFile(join(dir, 'manifest.json'), 'utf8');
    expect(papers.source).toBe(manifestFingerprint(manifest));
    const full = JSON.parse(await readFile(join(dir, 'papers.json'), 'utf8')) as {
      papers: { id: string; title: string }[];
    };
    expect(decodePapers(papers).map((paper) => paper.title)).toEqual(
      full.papers.map((paper) => paper.title),
    );
    expect(await detailNames(dir)).toHaveLength(first.detailFiles);

    const again = await ensureBrowserData(dir, { detailChunk: 10 });
    expect(again).toMatchObject({ derived: false, source: first.source });
  });

  it('derives again when the manifest changes, dropping detail files left over', async () => {
    const dir = await dataFolder('again');
    const first = await ensureBrowserData(dir, { detailChunk: 5 });
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as object;
    await writeFile(
      join(dir, 'manifest.json'),
      JSON.stringify({ ...manifest, timingsMs: { total: 42 } }),
    );
    const second = await ensureBrowserData(dir, { detailChunk: 20 });
    expect(second.derived).toBe(true);
    expect(second.source).not.toBe(first.source);
    expect(second.detailFiles).toBeLessThan(first.detailFiles);
    expect(await detailNames(dir)).toEqual(
      Array.from({ length: second.detailFiles }, (_, i) => `${i}.json`),
    );
    expect((await readdir(join(dir, 'browser'))).filter((name) => name.endsWith('.tmp'))).toEqual(
      [],
    );
  });

  it('names a missing artifact, and refuses artifacts of another schema version', async () => {
    const dir = await dataFolder('broken');
    await rm(join(dir, 'related.json'));
    const missing = await ensureBrowserData(dir).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(BrowserDataError);
    expect((missing as BrowserDataError).missing).toBe(true);
    expect((missing as Error).message).toContain('related.json');
    expect(existsSync(join(dir, BROWSER_PAPERS_FILE))).toBe(false);

    const old = await dataFolder('old');
    const topics = JSON.parse(await readFile(join(old, 'topics.json'), 'utf8')) as object;
    await writeFile(join(old, 'topics.json'), JSON.stringify({ ...topics, schemaVersion: 0 }));
    await expect(ensureBrowserData(old)).rejects.toBeInstanceOf(SchemaVersionError);
  });
});

describe('BrowserDataKeeper', () => {
  it('derives once for concurrent requests, and again after the manifest changes', async () => {
    const dir = await dataFolder('keeper');
    const keeper = new BrowserDataKeeper(dir);
    const states = await Promise.all([keeper.refresh(), keeper.refresh(), keeper.refresh()]);
    // One derivation, shared by every request that waited for it.
    expect(states[0]?.derived).toBe(true);
    expect(states[1]).toBe(states[0]);
    expect(states[2]).toBe(states[0]);
    expect(await keeper.refresh()).toBeNull();
    await writeFile(join(dir, 'manifest.json'), '{"schemaVersion": 1, "changed": true}\n');
    expect((await keeper.refresh())?.derived).toBe(true);
  });
});
