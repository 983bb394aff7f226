/**
 * Where the shared real datasets live: `../shared` next to the checkout (as in CI), else
 * `/work/shared`. Tests that use them are skipped when they are absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = [resolve('..', 'shared'), '/work/shared'].find((dir) =>
  existsSync(join(dir, 'datasets')),
);

/** Absolute path of `relative` under `shared/datasets`, or a path that does not exist. */
export function sharedDataset(relative: string): string {
  return join(root ?? '/nonexistent-shared', 'datasets', relative);
}
