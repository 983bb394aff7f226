/**
 * Paths on the command line are the caller's: `npm run` starts the command in the repository
 * root but records the folder it was called from in `INIT_CWD`, so a relative `--out` or
 * `--input` must be resolved against that folder, not the repository.
 */
import { isAbsolute, resolve } from 'node:path';
import type { CliValues } from './resolve-options.ts';

/** The folder the user ran the command from: `INIT_CWD` under npm, else the working directory. */
export function callerDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD && isAbsolute(env.INIT_CWD) ? env.INIT_CWD : process.cwd();
}

/**
 * A path option of a command: resolved against the caller's folder ({@link callerDir}) when the
 * user typed it, else against the working directory (the repository under `npm run`), where the
 * defaults live.
 */
export function resolveOptionPath(
  value: string,
  typed: boolean,
  env: NodeJS.ProcessEnv = process.env,
): string {
  return resolve(typed ? callerDir(env) : process.cwd(), value);
}

/** Options that name files or folders. */
const PATH_OPTIONS = ['out', 'config', 'themes', 'cacheDir'] as const;

/**
 * `values` with every path the user typed (`given(name)` true) resolved against `base`. Defaults
 * (`data`, `seeds`, the config file) stay relative to the repository, where they live.
 */
export function resolveCallerPaths(
  values: CliValues,
  given: (option: string) => boolean,
  base: string,
): CliValues {
  const resolved: CliValues = { ...values };
  for (const option of PATH_OPTIONS) {
    const value = values[option];
    if (typeof value === 'string' && given(option)) resolved[option] = resolve(base, value);
  }
  if (values.input && given('input'))
    resolved.input = values.input.map((path) => resolve(base, path));
  return resolved;
}
