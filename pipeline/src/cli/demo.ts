/**
 * `npm run demo`: runs the pipeline on the shipped demo corpus (two years of Hugging Face Daily
 * Papers) into `data/demo`, seeding the embedding cache from the shipped vectors when they match
 * the bundled model, then serves the dashboard on the result (`npm run dashboard`'s server, in a
 * child process, so the dashboard is started exactly as its own command starts it).
 */
import { parseCommandLine } from './parse-command-line.ts';
import { Command, InvalidArgumentError, Option } from 'commander';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EXIT } from './exit-codes.ts';
import { resolveOptionPath } from './caller-paths.ts';
import { silentProgress, terminalProgress } from './progress.ts';
import { describeError } from './describe-error.ts';
import { defaultRunOptions } from '../run/run-options.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import { checkBeforeRun } from '../run/check-before-run.ts';
import { ingestInputs } from '../ingest/ingest.ts';
import { loadTransformersEmbedder, paperText } from '../embed/transformers-embedder.ts';
import { DEMO_CORPUS, DEMO_OUT, DEMO_VECTORS, DEMO_VECTORS_INFO } from '../demo/demo-files.ts';
import { seedCacheFromShippedVectors } from '../demo/shipped-vectors.ts';
import { computeStamp, isUpToDate, writeStamp } from '../demo/demo-stamp.ts';
import { DEFAULT_MODEL_DIR } from '../embed/model-files.ts';

interface DemoValues {
  out: string;
  rerun: boolean;
  port: string;
  serve: boolean;
  shippedVectors: boolean;
  progress: boolean;
}

function port(value: string): string {
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535)
    throw new InvalidArgumentError('port must be a number from 0 to 65535.');
  return value;
}

/** Runs the dashboard server on `dataDir` until it exits (Ctrl-C); resolves to its exit code. */
function serveDashboard(dataDir: string, portArg: string): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'dashboard/server/main.ts', '--data', dataDir, '--port', portArg],
    { stdio: 'inherit' },
  );
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.once('SIGINT', forward('SIGINT'));
  process.once('SIGTERM', forward('SIGTERM'));
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? EXIT.ok)));
}

function buildProgram(): Command {
  return new Command()
    .name('npm run demo --')
    .description(
      `Run the pipeline on the demo corpus (${DEMO_CORPUS}: 9,877 Hugging Face Daily Papers, ` +
        '2024-05-27 to 2026-08-21) into the output folder. The shipped embeddings are used when they ' +
        'match the bundled model; otherwise every abstract is embedded (a few minutes on 2 cores).',
    )
    .option('-o, --out <dir>', 'output folder', DEMO_OUT)
    .option('-p, --port <n>', 'dashboard port (0 = any free port)', port, '5173')
    .addOption(new Option('--no-serve', 'only run the pipeline; do not start the dashboard'))
    .option('--rerun', 'run the pipeline even when the output is up to date', false)
    .addOption(
      new Option('--no-shipped-vectors', 'ignore the shipped embeddings and embed every abstract'),
    )
    .addOption(new Option('--no-progress', 'no progress bars'));
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const ended = parseCommandLine(program, argv);
  if (ended !== null) return ended;
  const values = program.opts<DemoValues>();
  // A typed --out is the caller's, as the pipeline's; absolute, so the dashboard it starts serves
  // the same folder whatever its own working directory.
  const out = resolveOptionPath(values.out, program.getOptionValueSource('out') === 'cli');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const started = performance.now();
  try {
    const options = defaultRunOptions([DEMO_CORPUS], out);
    // The run checks these itself, but the shipped vectors are written into the cache first.
    await checkBeforeRun(options);
    const stamp = await computeStamp([
      DEMO_CORPUS,
      DEFAULT_MODEL_DIR,
      'pipeline/config',
      'pipeline/src',
      'package-lock.json',
    ]);
    if (!values.rerun && (await isUpToDate(out, stamp))) {
      log(
        `${out} is up to date (same corpus, model, config and pipeline code); ` +
          '--rerun runs the pipeline anyway',
      );
      return values.serve ? await serveDashboard(out, values.port) : EXIT.ok;
    }
    const embedder = await loadTransformersEmbedder();
    if (values.shippedVectors) {
      const ingest = await ingestInputs([DEMO_CORPUS], {});
      const texts = ingest.papers.map((p) => paperText(p.title, p.abstract));
      const seeded = await seedCacheFromShippedVectors(
        { vectors: DEMO_VECTORS, info: DEMO_VECTORS_INFO },
        options.cacheDir,
        embedder,
        texts,
      );
      log(
        seeded.used
          ? `shipped embeddings: ${seeded.added} added to ${join(options.cacheDir)} ` +
              `(model files match, ${seeded.checked} spot-checked)`
          : `shipped embeddings not used: ${seeded.reason}; embedding every abstract instead`,
      );
    }
    const outcome = await runPipeline(options, {
      log,
      progress: values.progress ? terminalProgress : silentProgress,
      loadEmbedder: async () => embedder,
    });
    await embedder.dispose();
    await writeStamp(out, stamp);
    log(`demo data ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${out}`);
    const code = outcome.rejected > 0 ? EXIT.warnings : EXIT.ok;
    return values.serve ? await serveDashboard(out, values.port) : code;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    log(`error: ${message}`);
    return exitCode;
  }
}

process.exitCode = await main(process.argv);
