import { describe, expect, it } from 'vitest';
import {
  buildTermIndex,
  classTerms,
  countClassTerms,
  mergeClassCounts,
  rankClassTerms,
  readTerms,
} from '../../src/topics/c-tf-idf.ts';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';

/** Top keywords (written form) of each class of `docs`. */
function keywords(
  docs: { title: string; abstract: string }[],
  classOf: number[],
  ngramMax = 2,
): string[][] {
  const corpus = tokenizeCorpus(docs);
  const index = buildTermIndex(corpus, ngramMax);
  const classes = Math.max(...classOf) + 1;
  const ranked = classTerms(index, classOf, classes, { top: 20, minDocFrequency: 1 });
  return ranked.map((terms, c) => {
    const members = classOf.flatMap((k, doc) => (k === c ? [doc] : []));
    const reading = readTerms(
      corpus,
      index,
      terms.map((t) => t.term),
      members,
      0.8,
    );
    return terms
      .filter((t) => !reading.get(t.term)!.fragment)
      .map((t) => reading.get(t.term)!.display);
  });
}

describe('classTerms', () => {
  it('computes c-TF-IDF by hand on a tiny corpus', () => {
    // Documents: {alpha, beta, gamma}, {alpha, delta} in class 0 and {beta, gamma} in class 1.
    // 7 (document, term) pairs over 2 classes: A = 3.5. Class 0 counts alpha 2, beta 1,
    // gamma 1, delta 1 (total 5); class 1 counts beta 1, gamma 1 (total 2).
    const corpus = tokenizeCorpus([
      { title: 'Alpha beta', abstract: 'Gamma.' },
      { title: 'Alpha', abstract: 'Delta.' },
      { title: 'Beta', abstract: 'Gamma.' },
    ]);
    const index = buildTermIndex(corpus, 1);
    const word = (id: number) => corpus.keys[id];
    const ranked = classTerms(index, [0, 0, 1], 2, { top: 10, minDocFrequency: 1 });
    expect(ranked[0]!.map((t) => [word(t.term), t.weight])).toEqual([
      ['alpha', (2 / 5) * Math.log(1 + 3.5 / 2)],
      ['delta', (1 / 5) * Math.log(1 + 3.5 / 1)],
      ['beta', (1 / 5) * Math.log(1 + 3.5 / 2)],
      ['gamma', (1 / 5) * Math.log(1 + 3.5 / 2)],
    ]);
    expect(ranked[1]!.map((t) => [word(t.term), t.weight])).toEqual([
      ['beta', (1 / 2) * Math.log(1 + 3.5 / 2)],
      ['gamma', (1 / 2) * Math.log(1 + 3.5 / 2)],
    ]);
  });

  it('drops terms below the corpus and class document thresholds', () => {
    const corpus = tokenizeCorpus([
      { title: 'Alpha beta', abstract: 'Gamma.' },
      { title: 'Alpha', abstract: 'Delta.' },
      { title: 'Beta', abstract: 'Gamma.' },
    ]);
    const index = buildTermIndex(corpus, 1);
    const words = (options: { minDocFrequency: number; minClassDocs?: number }) =>
      classTerms(index, [0, 0, 1], 2, { top: 10, ...options })[0]!.map((t) => corpus.keys[t.term]);
    expect(words({ minDocFrequency: 2 })).toEqual(['alpha', 'beta', 'gamma']);
    expect(words({ minDocFrequency: 1, minClassDocs: 2 })).toEqual(['alpha']);
  });

  it('drops terms in fewer than minClassDocsScale × √(class size) documents, rounded up', () => {
    const corpus = tokenizeCorpus([
      ...Array.from({ length: 3 }, () => ({ title: 'Alpha', abstract: 'Gamma.' })),
      ...Array.from({ length: 2 }, () => ({ title: 'Beta', abstract: 'Gamma.' })),
      ...Array.from({ length: 95 }, () => ({ title: 'Gamma', abstract: 'Gamma.' })),
      { title: 'Delta', abstract: 'Delta.' },
    ]);
    const index = buildTermIndex(corpus, 1);
    const classOf = Array.from({ length: 101 }, (_, doc) => (doc < 100 ? 0 : 1));
    const words = (minClassDocsScale: number) =>
      classTerms(index, classOf, 2, { top: 10, minDocFrequency: 1, minClassDocsScale })[0]!
        .map((t) => corpus.keys[t.term])
        .sort();
    expect(words(0)).toEqual(['alpha', 'beta', 'gamma']);
    // 0.3 × √100 is 3.0000000000000004 in floating point; 3 documents must still qualify.
    expect(words(0.3)).toEqual(['alpha', 'gamma']);
    expect(words(0.31)).toEqual(['gamma']);
  });

  it('lets outlier documents (class -1) count in A and f(t) only', () => {
    const corpus = tokenizeCorpus([
      { title: 'Alpha', abstract: 'Beta.' },
      { title: 'Alpha', abstract: 'Gamma.' },
    ]);
    const index = buildTermIndex(corpus, 1);
    // Pairs: 4 over 1 class + the outlier class: A = 2; f(alpha) = 2, f(beta) = 1.
    const [ranked] = classTerms(index, [0, -1], 1, { top: 10, minDocFrequency: 1 });
    expect(ranked!.map((t) => [corpus.keys[t.term], t.weight])).toEqual([
      ['beta', (1 / 2) * Math.log(1 + 2 / 1)],
      ['alpha', (1 / 2) * Math.log(1 + 2 / 2)],
    ]);
  });

  it('softens frequent words with a tf exponent below 1', () => {
    const corpus = tokenizeCorpus([
      { title: 'Alpha beta', abstract: 'Gamma.' },
      { title: 'Alpha', abstract: 'Delta.' },
      { title: 'Beta', abstract: 'Gamma.' },
    ]);
    const index = buildTermIndex(corpus, 1);
    const [ranked] = classTerms(index, [0, 0, 1], 2, {
      top: 2,
      minDocFrequency: 1,
      tfExponent: 0.5,
    });
    // sqrt(2/5)·ln 2.75 = 0.640 < sqrt(1/5)·ln 4.5 = 0.673: the rarer word now leads.
    expect(ranked!.map((t) => corpus.keys[t.term])).toEqual(['delta', 'alpha']);
  });
});

