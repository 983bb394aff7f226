/**
 * Downloads days of the Daily Papers API into a raw folder: which days to ask for, at most two
 * requests at a time, each day checked and then written atomically as `YYYY-MM-DD.json`. A day
 * that fails leaves no file behind, so the next run asks for it again.
 */
import { join } from 'node:path';
import pLimit from 'p-limit';
import { writeFileAtomic } from '../output/atomic-write.ts';
import type { ProgressFactory } from '../cli/progress.ts';
import { addDays, dayRange, utcDay } from './calendar-days.ts';
import { acceptDay, dayUrl, HF_BASE_URL } from './hf-daily-source.ts';
import {
  DEFAULT_RETRY_POLICY,
  HttpGetError,
  REAL_HTTP,
  httpGet,
  type HttpDeps,
  type RetryPolicy,
} from './http-get.ts';
import { listSavedDays, type SavedDay } from './saved-days.ts';

/** Default raw folder of fetched days. */
export const DEFAULT_RAW_DIR = 'data/raw/hf-daily';

/** Requests in flight at most: polite to a public API. */
export const MAX_CONCURRENT_REQUESTS = 2;

/**
 * Without `from`, days this far before the newest saved day are looked at again, so a day that
 * failed (no file) is retried by the next runs even after later days were saved.
 */
export const RETRY_LOOKBACK_DAYS = 14;

/** Without `from` and with nothing saved yet, this many days up to `to` are fetched. */
export const FIRST_RUN_DAYS = 7;

/**
 * After this many days in a row failed for good, the remaining days are not asked for in this
 * run (the site is down or the machine offline); they fail at once and the next run retries them.
 */
export const GIVE_UP_AFTER_FAILED_DAYS = 3;

/** What to fetch and how. */
export interface FetchOptions {
  /** Raw folder; created when missing. */
  outDir: string;
  /** Site root of the API. Default {@link HF_BASE_URL}. */
  baseUrl?: string;
  /**
   * First ISO day. Default: the first day that is not saved and final, looking back at most
   * {@link RETRY_LOOKBACK_DAYS} before the newest saved day (and not before the oldest); the last
   * {@link FIRST_RUN_DAYS} days when nothing is saved.
   */
  from?: string;
  /** Last ISO day, inclusive. Default: today (UTC). */
  to?: string;
  /** Fetch saved days again. Default false. */
  refresh?: boolean;
  /** Timeouts and retries. Default {@link DEFAULT_RETRY_POLICY}. */
  policy?: RetryPolicy;
  /** Days failed in a row that end the run's requests, ≥ 1. Default {@link GIVE_UP_AFTER_FAILED_DAYS}. */
  giveUpAfter?: number;
}

/** What happened to one day. */
export type DayOutcome =
  | { day: string; status: 'fetched'; papers: number; badEntries: number }
  | { day: string; status: 'empty' }
  | { day: string; status: 'skipped' }
  | { day: string; status: 'failed'; error: string };

/** The result of a fetch run. */
export interface FetchSummary {
  /** The days asked about, ascending (empty when there was nothing to fetch). */
  days: DayOutcome[];
  from: string | null;
  to: string;
  counts: { fetched: number; empty: number; skipped: number; failed: number; papers: number };
}

/** What {@link fetchDays} needs from outside. */
export interface FetchDeps {
  http?: HttpDeps;
  /** The clock, read once for "today". Default: the real clock. */
  now?: () => Date;
  progress?: ProgressFactory;
}

/** A request the fetcher cannot carry out (bad day range); the CLI exits with "usage". */
export class FetchRangeError extends Error {
  override name = 'FetchRangeError';
}

/** The first day to fetch when `from` is not given; null when there is nothing to fetch. */
export function defaultFrom(saved: SavedDay[], to: string): string | null {
  const newest = saved.at(-1);
  if (!newest) return addDays(to, -(FIRST_RUN_DAYS - 1));
  const done = new Set(saved.filter((s) => s.final).map((s) => s.day));
  const lookback = addDays(newest.day, -RETRY_LOOKBACK_DAYS);
  const oldest = (saved[0] as SavedDay).day;
  const start = oldest > lookback ? oldest : lookback;
  return dayRange(start, to).find((d) => !done.has(d)) ?? null;
}

