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
beforeAll(async () => {
  embedder = await loadTransformersEmbedder();
});
afterAll(async () => {
  await embedder.dispose();
});

describe('loadTransformersEmbedder (bundled all-MiniLM-L6-v2)', () => {
  it('describes the verified bundled model', () => {
    expect(embedder).toMatchObject({ dim: 384, maxTokens: 256, pooling: 'mean', dtype: 'q8' });
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
    const result = await embedder.embed([exact, longer, 'short']);
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
    const short = await loadTransformersEmbedder({ maxTokens: 16 });
    try {
      const result = await short.embed([TEXTS[3] as string]);
      expect(result.truncated).toBe(1);
      expect(short.modelId).toBe(embedder.modelId);
      expect(short.maxTokens).toBe(16);
    } finally {
      await short.dispose();
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
