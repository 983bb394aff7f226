import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_MODEL_DIR,
  loadTransformersEmbedder,
  ModelFilesError,
  paperText,
  type TransformersEmbedder,
} from '../../src/embed/transformers-embedder.ts';
import { EmbeddingCache, embedWithCache } from '../../src/embed/embedding-cache.ts';

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] as number), 0);
}

function rows(vectors: Float32Array, dim: number): Float32Array[] {
  return Array.from({ length: vectors.length / dim }, (_, i) =>
    vectors.subarray(i * dim, (i + 1) * dim),
  );
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  return a.reduce((max, value, i) => Math.max(max, Math.abs(value - (b[i] as number))), 0);
}

const TEXTS = [
  'Model merging combines several fine-tuned models into a single multi-task model.',
  'Merging fine-tuned networks yields one model that can handle many tasks.',
  'The recipe calls for two cups of flour and a pinch of salt.',
  paperText('A survey', 'We review diffusion models for video generation. '.repeat(6)),
  'Short.',
];

let embedder: TransformersEmbedder;
let truncating: TransformersEmbedder;
beforeAll(async () => {
  embedder = await loadTransformersEmbedder({ chunks: 'default' });
  truncating = await loadTransformersEmbedder();
});
afterAll(async () => {
  await embedder.dispose();
  await truncating.dispose();
});

/** 254 content tokens about merging, then a tail about protein folding past the 256-token cap. */
const MERGING = Array.from({ length: 254 }, (_, i) => (i % 2 ? 'merging' : 'model')).join(' ');
const LONG = `${MERGING} ${'Protein structure prediction with folding models. '.repeat(12)}`;

