/**
 * Topics of the 33 seed papers through the real parts: seed pages read by ingest, the bundled
 * all-MiniLM-L6-v2 model, an exact k-NN graph, and default topic options.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import {
  loadTransformersEmbedder,
  paperText,
  type TransformersEmbedder,
} from '../../src/embed/transformers-embedder.ts';
import { exactKnn } from '../../src/index/exact-knn.ts';
import {
  DEFAULT_TOPIC_OPTIONS,
  discoverTopics,
  type TopicInput,
  type TopicResult,
} from '../../src/topics/discover-topics.ts';
import { sklearnAnalyzer } from '../../src/topics/quality/standard-evaluator.ts';
import { expectOneTopic, MERGING_PAPERS, RLHF_PAPERS } from '../support/seed-papers.ts';

let embedder: TransformersEmbedder;
let input: TopicInput;
let result: TopicResult;

beforeAll(async () => {
  const { papers } = await ingestInputs(['seeds'], { year: 2024, yearSource: 'option' });
  embedder = await loadTransformersEmbedder();
  const { vectors, dim } = await embedder.embed(papers.map((p) => paperText(p.title, p.abstract)));
  input = {
    vectors,
    dim,
    graph: exactKnn(vectors, dim, Math.min(15, papers.length - 1)),
    docs: papers.map(({ id, title, abstract }) => ({ id, title, abstract })),
  };
  result = discoverTopics(input, DEFAULT_TOPIC_OPTIONS);
});
afterAll(async () => {
  await embedder.dispose();
});

function topicOf(fragment: string): number | null {
  const row = input.docs.findIndex((doc) => doc.title.includes(fragment));
  if (row < 0) throw new Error(`no seed paper titled like "${fragment}"`);
  return result.assignment[row]!;
}

describe('topics of the seed pages (real model)', () => {
  it('reads 33 papers and finds several topics under fewer themes', () => {
    expect(input.docs).toHaveLength(33);
    const fine = result.topics.filter((t) => t.level === 0);
    const themes = result.topics.filter((t) => t.level === 1);
    expect(fine.length).toBeGreaterThanOrEqual(4);
    expect(themes.length).toBeGreaterThanOrEqual(2);
    expect(themes.length).toBeLessThan(fine.length);
  });

  it('puts the three model-merging papers in one topic labelled with merging', () => {
    const merging = expectOneTopic(topicOf, MERGING_PAPERS);
    const topic = result.topics.find((t) => t.id === merging)!;
    expect(topic.label.toLowerCase()).toContain('merging');
  });

  it('puts the two RLHF papers (ReaLHF, ReMax) in one topic', () => {
    expectOneTopic(topicOf, RLHF_PAPERS);
  });

  it('puts the pruning and sparsity papers together under a compression keyword', () => {
    const pruning = topicOf('Pruning Deep Neural Networks from a Sparsity Perspective');
    expect(pruning).not.toBeNull();
    expect(topicOf('In defense of parameter sharing')).toBe(pruning);
    const keywords = result.topics.find((t) => t.id === pruning)!.keywords.map((k) => k.term);
    expect(keywords.some((k) => /prun|spars|compress/i.test(k))).toBe(true);
  });

  it('leaves papers on unrelated subjects out, each with its two nearest topics', () => {
    const outlier = topicOf('Survival Analysis');
    expect(outlier).toBeNull();
    const row = input.docs.findIndex((doc) => doc.title.includes('Survival Analysis'));
    expect(result.nearestTopics[row]).toHaveLength(2);
    expect(result.quality.outlierRate).toBeLessThan(0.25);
  });

  it('gives byte-identical topics on a second run', () => {
    const again = discoverTopics(input, DEFAULT_TOPIC_OPTIONS);
    expect(JSON.stringify(again.topics)).toBe(JSON.stringify(result.topics));
    expect(again.assignment).toEqual(result.assignment);
  });
});

describe('displayed keywords of the seed topics (real model)', () => {
  it('never repeat a token a higher keyword already shows, in any top-10 list', () => {
    for (const topic of result.topics) {
      const seen = new Set<string>();
      for (const keyword of topic.keywords.slice(0, 10)) {
        const tokens = sklearnAnalyzer(keyword.term);
        for (const token of tokens) {
          expect(seen.has(token), `${topic.label}: "${keyword.term}" repeats "${token}"`).toBe(
            false,
          );
        }
        for (const token of tokens) seen.add(token);
      }
    }
  });

  it('reports the standard evaluator beside the own measure, each with its method', () => {
    expect(result.quality.method).toContain('project tokens');
    expect(result.quality.standard?.method).toContain('scikit-learn');
    expect(result.quality.standard?.npmi).toBeGreaterThan(-1);
    expect(result.quality.standard?.diversity).toBeGreaterThan(0.5);
  });
});
