import { describe, expect, it } from 'vitest';
import {
  contentKeys,
  displayForm,
  PHRASE_BREAK,
  tokenizeCorpus,
  type TokenizedCorpus,
} from '../../src/topics/tokenize.ts';

/** Each document as phrases of word keys, for readable assertions. */
function phrases(corpus: TokenizedCorpus, doc: number): string[] {
  const out: string[][] = [[]];
  for (const token of corpus.docs[doc]!) {
    if (token === PHRASE_BREAK) out.push([]);
    else out[out.length - 1]!.push(corpus.keys[corpus.surfaceKey[token >> 1]!]!);
  }
  return out.map((words) => words.join(' '));
}

/** Casing votes per surface form in document `doc`: the tokens with the vote bit (bit 0) set. */
function casingVotes(corpus: TokenizedCorpus, doc: number): Map<string, number> {
  const votes = new Map<string, number>();
  for (const token of corpus.docs[doc]!) {
    if (token === PHRASE_BREAK) continue;
    const surface = corpus.surfaces[token >> 1]!;
    votes.set(surface, (votes.get(surface) ?? 0) + (token & 1));
  }
  return votes;
}

describe('tokenizeCorpus', () => {
  it('splits phrases at stop words, punctuation and numbers, keeping hyphenated compounds', () => {
    const corpus = tokenizeCorpus([
      {
        title: 'Fine-tuning of Vision Transformers',
        abstract:
          'We propose a novel text-to-image pipeline; it runs 3 times faster (on GPUs) than a GPU transformer.',
      },
    ]);
    expect(phrases(corpus, 0)).toEqual([
      'fine-tuning',
      'vision transformer',
      'text-to-image pipeline',
      'runs',
      'times faster',
      'gpu',
      'gpu transformer',
    ]);
  });

  it('folds plurals into a singular the corpus uses, and only then', () => {
    const corpus = tokenizeCorpus([
      { title: 'LLMs and an LLM', abstract: 'Strategies, one strategy, analysis and classes.' },
    ]);
    expect(corpus.keys).toEqual(['llm', 'strategy', 'analysis', 'classes']);
  });

  it('drops "-es" only after s, x, z, ch, sh or o, else just the "s"', () => {
    const corpus = tokenizeCorpus([
      {
        title: 'GAM games and a game',
        abstract:
          'One loss, many losses; a box, boxes; a patch, patches; a mesh, meshes; a hero, heroes.',
      },
      {
        title: 'STAT states and a state',
        abstract: 'BAS bases, a base; a cache, caches; size, sizes; assess, assesses, assesse.',
      },
    ]);
    const keyOf = (surface: string) =>
      corpus.keys[corpus.surfaceKey[corpus.surfaces.indexOf(surface)]!];
    expect(keyOf('games')).toBe('game');
    expect(keyOf('GAM')).toBe('gam');
    expect(keyOf('states')).toBe('state');
    expect(keyOf('losses')).toBe('loss');
    expect(keyOf('boxes')).toBe('box');
    expect(keyOf('patches')).toBe('patch');
    expect(keyOf('meshes')).toBe('mesh');
    expect(keyOf('heroes')).toBe('hero');
    // The corpus uses the word minus its "s": that is the singular, except after "ss".
    expect(keyOf('bases')).toBe('base');
    expect(keyOf('caches')).toBe('cache');
    expect(keyOf('sizes')).toBe('size');
    expect(keyOf('assesses')).toBe('assess');
  });

  it('keeps a dot between two digits inside a word, not at a sentence end', () => {
    const corpus = tokenizeCorpus([
      {
        title: 'Qwen2.5-VL-7B beats GPT-4.1',
        abstract: 'We tune Llama-3.1-8B in 2024. Adapters merge (v2). Experts route with v2.5.',
      },
    ]);
    expect(corpus.surfaces).toEqual(
      expect.arrayContaining(['Qwen2.5-VL-7B', 'GPT-4.1', 'Llama-3.1-8B']),
    );
    expect(corpus.surfaces).not.toContain('Qwen2');
    expect(corpus.surfaces).not.toContain('5-VL-7B');
    expect(corpus.surfaces).not.toContain('GPT-4');
    expect(phrases(corpus, 0)).toEqual([
      'qwen2.5-vl-7b beats gpt-4.1',
      'tune llama-3.1-8b',
      'adapters merge',
      'v2',
      'experts route',
      'v2.5',
    ]);
    // "Adapters" and "Experts" start sentences after "2024." and "(v2).", so they do not vote.
    const votes = casingVotes(corpus, 0);
    expect(votes.get('Adapters')).toBe(0);
    expect(votes.get('Experts')).toBe(0);
    expect(votes.get('merge')).toBe(1);
  });

  it('drops possessive endings', () => {
    const corpus = tokenizeCorpus([{ title: 'ReaLHF’s planner', abstract: "ReaLHF's cost." }]);
    expect(corpus.keys).toContain('realhf');
    expect(corpus.surfaces).not.toContain("ReaLHF's");
  });

  it('lets only abstract words inside a sentence and acronym-like forms vote on casing', () => {
    const corpus = tokenizeCorpus([
      { title: 'Adapters For LoRA', abstract: 'Adapters help. We train adapters with LoRA.' },
    ]);
    const votes = casingVotes(corpus, 0);
    // Title "Adapters" and sentence-initial "Adapters" do not vote; "adapters" and both "LoRA" do.
    expect(votes.get('Adapters')).toBe(0);
    expect(votes.get('adapters')).toBe(1);
    expect(votes.get('LoRA')).toBe(2);
  });

  it('gives the coherence stream without generic words', () => {
    const corpus = tokenizeCorpus([{ title: 'Model merging', abstract: 'Merging models helps.' }]);
    expect(Array.from(contentKeys(corpus, 0), (k) => corpus.keys[k])).toEqual([
      'merging',
      'merging',
      'helps',
    ]);
  });
});

describe('displayForm', () => {
  it('takes the most frequent voting form, else the lowercase most frequent form', () => {
    expect(
      displayForm(
        new Map([
          ['LoRA', 3],
          ['Lora', 1],
        ]),
        new Map(),
      ),
    ).toBe('LoRA');
    expect(displayForm(new Map(), new Map([['Merging', 2]]))).toBe('merging');
    expect(
      displayForm(
        new Map([
          ['KV', 2],
          ['Kv', 2],
        ]),
        new Map(),
      ),
    ).toBe('KV');
  });
});
