import { describe, expect, it } from 'vitest';
import { MAX_SHARED_TERMS, SharedTermFinder, type TermPaper } from '../../src/emit/shared-terms.ts';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';
import type { Theme, Topic } from '../../src/schema/artifacts.ts';
import { MERGING_THEME, rankedKeywords, testTopic } from '../support/topics.ts';

const topic = (id: number, parent: number | null, terms: string[]): Topic =>
  testTopic({
    id,
    level: parent === null && id >= 10 ? 1 : 0,
    keywords: rankedKeywords(terms),
    size: 3,
    parent,
  });
const topics = [
  topic(1, 10, ['model merging', 'task vectors', 'merging']),
  topic(2, 10, ['pruning', 'sparsity']),
  topic(3, null, ['reinforcement learning']),
  topic(4, 11, ['LLMs', 'search']),
  topic(10, null, ['parameters']),
  topic(11, null, ['reasoning']),
];
const themes: Theme[] = [MERGING_THEME];
const paper = (
  title: string,
  abstract: string,
  topicId: number | null,
  themeIds: string[] = [],
): TermPaper => ({
  title,
  abstract,
  topic: topicId,
  themes: themeIds.map((theme) => ({ theme, score: 0.5 })),
});

describe('SharedTermFinder', () => {
  it('matches "strategies" with "strategy" and "LLMs" with "LLM", shown as written', () => {
    const papers = [
      paper('Search strategies for LLMs', 'We compare search strategies for LLMs.', 6),
      paper('A search strategy that helps an LLM', 'One search strategy lets an LLM plan.', 6),
    ];
    const keywords = [topic(6, null, ['search strategies', 'planning'])];
    const finder = new SharedTermFinder(papers, keywords, themes);
    // A topic keyword first, as written in topics.json; then the titles' shared words, as
    // written in the paper asked about.
    expect(finder.find(0, 1)).toEqual(['search strategies', 'LLMs']);
    expect(finder.find(1, 0)).toEqual(['search strategies', 'LLM']);
    // Never a stem: the old browser-side matcher said "strategie, llms".
    for (const term of [...finder.find(0, 1), ...finder.find(1, 0)])
      expect(['strategie', 'llms']).not.toContain(term);
  });

  it('names the shared key phrases first and keeps only terms found in both texts', () => {
    const papers = [
      paper(
        'AdaMerging: Adaptive Model Merging',
        'We merge task vectors with weight averaging of parameters.',
        1,
        ['merge'],
      ),
      paper(
        'Fisher Merging of Models',
        'Model merging by Fisher weight averaging; task vectors and parameters.',
        1,
        ['merge'],
      ),
      paper('Structured pruning', 'We prune channels for sparsity.', 2),
    ];
    const finder = new SharedTermFinder(papers, topics, themes);
    const terms = finder.find(0, 1);
    expect(terms.slice(0, 2)).toEqual(['model merging', 'task vectors']);
    expect(terms).toContain('weight averaging');
    expect(terms).toContain('parameters');
    // "merging" alone is inside the shared phrase "model merging": it adds nothing.
    expect(terms).not.toContain('merging');
    expect(finder.find(0, 2)).toEqual([]);
    expect(new Set(finder.find(0, 1))).toEqual(new Set(finder.find(1, 0)));
  });

  it('falls back to shared content words of the titles, skipping generic and short ones', () => {
    const papers = [
      paper('Adaptive Policies for Control', 'Reinforcement learning of policies.', 3),
      paper('Adaptive Model Merging', 'Merging.', null),
    ];
    const finder = new SharedTermFinder(papers, topics, themes);
    expect(finder.find(0, 1)).toEqual(['Adaptive']);
  });

  it('returns at most MAX_SHARED_TERMS, each found in both texts by the pipeline tokenizer', () => {
    const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel'];
    const many = topic(5, null, words);
    const text = words.join(', ');
    const papers = [paper(`Note on ${text}`, text, 5), paper(`Study of ${text}`, text, 5)];
    const terms = new SharedTermFinder(papers, [many], []).find(0, 1);
    expect(terms).toHaveLength(MAX_SHARED_TERMS);
    const keysOf = (doc: TermPaper) => {
      const corpus = tokenizeCorpus([doc]);
      return new Set([...corpus.keys]);
    };
    for (const term of terms) {
      for (const doc of papers) expect(keysOf(doc).has(term.toLowerCase())).toBe(true);
    }
  });
});
