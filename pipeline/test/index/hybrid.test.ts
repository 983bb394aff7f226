import { describe, expect, it } from 'vitest';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';
import {
  buildLexicalIndex,
  lexicalSimilarity,
  lexicalStats,
  termCounts,
  type TermCounts,
} from '../../src/index/lexical.ts';
import {
  extendHybrid,
  hybridRelated,
  hybridScore,
  HybridScorer,
  rankHybrid,
  type HybridCorpus,
} from '../../src/index/hybrid.ts';
import type { KnnGraph } from '../../src/index/knn.ts';
import { exactKnn } from '../../src/index/exact-knn.ts';
import { roundScore } from '../../src/index/related.ts';
import { randomUnitVectors } from './random-vectors.ts';
import { GRAPH_DOCS } from './graph-docs.ts';

const IDS = GRAPH_DOCS.map((_, i) => `p${i}`);
const DIM = 8;

function corpusOf(rows: number, options: { graphK: number; statsDocs?: number }): HybridCorpus {
  const all = termCounts(tokenizeCorpus(GRAPH_DOCS));
  const counts: TermCounts = {
    terms: all.terms.slice(0, rows),
    counts: all.counts.slice(0, rows),
    lengths: all.lengths.slice(0, rows),
    vocabulary: all.vocabulary,
  };
  const lexical = buildLexicalIndex(counts, lexicalStats(all, options.statsDocs ?? rows));
  const vectors = randomUnitVectors(GRAPH_DOCS.length, DIM, 7).slice(0, rows * DIM);
  const graph: KnnGraph = exactKnn(vectors, DIM, Math.min(options.graphK, rows - 1));
  return { vectors, dim: DIM, graph, lexical };
}

function dot(corpus: HybridCorpus, a: number, b: number): number {
  let sum = 0;
  for (let d = 0; d < DIM; d++) sum += corpus.vectors[a * DIM + d]! * corpus.vectors[b * DIM + d]!;
  return sum;
}

describe('hybrid ranking', () => {
  it('blends the dense and the lexical cosine by alpha, symmetrically', () => {
    const corpus = corpusOf(8, { graphK: 7 });
    const blended = hybridScore(corpus, 0, 1, 0.25);
    expect(blended).toBeCloseTo(
      0.25 * dot(corpus, 0, 1) + 0.75 * lexicalSimilarity(corpus.lexical, 0, 1),
      6,
    );
    expect(hybridScore(corpus, 1, 0, 0.25)).toBeCloseTo(blended, 6);
  });

  it('ranks by dense cosine at alpha 1 and by lexical cosine at alpha 0', () => {
    const corpus = corpusOf(8, { graphK: 7 });
    const dense = rankHybrid(corpus, 3, { alpha: 1, lexicalCandidates: 0 }).map((hit) => hit.row);
    const byDot = [0, 1, 2, 4, 5, 6, 7].sort((a, b) => dot(corpus, 3, b) - dot(corpus, 3, a));
    expect(dense).toEqual(byDot);
    const lexical = rankHybrid(corpus, 3, { alpha: 0, lexicalCandidates: 7 });
    for (let i = 1; i < lexical.length; i++) {
      expect(lexical[i - 1]!.score).toBeGreaterThanOrEqual(lexical[i]!.score);
    }
    expect(lexical[0]!.score).toBeCloseTo(
      Math.max(...[0, 1, 2, 4, 5, 6, 7].map((row) => lexicalSimilarity(corpus.lexical, 3, row))),
      4,
    );
  });

  it('adds lexical neighbours the dense graph missed', () => {
    const corpus = corpusOf(8, { graphK: 1 });
    const denseOnly = rankHybrid(corpus, 0, { alpha: 0.5, lexicalCandidates: 0 });
    expect(denseOnly).toHaveLength(1);
    const hybrid = rankHybrid(corpus, 0, { alpha: 0.5, lexicalCandidates: 3 }).map(
      (hit) => hit.row,
    );
    expect(hybrid.length).toBeGreaterThan(1);
    expect(hybrid).toContain(1); // "sparse attention graph kernels": the closest in words
  });

  it('writes lists of at most k, best first, keyed in row order (golden shape)', () => {
    const corpus = corpusOf(8, { graphK: 3 });
    const related = hybridRelated(corpus, IDS, 2, { alpha: 0.5, lexicalCandidates: 2 });
    expect(Object.keys(related)).toEqual(IDS);
    for (const [id, list] of Object.entries(related)) {
      expect(list.length).toBeLessThanOrEqual(2);
      expect(list.map((n) => n.id)).not.toContain(id);
      expect(list.map((n) => n.score)).toEqual([...list.map((n) => n.score)].sort((a, b) => b - a));
    }
    expect(() =>
      hybridRelated(corpus, IDS.slice(1), 2, { alpha: 0.5, lexicalCandidates: 2 }),
    ).toThrow(RangeError);
  });
});

