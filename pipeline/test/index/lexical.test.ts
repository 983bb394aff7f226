import { describe, expect, it } from 'vitest';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';
import {
  buildLexicalIndex,
  lexicalNeighbours,
  lexicalSearch,
  lexicalSimilarity,
  lexicalStats,
  queryScore,
  rowsQuery,
  termCounts,
  textQuery,
} from '../../src/index/lexical.ts';
import { GRAPH_DOCS } from './graph-docs.ts';

const DOCS = [
  { title: 'Model merging', abstract: 'We merge fine-tuned models into one multi-task model.' },
  { title: 'Merging models', abstract: 'Task vectors let us merge fine-tuned models.' },
  { title: 'Video diffusion', abstract: 'A diffusion model generates video frames.' },
  { title: 'Diffusion for video', abstract: 'Video generation with latent diffusion.' },
  { title: 'Protein folding', abstract: 'We predict protein structures.' },
];

function index(docs = DOCS) {
  const corpus = tokenizeCorpus(docs);
  return { corpus, counts: termCounts(corpus), lexical: buildLexicalIndex(termCounts(corpus)) };
}

describe('lexical index', () => {
  it('gives each row a unit vector, or none when it shares no word', () => {
    const { lexical } = index();
    for (let row = 0; row < 4; row++)
      expect(lexicalSimilarity(lexical, row, row)).toBeCloseTo(1, 5);
    // "protein", "structures" and "predict" occur once in the corpus: nothing to share.
    expect(lexical.offsets[5]! - lexical.offsets[4]!).toBe(0);
  });

  it('scores symmetric cosines in [0, 1] that pair papers on the same subject', () => {
    const { lexical } = index();
    for (let a = 0; a < 5; a++) {
      for (let b = 0; b < 5; b++) {
        const s = lexicalSimilarity(lexical, a, b);
        expect(s).toBeCloseTo(lexicalSimilarity(lexical, b, a), 6);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1 + 1e-6);
      }
    }
    expect(lexicalNeighbours(lexical, 0, 2).rows[0]).toBe(1);
    expect(lexicalNeighbours(lexical, 2, 2).rows[0]).toBe(3);
    expect(lexicalSimilarity(lexical, 0, 2)).toBe(0);
  });

  it('lists neighbours best first with exact scores, never the paper itself', () => {
    const { lexical } = index();
    const hits = lexicalNeighbours(lexical, 0, 4);
    expect(hits.rows).not.toContain(0);
    expect(hits.scores).toEqual([...hits.scores].sort((a, b) => b - a));
    hits.rows.forEach((row, i) => {
      expect(hits.scores[i]).toBeCloseTo(lexicalSimilarity(lexical, 0, row), 6);
      expect(hits.scores[i]).toBeGreaterThan(0);
    });
  });

  it('leaves out words in more than half the papers', () => {
    const docs = Array.from({ length: 6 }, (_, i) => ({
      title: `paper ${i}`,
      abstract: i < 4 ? 'transformer attention' : 'transformer graph',
    }));
    const { corpus, lexical } = index(docs);
    const transformer = corpus.keys.indexOf('transformer');
    expect(lexical.postingOffsets[transformer + 1]! - lexical.postingOffsets[transformer]!).toBe(0);
    expect(lexicalSimilarity(lexical, 4, 5)).toBeCloseTo(1, 5);
  });

  it('keeps frozen statistics: weights of old rows do not move when rows are appended', () => {
    const docs = GRAPH_DOCS.slice(0, 6);
    const { counts } = index(docs);
    const frozen = lexicalStats(counts, 4);
    expect(frozen.docs).toBe(4);
    const old = index(docs.slice(0, 4)).lexical;
    const withFrozen = buildLexicalIndex(counts, frozen);
    const fresh = buildLexicalIndex(counts);
    const before = lexicalSimilarity(old, 0, 1);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(0.999);
    expect(lexicalSimilarity(withFrozen, 0, 1)).toBeCloseTo(before, 6);
    expect(lexicalSimilarity(fresh, 0, 1)).not.toBeCloseTo(before, 3);
  });

  it('searches free text by the same weights', () => {
    const { corpus, lexical } = index();
    const query = textQuery(lexical, new Map([[corpus.keys.indexOf('diffusion'), 1]]));
    const hits = lexicalSearch(lexical, query, 3);
    expect(new Set(hits.rows)).toEqual(new Set([2, 3]));
    hits.rows.forEach((row, i) =>
      expect(hits.scores[i]).toBeCloseTo(queryScore(lexical, query, row), 6),
    );
    expect(lexicalSearch(lexical, textQuery(lexical, new Map()), 3).rows).toEqual([]);
    // A paper's own vector as the query finds it first, with cosine 1.
    const own = lexicalSearch(lexical, rowsQuery(lexical, [0]), 2);
    expect(own.rows[0]).toBe(0);
    expect(own.scores[0]).toBeCloseTo(1, 5);
    expect(lexicalSearch(lexical, rowsQuery(lexical, [0]), 2, new Set([0])).rows).not.toContain(0);
  });
});
