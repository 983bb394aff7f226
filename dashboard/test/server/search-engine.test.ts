/**
 * The search engine through the real path: the seed pages through the real pipeline, then the
 * real model, index and vectors loaded by the server code.
 */
import { artifactPath } from '../../../pipeline/src/output/run-folder.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  loadSearchEngine,
  SearchEngineError,
  type SearchEngine,
} from '../../server/search-engine.ts';
import type { Manifest, PapersFile } from '../../src/lib/data/artifacts.ts';
import type { Embedder } from '../../../pipeline/src/embed/embedder.ts';
import { runSeedPipeline, type SeedRun } from '../support/seed-pipeline.ts';

let seeds: SeedRun;
let engine: SearchEngine;
let papers: PapersFile['papers'];
let vectors: Float32Array;
let dim: number;

beforeAll(async () => {
  seeds = await runSeedPipeline();
  engine = await loadSearchEngine(seeds.dataDir);
  papers = (JSON.parse(await readFile(artifactPath(seeds.dataDir, 'papers'), 'utf8')) as PapersFile)
    .papers;
  dim = (JSON.parse(await readFile(artifactPath(seeds.dataDir, 'manifest'), 'utf8')) as Manifest)
    .model.dim;
  const bytes = await readFile(artifactPath(seeds.dataDir, 'embeddings'));
  vectors = new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
});

afterAll(async () => {
  await seeds?.dispose();
});

const titleOf = (id: string) => papers.find((paper) => paper.id === id)!.title;
const mergingIds = () =>
  papers.filter((paper) => /merg/i.test(paper.title)).map((paper) => paper.id);

describe('loadSearchEngine on the seed pipeline output', () => {
  it('finds a merging paper first for a free-text description of merging', async () => {
    const hits = await engine.searchText('merging fine-tuned models without retraining', 5);
    expect(hits).toHaveLength(5);
    expect(titleOf(hits[0]!.id)).toMatch(/merg/i);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('answers "similar to this set" by the hybrid score, with each paper described', async () => {
    const set = mergingIds().slice(0, 2);
    expect(set).toHaveLength(2);
    const hits = engine.similarTo(set, 5);
    expect(hits).toHaveLength(5);
    expect(hits.map((hit) => hit.id)).not.toContain(set[0]);
    expect(hits.map((hit) => hit.id)).not.toContain(set[1]);
    expect(titleOf(hits[0]!.id)).toMatch(/merg/i);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);

    // score = alpha · dense cosine to the set's mean + (1 − alpha) · a lexical cosine in [0, 1].
    const manifest = JSON.parse(
      await readFile(artifactPath(seeds.dataDir, 'manifest'), 'utf8'),
    ) as Manifest & { related: { alpha: number } };
    const alpha = manifest.related.alpha;
    const rows = set.map((id) => papers.findIndex((paper) => paper.id === id));
    const mean = new Float64Array(dim);
    for (const row of rows) for (let i = 0; i < dim; i++) mean[i]! += vectors[row * dim + i]!;
    const norm = Math.hypot(...mean);
    const topics = (
      JSON.parse(await readFile(artifactPath(seeds.dataDir, 'topics'), 'utf8')) as {
        topics: { id: number; label: string }[];
      }
    ).topics;
    for (const hit of hits) {
      const row = papers.findIndex((paper) => paper.id === hit.id);
      let dense = 0;
      for (let i = 0; i < dim; i++) dense += (mean[i]! / norm) * vectors[row * dim + i]!;
      const lexical = (hit.score - alpha * dense) / (1 - alpha);
      expect(lexical).toBeGreaterThan(-1e-3);
      expect(lexical).toBeLessThan(1 + 1e-3);
      const paper = papers[row]!;
      expect(hit.title).toBe(paper.title);
      expect(hit.firstDay).toBe(paper.dates[0] ?? null);
      expect(hit.topic).toEqual(
        paper.topic === null
          ? null
          : { id: paper.topic, label: topics.find((topic) => topic.id === paper.topic)!.label },
      );
    }
  });

  it('finds a paper first by its own title, and returns the title', async () => {
    const paper = papers.find((p) => /merg/i.test(p.title))!;
    const hits = await engine.searchText(paper.title, 3);
    expect(hits[0]!.id).toBe(paper.id);
    expect(hits[0]!.title).toBe(paper.title);
  });

  it('refuses a model other than the one that embedded the data', async () => {
    const other: Embedder = {
      modelId: 'another-model',
      pooling: 'mean',
      maxTokens: 256,
      dim,
      dtype: 'q8',
      files: {},
      embed: () => Promise.reject(new Error('not used')),
    };
    await expect(
      loadSearchEngine(seeds.dataDir, { loadEmbedder: async () => other }),
    ).rejects.toThrow(SearchEngineError);
    await expect(
      loadSearchEngine(seeds.dataDir, { loadEmbedder: async () => other }),
    ).rejects.toThrow(/--model/);
  });

  it('names the missing file of an empty data folder', async () => {
    await expect(loadSearchEngine(join(seeds.dataDir, 'nothing-here'))).rejects.toThrow(
      /manifest\.json is missing: run `npm run pipeline`/,
    );
  });
});
