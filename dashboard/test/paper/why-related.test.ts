import { describe, expect, it } from 'vitest';
import {
  describeReason,
  termWords,
  whyRelated,
  type RelatedLookup,
} from '../../src/lib/paper/why-related.ts';
import type { Paper, Topic } from '../../src/lib/data/artifacts.ts';

const topic = (id: number, parent: number | null, terms: string[]): Topic => ({
  id,
  level: parent === null && id >= 10 ? 1 : 0,
  label: `topic ${id}`,
  keywords: terms.map((term, i) => ({ term, weight: 1 - i * 0.1 })),
  size: 3,
  parent,
  children: [],
  representatives: [],
  labelX: 0,
  labelY: 0,
});
const topics = new Map<number, Topic>([
  [1, topic(1, 10, ['model merging', 'task vectors', 'merging'])],
  [2, topic(2, 10, ['pruning', 'sparsity'])],
  [3, topic(3, null, ['reinforcement learning'])],
  [10, topic(10, null, ['parameters'])],
]);
const lookup: RelatedLookup = {
  topic: (id) => topics.get(id),
  themeKeywords: (id) => (id === 'merge' ? ['weight averaging'] : []),
};
const paper = (
  id: string,
  title: string,
  abstract: string,
  topicId: number | null,
  themes: string[] = [],
): Paper => ({
  id,
  title,
  abstract,
  dates: [],
  arxivId: null,
  url: null,
  sources: [],
  topic: topicId,
  nearestTopics: [],
  x: 0,
  y: 0,
  themes: themes.map((theme) => ({ theme, score: 0.5 })),
});

describe('whyRelated', () => {
  const a = paper(
    'a',
    'AdaMerging: Adaptive Model Merging',
    'We merge task vectors with weight averaging of parameters.',
    1,
    ['merge'],
  );
  const b = paper(
    'b',
    'Fisher Merging of Models',
    'Model merging by Fisher weight averaging; task vectors and parameters.',
    1,
    ['merge'],
  );

  it('names the shared topic and the shared key phrases first', () => {
    const reason = whyRelated(a, b, lookup);
    expect(reason.relation).toBe('same-topic');
    expect(reason.sharedTopic?.id).toBe(1);
    expect(reason.sharedTerms.slice(0, 2)).toEqual(['model merging', 'task vectors']);
    expect(reason.sharedTerms).toContain('weight averaging');
    expect(reason.sharedTerms).toContain('parameters');
  });

  it('keeps only terms found in both texts', () => {
    const c = paper('c', 'Structured pruning', 'We prune channels for sparsity.', 2);
    const reason = whyRelated(a, c, lookup);
    expect(reason.relation).toBe('same-broad');
    expect(reason.sharedTopic?.id).toBe(10);
    expect(reason.sharedTerms).toEqual([]);
    expect(describeReason(reason)).toBe('Same broad theme “topic 10”');
  });

  it('falls back to shared title words across unrelated topics', () => {
    const c = paper('c', 'Adaptive Policies for Control', 'Reinforcement learning of policies.', 3);
    const d = paper('d', 'Adaptive Model Merging', 'Merging.', null);
    expect(whyRelated(c, d, lookup).relation).toBe('unassigned');
    expect(whyRelated(c, d, lookup).sharedTerms).toEqual(['adaptive']);
    const e = paper('e', 'Adaptive merging', 'Other text.', 1);
    const reason = whyRelated(c, e, lookup);
    expect(reason.relation).toBe('different');
    expect(describeReason(reason)).toBe('Different topics; shares adaptive');
  });

  it('matches plurals and case', () => {
    expect(termWords('Task Vectors, LLMs, class')).toEqual(['task', 'vector', 'llms', 'class']);
  });

  it('is symmetric in what it finds', () => {
    expect(new Set(whyRelated(a, b, lookup).sharedTerms)).toEqual(
      new Set(whyRelated(b, a, lookup).sharedTerms),
    );
  });
});
