/**
 * A deterministic stand-in for the sentence model, for unit tests: a signed bag of hashed words
 * (feature hashing, Weinberger et al., arXiv:0902.2206), L2-normalized. Texts sharing words get
 * a higher cosine; texts sharing none are near 0. Token count = words + 2 (like [CLS] … [SEP]);
 * texts over `maxTokens` are counted as truncated, but their vector still uses every word.
 */
import type { EmbedProgress, Embedder, EmbeddingBatch } from '../../src/embed/embedder.ts';

/** Options of {@link createFakeEmbedder}. */
export interface FakeEmbedderOptions {
  /** Default `fake-bag-of-words-<dim>`. */
  modelId?: string;
  /** Default 256. */
  maxTokens?: number;
}

/** The fake, with a record of every `embed` call's texts. */
export interface FakeEmbedder extends Embedder {
  readonly calls: string[][];
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Lowercase words of letters and digits. */
export function fakeWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Bag-of-words vector of one text. A text with no word maps to the first basis vector, so
 * every row stays unit length.
 */
export function fakeVector(text: string, dim: number): Float32Array {
  const vector = new Float32Array(dim);
  for (const word of fakeWords(text)) {
    const hash = fnv1a(word);
    vector[hash % dim] = (vector[hash % dim] as number) + (hash & 0x80000000 ? -1 : 1);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  if (norm === 0) {
    vector[0] = 1;
    return vector;
  }
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < dim; i++) vector[i] = (vector[i] as number) * scale;
  return vector;
}

/** A deterministic {@link Embedder} of dimension `dim` (default 16). */
export function createFakeEmbedder(dim = 16, options: FakeEmbedderOptions = {}): FakeEmbedder {
  const maxTokens = options.maxTokens ?? 256;
  const calls: string[][] = [];
  return {
    modelId: options.modelId ?? `fake-bag-of-words-${dim}`,
    pooling: 'mean',
    maxTokens,
    dim,
    dtype: 'fake',
    files: {},
    calls,
    async embed(texts: string[], onProgress?: EmbedProgress): Promise<EmbeddingBatch> {
      calls.push([...texts]);
      const vectors = new Float32Array(texts.length * dim);
      const tokens = new Uint32Array(texts.length);
      let truncated = 0;
      texts.forEach((text, i) => {
        vectors.set(fakeVector(text, dim), i * dim);
        tokens[i] = fakeWords(text).length + 2;
        if ((tokens[i] as number) > maxTokens) truncated += 1;
        onProgress?.(i + 1, texts.length);
      });
      return { vectors, dim, truncated, tokens };
    },
  };
}
