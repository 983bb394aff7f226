import { describe, expect, it } from 'vitest';
import { sizeSummary, topicQuality } from '../../../src/topics/quality/topic-quality.ts';

describe('topicQuality', () => {
  it('reports outliers, sizes, diversity and NPMI', () => {
    const quality = topicQuality({
      topWords: [
        [0, 1],
        [2, 3],
      ],
      texts: [
        [0, 1],
        [2, 3],
      ],
      sizes: [3, 1, 2],
      themes: 1,
      papers: 8,
    });
    expect(quality).toEqual({
      npmi: 1,
      diversity: 0.2,
      topics: 3,
      themes: 1,
      outliers: 2,
      outlierRate: 0.25,
      size: { min: 1, median: 2, max: 3 },
    });
  });

  it('skips NPMI without texts and handles an empty corpus', () => {
    const quality = topicQuality({ topWords: [], sizes: [], themes: 0, papers: 0 });
    expect(quality.npmi).toBeNull();
    expect(quality.diversity).toBeNull();
    expect(quality.outlierRate).toBe(0);
    expect(sizeSummary([])).toEqual({ min: 0, median: 0, max: 0 });
  });

  it('takes the lower middle as the median of an even count', () => {
    expect(sizeSummary([4, 1, 3, 2])).toEqual({ min: 1, median: 2, max: 4 });
  });
});
