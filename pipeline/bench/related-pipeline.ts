/**
 * What the related stage costs inside the pipeline on the HF corpus (`npm run bench --
 * related-pipeline`): the pipeline runs on every day but the last into a fresh folder, then on
 * all days into the same folder (a new day: the lists are extended), then three times more the
 * same (warm runs, the median is the reference), then on all days into a fresh folder (every
 * list computed). Reports the related stage of each against the warm run's wall time.
 *
 * The stage's cost does not depend on how the vectors were made, so this benchmark uses
 * truncated embeddings from a copy of a warm embedding cache (`HF_WARM_CACHE`, default
 * `/work/warm/hf/cache`) to avoid re-embedding the corpus; without one it embeds cold.
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentProgress } from '../src/cli/progress.ts';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.ts';
import { defaultRunOptions, type RunOptions } from '../src/run/run-options.ts';
import { runPipeline } from '../src/run/run-pipeline.ts';
import type { Manifest } from '../src/schema/artifacts.ts';
import { HF_RAW_DIR } from './pipeline.ts';
import { median, peakRssMiB, loadRow, type Report } from './report.ts';

const WARM_CACHE = process.env.HF_WARM_CACHE ?? '/work/warm/hf/cache';
const WARM_RUNS = 3;

async function timedRun(run: RunOptions): Promise<{ seconds: number; manifest: Manifest }> {
  const started = performance.now();
  const { manifest } = await runPipeline(run, {
    log: () => {},
    progress: silentProgress,
    loadEmbedder: () => loadTransformersEmbedder({ chunks: null }),
  });
  return { seconds: (performance.now() - started) / 1000, manifest };
}

const s = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;

/** Runs the benchmark; see the module comment. */
export async function benchRelatedPipeline(): Promise<Report> {
  if (!existsSync(HF_RAW_DIR)) throw new Error(`${HF_RAW_DIR} not found; set HF_DAILY_RAW`);
  const work = await mkdtemp(join(tmpdir(), 'bench-related-'));
  try {
    const cacheDir = join(work, 'cache');
    if (existsSync(WARM_CACHE)) await cp(WARM_CACHE, cacheDir, { recursive: true });
    const files = (await readdir(HF_RAW_DIR)).filter((name) => name.endsWith('.json.gz')).sort();
    const all = files.map((name) => join(HF_RAW_DIR, name));
    const out = join(work, 'out');
    const options = (inputs: string[], dir: string) => defaultRunOptions(inputs, dir, { cacheDir });

    await timedRun(options(all.slice(0, -1), out));
    const newDay = await timedRun(options(all, out));
    const warm: { seconds: number; manifest: Manifest }[] = [];
    for (let i = 0; i < WARM_RUNS; i++) warm.push(await timedRun(options(all, out)));
    const fresh = await timedRun(options(all, join(work, 'fresh')));

    const warmSeconds = median(warm.map((run) => run.seconds));
    const warmRelated = median(warm.map((run) => run.manifest.timingsMs.related ?? 0));
    const fullRelated = fresh.manifest.timingsMs.related ?? 0;
    const build = (m: Manifest) => JSON.stringify(m.related?.build);
    return {
      title: `Related stage in the pipeline, HF corpus (${fresh.manifest.counts.papers} papers, ${files.length} days)`,
      rows: [
        {
          label: `warm run, same folder (median of ${WARM_RUNS})`,
          value: `${warmSeconds.toFixed(2)} s, related stage ${s(warmRelated)} (${build(warm[0]!.manifest)})`,
        },
        {
          label: 'new day, same folder',
          value: `${newDay.seconds.toFixed(2)} s, related stage ${s(newDay.manifest.timingsMs.related)} (${build(newDay.manifest)})`,
        },
        {
          label: 'all lists computed (fresh folder)',
          value: `${fresh.seconds.toFixed(2)} s, related stage ${s(fullRelated)} (${build(fresh.manifest)})`,
        },
        {
          label: 'related stage / warm run: warm, new day, all computed',
          value: [warmRelated, newDay.manifest.timingsMs.related ?? 0, fullRelated]
            .map((ms) => `${((100 * ms) / 1000 / warmSeconds).toFixed(1)} %`)
            .join(', '),
        },
        {
          label: 'cache hits in the warm runs',
          value: `${warm[0]!.manifest.counts.cacheHits} of ${warm[0]!.manifest.counts.papers}`,
        },
        { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
        loadRow(),
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