describe('mergeClassCounts', () => {
  it('ranks groups of classes as a count of their documents would', () => {
    const corpus = tokenizeCorpus([
      { title: 'Sparse pruning', abstract: 'Pruning masks and sparse heads.' },
      { title: 'Pruning heads', abstract: 'Magnitude pruning of attention heads.' },
      { title: 'Quantization', abstract: 'Low-bit quantization of sparse weights.' },
      { title: 'Reward models', abstract: 'Reward models rank preference pairs.' },
      { title: 'Preference data', abstract: 'Preference pairs for reward learning.' },
      { title: 'Survival analysis', abstract: 'Hazard models of patients.' },
    ]);
    const index = buildTermIndex(corpus, 2);
    const classOf = [0, 0, 2, 1, 1, -1];
    const groupOfClass = [0, 1, 0];
    const options = { top: 20, minDocFrequency: 1, minClassDocs: 1, tfExponent: 0.5 };
    for (const wordsOnly of [false, true]) {
      const merged = mergeClassCounts(
        countClassTerms(index, classOf, 3, wordsOnly),
        groupOfClass,
        2,
      );
      const direct = classTerms(
        index,
        classOf.map((c) => (c < 0 ? -1 : groupOfClass[c]!)),
        2,
        { ...options, wordsOnly },
      );
      expect(rankClassTerms(index, merged, { ...options, wordsOnly })).toEqual(direct);
      expect(merged.docs).toEqual([3, 2]);
    }
  });
});

describe('keywords of ML abstracts', () => {
  const docs = [
    {
      title: 'LoRA adapters for RLHF',
      abstract:
        'We propose a novel method based on LoRA. Our approach shows state-of-the-art results and ' +
        'performance using RLHF with a KV cache. The paper introduces model merging.',
    },
    {
      title: 'Sparse MoE routing with LoRA',
      abstract:
        'In this paper we propose a new approach: MoE layers with LoRA experts, using a KV cache. ' +
        'Experiments show results that outperform existing methods and model merging baselines.',
    },
    {
      title: 'Survival analysis',
      abstract: 'Hazard functions for survival data.',
    },
  ];

  it('keeps acronyms in their written casing and drops abstract boilerplate', () => {
    const [words] = keywords(docs, [0, 0, 1]);
    expect(words).toEqual(
      expect.arrayContaining(['LoRA', 'RLHF', 'KV cache', 'MoE', 'model merging']),
    );
    for (const noise of [
      'propose',
      'novel',
      'method',
      'based',
      'approach',
      'shows',
      'state-of-the-art',
      'results',
      'performance',
      'using',
      'paper',
      'model',
      'experiments',
      'outperform',
    ]) {
      expect(words!.map((w) => w.toLowerCase())).not.toContain(noise);
    }
  });

  it('drops a word that only ever starts a longer phrase', () => {
    const [words] = keywords(docs, [0, 0, 1]);
    // "KV" is always followed by "cache" here, so only "KV cache" is a keyword.
    expect(words).toContain('KV cache');
    expect(words).not.toContain('KV');
  });
});

describe('readTerms fragments', () => {
  it('drops a word that nearly always follows the same word ("Monte" → "Carlo")', () => {
    const docs = [
      'Monte Carlo sampling of trees.',
      'Tree search with Monte Carlo rollouts.',
      'Monte Carlo estimates guide sampling.',
    ].map((abstract) => ({ title: '', abstract }));
    const [words] = keywords(docs, [0, 0, 0]);
    expect(words).toContain('Monte Carlo');
    expect(words).not.toContain('Carlo');
    expect(words).not.toContain('Monte');
  });
});
