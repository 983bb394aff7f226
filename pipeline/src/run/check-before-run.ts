/**
 * Checks made before a run reads or embeds anything, so that a mistake in the command line
 * costs a second, not the minutes of embedding after which it would otherwise surface: the
 * output folder must be usable (`output-dir.ts`, which creates it), the cache folder must be a
 * folder or creatable as one, and the watch-list must load.
 */
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { loadThemeFile, type LoadedThemeFile } from '../themes/theme-config.ts';
import { OutputPathError, prepareOutputDir } from './output-dir.ts';
import type { RunOptions } from './run-options.ts';

/**
 * Throws {@link OutputPathError} when `path`, or the nearest part of it that exists, is not a
 * folder (a file, or something else), since no folder can then be made there.
 */
export async function checkFolderPath(path: string, option: string): Promise<void> {
  let current = resolve(path);
  for (;;) {
    let info;
    try {
      info = await stat(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(current) === current) {
        throw new OutputPathError(`${option} ${path}: cannot use ${current} (${code ?? error})`);
      }
      current = dirname(current);
      continue;
    }
    if (info.isDirectory()) return;
    throw new OutputPathError(
      current === resolve(path)
        ? `${option} ${path} is a file, not a folder: pass a folder (it is created when missing)`
        : `${option} ${path}: ${current} is a file, so no folder can be made inside it`,
    );
  }
}

/** Runs the checks; returns the watch-list they loaded. */
export async function checkBeforeRun(options: RunOptions): Promise<{ themeFile: LoadedThemeFile }> {
  await prepareOutputDir(options.outDir, options.inputs);
  await checkFolderPath(options.cacheDir, '--cache-dir');
  return { themeFile: await loadThemeFile(options.themesFile) };
}
