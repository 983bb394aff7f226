import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bundled all-MiniLM-L6-v2 (int8 ONNX) directory; see its MODEL.md. */
export const DEFAULT_MODEL_DIR = fileURLToPath(
  new URL('../../models/all-MiniLM-L6-v2', import.meta.url),
);

/** Checksum list inside a model directory, in `sha256sum` format (`<hex>  <relative path>`). */
export const CHECKSUMS_FILE = 'SHA256SUMS';

/** Files transformers.js reads for a feature-extraction model loaded with dtype `q8`. */
export const REQUIRED_MODEL_FILES = [
  'config.json',
  'onnx/model_quantized.onnx',
  'tokenizer.json',
  'tokenizer_config.json',
] as const;

/** Why a model directory could not be used. */
export type ModelFilesProblem = 'missing' | 'checksum' | 'unlisted' | 'download-refused';

/**
 * A model directory is incomplete or altered, or a model would have to be downloaded without
 * permission. `file` names the offending file (or the model id for `download-refused`).
 */
export class ModelFilesError extends Error {
  constructor(
    readonly file: string,
    readonly problem: ModelFilesProblem,
    message: string,
  ) {
    super(message);
    this.name = 'ModelFilesError';
  }
}

/** sha256 (lowercase hex) of a file's bytes. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Parses `sha256sum` output: relative path → expected hex digest. Blank lines are skipped. */
export function parseChecksums(text: string, source: string): Map<string, string> {
  const sums = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const match = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!match?.[1] || !match[2]) {
      throw new ModelFilesError(
        source,
        'checksum',
        `${source}:${i + 1}: expected "<64 hex digits>  <path>", found "${line.slice(0, 80)}"; ` +
          'regenerate it with `sha256sum <files> > SHA256SUMS` inside the model directory',
      );
    }
    sums.set(match[2], match[1]);
  });
  return sums;
}

/** The model files by relative path with their sha256, and whether a checksum list vouched for them. */
export interface ModelFiles {
  /** Relative path → sha256 hex, sorted by path. */
  files: Record<string, string>;
  /** True when every required file matched the directory's `SHA256SUMS`. */
  verified: boolean;
}

/**
 * Hashes the files of a model directory. When the directory holds `SHA256SUMS`, every listed
 * file must match it and every required file must be listed; otherwise the required files are
 * only hashed (for the manifest) and `verified` is false.
 *
 * @throws {ModelFilesError} naming the first missing, unlisted or altered file.
 */
export async function checkModelFiles(dir: string, requireChecksums: boolean): Promise<ModelFiles> {
  const sumsPath = join(dir, CHECKSUMS_FILE);
  let sumsText: string | null = null;
  try {
    sumsText = await readFile(sumsPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (requireChecksums) {
      throw new ModelFilesError(
        sumsPath,
        'missing',
        `${sumsPath} is missing, so the bundled model cannot be verified; restore it from version control`,
      );
    }
  }
  const expected = sumsText === null ? null : parseChecksums(sumsText, sumsPath);
  const paths = new Set<string>([...REQUIRED_MODEL_FILES, ...(expected?.keys() ?? [])]);
  const files: Record<string, string> = {};
  for (const rel of [...paths].sort()) {
    const file = join(dir, rel);
    let actual: string;
    try {
      actual = await sha256File(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new ModelFilesError(
        file,
        'missing',
        `model file ${file} is missing; a feature-extraction model directory needs ` +
          `${REQUIRED_MODEL_FILES.join(', ')}`,
      );
    }
    if (expected) {
      const want = expected.get(rel);
      if (want === undefined) {
        throw new ModelFilesError(
          file,
          'unlisted',
          `model file ${file} is not listed in ${sumsPath}; add its sha256 there`,
        );
      }
      if (want !== actual) {
        throw new ModelFilesError(
          file,
          'checksum',
          `model file ${file} has sha256 ${actual}, but ${sumsPath} expects ${want}; ` +
            'the file was altered or is incomplete: restore it (for the bundled model, from version control)',
        );
      }
    }
    files[rel] = actual;
  }
  return { files, verified: expected !== null };
}

/**
 * Short content hash over all model files: changes whenever any file changes, so it can stand
 * for the weights in cache keys. 16 hex digits of sha256 over the sorted `path:hash` lines.
 */
export function modelFingerprint(files: Record<string, string>): string {
  const lines = Object.keys(files)
    .sort()
    .map((path) => `${path}:${files[path]}\n`)
    .join('');
  return createHash('sha256').update(lines).digest('hex').slice(0, 16);
}
