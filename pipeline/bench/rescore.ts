/**
 * Re-scoring the watch list (what a theme edit in the dashboard does) against the pipeline run
 * it replaces: the same edit made by running the pipeline again, with the edited theme file,
 * into the same output folder (index, topics and map reused; the warm case). HF corpus of the
 * demo (9,877 papers), the embedding cache seeded from the shipped vectors, so no run embeds
 * papers. After one setup run into an empty folder, the two are alternated, each edit a new
 * theme threshold, and each measured in CPU time (`process.cpuUsage`, every thread of the
 * process) and wall time. The re-score uses a model loaded beforehand, as the dashboard server
 * has one loaded; the pipeline run loads its own.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentProgress } from '../src/cli/progress.ts';
import { DEMO_CORPUS, DEMO_VECTORS, DEMO_VECTORS_INFO } from '../src/demo/demo-files.ts';
import { seedCacheFromShippedVectors } from '../src/demo/shipped-vectors.ts';
import { loadTransformersEmbedder, paperText } from '../src/embed/transformers-embedder.ts';
import { ingestInputs } from '../src/ingest/ingest.ts';
import { defaultRunOptions } from '../src/run/run-options.ts';
import { runPipeline } from '../src/run/run-pipeline.ts';
import { applyThemeEdit, readThemeFile, saveThemeFile } from '../src/themes/edit-theme-file.ts';
import { rescoreRun, type RescoreOutcome } from '../src/themes/rescore-run.ts';
import { loadRow, median, peakRssMiB, type Report } from './report.ts';

/** Alternated rounds of each. */
const ROUNDS = 3;

interface Cost {
  cpuS: number;
  wallS: number;
}

async function measure(work: () => Promise<unknown>): Promise<Cost> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { cpuS: (used.user + used.system) / 1e6, wallS: (performance.now() - started) / 1000 };
}

const fmt = (costs: Cost[], key: keyof Cost) => {
  const values = costs.map((cost) => cost[key]);
  return `${median(values).toFixed(2)} s (${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)})`;
};

/** Runs the benchmark; see the module comment. */
export async function benchRescore(): Promise<Report> {
  const work = await mkdtemp(join(tmpdir(), 'bench-rescore-'));
  try {
    const out = join(work, 'out');
    const cacheDir = join(work, 'cache');
    const themesFile = join(work, 'themes.json');
    await writeFile(themesFile, await readFile('pipeline/config/themes.json'));
    const embedder = await loadTransformersEmbedder();
    const ingest = await ingestInputs([DEMO_CORPUS], {});
    const seeded = await seedCacheFromShippedVectors(
      { vectors: DEMO_VECTORS, info: DEMO_VECTORS_INFO },
      cacheDir,
      embedder,
      ingest.papers.map((paper) => paperText(paper.title, paper.abstract)),
    );
    if (!seeded.used) throw new Error(`shipped vectors not usable: ${seeded.reason}`);
    const options = defaultRunOptions([DEMO_CORPUS], out, { cacheDir, themesFile });
    const deps = { log: () => {}, progress: silentProgress };
    const setup = await measure(() => runPipeline(options, deps));

    // Each edit moves one theme's threshold, so every round changes the scores it writes.
    let step = 0;
    const edit = async () => {
      step += 1;
      const json = await readThemeFile(themesFile);
      const theme = json.themes[0]!;
      return applyThemeEdit(
        json,
        { kind: 'replace', id: theme.id, theme: { ...theme, threshold: 0.38 + step / 100 } },
        themesFile,
      );
    };
    const rescores: Cost[] = [];
    const steps: RescoreOutcome['timingsMs'][] = [];
    const runs: Cost[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const forRescore = await edit();
      rescores.push(
        await measure(async () => {
          const outcome = await rescoreRun(out, forRescore.themes, embedder, {
            beforeCommit: () => saveThemeFile(themesFile, forRescore.json),
          });
          steps.push(outcome.timingsMs);
        }),
      );
      const forRun = await edit();
      await saveThemeFile(themesFile, forRun.json);
      runs.push(await measure(() => runPipeline(options, deps)));
    }
    const ratio = (key: keyof Cost) =>
      `${(median(runs.map((c) => c[key])) / median(rescores.map((c) => c[key]))).toFixed(1)}×`;
    return {
      title: `Watch-list edit on the HF demo corpus (${ingest.papers.length} papers): re-score against a pipeline run with the edited file, median of ${ROUNDS} alternated`,
      rows: [
        {
          label: 'setup: first run into an empty folder (1 run)',
          value: `${setup.wallS.toFixed(1)} s wall`,
        },
        { label: 're-score: CPU', value: fmt(rescores, 'cpuS') },
        { label: 're-score: wall', value: fmt(rescores, 'wallS') },
        ...(['read', 'themes', 'trends', 'emit', 'write'] as const).map((step) => ({
          label: `  re-score step ${step} (wall)`,
          value: `${(median(steps.map((s) => s[step])) / 1000).toFixed(2)} s`,
        })),
        { label: 'pipeline run, same folder: CPU', value: fmt(runs, 'cpuS') },
        { label: 'pipeline run, same folder: wall', value: fmt(runs, 'wallS') },
        { label: 'pipeline run / re-score, CPU', value: ratio('cpuS') },
        { label: 'pipeline run / re-score, wall', value: ratio('wallS') },
        loadRow(),
        { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
