/**
 * The browser data of a data folder (`<data>/browser/`, format in
 * `src/lib/data/browser-format.ts`): derived from the pipeline's artifacts, written next to
 * them, and derived again whenever `manifest.json` changes (every pipeline run rewrites it).
 * Used by `npm run dashboard` (on start and before serving a browser file) and by
 * `npm run build`. The pipeline never reads or writes it.
 */
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ARTIFACT_FILES,
  SCHEMA_VERSION,
  checkSchemaVersion,
  type PapersFile,
  type RelatedFile,
  type ThemesFile,
  type TopicsFile,
  type TrendsFile,
} from '../src/lib/data/artifacts.ts';
import {
  BROWSER_DIR,
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  detailFileName,
  manifestFingerprint,
  type BrowserFileHead,
} from '../src/lib/data/browser-format.ts';
import { encodeBrowserData, type BrowserSources, type EncodeOptions } from './browser-encode.ts';

/** Why the browser data could not be derived; `missing` names an absent artifact. */
export class BrowserDataError extends Error {
  override name = 'BrowserDataError';
  constructor(
    message: string,
    readonly missing: boolean,
  ) {
    super(message);
  }
}

/** The browser data of a data folder, as last made sure of. */
export interface BrowserDataState {
  /** Fingerprint of the manifest the files were derived from. */
  source: string;
  /** Number of detail files. */
  detailFiles: number;
  /** Whether this call derived the files (false: they were already up to date). */
  derived: boolean;
  /** Time spent deriving and writing, ms (0 when up to date). */
  ms: number;
}

async function readText(dataDir: string, name: string): Promise<string> {
  try {
    return await readFile(join(dataDir, name), 'utf8');
  } catch {
    throw new BrowserDataError(
      `${name} is not in ${dataDir}: run \`npm run pipeline\` (again, if the last run did not finish)`,
      true,
    );
  }
}

async function readArtifact<T>(dataDir: string, name: string): Promise<T> {
  const value = JSON.parse(await readText(dataDir, name)) as unknown;
  checkSchemaVersion(name, value);
  return value as T;
}

/** Reads the artifacts the browser data is derived from, checking their schema version. */
export async function readBrowserSources(dataDir: string): Promise<BrowserSources> {
  const manifestText = await readText(dataDir, ARTIFACT_FILES.manifest);
  checkSchemaVersion(ARTIFACT_FILES.manifest, JSON.parse(manifestText));
  const [papers, related, topics, themes, trends] = await Promise.all([
    readArtifact<PapersFile>(dataDir, ARTIFACT_FILES.papers),
    readArtifact<RelatedFile>(dataDir, ARTIFACT_FILES.related),
    readArtifact<TopicsFile>(dataDir, ARTIFACT_FILES.topics),
    readArtifact<ThemesFile>(dataDir, ARTIFACT_FILES.themes),
    readArtifact<TrendsFile>(dataDir, ARTIFACT_FILES.trends),
  ]);
  return { manifestText, papers, related, topics, themes, trends };
}

let temporaries = 0;

