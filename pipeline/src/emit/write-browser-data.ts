/**
 * Writes the browser data into the public half of a fresh run folder (a generation nobody reads
 * before it is committed), each file with a gzipped copy next to it when it is over
 * {@link GZIP_MIN_BYTES}.
 */
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { artifactJson } from '../output/atomic-write.ts';
import { writeNewFile } from '../output/durable-file.ts';
import { SCHEMA_VERSION } from '../schema/artifacts.ts';
import {
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  detailFileName,
  type BrowserFileHead,
} from '../schema/browser-files.ts';
import type { EncodedBrowserData } from './encode-browser-data.ts';

const gzipAsync = promisify(gzip);

/** Files at least this large (bytes) get a `.gz` copy; smaller ones gain nothing from it. */
export const GZIP_MIN_BYTES = 1024;

/** zlib level of the `.gz` copies: 6 compresses within 1 % of 9 at a third of the time. */
export const GZIP_LEVEL = 6;

/**
 * Writes `text` to `file`, and its gzip to `file.gz` when it is large enough, in place: the
 * folder is a generation nobody reads before it is committed, so no temporary name is needed.
 * A file already there (a test fixture written twice) is replaced.
 */
export async function writeServedFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await rm(file, { force: true });
  await rm(`${file}.gz`, { force: true });
  await writeNewFile(file, text);
  const bytes = Buffer.from(text);
  if (bytes.length >= GZIP_MIN_BYTES)
    await writeNewFile(`${file}.gz`, await gzipAsync(bytes, { level: GZIP_LEVEL }));
}

/**
 * Writes `data` under `publicDir`, every file headed by the schema version, the format and
 * `source` (the fingerprint of the manifest written with them). The papers file goes last, so
 * that a reader who finds it finds the detail and trends files of the same run.
 */
export async function writeBrowserData(
  publicDir: string,
  data: EncodedBrowserData,
  source: string,
): Promise<void> {
  const head: BrowserFileHead = { schemaVersion: SCHEMA_VERSION, format: BROWSER_FORMAT, source };
  const write = (name: string, body: object) =>
    writeServedFile(join(publicDir, name), artifactJson({ ...head, ...body }));
  for (const file of data.details) await write(detailFileName(file.chunk), file);
  await write(BROWSER_TRENDS_FILE, data.trends);
  await write(BROWSER_PAPERS_FILE, data.papers);
}
