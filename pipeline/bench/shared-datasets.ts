/**
 * Where the shared real datasets live: `$SHARED_DIR` when set, else `../shared` next to the
 * repository (as on the development machines and in CI). Never an absolute machine path.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding `datasets/`. */
export const SHARED_DIR =
  process.env.SHARED_DIR ??
  resolve(fileURLToPath(new URL('../..', import.meta.url)), '..', 'shared');

/** Absolute path of `relative` under the shared `datasets/` folder (which may not exist). */
export function sharedDataset(relative: string): string {
  return join(SHARED_DIR, 'datasets', relative);
}
