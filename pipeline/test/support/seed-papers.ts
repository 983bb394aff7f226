/** What the seed pages (`seeds/`) are known to hold, for the tests that run on them. */
import { expect } from 'vitest';

/** Title fragments of the three model-merging papers of the seed pages. */
export const MERGING_PAPERS = [
  'Parameter Competition Balancing',
  'Fisher-Weighted Averaging',
  'AdaMerging',
] as const;

/** Title fragments of the two RLHF papers of the seed pages. */
export const RLHF_PAPERS = ['ReaLHF', 'ReMax'] as const;

/**
 * Expects the papers titled like `fragments` to share one topic and not be outliers; returns
 * that topic. `topicOf` maps a title fragment to its paper's topic (null for an outlier).
 */
export function expectOneTopic(
  topicOf: (fragment: string) => number | null,
  fragments: readonly string[],
): number {
  const topics = fragments.map(topicOf);
  expect(topics[0]).not.toBeNull();
  expect(new Set(topics).size).toBe(1);
  return topics[0]!;
}
