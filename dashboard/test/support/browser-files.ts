/**
 * The files the app fetches, in memory: the fixture's small artifacts and its browser data,
 * encoded the way the server does, behind a fake `fetch`.
 */
import { encodeBrowserData, type EncodeOptions } from '../../server/browser-encode.ts';
import {
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  detailFileName,
} from '../../src/lib/data/browser-format.ts';
import type { FetchLike } from '../../src/lib/data/load-artifacts.ts';
import { makeFixture, type FixtureArtifacts } from '../fixtures/make-fixture.ts';

/** Data files by their path in the data folder, as text. */
export type DataFiles = Record<string, string>;

/** Every file the app may fetch for `fixture`, keyed by path inside the data folder. */
export function fixtureDataFiles(
  fixture: FixtureArtifacts = makeFixture(),
  options: EncodeOptions = {},
): DataFiles {
  const manifestText = `${JSON.stringify(fixture.manifest, null, 1)}\n`;
  const encoded = encodeBrowserData({ ...fixture, manifestText }, options);
  const files: DataFiles = {
    'manifest.json': manifestText,
    'topics.json': JSON.stringify(fixture.topics),
    'themes.json': JSON.stringify(fixture.themes),
    [BROWSER_PAPERS_FILE]: JSON.stringify(encoded.papers),
    [BROWSER_TRENDS_FILE]: JSON.stringify(encoded.trends),
  };
  for (const file of encoded.details) files[detailFileName(file.chunk)] = JSON.stringify(file);
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