/** Writes a file through a temporary name, so that a reader never sees half of it. */
async function writeAtomic(file: string, text: string): Promise<void> {
  // Unique per write: two derivations of one folder may run at once (two servers, or a build).
  const temp = `${file}.${process.pid}-${temporaries++}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** The head of the browser data in `dataDir`, or null when there is none (or it is unreadable). */
async function currentHead(dataDir: string): Promise<BrowserFileHead | null> {
  try {
    const text = await readFile(join(dataDir, BROWSER_PAPERS_FILE), 'utf8');
    const { schemaVersion, format, source } = JSON.parse(text) as BrowserFileHead;
    return { schemaVersion, format, source };
  } catch {
    return null;
  }
}

/** Number of detail files in `dataDir`'s browser data. */
async function countDetailFiles(dataDir: string): Promise<number> {
  const names = await readdir(join(dataDir, BROWSER_DIR, 'details')).catch(() => []);
  return names.filter((name) => /^\d+\.json$/.test(name)).length;
}

/**
 * Derives and writes the browser data of `dataDir`: the detail and trends files first, the
 * papers file last (it is what marks the data as derived from a manifest), then drops detail files left
 * over from a larger run. Derives again when the manifest changed meanwhile (a pipeline run
 * finished during the derivation).
 */
export async function deriveBrowserData(
  dataDir: string,
  options: EncodeOptions = {},
): Promise<BrowserDataState> {
  const started = performance.now();
  for (let attempt = 0; ; attempt++) {
    const sources = await readBrowserSources(dataDir);
    const encoded = encodeBrowserData(sources, options);
    const detailsDir = join(dataDir, BROWSER_DIR, 'details');
    await mkdir(detailsDir, { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      throw new BrowserDataError(
        `cannot write ${join(dataDir, BROWSER_DIR)} (${error.code ?? error.message}): the dashboard keeps the browser data next to the pipeline's artifacts; make the data folder writable`,
        false,
      );
    });
    for (const file of encoded.details)
      await writeAtomic(join(dataDir, detailFileName(file.chunk)), JSON.stringify(file));
    await writeAtomic(join(dataDir, BROWSER_TRENDS_FILE), JSON.stringify(encoded.trends));
    const now = await readText(dataDir, ARTIFACT_FILES.manifest);
    if (manifestFingerprint(now) !== encoded.papers.source && attempt < 2) continue;
    await writeAtomic(join(dataDir, BROWSER_PAPERS_FILE), JSON.stringify(encoded.papers));
    for (const name of await readdir(detailsDir)) {
      const chunk = /^(\d+)\.json$/.exec(name);
      if (chunk && Number(chunk[1]) >= encoded.details.length)
        await rm(join(detailsDir, name), { force: true });
    }
    return {
      source: encoded.papers.source,
      detailFiles: encoded.details.length,
      derived: true,
      ms: performance.now() - started,
    };
  }
}

/**
 * Makes sure `dataDir` has browser data derived from its current manifest, by this format
 * version; derives it otherwise.
 *
 * @throws {BrowserDataError} when an artifact is missing.
 * @throws {SchemaVersionError} when an artifact has another schema version.
 */
export async function ensureBrowserData(
  dataDir: string,
  options: EncodeOptions = {},
): Promise<BrowserDataState> {
  const manifest = await readText(dataDir, ARTIFACT_FILES.manifest);
  const source = manifestFingerprint(manifest);
  const head = await currentHead(dataDir);
  if (
    head?.source === source &&
    head.format === BROWSER_FORMAT &&
    head.schemaVersion === SCHEMA_VERSION
  ) {
    return { source, detailFiles: await countDetailFiles(dataDir), derived: false, ms: 0 };
  }
  return deriveBrowserData(dataDir, options);
}

/**
 * {@link ensureBrowserData} for a server: remembers the manifest's size and modification
 * time, so that a request costs one `stat` while nothing changed, and runs one derivation at
 * a time however many requests wait for it.
 */
export class BrowserDataKeeper {
  readonly #dataDir: string;
  readonly #options: EncodeOptions;
  #checked: string | null = null;
  #pending: Promise<BrowserDataState> | null = null;

  constructor(dataDir: string, options: EncodeOptions = {}) {
    this.#dataDir = dataDir;
    this.#options = options;
  }

  /** Resolves once the browser data matches the current manifest. */
  async ensure(): Promise<void> {
    await this.refresh();
  }

  /** Like {@link ensure}, with the state when a derivation ran, null when nothing changed. */
  async refresh(): Promise<BrowserDataState | null> {
    let info;
    try {
      info = await stat(join(this.#dataDir, ARTIFACT_FILES.manifest));
    } catch {
      throw new BrowserDataError(
        `no data in ${this.#dataDir}: run \`npm run pipeline\` first`,
        true,
      );
    }
    const version = `${info.size}:${info.mtimeMs}`;
    if (version === this.#checked) return null;
    this.#pending ??= ensureBrowserData(this.#dataDir, this.#options).finally(() => {
      this.#pending = null;
    });
    const state = await this.#pending;
    this.#checked = version;
    return state;
  }
}