describe('extendHybrid', () => {
  it('gives the lists a full computation gives, when candidates are exhaustive', () => {
    const options = { alpha: 0.6, lexicalCandidates: 8 };
    const old = corpusOf(5, { graphK: 7, statsDocs: 5 });
    const previous = hybridRelated(old, IDS.slice(0, 5), 3, options);
    const grown = corpusOf(8, { graphK: 7, statsDocs: 5 });
    const extended = extendHybrid(grown, IDS, 3, options, previous, 5);
    expect(extended).toEqual(hybridRelated(grown, IDS, 3, options));
    // Some old paper did take in a new one, so the merge was exercised.
    const changed = IDS.slice(0, 5).filter(
      (id) => JSON.stringify(previous[id]) !== JSON.stringify(extended[id]),
    );
    expect(changed.length).toBeGreaterThan(0);
  });

  it('keeps old lists as they were when nothing was added', () => {
    const options = { alpha: 0.6, lexicalCandidates: 8 };
    const corpus = corpusOf(8, { graphK: 7 });
    const previous = hybridRelated(corpus, IDS, 3, options);
    expect(extendHybrid(corpus, IDS, 3, options, previous, 8)).toEqual(previous);
    expect(() => extendHybrid(corpus, IDS, 3, options, {}, 8)).toThrow(/no previous related list/);
  });
});

describe('neighbourhood term', () => {
  const options = { alpha: 0.4, lexicalCandidates: 7, neighbourhood: { weight: 1, size: 2 } };

  it('adds the mean blend of each paper’s best two candidates to the other (golden formula)', () => {
    const corpus = corpusOf(8, { graphK: 7 });
    const scorer = new HybridScorer(corpus, options);
    const blend = (a: number, b: number) => hybridScore(corpus, a, b, 0.4);
    const bestTwo = (row: number) =>
      [0, 1, 2, 3, 4, 5, 6, 7]
        .filter((other) => other !== row)
        .sort((a, b) => blend(row, b) - blend(row, a) || a - b)
        .slice(0, 2);
    expect(scorer.neighbourhoodOf(3)).toEqual(bestTwo(3));
    const mean = (rows: number[], other: number) =>
      rows.reduce((sum, row) => sum + blend(row, other), 0) / rows.length;
    for (const [a, b] of [
      [3, 1],
      [0, 6],
      [5, 2],
    ] as const) {
      const expected = (blend(a, b) + 0.5 * (mean(bestTwo(a), b) + mean(bestTwo(b), a))) / 2;
      expect(scorer.score(a, b)).toBeCloseTo(expected, 6);
      expect(scorer.score(b, a)).toBeCloseTo(expected, 6);
    }
  });

  it('is the blend alone at weight 0 and keeps scores at most 1', () => {
    const corpus = corpusOf(8, { graphK: 7 });
    const off = new HybridScorer(corpus, { ...options, neighbourhood: { weight: 0, size: 2 } });
    expect(off.score(2, 4)).toBe(hybridScore(corpus, 2, 4, 0.4));
    const on = new HybridScorer(corpus, options);
    for (let a = 0; a < 8; a++) {
      for (const hit of on.rank(a)) expect(hit.score).toBeLessThanOrEqual(1);
    }
    expect(
      () => new HybridScorer(corpus, { ...options, neighbourhood: { weight: 1, size: 0 } }),
    ).toThrow(/size/);
  });

  it('rewards the papers a paper’s neighbours are close to', () => {
    // Row 0's best neighbours by the blend pull up whatever they are close to: with the term,
    // the ranking differs from the blend's somewhere in the corpus.
    const corpus = corpusOf(8, { graphK: 7 });
    const plain = hybridRelated(corpus, IDS, 7, { alpha: 0.4, lexicalCandidates: 7 });
    const around = hybridRelated(corpus, IDS, 7, options);
    const order = (lists: typeof plain) => IDS.map((id) => lists[id]!.map((n) => n.id).join());
    expect(order(around)).not.toEqual(order(plain));
  });

  it('extends with the lists a full computation gives the new papers', () => {
    const old = corpusOf(5, { graphK: 7, statsDocs: 5 });
    const previous = hybridRelated(old, IDS.slice(0, 5), 3, options);
    const grown = corpusOf(8, { graphK: 7, statsDocs: 5 });
    const extended = extendHybrid(grown, IDS, 3, options, previous, 5);
    const full = hybridRelated(grown, IDS, 3, options);
    for (const id of IDS.slice(5)) expect(extended[id]).toEqual(full[id]);
    const scorer = new HybridScorer(grown, options);
    let taken = 0;
    IDS.slice(0, 5).forEach((id, row) => {
      // An old list only takes in new papers, at the score the grown corpus gives them.
      for (const hit of extended[id]!) {
        const before = previous[id]!.find((n) => n.id === hit.id);
        if (before) {
          expect(hit).toEqual(before);
        } else {
          taken += 1;
          expect(hit.score).toBe(roundScore(scorer.score(row, IDS.indexOf(hit.id))));
        }
      }
    });
    expect(taken).toBeGreaterThan(0);
  });
});
