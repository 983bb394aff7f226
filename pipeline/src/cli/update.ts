/**
 * `npm run update`: the daily routine in one command. Fetches the days missing from the raw
 * folder, runs the pipeline incrementally into the same output folder, and prints a digest.
 */
import { parseCommandLine } from './parse-command-line.ts';
import { Command, Option } from 'commander';
import { EXIT } from './exit-codes.ts';
import { addFetchOptions, toFetchOptions, type FetchCliValues } from './fetch-options.ts';
import { silentProgress, terminalProgress } from './progress.ts';
import { resolveRunOptions } from './resolve-options.ts';
import { describeError } from './describe-error.ts';
import { runUpdate } from '../update/run-update.ts';
import { DEFAULT_INDEX_PARAMS } from '../index/hnsw-index.ts';

interface UpdateCliValues extends FetchCliValues {
  out: string;
  input?: string[];
  config: string;
  fetch: boolean;
  progress: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function buildProgram(): Command {
  const program = new Command()
    .name('npm run update --')
    .description(
      'Fetch the days missing from the raw folder (as `npm run fetch`), run the pipeline on every ' +
        'saved day into the output folder (incrementally: only new papers are embedded and placed), ' +
        'then print a digest: the new papers by topic, the topics born, and the rising and fading ' +
        'topics and themes with their evidence.',
    );
  addFetchOptions(program, '--raw')
    .option('-o, --out <dir>', 'pipeline output folder', 'data')
    .option('-i, --input <file|dir>', 'further pipeline input, repeatable', collect)
    .option('-c, --config <file>', 'pipeline defaults (JSON)', 'pipeline/config/pipeline.json')
    .addOption(new Option('--no-fetch', 'do not download; run on the days already saved'))
    .addOption(new Option('--no-progress', 'no progress bars'))
    .addHelpText(
      'after',
      `
Exit codes:
  ${EXIT.ok}  every day fetched and every record accepted
  ${EXIT.failed}  could not run (no saved day, model not loadable, ...); the previous output is intact
  ${EXIT.usage}  invalid command line or day range
  ${EXIT.warnings}  finished with warnings: some days failed to download (no file; retried by the
     next run) or some records were rejected (see <out>/rejects.json)
  ${EXIT.contract}  broken contract: model files altered, dimension mismatch, unknown schema version

Examples:
  npm run update
  npm run update -- --out data --raw data/raw/hf-daily
  npm run update -- --from 2025-07-01`,
    );
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const ended = parseCommandLine(program, argv);
  if (ended !== null) return ended;
  const values = program.opts<UpdateCliValues>();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const run = await resolveRunOptions({
      out: values.out,
      config: values.config,
      allowDownload: false,
      k: 10,
      hnswM: DEFAULT_INDEX_PARAMS.M,
      efConstruction: DEFAULT_INDEX_PARAMS.efConstruction,
      efSearch: DEFAULT_INDEX_PARAMS.efSearch,
      seed: DEFAULT_INDEX_PARAMS.seed,
      refitLayout: false,
      refitTopics: false,
      rebuildIndex: false,
      failFast: false,
      progress: values.progress,
    });
    const outcome = await runUpdate(
      {
        rawDir: values.raw,
        fetch: values.fetch ? toFetchOptions(values) : null,
        run: { ...run, inputs: values.input ?? [] },
      },
      { log, progress: values.progress ? terminalProgress : silentProgress },
    );
    return outcome.exitCode;
  } catch (error) {
    const { message, exitCode } = describeError(error);
    log(`error: ${message}`);
    return exitCode;
  }
}

process.exitCode = await main(process.argv);
