/** Topic and theme records for tests, written with only the fields a test is about. */
import type { Keyword, Theme, Topic } from '../../src/schema/artifacts.ts';

/**
 * A topic with `fields` set and the rest empty: a fine topic (level 0) labelled `topic <id>`,
 * with no keywords, papers, parent, children or representatives, its label at the origin.
 */
export function testTopic({ id, ...fields }: Partial<Topic> & Pick<Topic, 'id'>): Topic {
  return {
    id,
    level: 0,
    label: `topic ${id}`,
    keywords: [],
    size: 0,
    parent: null,
    children: [],
    representatives: [],
    labelX: 0,
    labelY: 0,
    ...fields,
  };
}

/** Keywords for `terms` in that order, weighted 1, 0.9, 0.8, … */
export function rankedKeywords(terms: readonly string[]): Keyword[] {
  return terms.map((term, i) => ({ term, weight: 1 - i * 0.1 }));
}

/** A watch-list theme, "Merging" (id `merge`), with the one keyword "weight averaging". */
export const MERGING_THEME: Theme = {
  id: 'merge',
  label: 'Merging',
  description: '',
  keywords: ['weight averaging'],
  threshold: 0.4,
  size: 2,
};
