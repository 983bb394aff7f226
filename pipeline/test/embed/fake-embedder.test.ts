import { describe, expect, it } from 'vitest';
import { createFakeEmbedder } from './fake-embedder.ts';

function cosine(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, value, i) => sum + value * (b[i] as number), 0);
}

describe('createFakeEmbedder', () => {
  it('makes unit vectors, and texts sharing words are closer', async () => {
    const embedder = createFakeEmbedder(64);
    const texts = [
      'model merging of fine tuned language models',
      'merging fine tuned models into one model',
      'weather radar rainfall nowcasting',
    ];
    const { vectors, dim } = await embedder.embed(texts);
    const row = (i: number) => vectors.subarray(i * dim, (i + 1) * dim);
    for (let i = 0; i < texts.length; i++) expect(cosine(row(i), row(i))).toBeCloseTo(1, 6);
    expect(cosine(row(0), row(1))).toBeGreaterThan(cosine(row(0), row(2)) + 0.3);
  });

  it('is deterministic, counts tokens and truncation, and records calls', async () => {
    const embedder = createFakeEmbedder(16, { maxTokens: 5 });
    const first = await embedder.embed(['a b c', 'a b c d e f']);
    const second = await embedder.embed(['a b c', 'a b c d e f']);
    expect(second.vectors).toEqual(first.vectors);
    expect([...first.tokens]).toEqual([5, 8]);
    expect(first.truncated).toBe(1);
    expect(embedder.calls).toHaveLength(2);
  });

  it('gives a text without words a unit vector', async () => {
    const { vectors } = await createFakeEmbedder(8).embed(['—']);
    expect(cosine(vectors, vectors)).toBeCloseTo(1, 6);
  });
});
