/**
 * Where the shared real datasets live: `$SHARED_DIR` when set, else `../shared` next to the
 * repository (as on the development machines and in CI). Tests that use them are skipped when
 * they are absent.
 */
export { sharedDataset } from '../../bench/shared-datasets.ts';
