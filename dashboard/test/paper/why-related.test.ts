import { describe, expect, it } from 'vitest';
import {
  describeReason,
  MAX_SHARED_TERMS,
  SharedTermFinder,
  STOPWORDS,
  termWords,
  whyRelated,
  type RelatedLookup,
} from '../../src/lib/paper/why-related.ts';
import { makeFixture } from '../fixtures/make-fixture.ts';
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

/**
 * The rules of whyRelated written plainly (every candidate checked against both word lists),
 * as the reference for the indexed SharedTermFinder.
 */
function plainSharedTerms(a: Paper, b: Paper, look: RelatedLookup): string[] {
  const wordsA = termWords(`${a.title} ${a.abstract}`);
  const wordsB = termWords(`${b.title} ${b.abstract}`);
  const contains = (words: string[], phrase: string[]) =>
    words.some((_, i) => phrase.every((word, j) => words[i + j] === word));
  const ids = new Set<number>();
  for (const paper of [a, b]) {
    if (paper.topic === null) continue;
    ids.add(paper.topic);
    const parent = look.topic(paper.topic)?.parent;
    if (parent != null) ids.add(parent);
  }
  const candidates = [...ids].flatMap((id) => look.topic(id)?.keywords ?? []);
  for (const theme of new Set([...a.themes, ...b.themes].map((score) => score.theme)))
    for (const term of look.themeKeywords(theme)) candidates.push({ term, weight: 0 });
  candidates.sort((x, y) => y.weight - x.weight || x.term.localeCompare(y.term));
  const ordered = [
    ...candidates.filter((c) => c.term.includes(' ')),
    ...candidates.filter((c) => !c.term.includes(' ')),
  ].map((c) => c.term);
  ordered.push(
    ...termWords(a.title).filter((w) => w.length >= 4 && termWords(b.title).includes(w)),
  );
  const shared: string[] = [];
  const seen = new Set<string>();
  for (const term of ordered) {
    const phrase = termWords(term);
    const key = phrase.join(' ');
    if (phrase.length === 0 || seen.has(key) || phrase.every((word) => STOPWORDS.has(word)))
      continue;
    seen.add(key);
    if (contains(wordsA, phrase) && contains(wordsB, phrase)) shared.push(term.toLowerCase());
  }
  const phrases = shared.filter((term) => term.includes(' '));
  return shared
    .filter(
      (term) =>
        term.includes(' ') || !phrases.some((p) => termWords(p).includes(termWords(term)[0]!)),
    )
    .slice(0, MAX_SHARED_TERMS);
}

describe('SharedTermFinder', () => {
  it('finds what the plain rules find, for every related pair of the fixture', () => {
    const fixture = makeFixture();
    const byId = new Map<number, Topic>(fixture.topics.topics.map((t) => [t.id, t]));
    const look: RelatedLookup = {
      topic: (id) => byId.get(id),
      themeKeywords: (id) => fixture.themes.themes.find((t) => t.id === id)?.keywords ?? [],
    };
    const vocabulary = [
      ...fixture.topics.topics.flatMap((t) => t.keywords.map((k) => k.term)),
      ...fixture.themes.themes.flatMap((t) => t.keywords),
    ];
    const finder = new SharedTermFinder(look, vocabulary);
    const papers = new Map(fixture.papers.papers.map((p) => [p.id, p]));
    let pairs = 0;
    let nonEmpty = 0;
    for (const a of fixture.papers.papers) {
      for (const neighbour of fixture.related.related[a.id] ?? []) {
        const b = papers.get(neighbour.id)!;
        const expected = plainSharedTerms(a, b, look);
        expect(finder.find(a, b), `${a.id} → ${b.id}`).toEqual(expected);
        pairs++;
        if (expected.length > 0) nonEmpty++;
      }
    }
    expect(pairs).toBeGreaterThan(100);
    expect(nonEmpty).toBeGreaterThan(pairs / 2);
  });
});
