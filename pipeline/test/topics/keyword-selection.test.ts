import { describe, expect, it } from 'vitest';
import { buildTermIndex, countClassTerms, rankClassTerms } from '../../src/topics/c-tf-idf.ts';
import {
  selectKeywords,
  shownTokens,
  variants,
  wordParts,
  type SelectionOptions,
} from '../../src/topics/keyword-selection.ts';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';

describe('variants', () => {
  it('treats a word, its longer forms and shared 6-letter stems as one word', () => {
    expect(variants('agent', 'agentic')).toBe(true);
    expect(variants('math', 'mathematical')).toBe(true);
    expect(variants('hallucination', 'hallucinated')).toBe(true);
    expect(variants('finance', 'financial')).toBe(true);
    expect(variants('rl', 'rlhf')).toBe(false);
    expect(variants('video', 'vision')).toBe(false);
  });
});

describe('wordParts and shownTokens', () => {
  it('splits hyphenated compounds into the words a reader sees', () => {
    expect(wordParts('text-to-image')).toEqual(['text-to-image', 'text', 'image']);
    expect(wordParts('pruning')).toEqual(['pruning']);
    expect(shownTokens('multi-turn')).toEqual(['multi', 'turn']);
    expect(shownTokens('3d')).toEqual(['3d']);
  });
});

/** Two topics of four papers; topic 0 repeats "3D" in phrases, both share "agents". */
const DOCS = [
  'mesh 3D assets texture. 3D assets from text with mesh texture and agents.',
  'mesh 3D assets. Texture of 3D assets, mesh generation.',
  'Text-to-image mesh texture. Image assets with 3D assets.',
  '3D assets mesh texture generation; hallucination, hallucinated.',
  'agents tool calls. agents planning with tool calls.',
  'agents planning. tool calls by agents.',
  'agents web browsing; planning and tool calls.',
  'agents planning, tool calls, web browsing.',
].map((abstract) => ({ title: '', abstract }));
const CLASS_OF = [0, 0, 0, 0, 1, 1, 1, 1];

function select(options: Partial<SelectionOptions> = {}) {
  const corpus = tokenizeCorpus(DOCS);
  const index = buildTermIndex(corpus, 2);
  const counts = countClassTerms(index, CLASS_OF, 2);
  const candidates = rankClassTerms(index, counts, { top: 30, minDocFrequency: 1 });
  const picked = selectKeywords(
    (key) => corpus.keys[key]!,
    index,
    counts,
    candidates,
    [0, 1],
    {
      count: 10,
      phraseCohesion: 0.5,
      siblingSeparation: 0,
      coherence: 0,
      crossTopicPenalty: 0,
      phraseUpgrade: 0,
      ...options,
    },
    () => [0, 1],
    () => 0,
  );
  return picked.map((terms) =>
    terms.map((t) =>
      index
        .termKeys(t.term)
        .map((key) => corpus.keys[key]!)
        .join(' '),
    ),
  );
}

describe('selectKeywords', () => {
  it('never shows a word (or a part or variant of it) twice in one list', () => {
    for (const options of [{}, { coherence: 3, crossTopicPenalty: 0.4, phraseUpgrade: 0.8 }]) {
      for (const keywords of select(options)) {
        const seen: string[] = [];
        for (const keyword of keywords) {
          const words = keyword.split(' ').flatMap(wordParts);
          expect(words.some((w) => seen.some((s) => variants(w, s)))).toBe(false);
          seen.push(...words);
        }
      }
    }
  });

  it('keeps a phrase only when most papers using its rarer word use the phrase', () => {
    // "3D assets" is in every paper with "assets" but one; "mesh generation" in one of four
    // papers with "mesh".
    const [first] = select({ phraseCohesion: 0.7 });
    expect(first).not.toContain('mesh generation');
    const [loose] = select({ phraseCohesion: 0 });
    expect(loose!.length).toBeGreaterThan(0);
  });

  it('weighs down words another topic shows when separation is on', () => {
    const plain = select();
    const separated = select({ crossTopicPenalty: 3 });
    const rank = (lists: string[][], topic: number) => lists[topic]!.indexOf('agents');
    // "agents" is shown by both topics: it moves down in at least one list, up in none.
    expect(rank(plain, 0)).toBeGreaterThanOrEqual(0);
    expect(rank(plain, 1)).toBeGreaterThanOrEqual(0);
    expect(rank(separated, 0)).toBeGreaterThanOrEqual(rank(plain, 0));
    expect(rank(separated, 1)).toBeGreaterThan(rank(plain, 1));
  });
});
