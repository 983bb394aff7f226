/** Corpora too small for neighbours still run through every stage (fake embedder). */
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { silentProgress } from '../../src/cli/progress.ts';
import type { PapersFile, RelatedFile } from '../../src/schema/artifacts.ts';
import { createFakeEmbedder } from '../embed/fake-embedder.ts';
import { testRunOptions } from './test-run-options.ts';

const RECORDS = [
  {
    title: 'Merging fine-tuned models',
    abstract: 'Model merging without retraining.',
    date: '2024-05-01',
  },
  {
    title: 'Pruning sparse networks',
    abstract: 'Magnitude pruning at high sparsity.',
    date: '2024-05-02',
  },
];

describe('pipeline on one and two papers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tiny-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  for (const count of [1, 2]) {
    it(`writes artifacts for ${count} paper(s)`, async () => {
      const input = join(dir, `papers-${count}.jsonl`);
      await writeFile(
        input,
        RECORDS.slice(0, count)
          .map((r) => JSON.stringify(r))
          .join('\n'),
      );
      const out = join(dir, `out-${count}`);
      await runPipeline(testRunOptions([input], out), {
        log: () => {},
        progress: silentProgress,
        loadEmbedder: async () => createFakeEmbedder(16),
      });
      const { papers } = JSON.parse(
        await readFile(artifactPath(committedRunDir(out), 'papers'), 'utf8'),
      ) as PapersFile;
      const { related } = JSON.parse(
        await readFile(artifactPath(committedRunDir(out), 'related'), 'utf8'),
      ) as RelatedFile;
      expect(papers).toHaveLength(count);
      for (const paper of papers) {
        expect(paper.x).toBeGreaterThanOrEqual(0);
        expect(paper.x).toBeLessThanOrEqual(1);
        expect(related[paper.id]).toHaveLength(count - 1);
      }
    });
  }
});
