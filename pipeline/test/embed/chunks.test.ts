import { describe, expect, it } from 'vitest';
import {
  chunkSpans,
  chunkWeights,
  poolChunks,
  poolingName,
  TITLE_WEIGHT,
} from '../../src/embed/chunks.ts';

describe('chunkSpans', () => {
  it('keeps a text that fits in one window (golden)', () => {
    expect(chunkSpans(100, 254, 32)).toEqual([{ start: 0, end: 100 }]);
    expect(chunkSpans(254, 254, 32)).toEqual([{ start: 0, end: 254 }]);
  });

  it('starts each later window `overlap` tokens before the previous one ends (golden)', () => {
    expect(chunkSpans(300, 254, 32)).toEqual([
      { start: 0, end: 254 },
      { start: 222, end: 300 },
    ]);
    expect(chunkSpans(10, 4, 1)).toEqual([
      { start: 0, end: 4 },
      { start: 3, end: 7 },
      { start: 6, end: 10 },
    ]);
  });

  it('covers every token, with windows of at most `width` that each add new tokens', () => {
    for (const [length, width, overlap] of [
      [1, 5, 0],
      [17, 5, 2],
      [600, 254, 32],
      [255, 254, 32],
      [1000, 30, 29],
    ] as const) {
      const spans = chunkSpans(length, width, overlap);
      expect(spans[0]!.start).toBe(0);
      expect(spans.at(-1)!.end).toBe(length);
      spans.forEach((span, i) => {
        expect(span.end - span.start).toBeLessThanOrEqual(width);
        if (i > 0) {
          expect(span.start).toBe(spans[i - 1]!.end - overlap);
          expect(span.end).toBeGreaterThan(spans[i - 1]!.end);
        }
      });
    }
  });

  it('rejects an overlap as wide as the window', () => {
    expect(() => chunkSpans(10, 4, 4)).toThrow(RangeError);
    expect(() => chunkSpans(10, 0, 0)).toThrow(RangeError);
  });
});

describe('chunkWeights and poolChunks', () => {
  const spans = [
    { start: 0, end: 254 },
    { start: 222, end: 300 },
  ];

  it('weights windows by tokens, the first one more under title-weighted pooling', () => {
    expect(chunkWeights(spans, 'mean')).toEqual([254, 78]);
    expect(chunkWeights(spans, 'title-weighted')).toEqual([TITLE_WEIGHT * 254, 78]);
  });

  it('returns the normalized weighted mean of the window vectors (golden)', () => {
    const vectors = Float32Array.from([1, 0, 0, 1, 9, 9]);
    const pooled = poolChunks(vectors, 2, 0, [3, 1]);
    expect(pooled[0]).toBeCloseTo(3 / Math.sqrt(10), 6);
    expect(pooled[1]).toBeCloseTo(1 / Math.sqrt(10), 6);
    const single = poolChunks(vectors, 2, 1, [5]);
    expect([...single]).toEqual([0, 1]);
  });

  it('refuses weights that cancel out instead of returning NaN', () => {
    expect(() => poolChunks(Float32Array.from([1, 0, -1, 0]), 2, 0, [1, 1])).toThrow(RangeError);
  });
});

describe('poolingName', () => {
  it('names every chunking differently, and truncation as before', () => {
    expect(poolingName(null)).toBe('mean');
    const names = new Set([
      poolingName(null),
      poolingName({ overlap: 32, pooling: 'mean' }),
      poolingName({ overlap: 16, pooling: 'mean' }),
      poolingName({ overlap: 32, pooling: 'title-weighted' }),
    ]);
    expect(names.size).toBe(4);
  });
});
