import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCache, encodeCache, type CacheEntry } from '../../src/embed/cache-file.ts';
import {
  CACHE_FILE,
  cacheKey,
  EmbeddingCache,
  EmbeddingDimensionError,
  embedWithCache,
} from '../../src/embed/embedding-cache.ts';
import { createFakeEmbedder } from './fake-embedder.ts';

const TEXTS = [
  'Parameter competition balancing for model merging',
  'Merging models with Fisher-weighted averaging',
  'Global vision transformer pruning with Hessian-aware saliency',
];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'embedding-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('embedWithCache', () => {
  it('embeds everything once, then nothing on the second call (also after reopening)', async () => {
    const embedder = createFakeEmbedder(16);
    const first = await embedWithCache(embedder, TEXTS, await EmbeddingCache.open(dir));
    expect(first).toMatchObject({ hits: 0, computed: 3, dim: 16 });
    expect(embedder.calls.flat()).toHaveLength(3);

    const reopened = await EmbeddingCache.open(dir);
    expect(reopened.size).toBe(3);
    const second = await embedWithCache(embedder, TEXTS, reopened);
    expect(second).toMatchObject({ hits: 3, computed: 0 });
    expect(embedder.calls.flat()).toHaveLength(3);
    expect(second.vectors).toEqual(first.vectors);
  });

  it('computes only the one new text, and returns vectors in input order', async () => {
    const embedder = createFakeEmbedder(16);
    const cache = await EmbeddingCache.open(dir);
    await embedWithCache(embedder, TEXTS.slice(0, 2), cache);
    const texts = [TEXTS[2] as string, TEXTS[0] as string, TEXTS[1] as string];
    const result = await embedWithCache(embedder, texts, cache);
    expect(result).toMatchObject({ hits: 2, computed: 1 });
    expect(embedder.calls.at(-1)).toEqual([TEXTS[2]]);
    const direct = await createFakeEmbedder(16).embed(texts);
    expect(result.vectors).toEqual(direct.vectors);
  });

  it('misses when the model id, pooling or token cap differ', async () => {
    const cache = await EmbeddingCache.open(dir);
    await embedWithCache(createFakeEmbedder(16, { modelId: 'a' }), TEXTS, cache);
    const other = await embedWithCache(createFakeEmbedder(16, { modelId: 'b' }), TEXTS, cache);
    expect(other).toMatchObject({ hits: 0, computed: 3 });
    const capped = await embedWithCache(
      createFakeEmbedder(16, { modelId: 'a', maxTokens: 8 }),
      TEXTS,
      cache,
    );
    expect(capped.hits).toBe(0);
    const base = { modelId: 'a', pooling: 'mean' as const, maxTokens: 256 };
    expect(cacheKey(base, 'x')).not.toBe(cacheKey({ ...base, maxTokens: 255 }, 'x'));
    expect(cacheKey(base, 'x')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('embeds a text repeated in the input once', async () => {
    const embedder = createFakeEmbedder(16);
    const result = await embedWithCache(
      embedder,
      [TEXTS[0] as string, TEXTS[0] as string],
      await EmbeddingCache.open(dir),
    );
    expect(result.computed).toBe(1);
    expect(result.vectors.subarray(0, 16)).toEqual(result.vectors.subarray(16, 32));
  });

  it('counts truncated texts from the cache too', async () => {
    const embedder = createFakeEmbedder(16, { maxTokens: 6 });
    const texts = ['one two three four five six seven', 'short text'];
    const cache = await EmbeddingCache.open(dir);
    expect((await embedWithCache(embedder, texts, cache)).truncated).toBe(1);
    const again = await embedWithCache(embedder, texts, cache);
    expect(again).toMatchObject({ hits: 2, truncated: 1 });
    expect([...again.tokens]).toEqual([9, 4]);
  });

  it('saves at checkpoints and reports progress over the texts to embed', async () => {
    const embedder = createFakeEmbedder(16);
    const progress: [number, number][] = [];
    await embedWithCache(
      embedder,
      TEXTS,
      await EmbeddingCache.open(dir),
      (done, total) => progress.push([done, total]),
      {
        checkpointEvery: 2,
      },
    );
    expect(embedder.calls).toEqual([TEXTS.slice(0, 2), TEXTS.slice(2)]);
    expect(progress.at(-1)).toEqual([3, 3]);
    expect((await EmbeddingCache.open(dir)).size).toBe(3);
  });

  it('refuses a cache of another dimension, on open and on embed', async () => {
    await embedWithCache(createFakeEmbedder(16), TEXTS, await EmbeddingCache.open(dir));
    await expect(EmbeddingCache.open(dir, createFakeEmbedder(8))).rejects.toBeInstanceOf(
      EmbeddingDimensionError,
    );
    const cache = await EmbeddingCache.open(dir);
    const error = await embedWithCache(createFakeEmbedder(8), TEXTS, cache).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EmbeddingDimensionError);
    expect((error as Error).message).toContain(CACHE_FILE);
  });
});

describe('cache file', () => {
  it('starts empty with a warning when the file is corrupt, then replaces it', async () => {
    const embedder = createFakeEmbedder(16);
    await embedWithCache(embedder, TEXTS, await EmbeddingCache.open(dir));
    const file = join(dir, CACHE_FILE);
    const bytes = await readFile(file);
    bytes[100] = (bytes[100] as number) ^ 0xff;
    await writeFile(file, bytes);

    const damaged = await EmbeddingCache.open(dir);
    expect(damaged.size).toBe(0);
    expect(damaged.warning).toMatch(/corrupt \(checksum mismatch\).*empty cache/);
    const result = await embedWithCache(embedder, TEXTS, damaged);
    expect(result.computed).toBe(3);
    expect((await EmbeddingCache.open(dir)).warning).toBeNull();
  });

  it('says why a truncated or foreign file is rejected', async () => {
    await embedWithCache(createFakeEmbedder(16), TEXTS, await EmbeddingCache.open(dir));
    const file = join(dir, CACHE_FILE);
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, bytes.length - 10));
    expect((await EmbeddingCache.open(dir)).warning).toMatch(/bytes, expected/);
    await writeFile(file, 'not an embedding cache. '.repeat(8));
    expect((await EmbeddingCache.open(dir)).warning).toMatch(/bad magic/);
  });

  it('round-trips entries, with bytes independent of insertion order', () => {
    const entry = (seed: number): CacheEntry => ({
      vector: Float32Array.from({ length: 4 }, (_, i) => seed + i / 8),
      tokens: seed,
    });
    const keys = ['ff'.repeat(32), '00'.repeat(32), 'ab'.repeat(32)];
    const forward = new Map(keys.map((key, i) => [key, entry(i)]));
    const backward = new Map([...forward].reverse());
    const bytes = encodeCache(4, forward);
    expect(encodeCache(4, backward).equals(bytes)).toBe(true);
    const decoded = decodeCache(bytes);
    expect(decoded.dim).toBe(4);
    expect([...decoded.entries.keys()]).toEqual([...keys].sort());
    for (const [key, value] of forward) expect(decoded.entries.get(key)).toEqual(value);
    expect(bytes.length).toBe(24 + 3 * (36 + 16) + 32);
  });

  it('writes nothing when nothing changed', async () => {
    const cache = await EmbeddingCache.open(dir);
    await cache.save();
    await expect(stat(join(dir, CACHE_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
