import { describe, expect, it } from 'vitest';
import { mergeSmallest, topicSimilarities } from '../../../src/topics/quality/reduce-topics.ts';

/** A symmetric topics × topics matrix from its upper triangle, given row by row. */
function symmetric(topics: number, upper: number[][]): Float64Array {
  const out = new Float64Array(topics * topics);
  upper.forEach((row, a) =>
    row.forEach((value, i) => {
      const b = a + 1 + i;
      out[a * topics + b] = value;
      out[b * topics + a] = value;
    }),
  );
  return out;
}

describe('topicSimilarities', () => {
  it('is the cosine of the term vectors, 0 on the diagonal and between disjoint topics', () => {
    const similarity = topicSimilarities([
      { terms: [0, 1], weights: [3, 4] },
      { terms: [1], weights: [2] },
      { terms: [7], weights: [1] },
      { terms: [], weights: [] },
    ]);
    expect(Array.from(similarity)).toEqual([0, 0.8, 0, 0, 0.8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('mergeSmallest', () => {
  // Sizes 10, 3, 5, 2, 8. Merges: topic 3 (2 papers) into its most similar, 2 (0.8); then
  // topic 1 (3) into 0 (0.9); then topic 2 (now 7 papers) into 4, its own most similar of those
  // left (0.3 against 0.1 for topic 0): a merged topic keeps its own similarities, as in
  // BERTopic 0.9.4, although topic 3 inside it leans to topic 0 (0.7 against 0.1).
  const sizes = [10, 3, 5, 2, 8];
  const similarity = symmetric(5, [[0.9, 0.1, 0.7, 0.3], [0.2, 0.1, 0.4], [0.8, 0.3], [0.1]]);

  it('merges the smallest topic into the most similar one left, down to each count', () => {
    const [two, three, four] = mergeSmallest(similarity, sizes, [2, 3, 4]);
    // Groups numbered by descending papers: {0,1} 13 < {2,3,4} 15.
    expect(Array.from(two!)).toEqual([1, 1, 0, 0, 0]);
    expect(Array.from(three!)).toEqual([0, 0, 2, 2, 1]);
    expect(Array.from(four!)).toEqual([0, 3, 2, 2, 1]);
  });

  it('leaves the topics alone when the count is not below their number', () => {
    const [five, many] = mergeSmallest(similarity, sizes, [5, 50]);
    expect(Array.from(five!)).toEqual([0, 3, 2, 4, 1]);
    expect(Array.from(many!)).toEqual([0, 3, 2, 4, 1]);
    expect(mergeSmallest(new Float64Array(), [], [10])).toEqual([new Int32Array()]);
  });

  it('gives the same partitions whatever the order of the counts', () => {
    const ascending = mergeSmallest(similarity, sizes, [1, 2, 3]);
    const descending = mergeSmallest(similarity, sizes, [3, 2, 1]);
    expect(ascending).toEqual([...descending].reverse());
    expect(Array.from(ascending[0]!)).toEqual([0, 0, 0, 0, 0]);
  });

  it('refuses a count below 1 and a matrix of the wrong size', () => {
    expect(() => mergeSmallest(similarity, sizes, [0])).toThrow(/cannot reduce to 0 topics/);
    expect(() => mergeSmallest(similarity, [1, 2], [1])).toThrow(/25 similarities for 2 topics/);
  });
});
