/**
 * The only part of ingest that touches the file system: which files the input paths name, and
 * their bytes.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/** An input path that cannot be used at all. The CLI maps it to the "could not run" exit code. */
export class InputError extends Error {
  override name = 'InputError';
}

/** File names a directory input takes: these extensions, optionally followed by `.gz`. */
export const SUPPORTED_FILE = /\.(?:txt|json|jsonl|ndjson)(?:\.gz)?$/i;

/** The files to read, in reading order, and notes about what was left out. */
export interface InputListing {
  /** Paths as given, joined with the file name for directory inputs. */
  files: string[];
  warnings: string[];
}

/**
 * Expands input paths: a file is read whatever its name (the format is detected from its
 * content); a directory gives its supported files (see {@link SUPPORTED_FILE}), sorted by name,
 * not descending into subdirectories. Other entries of a directory are listed in a warning. A
 * file named twice is read once. Throws {@link InputError} for a path that does not exist or is
 * neither a file nor a directory.
 */
export async function listInputFiles(paths: readonly string[]): Promise<InputListing> {
  const files: string[] = [];
  const warnings: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = resolve(file);
    if (seen.has(key)) {
      warnings.push(`${file}: named more than once; read once`);
      return;
    }
    seen.add(key);
    files.push(file);
  };
  for (const path of paths) {
    let kind;
    try {
      kind = await stat(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ENOENT'
          ? `input ${path} does not exist; give a page, JSON or JSONL file or a folder of them`
          : `input ${path} cannot be read (${code ?? String(error)})`,
      );
    }
    if (kind.isFile()) {
      add(path);
      continue;
    }
    if (!kind.isDirectory()) throw new InputError(`input ${path} is neither a file nor a folder`);
    const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const skipped: string[] = [];
    for (const entry of entries) {
      const file = join(path, entry.name);
      const isFile = entry.isSymbolicLink()
        ? await stat(file).then(
            (target) => target.isFile(),
            () => false,
          )
        : entry.isFile();
      if (isFile && SUPPORTED_FILE.test(entry.name)) add(file);
      else skipped.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
    }
    if (skipped.length > 0) {
      warnings.push(
        `${path}: skipped ${skipped.length} entries that are not .txt/.json/.jsonl/.ndjson files (optionally .gz) or are subfolders: ${skipped.join(', ')}`,
      );
    }
    if (entries.length === skipped.length) warnings.push(`${path}: no input files in this folder`);
  }
  return { files, warnings };
}

/** The bytes of one input file. */
export async function readInputFile(file: string): Promise<Uint8Array> {
  return readFile(file);
}
