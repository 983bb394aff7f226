/**
 * The trend-detection methods compared on data with known truth (pipeline/src/trends/README.md
 * records the results): the two-window exact test at every period boundary (the shipped
 * method), a logistic trend of share on a sliding window, and Kleinberg bursts.
 */
import type { TrendFlag, TrendScale } from '../src/schema/artifacts.ts';
import { findBursts } from '../src/trends/bursts.ts';
import { periodsOf, sumByPeriod } from '../src/trends/periods.ts';
import { benjaminiHochberg } from '../src/trends/share-test.ts';
import { fitShareSlope } from '../src/trends/share-trend.ts';
import {
  DEFAULT_FLAG_OPTIONS,
  flagEveryPeriod,
  type FlagOptions,
} from '../src/trends/trend-flags.ts';
import {
  scoreDetections,
  type Detection,
  type Score,
  type SyntheticStreams,
} from '../test/trends/planted-series.ts';

/** One method's result on one data set. */
export interface MethodResult {
  method: string;
  /** Detections of changes (rises and falls). */
  found: Detection[];
  /** Series-periods (or series-weeks) examined. */
  examined: number;
  /** Of those, flagged (a detection, or a week inside a burst). */
  flagged: number;
}

/**
 * The shipped method: each period against its trailing baseline, the FDR controlled over the
 * scale (with the shipped options, or others to compare).
 */
export function twoWindowMethod(
  streams: SyntheticStreams,
  scale: TrendScale,
  options: FlagOptions = DEFAULT_FLAG_OPTIONS,
): MethodResult {
  const periods = periodsOf(streams.index, scale);
  const rows = new Map([...streams.rows].map(([key, row]) => [key, sumByPeriod(row, periods)]));
  const flags = flagEveryPeriod(streams.index, periods, [{ kind: 'topic', rows }], options).flat();
  const moving = flags.filter((f) => ['rising', 'emerging', 'fading'].includes(f.status));
  return {
    method: `two-window exact test, ${scale} vs ${options.baselinePeriods[scale]} before, ${options.correction}`,
    found: moving.map((f: TrendFlag) => ({
      key: f.key,
      direction: f.status === 'fading' ? 'down' : 'up',
      day: f.window.end,
    })),
    examined: flags.filter((f) => f.status !== 'new').length,
    flagged: moving.length,
  };
}

/**
 * Logistic trend of share on a sliding window of `window` periods ending at each period; BH over
 * every (series, period) of the scale; a flag needs q < 0.05 and a fitted change over the window
 * of at least the shipped minimum effect (1.5×, or 1/1.5 for a fall).
 */
export function slopeMethod(
  streams: SyntheticStreams,
  scale: TrendScale,
  window: number,
): MethodResult {
  const periods = periodsOf(streams.index, scale);
  const totals = periods.totals.map((t) => t ?? 0);
  const tests: { key: string; end: string; p: number; effect: number }[] = [];
  for (const [key, daily] of streams.rows) {
    const row = sumByPeriod(daily, periods);
    for (let p = window - 1; p < totals.length; p++) {
      if (totals[p] === 0) continue;
      const fit = fitShareSlope(
        row.subarray(p - window + 1, p + 1),
        totals.slice(p - window + 1, p + 1),
      );
      if (!fit) continue;
      tests.push({ key, end: periods.ends[p]!, p: fit.pValue, effect: fit.effect });
    }
  }
  const q = benjaminiHochberg(tests.map((t) => t.p));
  const min = DEFAULT_FLAG_OPTIONS.minEffect;
  const found: Detection[] = [];
  tests.forEach((t, i) => {
    if (!(q[i]! < DEFAULT_FLAG_OPTIONS.alpha)) return;
    if (t.effect >= min) found.push({ key: t.key, direction: 'up', day: t.end });
    else if (t.effect <= 1 / min) found.push({ key: t.key, direction: 'down', day: t.end });
  });
  return {
    method: `logistic trend, sliding ${window} ${scale}s`,
    found,
    examined: tests.length,
    flagged: found.length,
  };
}

/**
 * Kleinberg's two-state bursts on weekly batches, run on the whole history (offline: a burst's
 * start is found with hindsight, so its "delay" is not an alerting delay). Rises only.
 */
export function burstMethod(streams: SyntheticStreams): MethodResult {
  const periods = periodsOf(streams.index, 'week');
  const totals = periods.totals.map((t) => t ?? 0);
  const found: Detection[] = [];
  let examined = 0;
  let flagged = 0;
  for (const [key, daily] of streams.rows) {
    const row = sumByPeriod(daily, periods);
    examined += totals.filter((t) => t > 0).length;
    for (const burst of findBursts(row, totals)) {
      found.push({
        key,
        direction: 'up',
        day: streams.index.calendar[periods.from[burst.first]!]!,
      });
      for (let w = burst.first; w <= burst.last; w++) if (totals[w]! > 0) flagged++;
    }
  }
  return { method: 'Kleinberg bursts, weekly batches (offline)', found, examined, flagged };
}

/** A method's score on planted data and its flagged share on the shuffled null. */
export interface Comparison {
  method: string;
  rise: Score;
  fall: Score;
  ramp: Score;
  /** Flagged share of series-periods on the shuffled-days null. */
  nullShare: number;
}

/** Scores one method on planted streams and on their shuffled null. */
export function compare(
  run: (streams: SyntheticStreams) => MethodResult,
  planted: SyntheticStreams,
  shuffled: SyntheticStreams,
): Comparison {
  const result = run(planted);
  const part = (prefix: string) =>
    planted.truth.filter((t) => t.key.startsWith(prefix) || t.onset === null);
  const nullRun = run(shuffled);
  return {
    method: result.method,
    rise: scoreDetections(part('rise-'), result.found),
    fall: scoreDetections(part('fall-'), result.found),
    ramp: scoreDetections(part('ramp-'), result.found),
    nullShare: nullRun.examined === 0 ? 0 : nullRun.flagged / nullRun.examined,
  };
}