describe('loadTransformersEmbedder (bundled all-MiniLM-L6-v2)', () => {
  it('describes the verified bundled model', () => {
    expect(embedder).toMatchObject({
      dim: 384,
      maxTokens: 256,
      pooling: 'mean+chunks/32/title-weighted',
      chunksLongTexts: true,
      dtype: 'q8',
    });
    expect(truncating).toMatchObject({ pooling: 'mean', chunksLongTexts: false });
    expect(embedder.verified).toBe(true);
    expect(embedder.modelId).toMatch(/^all-MiniLM-L6-v2:q8:[0-9a-f]{16}$/);
    expect(Object.keys(embedder.files)).toContain('onnx/model_quantized.onnx');
  });

  it('scores paraphrases well above unrelated sentences, with unit vectors', async () => {
    const { vectors, dim } = await embedder.embed(TEXTS.slice(0, 3));
    const [merge, paraphrase, recipe] = rows(vectors, dim) as [
      Float32Array,
      Float32Array,
      Float32Array,
    ];
    for (const row of [merge, paraphrase, recipe]) expect(cosine(row, row)).toBeCloseTo(1, 5);
    const similar = cosine(merge, paraphrase);
    expect(similar).toBeGreaterThan(0.6);
    expect(similar).toBeGreaterThan(cosine(merge, recipe) + 0.3);
  });

  it('returns the same vectors for a list as for each text alone, in input order', async () => {
    const progress: number[] = [];
    const list = await embedder.embed(TEXTS, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    for (const [i, text] of TEXTS.entries()) {
      const alone = await embedder.embed([text]);
      expect(maxAbsDiff(list.vectors.subarray(i * 384, (i + 1) * 384), alone.vectors)).toBeLessThan(
        1e-6,
      );
    }
  });

  it('counts texts cut to 256 tokens and keeps the closing [SEP] when cutting', async () => {
    const words = Array.from({ length: 254 }, (_, i) => (i % 2 ? 'merging' : 'model'));
    const exact = words.join(' ');
    const longer = `${exact} ${'extra words beyond the cap '.repeat(20)}`;
    const result = await truncating.embed([exact, longer, 'short']);
    expect(result.truncated).toBe(1);
    expect(result.tokens[0]).toBe(256);
    expect(result.tokens[1]).toBeGreaterThan(256);
    // Cut to its first 255 tokens plus [SEP], the longer text is exactly the 256-token one.
    const [first, second] = rows(result.vectors, 384) as [Float32Array, Float32Array];
    expect(maxAbsDiff(first, second)).toBe(0);
  });

  it('embeds each text alone by default, because batched int8 inference depends on the batch', async () => {
    const batched = await loadTransformersEmbedder({ batchSize: 8 });
    try {
      expect(embedder.batchSize).toBe(1);
      const together = await batched.embed(TEXTS);
      const alone = await embedder.embed(TEXTS);
      const pairs = rows(together.vectors, 384).map((row, i) =>
        cosine(row, rows(alone.vectors, 384)[i] as Float32Array),
      );
      // Length-sorted batches still come back in input order: each row is its own text...
      for (const similarity of pairs) expect(similarity).toBeGreaterThan(0.97);
      // ...but not bit-for-bit the vector of the text embedded alone.
      expect(Math.min(...pairs)).toBeLessThan(0.9999);
    } finally {
      await batched.dispose();
    }
  });

  it('honours a smaller token cap', async () => {
    const short = await loadTransformersEmbedder({ maxTokens: 16, chunks: null });
    const chunked = await loadTransformersEmbedder({ maxTokens: 16, chunks: 'default' });
    try {
      const result = await short.embed([TEXTS[3] as string]);
      expect(result.truncated).toBe(1);
      expect(short.modelId).toBe(embedder.modelId);
      expect(short.maxTokens).toBe(16);
      expect(chunked.chunks?.overlap).toBe(3);
      const windows = await chunked.embedChunks([TEXTS[3] as string]);
      expect(windows.counts[0]).toBeGreaterThan(3);
      expect(Math.max(...windows.lengths)).toBe(14);
      await expect(
        loadTransformersEmbedder({ maxTokens: 16, chunks: { overlap: 14, pooling: 'mean' } }),
      ).rejects.toThrow(RangeError);
    } finally {
      await short.dispose();
      await chunked.dispose();
    }
  });
});

describe('whole-abstract embedding in windows', () => {
  it('embeds a text that fits one window exactly as truncation does', async () => {
    const texts = [MERGING, TEXTS[0] as string];
    const chunked = await embedder.embed(texts);
    const cut = await truncating.embed(texts);
    expect(chunked.truncated).toBe(0);
    expect(maxAbsDiff(chunked.vectors, cut.vectors)).toBe(0);
  });

  it('sees the end of a long abstract that truncation drops', async () => {
    const windows = await embedder.embedChunks([LONG]);
    expect(windows.counts[0]).toBe(2);
    expect(windows.lengths[0]).toBe(254);
    const [whole] = rows((await embedder.embed([LONG])).vectors, 384) as [Float32Array];
    const [cut] = rows((await truncating.embed([LONG])).vectors, 384) as [Float32Array];
    // The first window is the truncated text itself.
    expect(maxAbsDiff(windows.vectors.subarray(0, 384), cut)).toBe(0);
    const [protein, merging] = rows(
      (await embedder.embed(['protein structure prediction', 'merging models'])).vectors,
      384,
    ) as [Float32Array, Float32Array];
    expect(cosine(whole, protein)).toBeGreaterThan(cosine(cut, protein) + 0.05);
    // Still mostly about merging: the 254-token window weighs more than the tail.
    expect(cosine(whole, merging)).toBeGreaterThan(cosine(whole, protein));
  });

  it('never reuses a truncated vector from the cache: the pooling is part of the key', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chunk-cache-'));
    try {
      const texts = [LONG, TEXTS[0] as string];
      const cache = await EmbeddingCache.open(dir);
      const cut = await embedWithCache(truncating, texts, cache);
      expect(cut).toMatchObject({ computed: 2, truncated: 1, long: 1 });
      const reopened = await EmbeddingCache.open(dir);
      const whole = await embedWithCache(embedder, texts, reopened);
      expect(whole).toMatchObject({ hits: 0, computed: 2, truncated: 0, long: 1 });
      expect(
        maxAbsDiff(whole.vectors.subarray(0, 384), cut.vectors.subarray(0, 384)),
      ).toBeGreaterThan(0.01);
      expect(maxAbsDiff(whole.vectors.subarray(384), cut.vectors.subarray(384))).toBe(0);
      // Both kinds now live side by side; each embedder finds its own.
      expect(reopened.size).toBe(4);
      expect((await embedWithCache(truncating, texts, reopened)).hits).toBe(2);
      expect((await embedWithCache(embedder, texts, reopened)).hits).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('loadTransformersEmbedder errors', () => {
  it('refuses to download a Hub model unless asked', async () => {
    const error = await loadTransformersEmbedder({ model: 'Xenova/all-MiniLM-L6-v2' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelFilesError);
    expect((error as ModelFilesError).problem).toBe('download-refused');
    expect((error as Error).message).toMatch(/allow-download/);
  });

  it('names an altered file of a model directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'model-copy-'));
    try {
      await cp(DEFAULT_MODEL_DIR, dir, { recursive: true });
      await writeFile(join(dir, 'tokenizer_config.json'), '{"model_max_length": 512}');
      const error = await loadTransformersEmbedder({ model: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelFilesError);
      expect((error as ModelFilesError).file).toBe(join(dir, 'tokenizer_config.json'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('rejects a token cap above the tokenizer limit', async () => {
    await expect(loadTransformersEmbedder({ maxTokens: 300 })).rejects.toThrow(
      /maxTokens must be an integer from 3 to 256/,
    );
  });
});
