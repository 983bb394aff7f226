/**
 * Shipped vectors are used only when they come from the model in use: unit tests with the fake
 * embedder for every way they can fail to match, and one test of the real shipped file against
 * the real bundled model.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCache, type CacheEntry } from '../../src/embed/cache-file.ts';
import { cacheKey, EmbeddingCache } from '../../src/embed/embedding-cache.ts';
import { seedCacheFromShippedVectors, ShippedVectorsInfo } from '../../src/demo/shipped-vectors.ts';
import { DEMO_CORPUS, DEMO_VECTORS, DEMO_VECTORS_INFO } from '../../src/demo/demo-files.ts';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import { loadTransformersEmbedder, paperText } from '../../src/embed/transformers-embedder.ts';
import { createFakeEmbedder, fakeVector } from '../embed/fake-embedder.ts';

const TEXTS = Array.from({ length: 10 }, (_, i) => `paper ${i} about topic ${i % 3} and more`);
const embedder = Object.assign(createFakeEmbedder(16), {
  files: { 'model.onnx': 'aa', 'tokenizer.json': 'bb' },
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'shipped-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** Writes vectors and info for TEXTS; `vector` may spoil them. */
async function ship(
  change: Partial<ShippedVectorsInfo> = {},
  vector: (text: string) => Float32Array = (text) => fakeVector(text, 16),
) {
  const entries = new Map<string, CacheEntry>(
    TEXTS.map((text) => [cacheKey(embedder, text), { vector: vector(text), tokens: 9 }]),
  );
  const gz = gzipSync(encodeCache(16, entries));
  const files = { vectors: join(dir, 'v.bin.gz'), info: join(dir, 'v.json') };
  await writeFile(files.vectors, gz);
  const info: ShippedVectorsInfo = {
    modelId: embedder.modelId,
    pooling: 'mean',
    maxTokens: embedder.maxTokens,
    dim: 16,
    files: { ...embedder.files },
    count: entries.size,
    sha256: createHash('sha256').update(gz).digest('hex'),
    ...change,
  };
  await writeFile(files.info, JSON.stringify(info));
  return files;
}

describe('seedCacheFromShippedVectors', () => {
  it('adds matching vectors to the cache under the pipeline keys', async () => {
    const files = await ship();
    const result = await seedCacheFromShippedVectors(files, join(dir, 'cache'), embedder, TEXTS);
    expect(result).toEqual({ used: true, added: 10, checked: 4 });
    const cache = await EmbeddingCache.open(join(dir, 'cache'));
    expect(cache.size).toBe(10);
    expect([...cache.get(cacheKey(embedder, TEXTS[3]!))!.vector]).toEqual([
      ...fakeVector(TEXTS[3]!, 16),
    ]);
  });

  it('refuses vectors made with another model file', async () => {
    const files = await ship({ files: { 'model.onnx': 'cc', 'tokenizer.json': 'bb' } });
    const result = await seedCacheFromShippedVectors(files, join(dir, 'cache'), embedder, TEXTS);
    expect(result).toEqual({
      used: false,
      reason: 'model file model.onnx has sha256 aa, the vectors were made with cc',
    });
    expect(existsSync(join(dir, 'cache'))).toBe(false);
  });

  it('refuses a file that does not match its recorded sha256', async () => {
    const files = await ship({ sha256: '0'.repeat(64) });
    const result = await seedCacheFromShippedVectors(files, join(dir, 'cache'), embedder, TEXTS);
    expect(result).toMatchObject({ used: false, reason: expect.stringMatching(/sha256/) });
  });

  it('refuses vectors the model does not reproduce', async () => {
    const files = await ship({}, (text) => fakeVector(`${text} changed words`, 16));
    const result = await seedCacheFromShippedVectors(files, join(dir, 'cache'), embedder, TEXTS);
    expect(result).toMatchObject({ used: false, reason: expect.stringMatching(/cosine/) });
  });

  it('keeps vectors already in the cache', async () => {
    const files = await ship();
    await seedCacheFromShippedVectors(files, join(dir, 'cache'), embedder, TEXTS);
    const again = await seedCacheFromShippedVectors(files, join(dir, 'cache'), embedder, TEXTS);
    expect(again).toEqual({ used: true, added: 0, checked: 4 });
  });
});

describe('the shipped demo vectors', () => {
  it('match the bundled model: file hashes, and vectors recomputed now', async () => {
    const real = await loadTransformersEmbedder();
    try {
      const info = ShippedVectorsInfo.parse(JSON.parse(await readFile(DEMO_VECTORS_INFO, 'utf8')));
      expect(info.files).toEqual(real.files);
      expect(info.count).toBe(9877);
      const ingest = await ingestInputs([DEMO_CORPUS], {});
      const texts = ingest.papers.slice(0, 40).map((p) => paperText(p.title, p.abstract));
      const result = await seedCacheFromShippedVectors(
        { vectors: DEMO_VECTORS, info: DEMO_VECTORS_INFO },
        join(dir, 'cache'),
        real,
        texts,
      );
      expect(result).toEqual({ used: true, added: 9877, checked: 4 });
    } finally {
      await real.dispose();
    }
  });
});
