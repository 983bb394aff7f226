/**
 * The shared terms of related papers (shared-terms.ts) that the previous run already found, so
 * that a run on unchanged papers, topics and watch-list themes does not tokenize every abstract
 * again to find the same terms.
 *
 * The terms of a pair depend only on the two papers, on every paper's text (plurals fold by what
 * the whole corpus uses) and on the topic and theme keywords. So the previous terms are reused
 * only when `papers.json`, `topics.json` and `themes.json` as this run will write them are
 * byte-identical to the previous run's (their sha256 against the digests its verified manifest
 * recorded), the tool is the same release, and each previous detail file is intact: read from
 * its `.gz` copy (gzip checks its CRC-32; a file under 1 kB has none and is read as it is), of
 * this tool's schema and browser format, and stamped with the previous manifest's fingerprint. Anything else, and the terms are found anew; a pair
 * the previous run did not relate (the related lists changed) is found anew in any case.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { digestAsync } from '../output/checksums.ts';
import { runFolderParts } from '../output/run-folder.ts';
import {
  ARTIFACT_FILES,
  SCHEMA_VERSION,
  type Manifest,
  type Paper,
  type Theme,
  type TopicsFile,
} from '../schema/artifacts.ts';
import {
  BROWSER_FORMAT,
  detailFileName,
  manifestFingerprint,
  type BrowserDetailsFile,
} from '../schema/browser-files.ts';
import { artifactTexts } from '../run/artifact-texts.ts';
import { pairKey } from './encode-browser-data.ts';
import { GZIP_MIN_BYTES } from './write-browser-data.ts';

const gunzipAsync = promisify(gunzip);

/** The previous run as this step reads it. */
export interface PreviousTermsSource {
  /** The previous generation folder. */
  dir: string;
  /** Its verified manifest. */
  manifest: Manifest | undefined;
  /** Paper ids in the previous `papers.json` order (the rows of its browser files). */
  ids: readonly string[];
}

/** Reused terms by {@link pairKey}, or why none are reused. */
export type PreviousTerms =
  { terms: Map<string, string[]>; reason?: undefined } | { terms?: undefined; reason: string };

/** True when two JSON values serialize alike (the manifest's tool record). */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The previous run's shared terms, when they are certain to be this run's (see the module
 * comment); otherwise the reason they are not reused.
 */
export async function readPreviousTerms(
  previous: PreviousTermsSource | undefined,
  current: {
    papers: readonly Paper[];
    topics: Omit<TopicsFile, 'schemaVersion'>;
    themes: readonly Theme[];
    tool: Manifest['tool'];
  },
): Promise<PreviousTerms> {
  const manifest = previous?.manifest;
  if (!previous || !manifest?.artifacts) return { reason: 'no previous run' };
  if (!sameJson(manifest.tool, current.tool)) {
    return { reason: 'the previous run was made by another release' };
  }
  const texts: [string, string][] = [
    [ARTIFACT_FILES.papers, artifactTexts.papers(current.papers)],
    [ARTIFACT_FILES.topics, artifactTexts.topics(current.topics)],
    [ARTIFACT_FILES.themes, artifactTexts.themes(current.themes)],
  ];
  for (const [name, text] of texts) {
    const recorded = manifest.artifacts[name];
    const digest = await digestAsync(text);
    if (!recorded || recorded.sha256 !== digest.sha256 || recorded.bytes !== digest.bytes) {
      return { reason: `${name} differs from the previous run's` };
    }
  }

  const publicDir = runFolderParts(previous.dir).public;
  const fingerprint = manifestFingerprint(manifest);
  const terms = new Map<string, string[]>();
  for (let chunk = 0; ; chunk++) {
    const read = await readDetails(join(publicDir, detailFileName(chunk)));
    if (read === 'missing' && chunk > 0) break;
    if (typeof read === 'string') return { reason: read === 'missing' ? 'no detail files' : read };
    const { file, details } = read;
    const problem = detailsProblem(details, chunk, fingerprint, previous.ids.length);
    if (problem) return { reason: `${file} ${problem}` };
    details.rows.forEach((row, i) => {
      const pairs = details.related[i]!;
      const found = details.terms[i]!;
      for (let j = 0; j < found.length; j++) {
        terms.set(pairKey(previous.ids[row]!, previous.ids[pairs[2 * j]!]!), found[j]!);
      }
    });
  }
  return { terms };
}

/**
 * A previous detail file, from its `.gz` copy (gzip checks the CRC-32 of what it inflates), or
 * from the file itself when it is too small to have one; `'missing'` when there is neither, else
 * why it cannot be read.
 */
async function readDetails(
  file: string,
): Promise<{ file: string; details: BrowserDetailsFile } | 'missing' | string> {
  const parse = (text: string, source: string) => {
    try {
      return { file: source, details: JSON.parse(text) as BrowserDetailsFile };
    } catch (error) {
      return `${source} is damaged (${(error as Error).message})`;
    }
  };
  try {
    const inflated = await gunzipAsync(await readFile(`${file}.gz`));
    return parse(inflated.toString('utf8'), `${file}.gz`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return `${file}.gz is damaged (${(error as Error).message})`;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'missing' : `${file} is unreadable (${code})`;
  }
  // The writer gives every file of GZIP_MIN_BYTES or more a .gz copy.
  if (bytes.byteLength >= GZIP_MIN_BYTES) return `${file} has lost its .gz copy`;
  return parse(bytes.toString('utf8'), file);
}

/** Why a previous detail file cannot be read for its terms, or undefined when it can. */
function detailsProblem(
  details: BrowserDetailsFile,
  chunk: number,
  fingerprint: string,
  papers: number,
): string | undefined {
  if (details.schemaVersion !== SCHEMA_VERSION || details.format !== BROWSER_FORMAT) {
    return `has schema ${details.schemaVersion} and format ${details.format}`;
  }
  if (details.source !== fingerprint) return 'belongs to another run than its manifest';
  const rowOk = (row: unknown) =>
    Number.isInteger(row) && (row as number) >= 0 && (row as number) < papers;
  const shaped =
    details.chunk === chunk &&
    Array.isArray(details.rows) &&
    details.rows.every(rowOk) &&
    details.rows.every(
      (_, i) =>
        Array.isArray(details.related[i]) &&
        Array.isArray(details.terms[i]) &&
        details.related[i]!.length === 2 * details.terms[i]!.length &&
        details.related[i]!.every((value, k) => k % 2 === 1 || rowOk(value)),
    );
  return shaped ? undefined : 'does not hold the papers of its run';
}
