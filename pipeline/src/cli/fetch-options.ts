/** The command-line options of `npm run fetch`, shared with `npm run update`. */
import { Command, InvalidArgumentError, Option } from 'commander';
import { strictIsoDay } from '../fetch/calendar-days.ts';
import { DEFAULT_RAW_DIR, type FetchOptions, type FetchSummary } from '../fetch/fetch-days.ts';
import { HF_BASE_URL } from '../fetch/hf-daily-source.ts';
import { DEFAULT_RETRY_POLICY } from '../fetch/http-get.ts';
import { EXIT } from './exit-codes.ts';

/** Fetch options as commander hands them over. */
export interface FetchCliValues {
  raw: string;
  from?: string;
  to?: string;
  baseUrl: string;
  refresh: boolean;
  timeout: number;
  retries: number;
}

function isoDayArg(value: string): string {
  const day = strictIsoDay(value);
  if (day === null)
    throw new InvalidArgumentError('give a day as YYYY-MM-DD, for example 2025-07-22.');
  return day;
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError('give a URL such as http://127.0.0.1:8080.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidArgumentError('the URL must start with http:// or https://.');
  return value;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 600)
    throw new InvalidArgumentError('give seconds, more than 0 and at most 600.');
  return n;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10)
    throw new InvalidArgumentError('give a whole number from 0 to 10.');
  return n;
}

/**
 * Adds the fetch options to `command`; the raw folder option is `rawFlag` (`-o, --out` for
 * `fetch`, `--raw` for `update`, whose `--out` is the pipeline's output).
 */
export function addFetchOptions(command: Command, rawFlag: string): Command {
  return command
    .addOption(
      new Option(`${rawFlag} <dir>`, 'raw folder of fetched days').default(DEFAULT_RAW_DIR),
    )
    .option(
      '--from <yyyy-mm-dd>',
      'first day (default: the first missing day since the newest saved one; the last 7 days when none is saved)',
      isoDayArg,
    )
    .option('--to <yyyy-mm-dd>', 'last day, inclusive (default: today, UTC)', isoDayArg)
    .option(
      '--base-url <url>',
      'site serving /api/daily_papers (mirrors, tests)',
      httpUrl,
      HF_BASE_URL,
    )
    .option('--refresh', 'fetch days that are already saved, too', false)
    .option(
      '--timeout <seconds>',
      'give up on a request after this long',
      seconds,
      DEFAULT_RETRY_POLICY.timeoutMs / 1000,
    )
    .option('--retries <n>', 'retries after a failed request', count, DEFAULT_RETRY_POLICY.retries);
}

/** The {@link FetchOptions} of parsed fetch values. */
export function toFetchOptions(values: FetchCliValues): FetchOptions {
  return {
    outDir: values.raw,
    baseUrl: values.baseUrl,
    ...(values.from !== undefined ? { from: values.from } : {}),
    ...(values.to !== undefined ? { to: values.to } : {}),
    refresh: values.refresh,
    policy: {
      ...DEFAULT_RETRY_POLICY,
      timeoutMs: Math.round(values.timeout * 1000),
      retries: values.retries,
    },
  };
}

/**
 * Exit code of a fetch: ok when no day failed, "failed" when days were asked for and every one
 * failed (offline, or the site is down), "warnings" when only some failed.
 */
export function fetchExitCode(summary: FetchSummary): number {
  const { failed, fetched, empty, skipped } = summary.counts;
  if (failed === 0) return EXIT.ok;
  return fetched + empty + skipped === 0 ? EXIT.failed : EXIT.warnings;
}
