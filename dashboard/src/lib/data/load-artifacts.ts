/**
 * Fetches the artifacts and checks them once, at the boundary: every file must exist, parse,
 * and carry the schema version this build knows. Failures become a {@link DataProblem} that
 * tells the reader what happened and what to run.
 */
import {
  ARTIFACT_FILES,
  BROWSER_ARTIFACTS,
  SCHEMA_VERSION,
  SchemaVersionError,
  checkSchemaVersion,
  type BrowserArtifact,
  type Manifest,
  type PapersFile,
  type RelatedFile,
  type ThemesFile,
  type TopicsFile,
  type TrendsFile,
} from './artifacts.ts';

/** Every artifact the app reads, checked. */
export interface LoadedArtifacts {
  manifest: Manifest;
  papers: PapersFile;
  related: RelatedFile;
  topics: TopicsFile;
  themes: ThemesFile;
  trends: TrendsFile;
}

/** Why the data could not be shown. */
export type DataProblemKind = 'missing' | 'incomplete' | 'stale' | 'newer' | 'invalid' | 'network';

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

/** The part of `fetch` the loader needs; tests pass a fake. */
export type FetchLike = (url: string) => Promise<Pick<Response, 'ok' | 'status' | 'text'>>;

async function fetchArtifact(
  fetchFn: FetchLike,
  baseUrl: string,
  name: BrowserArtifact,
): Promise<unknown> {
  const file = ARTIFACT_FILES[name];
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
    const kind = name === 'manifest' ? 'missing' : 'incomplete';
    const message =
      kind === 'missing'
        ? `No data yet: ${file} was not found in the data folder.`
        : `The data folder has a manifest but no ${file}: the last pipeline run did not finish.`;
    throw new DataProblem(kind, file, message, RUN_PIPELINE);
  }
  if (!response.ok) {
    throw new DataProblem(
      'network',
      file,
      `Loading ${file} failed with HTTP ${response.status}.`,
      'Check the server log, then reload.',
    );
  }
  const text = await response.text();
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

/**
 * Loads every browser artifact from `baseUrl` (ending in `/`, for example `data/`). The
 * manifest is read first so that a missing data folder gives one clear message.
 */
export async function loadArtifacts(baseUrl: string, fetchFn: FetchLike): Promise<LoadedArtifacts> {
  const manifest = (await fetchArtifact(
    fetchFn,
    baseUrl,
    'manifest',
  )) as LoadedArtifacts['manifest'];
  const rest = BROWSER_ARTIFACTS.filter((name) => name !== 'manifest');
  const values = await Promise.all(rest.map((name) => fetchArtifact(fetchFn, baseUrl, name)));
  const byName = Object.fromEntries(rest.map((name, i) => [name, values[i]])) as Omit<
    LoadedArtifacts,
    'manifest'
  >;
  return { manifest, ...byName };
}
