/**
 * Checks of the output folder, made before any input is read: a run must not find out after
 * minutes of embedding that it cannot write, nor write where it does harm. Every command that
 * runs the pipeline (`pipeline`, `update`, `demo`) gets them through `check-before-run.ts`.
 */
import { access, mkdir, realpath, stat, unlink, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';

/**
 * Thrown when an output path cannot become a folder, or must not; the message names the fix.
 */
export class OutputPathError extends Error {
  override name = 'OutputPathError';

  /**
   * @param misuse true when the command line names a folder it must never name (the file system
   *   root, an input folder): a usage error rather than a run that could not be done.
   */
  constructor(
    message: string,
    readonly misuse = false,
  ) {
    super(message);
  }
}

/**
 * Folders created at most to make the output folder. Far more than any real output path needs;
 * it bounds the work when the file system answers in ways that never converge (`/proc`).
 */
export const MAX_NEW_FOLDERS = 32;

async function kindOf(path: string): Promise<'dir' | 'other' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'other';
  } catch (error) {
    // ENOTDIR: a parent is a file; the walk up finds it and says so.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'missing';
    throw new OutputPathError(
      `--out ${path} cannot be used (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

const realOrResolved = (path: string) => realpath(path).catch(() => resolve(path));

/**
 * Makes sure `outDir` can take the artifacts, creating it (and at most
 * {@link MAX_NEW_FOLDERS} missing parents) when needed. Throws {@link OutputPathError}:
 * - a misuse (exit 2) for the file system root, or a folder that is one of the `inputs` (the
 *   artifacts would be read as input by the next run);
 * - otherwise (exit 1) for a path that is a file or under one, cannot be created, or is not
 *   writable.
 */
export async function prepareOutputDir(outDir: string, inputs: readonly string[]): Promise<void> {
  const target = resolve(outDir);
  if (parse(target).root === target) {
    throw new OutputPathError(
      `--out ${outDir} is the root of the file system; give a folder of its own, for example --out data`,
      true,
    );
  }
  const realTarget = await realOrResolved(target);
  for (const input of inputs) {
    if ((await kindOf(resolve(input)).catch(() => 'missing')) !== 'dir') continue;
    if ((await realOrResolved(input)) === realTarget) {
      throw new OutputPathError(
        `--out ${outDir} is the input folder ${input}: the next run would read the artifacts as input; choose another --out`,
        true,
      );
    }
  }

  const missing: string[] = [];
  let existing = target;
  while ((await kindOf(existing)) === 'missing') {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing || missing.length > MAX_NEW_FOLDERS) {
      throw new OutputPathError(
        `--out ${outDir}: more than ${MAX_NEW_FOLDERS} missing folders above it; create the folder first`,
      );
    }
    existing = parent;
  }
  if ((await kindOf(existing)) !== 'dir') {
    throw new OutputPathError(
      `--out ${outDir}: ${existing} is a file, not a folder; choose another --out`,
    );
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      if (code === 'EEXIST' && (await kindOf(folder)) === 'dir') continue;
      throw new OutputPathError(`--out ${outDir}: cannot create ${folder} (${code})`);
    }
    if ((await kindOf(folder)) !== 'dir') {
      throw new OutputPathError(`--out ${outDir}: ${folder} was not created as a folder`);
    }
  }
  // Permission bits do not tell everything (read-only mounts, pseudo file systems): write a probe.
  const probe = join(target, `.write-probe-${process.pid}`);
  try {
    await access(target, constants.W_OK);
    await writeFile(probe, '');
    await unlink(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new OutputPathError(`--out ${outDir} is not writable (${code})`);
  }
}
