/**
 * The full pipeline on the 9,877-paper Hugging Face corpus, read from its 580 raw daily_papers
 * API files: once cold (empty output folder and embedding cache, so every paper is embedded and
 * the map is fitted from scratch), then warm three times: the same command again on the same
 * output folder, as a user re-running it does, so every vector comes from the cache and papers
 * keep their map places. Reports the median of the warm runs and of each stage.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline } from '../src/run/run-pipeline.ts';
import { silentProgress } from '../src/cli/progress.ts';
import { defaultRunOptions, type RunOptions } from '../src/run/run-options.ts';
import type { Manifest } from '../src/schema/artifacts.ts';
import { median, peakRssMiB, type Report } from './report.ts';
import { sharedDataset } from './shared-datasets.ts';

/** The raw API files; override with `HF_DAILY_RAW`. */
export const HF_RAW_DIR =
  process.env.HF_DAILY_RAW ?? sharedDataset('hf-daily-papers/raw/Paper_metadata_download');

const WARM_RUNS = 3;

function options(outDir: string): RunOptions {
  return defaultRunOptions([HF_RAW_DIR], outDir);
}

async function timedRun(run: RunOptions): Promise<{ seconds: number; manifest: Manifest }> {
  const started = performance.now();
  const { manifest } = await runPipeline(run, { log: () => {}, progress: silentProgress });
  return { seconds: (performance.now() - started) / 1000, manifest };
}

/** Runs the benchmark; see the module comment. */
export async function benchPipeline(): Promise<Report> {
  if (!existsSync(HF_RAW_DIR)) throw new Error(`${HF_RAW_DIR} not found; set HF_DAILY_RAW`);
  const work = await mkdtemp(join(tmpdir(), 'bench-pipeline-'));
  try {
    const run = options(join(work, 'out'));
    const cold = await timedRun(run);
    const warm: { seconds: number; manifest: Manifest }[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timedRun(run));
    const last = warm.at(-1)!.manifest;
    const stageRows = Object.keys(last.timingsMs).map((stage) => ({
      label: `  stage ${stage}: cold / warm median`,
      value: `${((cold.manifest.timingsMs[stage] ?? 0) / 1000).toFixed(2)} s / ${(median(warm.map((w) => w.manifest.timingsMs[stage] ?? 0)) / 1000).toFixed(2)} s`,
    }));
    const warmMedian = median(warm.map((w) => w.seconds));
    return {
      title: `Full pipeline on the HF daily corpus (${last.counts.papers} papers from ${last.inputs.length} files)`,
      rows: [
        {
          label: 'records read / accepted / rejected',
          value: `${last.counts.read} / ${last.counts.accepted} / ${last.counts.rejected}`,
        },
        {
          label: 'cold run (empty cache, 1 run)',
          value: `${cold.seconds.toFixed(1)} s (${cold.manifest.counts.embedded} embedded)`,
        },
        {
          label: 'cold embedding rate',
          value: `${(cold.manifest.counts.embedded / ((cold.manifest.timingsMs.embed ?? 1) / 1000)).toFixed(1)} papers/s`,
        },
        {
          label: `warm run (full cache, median of ${WARM_RUNS})`,
          value: `${warmMedian.toFixed(2)} s (target < 15 s)`,
        },
        { label: 'cold / warm', value: `${(cold.seconds / warmMedian).toFixed(1)}×` },
        ...stageRows,
        {
          label: 'recall@10 (sampled)',
          value: `${last.index.recallAt10} on ${last.index.recallSample} papers`,
        },
        { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
