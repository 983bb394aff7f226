/**
 * `npm run pipeline`: turns daily paper pages into the dashboard's artifacts.
 * This module only parses the command line, prints, and maps outcomes to exit codes;
 * the work happens in `run/run-pipeline.ts`.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { EXIT } from './exit-codes.ts';
import { resolveRunOptions, type CliValues } from './resolve-options.ts';
import { silentProgress, terminalProgress } from './progress.ts';
import { runPipeline } from '../run/run-pipeline.ts';
import { describeError } from './describe-error.ts';
import { parseCommandLine } from './parse-command-line.ts';
import { DEFAULT_INDEX_PARAMS } from '../index/hnsw-index.ts';
import { DEFAULTS } from '../defaults.ts';
import { callerDir, resolveCallerPaths } from './caller-paths.ts';

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a positive integer.`);
    return n;
  };
}

function year(value: string): number {
  const n = Number(value);
  if (!/^\d{4}$/.test(value) || n < 1900 || n > 2999)
    throw new InvalidArgumentError('year must have four digits, for example 2024.');
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function buildProgram(): Command {
  return new Command()
    .name('npm run pipeline --')
    .description(
      // One paragraph: commander wraps it to the terminal's width.
      'Read daily paper pages (Hugging Face page text, daily_papers API JSON, or JSONL; .gz too), ' +
        'embed every paper locally, index them, and write papers, related papers, topics, ' +
        'watch-list themes, trends, the map and the browser data into the output folder: ' +
        '<out>/public for the dashboard, <out>/private for the pipeline and the search API.',
    )
    .option(
      '-i, --input <file|dir>',
      'input file or directory, repeatable (default: seeds/)',
      collect,
    )
    .option(
      '-o, --out <dir>',
      'output folder (relative to where you run the command)',
      DEFAULTS.outDir,
    )
    .option(
      '-y, --year <yyyy>',
      'year for page dates that show none (default: from --config)',
      year,
    )
    .option('-c, --config <file>', 'pipeline defaults (JSON)', DEFAULTS.config)
    .option('--themes <file>', 'theme watch-list (JSON); default: the one named in --config')
    .option('--model <dir|hub-id>', 'embedding model (default: bundled all-MiniLM-L6-v2 int8)')
    .option('--allow-download', 'allow downloading --model from the Hugging Face hub', false)
    .option('--cache-dir <dir>', 'embedding cache folder (default: <out>/cache)')
    .option('-k, --k <n>', 'related papers per paper', positiveInt('k'), DEFAULTS.k)
    .option('--hnsw-m <n>', 'HNSW graph degree M', positiveInt('M'), DEFAULT_INDEX_PARAMS.M)
    .option(
      '--ef-construction <n>',
      'HNSW efConstruction',
      positiveInt('efConstruction'),
      DEFAULT_INDEX_PARAMS.efConstruction,
    )
    .option(
      '--ef-search <n>',
      'HNSW efSearch',
      positiveInt('efSearch'),
      DEFAULT_INDEX_PARAMS.efSearch,
    )
    .option(
      '--seed <n>',
      'seed of the index, clustering and layout',
      positiveInt('seed'),
      DEFAULTS.seed,
    )
    .option('--refit-layout', 'recompute the whole map instead of keeping existing places', false)
    .option(
      '--refit-topics',
      'cluster all papers anew instead of adding new papers to the existing topics',
      false,
    )
    .option('--rebuild-index', 'build the index anew instead of extending the previous one', false)
    .option('--fail-fast', 'stop at the first rejected record or file', false)
    .addOption(new Option('--no-progress', 'no progress bars'))
    .addHelpText(
      'after',
      `
Exit codes:
  ${EXIT.ok}  finished, nothing rejected
  ${EXIT.failed}  could not run (missing input or --themes file, --out is a file, no papers, no such --model folder, ...)
  ${EXIT.usage}  invalid command line
  ${EXIT.warnings}  finished with warnings: some records or files rejected (see <out>/rejects.json)
  ${EXIT.contract}  broken contract: model files altered, dimension mismatch (cache, index, themes), unknown schema version
  ${EXIT.busy}  another run is writing the same --out folder (the message names its process)

Examples:
  npm run pipeline
  npm run pipeline -- --input raw/ --input extra.jsonl.gz --out data --year 2025`,
    );
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const ended = parseCommandLine(program, argv);
  if (ended !== null) return ended;
  const values = resolveCallerPaths(
    program.opts<CliValues>(),
    (option) => program.getOptionValueSource(option) === 'cli',
    callerDir(),
  );
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const options = await resolveRunOptions(values);
    const outcome = await runPipeline(options, {
      log,
      progress: values.progress ? terminalProgress : silentProgress,
    });
    return outcome.rejected > 0 ? EXIT.warnings : EXIT.ok;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    log(`error: ${message}`);
    return exitCode;
  }
}

process.exitCode = await main(process.argv);
