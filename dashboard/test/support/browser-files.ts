/**
 * The files the app fetches, in memory: the fixture's small artifacts and its browser data,
 * encoded by the pipeline's emit stage, behind a fake `fetch`.
 */
import {
  encodeBrowserData,
  type BrowserSources,
  type EncodeOptions,
} from '../../../pipeline/src/emit/encode-browser-data.ts';
import { SCHEMA_VERSION } from '../../../pipeline/src/schema/artifacts.ts';
import {
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  detailFileName,
  manifestFingerprint,
} from '../../../pipeline/src/schema/browser-files.ts';
import type { FetchLike } from '../../src/lib/data/load-artifacts.ts';
import { makeFixture, type FixtureArtifacts } from '../fixtures/make-fixture.ts';

/** Data files by their path in the data folder, as text. */
export type DataFiles = Record<string, string>;

/** The emit stage's input for `fixture`. */
export function browserSources(fixture: FixtureArtifacts): BrowserSources {
  return {
    papers: fixture.papers.papers,
    related: fixture.related.related,
    topics: { topics: fixture.topics.topics, changes: fixture.topics.changes },
    themes: fixture.themes.themes,
    trends: fixture.trends,
  };
}

/** Every file the app may fetch for `fixture`, keyed by path inside the data folder. */
export function fixtureDataFiles(
  fixture: FixtureArtifacts = makeFixture(),
  options: EncodeOptions = {},
): DataFiles {
  const manifestText = `${JSON.stringify(fixture.manifest, null, 1)}\n`;
  const encoded = encodeBrowserData(browserSources(fixture), options);
  const head = {
    schemaVersion: SCHEMA_VERSION,
    format: BROWSER_FORMAT,
    source: manifestFingerprint(fixture.manifest),
  };
  const files: DataFiles = {
    'manifest.json': manifestText,
    'topics.json': JSON.stringify(fixture.topics),
    'themes.json': JSON.stringify(fixture.themes),
    [BROWSER_PAPERS_FILE]: JSON.stringify({ ...head, ...encoded.papers }),
    [BROWSER_TRENDS_FILE]: JSON.stringify({ ...head, ...encoded.trends }),
  };
  for (const file of encoded.details)
    files[detailFileName(file.chunk)] = JSON.stringify({ ...head, ...file });
  return files;
}

/** A `fetch` answering from `files` (404 for anything else); records every URL asked for. */
export function fakeFetch(files: DataFiles, requested: string[] = []): FetchLike {
  return async (url: string) => {
    requested.push(url);
    const name = url.replace(/^data\//, '');
    const text = files[name];
    if (text === undefined) return { ok: false, status: 404, text: async () => 'not found' };
    return { ok: true, status: 200, text: async () => text };
  };
}
