import { join } from 'node:path';
import { DEFAULT_INDEX_PARAMS } from '../index/hnsw-index.ts';
import { DEFAULTS } from '../defaults.ts';

/** Everything one pipeline run needs to know, after the command line and config are merged. */
export interface RunOptions {
  /** Files or directories to read, in the order given. */
  inputs: string[];
  /** Output folder for the artifacts. */
  outDir: string;
  /** Folder of the content-addressed embedding cache. Default `<outDir>/cache`. */
  cacheDir: string;
  /** Year for page dates that show none, and where it came from; undefined when not set. */
  year?: { value: number; source: 'option' | 'config' };
  /** Model directory or hub id; undefined for the bundled all-MiniLM-L6-v2 (int8). */
  model?: string;
  /** Allow downloading `model` from the Hugging Face hub. Default false: offline. */
  allowDownload: boolean;
  /** Related papers per paper, ≥ 1. Default {@link DEFAULTS}.k. */
  k: number;
  /** HNSW parameters. */
  index: { M: number; efConstruction: number; efSearch: number; seed: number };
  /** Seed of the topic clustering and of the map layout. */
  seed: number;
  /** Theme watch-list file. */
  themesFile: string;
  /** Recompute the whole map instead of keeping the places of papers already laid out. */
  refitLayout: boolean;
  /**
   * Cluster all papers anew instead of adding the new ones to the previous run's topics (topic
   * ids still carry over where topics match).
   */
  refitTopics: boolean;
  /** Build the index from all papers instead of extending the previous run's. */
  rebuildIndex: boolean;
  /** Stop at the first rejected record or file instead of counting it and going on. */
  failFast: boolean;
}

/**
 * The options `npm run pipeline` uses by default, reading `inputs` into `outDir` with the cache
 * in `<outDir>/cache`; `overrides` replace any of them.
 */
export function defaultRunOptions(
  inputs: string[],
  outDir: string,
  overrides: Partial<RunOptions> = {},
): RunOptions {
  return {
    inputs,
    outDir,
    cacheDir: join(outDir, 'cache'),
    allowDownload: false,
    k: DEFAULTS.k,
    index: { ...DEFAULT_INDEX_PARAMS },
    seed: DEFAULTS.seed,
    themesFile: 'pipeline/config/themes.json',
    refitLayout: false,
    refitTopics: false,
    rebuildIndex: false,
    failFast: false,
    ...overrides,
  };
}
