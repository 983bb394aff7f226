/**
 * Fetches the data and checks it once, at the boundary: every file must exist, parse, and
 * carry the schema version this build knows; the browser data must be of this build's format
 * and derived from the manifest next to it. Failures become a {@link DataProblem} that tells
 * the reader what happened and what to run.
 *
 * Loaded at start: `manifest.json`, `topics.json`, `themes.json`, `browser/papers.json` and
 * `browser/trends.json`. A paper's details come later, from {@link DetailStore}.
 */
import {
  ARTIFACT_FILES,
  SCHEMA_VERSION,
  SchemaVersionError,
  checkSchemaVersion,
  type Manifest,
  type ThemesFile,
  type TopicsFile,
} from './artifacts.ts';
import {
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  BrowserFormatError,
  checkPapersFile,
  manifestFingerprint,
  type BrowserFileHead,
  type BrowserPapersFile,
  type BrowserTrends,
  type BrowserTrendsFile,
} from './browser-format.ts';

/** Everything the app reads at start, checked. */
export interface LoadedArtifacts {
  manifest: Manifest;
  /** Fingerprint of `manifest.json`, which every browser data file must carry. */
  source: string;
  papers: BrowserPapersFile;
  topics: TopicsFile;
  themes: ThemesFile;
  trends: BrowserTrends;
}

/** Why the data could not be shown. */
export type DataProblemKind =
  | 'missing'
  | 'incomplete'
  | 'stale'
  | 'newer'
  | 'outdated'
  | 'invalid'
  | 'network'
  /** A new pipeline run replaced the data after the page loaded it: a reload shows the new run. */
  | 'updated';

/** A loading failure with the file it concerns and the command that fixes it. */
export class DataProblem extends Error {
  override name = 'DataProblem';
  constructor(
    readonly kind: DataProblemKind,
    /** File name inside the data folder, for example `topics.json`. */
    readonly file: string,
    message: string,
    /** What the reader should do, for example a command to run. */
    readonly fix: string,
  ) {
    super(message);
  }
}

const RUN_PIPELINE = 'Run `npm run pipeline` first, then reload this page.';
const WRITE_AGAIN =
  'Run `npm run pipeline` again (it writes the browser data with the manifest), or for a static host run `npm run build` again; then reload.';

/** The part of `fetch` the loader needs; tests pass a fake. */
export type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'text'>>;

/** Fetches a data file as text; `file` is its path inside the data folder. */
async function fetchText(fetchFn: FetchLike, baseUrl: string, file: string): Promise<string> {
  let response;
  try {
    response = await fetchFn(`${baseUrl}${file}`);
  } catch (error) {
    throw new DataProblem(
      'network',
      file,
      `Could not reach ${baseUrl}${file}: ${(error as Error).message}.`,
      'Check that the dashboard server is still running (`npm run dashboard`).',
    );
  }
  if (response.status === 404) {
    if (file === ARTIFACT_FILES.manifest) {
      throw new DataProblem(
        'missing',
        file,
        `No data yet: ${file} was not found in the data folder.`,
        RUN_PIPELINE,
      );
    }
    if (file === BROWSER_PAPERS_FILE || file === BROWSER_TRENDS_FILE) {
      throw new DataProblem(
        'incomplete',
        file,
        `The data folder has a manifest but no browser data (${file}), which the pipeline writes with it.`,
        'Run `npm run pipeline` again (an older version wrote no browser data); then reload, or for a static host run `npm run build` again.',
      );
    }
    throw new DataProblem(
      'incomplete',
      file,
      `The data folder has a manifest but no ${file}: the last pipeline run did not finish.`,
      RUN_PIPELINE,
    );
  }
  if (!response.ok) {
    const detail = (await response.text().catch(() => '')).slice(0, 300);
    throw new DataProblem(
      'network',
      file,
      `Loading ${file} failed with HTTP ${response.status}${detail ? `: ${detail}` : ''}.`,
      'Check the server log, then reload.',
    );
  }
  return response.text();
}

/** Parses a data file and checks its schema version. */
export function parseChecked(file: string, text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DataProblem(
      'invalid',
      file,
      `${file} is not valid JSON (${(error as Error).message}).`,
      RUN_PIPELINE,
    );
  }
  try {
    checkSchemaVersion(file, value);
  } catch (error) {
    if (!(error instanceof SchemaVersionError)) throw error;
    const newer = typeof error.found === 'number' && error.found > SCHEMA_VERSION;
    throw new DataProblem(
      newer ? 'newer' : 'stale',
      file,
      error.message,
      newer ? 'Update the dashboard (`git pull`, `npm install`), then reload.' : RUN_PIPELINE,
    );
  }
  return value;
}

/** Fetches, parses and checks a JSON data file. */
export async function fetchArtifact(
  fetchFn: FetchLike,
  baseUrl: string,
  file: string,
): Promise<unknown> {
  return parseChecked(file, await fetchText(fetchFn, baseUrl, file));
}

/**
 * Throws a {@link DataProblem} unless a browser data file is of this build's format and was
 * derived from the manifest with fingerprint `source`.
 */
export function checkBrowserHead(file: string, head: BrowserFileHead, source: string): void {
  if (head.format !== BROWSER_FORMAT) {
    throw new DataProblem(
      'outdated',
      file,
      `${file} is in browser data format ${String(head.format)}; this dashboard reads format ${BROWSER_FORMAT}.`,
      WRITE_AGAIN,
    );
  }
  if (head.source !== source) {
    throw new DataProblem(
      'outdated',
      file,
      `${file} was written by another pipeline run than the manifest.json next to it.`,
      WRITE_AGAIN,
    );
  }
}

/**
 * Loads everything the app needs at start from `baseUrl` (ending in `/`, for example
 * `data/`). Every file is requested at once; the manifest's problems are reported first, so
 * that a missing data folder gives one clear message.
 */
export async function loadArtifacts(baseUrl: string, fetchFn: FetchLike): Promise<LoadedArtifacts> {
  const manifestText = fetchText(fetchFn, baseUrl, ARTIFACT_FILES.manifest);
  const rest = Promise.all([
    fetchArtifact(fetchFn, baseUrl, BROWSER_PAPERS_FILE),
    fetchArtifact(fetchFn, baseUrl, ARTIFACT_FILES.topics),
    fetchArtifact(fetchFn, baseUrl, ARTIFACT_FILES.themes),
    fetchArtifact(fetchFn, baseUrl, BROWSER_TRENDS_FILE),
  ]);
  // Reported below, after the manifest's problems.
  rest.catch(() => undefined);
  const text = await manifestText;
  const manifest = parseChecked(ARTIFACT_FILES.manifest, text) as Manifest;
  const source = manifestFingerprint(manifest);
  const [papers, topics, themes, trends] = await rest;
  const papersFile = papers as BrowserPapersFile;
  checkBrowserHead(BROWSER_PAPERS_FILE, papersFile, source);
  checkBrowserHead(BROWSER_TRENDS_FILE, trends as BrowserTrendsFile, source);
  try {
    checkPapersFile(papersFile);
  } catch (error) {
    if (!(error instanceof BrowserFormatError)) throw error;
    throw new DataProblem('invalid', BROWSER_PAPERS_FILE, error.message, WRITE_AGAIN);
  }
  return {
    manifest,
    source,
    papers: papersFile,
    topics: topics as TopicsFile,
    themes: themes as ThemesFile,
    trends: trends as BrowserTrendsFile,
  };
}
