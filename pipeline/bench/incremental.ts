/**
 * One new day on the 74,728-paper arxiv-cs-daily corpus: the full pipeline runs on every day
 * but the last (a fresh output folder: index built, topics clustered, map fitted), then on all
 * days into the same folder, as a user adding the newest page does. The second run extends the
 * index and graph, adds the day's papers to the existing topics (new topics are born from
 * outliers that fit one another) and projects them onto the map.
 * Reports both runs' wall time and stages, so the update is read against a full run measured in
 * the same process. Embeddings come from the benchmark cache (`.bench-cache/`), so neither run
 * embeds; the first `npm run bench` fills it (about 20 minutes on 2 cores).
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { silentProgress } from '../src/cli/progress.ts';
import { defaultRunOptions, type RunOptions } from '../src/run/run-options.ts';
import { runPipeline } from '../src/run/run-pipeline.ts';
import type { Manifest, TopicsFile } from '../src/schema/artifacts.ts';
import { artifactPath, committedRunDir } from '../src/output/run-folder.ts';
import { ARXIV_PAPERS } from './arxiv-texts.ts';
import { BENCH_CACHE_DIR } from './hnsw.ts';
import { peakRssMiB, type Report } from './report.ts';

/** Stages the topic benchmark target covers: topics and labels, themes, the map, trends. */
const ANALYSIS_STAGES = ['topics', 'themes', 'layout', 'trends'];

interface ArxivRecord {
  dates: string[];
  [field: string]: unknown;
}

async function readRecords(file: string): Promise<ArxivRecord[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  const records: ArxivRecord[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as ArxivRecord & { date?: string };
    const { date, ...rest } = record;
    records.push({ ...rest, dates: [...new Set([...(date ? [date] : []), ...record.dates])] });
  }
  return records;
}

function options(input: string, outDir: string): RunOptions {
  return defaultRunOptions([input], outDir, { cacheDir: BENCH_CACHE_DIR });
}

async function timedRun(run: RunOptions): Promise<{ seconds: number; manifest: Manifest }> {
  const started = performance.now();
  const { manifest } = await runPipeline(run, { log: () => {}, progress: silentProgress });
  return { seconds: (performance.now() - started) / 1000, manifest };
}

const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(2)} s`;
const analysisMs = (manifest: Manifest) =>
  ANALYSIS_STAGES.reduce((sum, stage) => sum + (manifest.timingsMs[stage] ?? 0), 0);

/** Runs the benchmark; see the module comment. */
export async function benchIncremental(): Promise<Report> {
  if (!existsSync(ARXIV_PAPERS)) throw new Error(`${ARXIV_PAPERS} not found; set ARXIV_CS_DAILY`);
  const records = await readRecords(ARXIV_PAPERS);
  const lastDay = records.flatMap((r) => r.dates).reduce((a, b) => (a > b ? a : b));
  const earlier = records
    .map((record) => ({ ...record, dates: record.dates.filter((day) => day < lastDay) }))
    .filter((record) => record.dates.length > 0);
  const newPapers = records.length - earlier.length;

  const work = await mkdtemp(join(tmpdir(), 'bench-incremental-'));
  try {
    const earlierFile = join(work, 'earlier.jsonl');
    const allFile = join(work, 'all.jsonl');
    await writeFile(earlierFile, earlier.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(allFile, records.map((r) => JSON.stringify(r)).join('\n'));
    const out = join(work, 'out');
    const full = await timedRun(options(earlierFile, out));
    const update = await timedRun(options(allFile, out));
    const stages = Object.keys(update.manifest.timingsMs);
    const topics = JSON.parse(
      await readFile(artifactPath(committedRunDir(out), 'topics'), 'utf8'),
    ) as TopicsFile;
    const born = topics.topics.filter((topic) => topics.changes.born.includes(topic.id));
    const fit = (update.manifest.topics as { fit?: { mode: string } } | undefined)?.fit;
    return {
      title: `One new day on arxiv-cs-daily (${lastDay}: ${newPapers} new papers, ${update.manifest.counts.papers} in all)`,
      rows: [
        {
          label: 'full run on the earlier days (1 run)',
          value: `${full.seconds.toFixed(1)} s (${full.manifest.counts.papers} papers)`,
        },
        {
          label: 'run with the new day added (1 run)',
          value: `${update.seconds.toFixed(1)} s (index ${update.manifest.index.build.mode}, topics ${fit?.mode ?? '?'})`,
        },
        { label: 'full / update', value: `${(full.seconds / update.seconds).toFixed(1)}×` },
        {
          label: 'topics + themes + layout + trends: full / update',
          value: `${seconds(analysisMs(full.manifest))} / ${seconds(analysisMs(update.manifest))} (target < 15 s)`,
        },
        ...stages.map((stage) => ({
          label: `  stage ${stage}: full / update`,
          value: `${seconds(full.manifest.timingsMs[stage])} / ${seconds(update.manifest.timingsMs[stage])}`,
        })),
        {
          label: 'topics born in the update',
          value:
            born.length === 0
              ? 'none'
              : born.map((topic) => `"${topic.label}" (${topic.size} papers)`).join(', '),
        },
        {
          label: 'recall@10 after the update (sampled)',
          value: `${update.manifest.index.recallAt10} on ${update.manifest.index.recallSample} papers`,
        },
        { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      ],
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
