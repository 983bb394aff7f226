import { describe, expect, it } from 'vitest';
import { groupTopics, topicGraph } from '../../src/topics/hierarchy.ts';

describe('groupTopics', () => {
  it('puts strongly linked topics under one theme, largest theme first', () => {
    // Rows 0–1 topic 0, 2–3 topic 1, 4–5 topic 2, 6–7 topic 3. Topics 0–1 and 2–3 are linked.
    const topicOf = Int32Array.from([0, 0, 1, 1, 2, 2, 3, 3]);
    const pairs: [number, number, number][] = [
      [0, 1, 1],
      [0, 2, 1],
      [1, 3, 1],
      [2, 3, 1],
      [4, 5, 1],
      [4, 6, 1],
      [5, 7, 1],
      [6, 7, 1],
      [3, 4, 0.05],
    ];
    const edges = {
      a: Int32Array.from(pairs, (p) => p[0]),
      b: Int32Array.from(pairs, (p) => p[1]),
      weight: Float64Array.from(pairs, (p) => p[2]),
    };
    const themes = groupTopics(topicOf, [2, 2, 2, 3], edges, 1, 42);
    expect(Array.from(themes)).toEqual([1, 1, 0, 0]);
  });

  it('leaves a topic with no links to others alone', () => {
    const edges = { a: new Int32Array(), b: new Int32Array(), weight: new Float64Array() };
    expect(Array.from(groupTopics(Int32Array.from([0, 1]), [1, 2], edges, 1, 42))).toEqual([1, 0]);
  });
});

describe('topicGraph', () => {
  it('sums the paper edges between two topics and drops edges inside a topic or to an outlier', () => {
    const topicOf = Int32Array.from([0, 0, 1, 2, -1]);
    const pairs: [number, number, number][] = [
      [0, 1, 0.9],
      [0, 2, 0.5],
      [1, 2, 0.25],
      [1, 3, 0.125],
      [2, 4, 0.7],
    ];
    const graph = topicGraph(topicOf, 3, {
      a: Int32Array.from(pairs, (p) => p[0]),
      b: Int32Array.from(pairs, (p) => p[1]),
      weight: Float64Array.from(pairs, (p) => p[2]),
    });
    expect(Array.from(graph.a)).toEqual([0, 0]);
    expect(Array.from(graph.b)).toEqual([1, 2]);
    expect(Array.from(graph.weight)).toEqual([0.75, 0.125]);
  });
});
