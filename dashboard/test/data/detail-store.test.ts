import { describe, expect, it } from 'vitest';
import { DetailStore } from '../../src/lib/data/detail-store.ts';
import { DataProblem } from '../../src/lib/data/load-artifacts.ts';
import {
  BROWSER_PAPERS_FILE,
  manifestFingerprint,
  type BrowserPapersFile,
} from '../../src/lib/data/browser-format.ts';
import { makeFixture } from '../fixtures/make-fixture.ts';
import type { Manifest } from '../../src/lib/data/artifacts.ts';
import { fakeFetch, fixtureDataFiles, type DataFiles } from '../support/browser-files.ts';

const fixture = makeFixture();

function storeOver(files: DataFiles, requested: string[] = []) {
  const papers = JSON.parse(files[BROWSER_PAPERS_FILE]!) as BrowserPapersFile;
  const source = manifestFingerprint(JSON.parse(files['manifest.json']!) as Manifest);
  return new DetailStore(
    'data/',
    fakeFetch(files, requested),
    papers.columns.topic,
    papers.detailChunk,
    source,
  );
}

describe('DetailStore', () => {
  it('fetches a paper’s detail file on first use only, and each file once', async () => {
    const requested: string[] = [];
    const store = storeOver(fixtureDataFiles(fixture, { detailChunk: 8 }), requested);
    expect(store.fileCount).toBe(Math.ceil(fixture.papers.papers.length / 8));
    expect(store.peek(0)).toBeUndefined();
    expect(requested).toEqual([]);

    const details = await store.load(0);
    expect(details.abstract).toBe(fixture.papers.papers[0]!.abstract);
    expect(requested).toEqual([`data/browser/details/${store.fileOf(0)}.json`]);
    const sameFile = fixture.papers.papers.findIndex(
      (_, row) => row !== 0 && store.fileOf(row) === store.fileOf(0),
    );
    expect(store.peek(sameFile)?.abstract).toBe(fixture.papers.papers[sameFile]!.abstract);
    await Promise.all([store.load(sameFile), store.load(0)]);
    expect(requested).toHaveLength(1);
  });

  it('says a detail file from another run means a new run (reload), and tries a failed file again', async () => {
    const files = fixtureDataFiles(fixture, { detailChunk: 8 });
    // Another run: the same files next to a manifest that differs in more than its timings.
    const manifest = JSON.parse(files['manifest.json']!) as Manifest;
    const other = JSON.stringify({ ...manifest, warnings: ['another run'] });
    const store = storeOver({ ...files, 'manifest.json': other });
    const problem = await store.load(0).catch((error: unknown) => error);
    expect(problem).toBeInstanceOf(DataProblem);
    expect((problem as DataProblem).kind).toBe('updated');
    expect((problem as DataProblem).fix).toContain('Reload the page');

    const requested: string[] = [];
    const missing = { ...files };
    const first = storeOver(files);
    delete missing[`browser/details/${first.fileOf(0)}.json`];
    const flaky = storeOver(missing, requested);
    await expect(flaky.load(0)).rejects.toBeInstanceOf(DataProblem);
    await expect(flaky.load(0)).rejects.toBeInstanceOf(DataProblem);
    expect(requested).toHaveLength(2);
  });
});