/**
 * Fetches the days of the range that are not saved yet (or every day with `refresh`), at most
 * {@link MAX_CONCURRENT_REQUESTS} at a time. Never throws for a failed day: it is reported in the
 * summary. A day is written only after its whole body arrived and passed {@link acceptDay}.
 *
 * @throws {FetchRangeError} when `from` is after `to`, or `to` is after today.
 */
export async function fetchDays(
  options: FetchOptions,
  deps: FetchDeps = {},
): Promise<FetchSummary> {
  const today = utcDay((deps.now ?? (() => new Date()))());
  const to = options.to ?? today;
  if (to > today) throw new FetchRangeError(`--to ${to} is after today (${today}, UTC)`);
  if (options.from !== undefined && options.from > to) {
    throw new FetchRangeError(`--from ${options.from} is after --to ${to}`);
  }
  const saved = await listSavedDays(options.outDir);
  const from = options.from ?? defaultFrom(saved, to);
  const counts = { fetched: 0, empty: 0, skipped: 0, failed: 0, papers: 0 };
  if (from === null) return { days: [], from, to, counts };

  const final = new Set(saved.filter((s) => s.final).map((s) => s.day));
  const days = dayRange(from, to);
  const baseUrl = options.baseUrl ?? HF_BASE_URL;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const http = deps.http ?? REAL_HTTP;
  const bar = deps.progress?.('fetch', 'days');
  const limit = pLimit(MAX_CONCURRENT_REQUESTS);
  let done = 0;
  let failedInARow = 0;
  bar?.update(0, days.length);

  const fetchOne = async (day: string): Promise<DayOutcome> => {
    if (final.has(day) && !options.refresh) return { day, status: 'skipped' };
    if (failedInARow >= (options.giveUpAfter ?? GIVE_UP_AFTER_FAILED_DAYS)) {
      return {
        day,
        status: 'failed',
        error: `not asked for: the ${failedInARow} days before failed in a row`,
      };
    }
    try {
      const got = await httpGet(dayUrl(baseUrl, day), (r) => acceptDay(day, r), policy, http);
      await writeFileAtomic(join(options.outDir, `${day}.json`), got.body);
      failedInARow = 0;
      return got.papers === 0
        ? { day, status: 'empty' }
        : { day, status: 'fetched', papers: got.papers, badEntries: got.badEntries };
    } catch (error) {
      if (!(error instanceof HttpGetError)) throw error;
      failedInARow += 1;
      return { day, status: 'failed', error: error.message };
    }
  };

  try {
    const outcomes = await Promise.all(
      days.map((day) =>
        limit(async () => {
          const outcome = await fetchOne(day);
          bar?.update(++done, days.length);
          return outcome;
        }),
      ),
    );
    for (const outcome of outcomes) {
      counts[outcome.status] += 1;
      if (outcome.status === 'fetched') counts.papers += outcome.papers;
    }
    return { days: outcomes, from, to, counts };
  } finally {
    bar?.stop();
  }
}

/** The summary as lines for the terminal: the totals, then each failed day with its reason. */
export function describeFetch(summary: FetchSummary, outDir: string): string[] {
  const { counts } = summary;
  if (summary.from === null) return [`fetch: ${outDir} is up to date through ${summary.to}`];
  const lines = [
    `fetch ${summary.from} … ${summary.to} into ${outDir}: ${counts.fetched} days fetched ` +
      `(${counts.papers} papers), ${counts.empty} empty, ${counts.skipped} already saved, ` +
      `${counts.failed} failed`,
  ];
  for (const outcome of summary.days) {
    if (outcome.status === 'failed') {
      lines.push(
        `  ${outcome.day} failed: ${outcome.error}; no file written, the next run tries again`,
      );
    } else if (outcome.status === 'fetched' && outcome.badEntries > 0) {
      lines.push(
        `  ${outcome.day}: ${outcome.badEntries} entries the pipeline will reject (see rejects.json after the run)`,
      );
    }
  }
  return lines;
}
