import { describe, expect, it } from 'vitest';
import { similarFromRelated } from '../../src/lib/search/static-similar.ts';
import type { Neighbour } from '../../src/lib/data/artifacts.ts';

describe('similarFromRelated', () => {
  const related: Record<string, Neighbour[]> = {
    a: [
      { id: 'b', score: 0.9 },
      { id: 'c', score: 0.8 },
      { id: 'd', score: 0.2 },
    ],
    b: [
      { id: 'a', score: 0.9 },
      { id: 'c', score: 0.6 },
      { id: 'e', score: 0.5 },
    ],
  };

  it('ranks by mean similarity to the set, members excluded', () => {
    const results = similarFromRelated(['a', 'b'], (id) => related[id] ?? [], 10);
    expect(results).toEqual([
      { id: 'c', score: 0.7 },
      { id: 'e', score: 0.25 },
      { id: 'd', score: 0.1 },
    ]);
  });

  it('keeps k results', () => {
    expect(similarFromRelated(['a'], (id) => related[id] ?? [], 1)).toEqual([
      { id: 'b', score: 0.9 },
    ]);
  });
});
