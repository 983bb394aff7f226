/**
 * `npm run bench [-- names...]`: runs each benchmark in a child process of its own, so that peak
 * memory is per benchmark, and prints its report. Benchmarks print medians, ratios against a
 * baseline measured in the same run, and sizes; none of them is a pass/fail test.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { Command } from 'commander';
import { printReport, type Report } from './report.ts';

/** Every benchmark by name, loaded lazily so the child imports only its own. */
const BENCHMARKS: Record<string, () => Promise<Report | Report[]>> = {
  embed: async () => (await import('./embed.ts')).benchEmbedding(),
  pipeline: async () => (await import('./pipeline.ts')).benchPipeline(),
  incremental: async () => (await import('./incremental.ts')).benchIncremental(),
  rescore: async () => (await import('./rescore.ts')).benchRescore(),
  hnsw: async () => (await import('./hnsw.ts')).benchHnsw(),
  topics: async () => (await import('./topics.ts')).benchTopics(),
  'topics-hf': async () => (await import('./topics.ts')).benchHfTopics(),
  tokenize: async () => (await import('./tokenize.ts')).benchTokenize(),
  layout: async () => (await import('./layout.ts')).benchLayout(),
  trends: async () => (await import('./trends.ts')).benchTrends(),
  related: async () => (await import('./related.ts')).benchRelated(),
  'related-survey': async () => (await import('./related-survey.ts')).benchRelatedSurvey(),
  'related-pipeline': async () => (await import('./related-pipeline.ts')).benchRelatedPipeline(),
  dashboard: async () => (await import('../../dashboard/bench/browser-bench.ts')).benchDashboards(),
};

async function runOne(name: string): Promise<void> {
  const bench = BENCHMARKS[name];
  if (!bench) throw new Error(`unknown benchmark ${name}`);
  const reports = await bench();
  for (const report of Array.isArray(reports) ? reports : [reports]) printReport(report);
}

const program = new Command()
  .name('npm run bench --')
  .description(
    'Benchmarks: embedding throughput, full pipeline, one new day, watch-list re-score, HNSW, topics, tokenizer, layout, trends, related papers, dashboard.',
  )
  .argument('[names...]', `benchmarks to run (default all): ${Object.keys(BENCHMARKS).join(', ')}`)
  .option('--child', 'run the named benchmark in this process (used internally)')
  .action(async (names: string[], opts: { child?: boolean }) => {
    if (opts.child) return runOne(names[0]!);
    const selected = names.length > 0 ? names : Object.keys(BENCHMARKS);
    const unknown = selected.filter((n) => !(n in BENCHMARKS));
    if (unknown.length > 0) program.error(`unknown benchmark: ${unknown.join(', ')}`);
    process.stdout.write(
      `machine: ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ` +
        `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n\n`,
    );
    let failed = 0;
    for (const name of selected) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, process.argv[1]!, '--child', name],
        { stdio: 'inherit' },
      );
      if (child.status !== 0) {
        failed += 1;
        process.stdout.write(`benchmark ${name} failed (exit ${child.status})\n\n`);
      }
    }
    process.exitCode = failed > 0 ? 1 : 0;
  });

await program.parseAsync(process.argv);
