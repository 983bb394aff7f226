import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeBrowserData, GZIP_MIN_BYTES } from '../../src/emit/write-browser-data.ts';
import type { EncodedBrowserData } from '../../src/emit/encode-browser-data.ts';
import {
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  detailFileName,
} from '../../src/schema/browser-files.ts';
import { SCHEMA_VERSION } from '../../src/schema/artifacts.ts';
import { emptyTrends } from '../support/empty-trends.ts';

/** Browser data with `details` detail files, the papers file padded to `titleChars`. */
function data(details: number, titleChars = 10): EncodedBrowserData {
  return {
    papers: {
      count: 1,
      days: [],
      themes: [],
      detailChunk: 1,
      columns: {
        id: ['a'],
        title: ['t'.repeat(titleChars)],
        topic: [0],
        x: [0],
        y: [0],
        dates: [[]],
        themes: [[]],
      },
    },
    details: Array.from({ length: details }, (_, chunk) => ({
      chunk,
      rows: [chunk],
      abstract: ['x'],
      arxivId: [null],
      url: [null],
      nearestTopics: [[]],
      related: [[]],
      terms: [[]],
    })),
    trends: emptyTrends(),
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'browser-data-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('writeBrowserData', () => {
  it('heads every file with the schema version, the format and the run fingerprint', async () => {
    await writeBrowserData(dir, data(2), 'abcd1234');
    for (const name of [BROWSER_PAPERS_FILE, BROWSER_TRENDS_FILE, detailFileName(1)]) {
      const file = JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
      expect(file.schemaVersion, name).toBe(SCHEMA_VERSION);
      expect(file.format, name).toBe(BROWSER_FORMAT);
      expect(file.source, name).toBe('abcd1234');
    }
  });

  it('writes a gzipped copy of the same bytes next to files over the threshold only', async () => {
    await writeBrowserData(dir, data(1, GZIP_MIN_BYTES), 'x');
    const papers = await readFile(join(dir, BROWSER_PAPERS_FILE));
    expect(gunzipSync(await readFile(join(dir, `${BROWSER_PAPERS_FILE}.gz`))).equals(papers)).toBe(
      true,
    );
    const names = await readdir(join(dir, 'browser', 'details'));
    expect(names).toEqual(['0.json']);
  });

  it('leaves no stale .gz copy when a file is written again smaller', async () => {
    // Runs write into fresh generation folders; a fixture written twice into one folder must
    // still not leave a copy that a server would send instead of the new file.
    await writeBrowserData(dir, data(3, GZIP_MIN_BYTES), 'x');
    expect(await readdir(join(dir, 'browser'))).toContain('papers.json.gz');
    await writeBrowserData(dir, data(1), 'y');
    expect(await readdir(join(dir, 'browser'))).not.toContain('papers.json.gz');
  });
});
