/**
 * Content-addressed embedding cache: a vector is stored under sha256(model id, pooling, token
 * cap, text), so a new day embeds only the texts never seen before, and a different model or
 * setting never reuses old vectors. One binary file per cache directory (format in
 * `cache-file.ts`), loaded whole into a Map and rewritten atomically (temp file, then rename).
 * Two processes sharing a directory do not corrupt it; the last one to save wins. Entries are
 * never evicted: delete the directory to reclaim the space.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../output/atomic-write.ts';
import { decodeCache, encodeCache, type CacheEntry } from './cache-file.ts';
import type { EmbedProgress, Embedder, EmbeddingBatch } from './embedder.ts';

/** File name of the cache inside its directory. */
export const CACHE_FILE = 'embeddings-v1.bin';

/** The cache holds vectors of another length than the model makes: a broken contract. */
export class EmbeddingDimensionError extends Error {
  constructor(
    readonly file: string,
    readonly cacheDim: number,
    readonly modelDim: number,
  ) {
    super(
      `${file} holds ${cacheDim}-dimensional embeddings, but the model makes ${modelDim}; ` +
        'use another cache directory for this model, or delete the file',
    );
    this.name = 'EmbeddingDimensionError';
  }
}

/** The settings that decide a vector besides the text. */
export type CacheKeyParts = Pick<Embedder, 'modelId' | 'pooling' | 'maxTokens'>;

/** Cache key of a text: sha256 hex of model id, pooling, token cap and text, NUL-separated. */
export function cacheKey(parts: CacheKeyParts, text: string): string {
  return createHash('sha256')
    .update(`${parts.modelId}\0${parts.pooling}\0${parts.maxTokens}\0${text}`)
    .digest('hex');
}

/** Embeddings by cache key, backed by `<dir>/embeddings-v1.bin`. */
export class EmbeddingCache {
  private dirty = false;

  private constructor(
    /** Path of the cache file. */
    readonly file: string,
    private vectorLength: number | null,
    private readonly entries: Map<string, CacheEntry>,
    /** Set when the file was corrupt and the cache started empty: what happened, one line. */
    readonly warning: string | null,
  ) {}

  /**
   * Loads the cache of `dir` (missing file: empty cache). A corrupt file is not fatal: the
   * cache starts empty, says so in `warning`, and replaces the file on the next save.
   *
   * @param embedder when given, its dimension is checked against the file's right away.
   * @throws {EmbeddingDimensionError} when the file holds vectors of another dimension.
   */
  static async open(dir: string, embedder?: Pick<Embedder, 'dim'>): Promise<EmbeddingCache> {
    const cache = await EmbeddingCache.read(join(dir, CACHE_FILE));
    if (embedder && cache.dim !== null && cache.dim !== embedder.dim) {
      throw new EmbeddingDimensionError(cache.file, cache.dim, embedder.dim);
    }
    return cache;
  }

  private static async read(file: string): Promise<EmbeddingCache> {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return new EmbeddingCache(file, null, new Map(), null);
      }
      throw error;
    }
    try {
      const { dim, entries } = decodeCache(bytes);
      return new EmbeddingCache(file, dim, entries, null);
    } catch (error) {
      const warning =
        `embedding cache ${file} is corrupt (${(error as Error).message}); ` +
        'starting with an empty cache, the file will be replaced on save';
      return new EmbeddingCache(file, null, new Map(), warning);
    }
  }

  /** Vector length of the entries; null while the cache is empty and new. */
  get dim(): number | null {
    return this.vectorLength;
  }

  /** Number of cached vectors. */
  get size(): number {
    return this.entries.size;
  }

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  /** Adds or replaces an entry; the first entry of an empty cache sets `dim`. */
  set(key: string, entry: CacheEntry): void {
    this.vectorLength ??= entry.vector.length;
    if (entry.vector.length !== this.vectorLength) {
      throw new EmbeddingDimensionError(this.file, this.vectorLength, entry.vector.length);
    }
    this.entries.set(key, entry);
    this.dirty = true;
  }

  /** Writes the file atomically when something changed since loading or the last save. */
  async save(): Promise<void> {
    if (!this.dirty || this.vectorLength === null) return;
    await writeFileAtomic(this.file, encodeCache(this.vectorLength, this.entries));
    this.dirty = false;
  }
}

/** Vectors for every text, and how many came from the cache. */
export interface CachedEmbedding extends EmbeddingBatch {
  /** Texts whose vector was in the cache before the call. */
  hits: number;
  /** Distinct texts embedded by the model in this call (a text repeated in the input counts once). */
  computed: number;
  /** Texts longer than the embedder's `maxTokens` (cut, or embedded in windows when it chunks). */
  long: number;
}

/** Options of {@link embedWithCache}. */
export interface EmbedWithCacheOptions {
  /**
   * Save the cache after every this many newly embedded texts, so an interrupted run keeps its
   * work. Default 5,000; each save rewrites the whole file.
   */
  checkpointEvery?: number;
}

/**
 * Embeds only the texts missing from the cache, adds them to it, saves it, and returns all
 * vectors in the order of `texts`.
 *
 * @param onProgress called with texts embedded so far and the number of texts to embed.
 * @throws {EmbeddingDimensionError} when the cache and the embedder disagree on the dimension.
 */
export async function embedWithCache(
  embedder: Embedder,
  texts: string[],
  cache: EmbeddingCache,
  onProgress?: EmbedProgress,
  options: EmbedWithCacheOptions = {},
): Promise<CachedEmbedding> {
  const dim = embedder.dim;
  if (cache.dim !== null && cache.dim !== dim) {
    throw new EmbeddingDimensionError(cache.file, cache.dim, dim);
  }
  const checkpointEvery = options.checkpointEvery ?? 5000;
  const keys = texts.map((text) => cacheKey(embedder, text));

  let hits = 0;
  const missing = new Map<string, string>();
  keys.forEach((key, i) => {
    if (cache.get(key)) hits += 1;
    else if (!missing.has(key)) missing.set(key, texts[i] as string);
  });

  const todo = [...missing];
  for (let start = 0; start < todo.length; start += checkpointEvery) {
    const chunk = todo.slice(start, start + checkpointEvery);
    const batch = await embedder.embed(
      chunk.map(([, text]) => text),
      onProgress && ((done) => onProgress(start + done, todo.length)),
    );
    if (batch.dim !== dim) throw new EmbeddingDimensionError(cache.file, dim, batch.dim);
    chunk.forEach(([key], j) => {
      const vector = batch.vectors.slice(j * dim, (j + 1) * dim);
      cache.set(key, { vector, tokens: batch.tokens[j] as number });
    });
    await cache.save();
  }

  const vectors = new Float32Array(texts.length * dim);
  const tokens = new Uint32Array(texts.length);
  let long = 0;
  keys.forEach((key, i) => {
    const entry = cache.get(key) as CacheEntry;
    vectors.set(entry.vector, i * dim);
    tokens[i] = entry.tokens;
    if (entry.tokens > embedder.maxTokens) long += 1;
  });
  const truncated = embedder.chunksLongTexts ? 0 : long;
  return { vectors, dim, truncated, tokens, hits, computed: todo.length, long };
}
