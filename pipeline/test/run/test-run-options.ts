import { join } from 'node:path';
import type { RunOptions } from '../../src/run/run-options.ts';
import { DEFAULT_INDEX_PARAMS } from '../../src/index/hnsw-index.ts';

/** The options `npm run pipeline` would use for `inputs` and `outDir`, with year 2024. */
export function testRunOptions(inputs: string[], outDir: string): RunOptions {
  return {
    inputs,
    outDir,
    cacheDir: join(outDir, 'cache'),
    year: { value: 2024, source: 'config' },
    allowDownload: false,
    k: 10,
    index: { ...DEFAULT_INDEX_PARAMS },
    seed: DEFAULT_INDEX_PARAMS.seed,
    themesFile: 'pipeline/config/themes.json',
    refitLayout: false,
    refitTopics: false,
    rebuildIndex: false,
    failFast: false,
  };
}
