import { describe, expect, it } from 'vitest';
import type { KnnGraph } from '../../src/index/knn.ts';
import { relatedPapers, roundScore } from '../../src/index/related.ts';

const GRAPH: KnnGraph = {
  k: 3,
  count: 4,
  rows: Int32Array.from([1, 2, 3, 0, 2, -1, 3, 0, 1, 2, 1, 0]),
  scores: Float32Array.from([
    0.91234,
    0.91236,
    0.5,
    0.91234,
    0.3,
    NaN,
    0.77777,
    0.77771,
    0.3,
    0.8,
    0.2,
    -0.10004,
  ]),
};
const IDS = ['2401.00001', '2401.00002', 't:abc', '2401.00003'];

describe('relatedPapers', () => {
  it('lists neighbours by rounded score, then id (golden)', () => {
    expect(relatedPapers(GRAPH, IDS, 3)).toEqual({
      '2401.00001': [
        { id: 't:abc', score: 0.9124 },
        { id: '2401.00002', score: 0.9123 },
        { id: '2401.00003', score: 0.5 },
      ],
      '2401.00002': [
        { id: '2401.00001', score: 0.9123 },
        { id: 't:abc', score: 0.3 },
      ],
      't:abc': [
        { id: '2401.00003', score: 0.7778 },
        { id: '2401.00001', score: 0.7777 },
        { id: '2401.00002', score: 0.3 },
      ],
      '2401.00003': [
        { id: 't:abc', score: 0.8 },
        { id: '2401.00002', score: 0.2 },
        { id: '2401.00001', score: -0.1 },
      ],
    });
  });

  it('breaks ties of rounded scores by id and cuts to k', () => {
    const graph: KnnGraph = {
      k: 2,
      count: 3,
      rows: Int32Array.from([2, 1, 0, 2, 0, 1]),
      scores: Float32Array.from([0.50001, 0.49999, 0.4, 0.3, 0.4, 0.3]),
    };
    const related = relatedPapers(graph, ['a', 'b', 'c'], 1);
    expect(related.a).toEqual([{ id: 'b', score: 0.5 }]);
    expect(Object.keys(related)).toEqual(['a', 'b', 'c']);
  });

  it('excludes the paper itself even when the graph lists it', () => {
    const graph: KnnGraph = {
      k: 2,
      count: 2,
      rows: Int32Array.from([0, 1, 1, 0]),
      scores: Float32Array.from([1, 0.5, 1, 0.5]),
    };
    expect(relatedPapers(graph, ['a', 'b'], 2)).toEqual({
      a: [{ id: 'b', score: 0.5 }],
      b: [{ id: 'a', score: 0.5 }],
    });
  });

  it('rounds to 4 decimals without negative zero', () => {
    expect(roundScore(0.123456)).toBe(0.1235);
    expect(Object.is(roundScore(-0.00001), 0)).toBe(true);
  });

  it('refuses ids that do not match the graph', () => {
    expect(() => relatedPapers(GRAPH, IDS.slice(1), 2)).toThrow(/3 paper ids/);
  });
});
