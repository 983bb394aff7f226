import { describe, expect, it } from 'vitest';
import { binomialUpperTail, digestDays, digestFor } from '../../src/lib/digest/digest-model.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('binomialUpperTail', () => {
  it('matches exact sums', () => {
    // P(X ≥ 2), X ~ Binomial(3, 0.5) = 4/8
    expect(binomialUpperTail(2, 3, 0.5)).toBeCloseTo(0.5, 12);
    // R: pbinom(4, 20, 0.1, lower.tail = FALSE) = 0.04317...
    expect(binomialUpperTail(5, 20, 0.1)).toBeCloseTo(0.0431745, 6);
    expect(binomialUpperTail(0, 5, 0.2)).toBe(1);
    expect(binomialUpperTail(6, 5, 0.2)).toBe(0);
  });
});

describe('the daily digest', () => {
  const { dataset, artifacts } = fixtureDataset();
  const firstSeen = artifacts.trends.firstSeen;

  it('defaults to the latest page day and lists its first-seen papers by topic', () => {
    const digest = digestFor(dataset, null)!;
    const last = firstSeen.at(-1)!;
    expect(digest.day).toBe(last.date);
    const ids = digest.groups.flatMap((g) => g.rows.map((row) => dataset.papers[row]!.id));
    expect(ids.sort()).toEqual([...last.papers].sort());
    for (const group of digest.groups) {
      for (const row of group.rows) expect(dataset.papers[row]!.topic).toBe(group.topic);
    }
    expect(digestDays(dataset)[0]).toBe(last.date);
  });

  it('names the topics born on a day', () => {
    const first = firstSeen[0]!;
    const digest = digestFor(dataset, first.date)!;
    expect(digest.day).toBe(first.date);
    expect(digest.born).toEqual(first.topics);
    expect(digest.firstSeen).toBe(first.papers.length);
  });
});
