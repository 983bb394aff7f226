import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadTransformersEmbedder,
  paperText,
  type TransformersEmbedder,
} from '../../src/embed/transformers-embedder.ts';
import { buildIndex, knnGraph } from '../../src/index/hnsw-index.ts';
import { DEFAULT_HYBRID, hybridRelated } from '../../src/index/hybrid.ts';
import { buildLexicalIndex, termCounts } from '../../src/index/lexical.ts';
import { tokenizeCorpus } from '../../src/topics/tokenize.ts';
import { MERGING_TITLES, OTHER_TITLES, seedAbstract } from '../embed/seed-abstracts.ts';

let embedder: TransformersEmbedder;
beforeAll(async () => {
  embedder = await loadTransformersEmbedder();
});
afterAll(async () => {
  await embedder.dispose();
});

describe('related papers through the real model and the real index', () => {
  it('makes the model-merging seed papers each other’s nearest neighbours', async () => {
    const titles = [...OTHER_TITLES.slice(0, 2), ...MERGING_TITLES, ...OTHER_TITLES.slice(2)];
    const papers = titles.map((title) => ({ title, abstract: seedAbstract(title) }));
    const { vectors, dim } = await embedder.embed(
      papers.map((paper) => paperText(paper.title, paper.abstract)),
    );
    const graph = knnGraph(buildIndex(vectors, dim), vectors, dim, 3);
    const lexical = buildLexicalIndex(termCounts(tokenizeCorpus(papers)));
    const related = hybridRelated({ vectors, dim, graph, lexical }, titles, 3, DEFAULT_HYBRID);

    for (const title of MERGING_TITLES) {
      const top2 = (related[title] ?? []).slice(0, 2).map((neighbour) => neighbour.id);
      expect(top2.sort()).toEqual(MERGING_TITLES.filter((other) => other !== title).sort());
    }
    const mergingScore = (related[MERGING_TITLES[0] as string] ?? [])[1]?.score ?? 0;
    const otherScore = (related[MERGING_TITLES[0] as string] ?? [])[2]?.score ?? 1;
    expect(mergingScore).toBeGreaterThan(otherScore);
  });
});
