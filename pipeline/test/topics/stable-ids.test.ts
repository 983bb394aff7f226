import { describe, expect, it } from 'vitest';
import { matchTopics, type MatchGroup } from '../../src/topics/stable-ids.ts';

const OPTIONS = { minOverlap: 0.3, minCentroidSimilarity: 0.9, splitShare: 0.3 };
const ids = (prefix: string, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
const group = (papers: string[], centroid: number[] | null = null): MatchGroup => ({
  papers,
  centroid: centroid ? Float32Array.from(centroid) : null,
});
const presentOf = (...groups: MatchGroup[][]) => new Set(groups.flat().flatMap((g) => g.papers));

describe('matchTopics', () => {
  it('continues every topic when nothing changed', () => {
    const topics = [group(ids('a', 0, 5)), group(ids('b', 0, 4))];
    const match = matchTopics(topics, topics, presentOf(topics), OPTIONS);
    expect(Array.from(match.continues)).toEqual([0, 1]);
    expect(Array.from(match.overlap)).toEqual([1, 1]);
    expect(match).toMatchObject({ born: [], retired: [], merged: [], split: [] });
  });

  it('records a split; the larger part keeps the identity and no part is born', () => {
    const previous = [group(ids('a', 0, 10))];
    const current = [group(ids('a', 0, 6)), group([...ids('a', 6, 10), 'new1'])];
    const match = matchTopics(current, previous, presentOf(current), OPTIONS);
    expect(Array.from(match.continues)).toEqual([0, -1]);
    expect(match.split).toEqual([{ from: 0, into: [0, 1] }]);
    expect(match.born).toEqual([]);
    expect(match.retired).toEqual([]);
  });

  it('records a merge; the merged topic continues its largest source and none retires', () => {
    const previous = [group(ids('a', 0, 6)), group(ids('b', 0, 4))];
    const current = [group([...ids('a', 0, 6), ...ids('b', 0, 4)])];
    const match = matchTopics(current, previous, presentOf(current), OPTIONS);
    expect(Array.from(match.continues)).toEqual([0]);
    expect(match.merged).toEqual([{ into: 0, from: [0, 1] }]);
    expect(match.retired).toEqual([]);
    expect(match.born).toEqual([]);
  });

  it('retires a topic whose papers are gone and bears a topic of new papers', () => {
    const previous = [group(ids('a', 0, 5)), group(ids('gone', 0, 4))];
    const current = [group(ids('a', 0, 5)), group(ids('new', 0, 4))];
    const match = matchTopics(current, previous, presentOf(current), OPTIONS);
    expect(Array.from(match.continues)).toEqual([0, -1]);
    expect(match.born).toEqual([1]);
    expect(match.retired).toEqual([1]);
  });

  it('falls back to centroid similarity when overlap is too small', () => {
    // Most old papers of topic a became outliers (present, in no topic), so the overlap
    // (1 shared of 8 survivors) is below 0.3, but the centroids agree.
    const previous = [group(ids('a', 0, 8), [1, 0])];
    const current = [group(['a0', ...ids('new', 0, 7)], [0.99, 0.141])];
    const present = new Set([...ids('a', 0, 8), ...ids('new', 0, 7)]);
    const match = matchTopics(current, previous, present, OPTIONS);
    expect(Array.from(match.continues)).toEqual([0]);
    expect(Array.from(match.overlap)).toEqual([0]);
  });

  it('counts papers that left the corpus neither for overlap nor for shares', () => {
    // Half of topic a's papers are no longer in the corpus; the rest are all in topic 0.
    const previous = [group(ids('a', 0, 10))];
    const current = [group(ids('a', 0, 5))];
    const match = matchTopics(current, previous, presentOf(current), OPTIONS);
    expect(Array.from(match.overlap)).toEqual([1]);
  });
});
