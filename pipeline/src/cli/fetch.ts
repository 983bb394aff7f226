/**
 * `npm run fetch`: downloads days of the Hugging Face Daily Papers API into a raw folder that the
 * pipeline reads. The only command of the project that uses the network.
 */
import { parseCommandLine } from './parse-command-line.ts';
import { Command, Option } from 'commander';
import { EXIT } from './exit-codes.ts';
import {
  addFetchOptions,
  fetchExitCode,
  toFetchOptions,
  type FetchCliValues,
} from './fetch-options.ts';
import { silentProgress, terminalProgress } from './progress.ts';
import { describeFetch, fetchDays } from '../fetch/fetch-days.ts';
import { describeError } from './describe-error.ts';

function buildProgram(): Command {
  const program = new Command()
    .name('npm run fetch --')
    .description(
      'Download days of the Hugging Face Daily Papers API (/api/daily_papers?date=YYYY-MM-DD) into a ' +
        'raw folder, one YYYY-MM-DD.json per day, as the pipeline reads them. Days already saved are ' +
        'skipped; a day without papers is saved as an empty list; a failed day leaves no file and is ' +
        'tried again on the next run. At most 2 requests at a time.',
    );
  addFetchOptions(program, '-o, --out')
    .addOption(new Option('--no-progress', 'no progress bar'))
    .addHelpText(
      'after',
      `
Exit codes:
  ${EXIT.ok}  every day asked for is saved (fetched, empty, or saved before)
  ${EXIT.failed}  no day could be fetched (offline? see the reasons), or an unexpected failure
  ${EXIT.usage}  invalid command line or day range
  ${EXIT.warnings}  some days failed (listed); they have no file and the next run retries them

Examples:
  npm run fetch
  npm run fetch -- --from 2025-07-01 --to 2025-07-31 --out data/raw/hf-daily
  npm run fetch -- --base-url http://127.0.0.1:8080`,
    );
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const ended = parseCommandLine(program, argv);
  if (ended !== null) return ended;
  const values = program.opts<Omit<FetchCliValues, 'raw'> & { out: string; progress: boolean }>();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const options = toFetchOptions({ ...values, raw: values.out });
  try {
    const summary = await fetchDays(options, {
      progress: values.progress ? terminalProgress : silentProgress,
    });
    for (const line of describeFetch(summary, options.outDir)) log(line);
    return fetchExitCode(summary);
  } catch (error) {
    const { message, exitCode } = describeError(error);
    log(`error: ${message}`);
    return exitCode;
  }
}

process.exitCode = await main(process.argv);
