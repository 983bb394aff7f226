/**
 * Rising / fading / new flags: each series' share in a recent window against a trailing
 * baseline, tested with Fisher's exact test and adjusted for multiple testing (share-test.ts).
 */
import type { TrendFlag, TrendStatus } from '../schema/artifacts.ts';
import { addDays, dayNumber } from './calendar.ts';
import type { DayIndex } from './day-counts.ts';
import {
  benjaminiHochberg,
  fisherExactTwoSided,
  shareRatio,
  type WindowCounts,
} from './share-test.ts';

/** How flags are decided. Every field has a default ({@link DEFAULT_FLAG_OPTIONS}). */
export interface FlagOptions {
  /** Length of the recent window in calendar days, ending on `asOf`. Default 7; ≥ 1. */
  recentDays: number;
  /** Length of the baseline in calendar days, just before the recent window. Default 28; ≥ 1. */
  baselineDays: number;
  /** Last day of the recent window (ISO). Default: the last page day. */
  asOf?: string;
  /** False discovery rate for Benjamini–Hochberg, in (0, 1). Default 0.05. */
  alpha: number;
  /** Share ratio a rise needs (a fall needs ≤ 1 / minEffect). Default 1.5; > 1. */
  minEffect: number;
  /** `emerging`: at most this many papers in the baseline. Default 2; ≥ 0. */
  emergingMaxBaseline: number;
  /** `emerging`: share ratio of at least this. Default 3; ≥ minEffect. */
  emergingMinEffect: number;
  /**
   * A series is tested only with at least this many papers in both windows together; fewer can
   * never reach significance after adjustment, and leaving them out does not bias the test,
   * which is conditional on that total (independent filtering, Bourgon et al. 2010,
   * doi:10.1073/pnas.0914005107). Default 3; ≥ 1.
   */
  minCount: number;
}

/** Defaults of {@link FlagOptions}. */
export const DEFAULT_FLAG_OPTIONS: Readonly<FlagOptions> = {
  recentDays: 7,
  baselineDays: 28,
  alpha: 0.05,
  minEffect: 1.5,
  emergingMaxBaseline: 2,
  emergingMinEffect: 3,
  minCount: 3,
};

/** The two windows, as inclusive ISO days and calendar positions (possibly outside it). */
export interface Windows {
  recent: { start: string; end: string };
  baseline: { start: string; end: string };
  /** Calendar positions: baseline [b0, r0 - 1], recent [r0, r1]. */
  b0: number;
  r0: number;
  r1: number;
}

/** Checks the options and names the offending one. */
export function checkFlagOptions(options: FlagOptions): void {
  const problems: string[] = [];
  const int = (name: keyof FlagOptions, min: number) => {
    const value = options[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      problems.push(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
    }
  };
  int('recentDays', 1);
  int('baselineDays', 1);
  int('emergingMaxBaseline', 0);
  int('minCount', 1);
  if (!(options.alpha > 0 && options.alpha < 1)) {
    problems.push(`alpha must be in (0, 1), got ${options.alpha}`);
  }
  if (!(options.minEffect > 1)) problems.push(`minEffect must be > 1, got ${options.minEffect}`);
  if (!(options.emergingMinEffect >= options.minEffect)) {
    problems.push(
      `emergingMinEffect must be ≥ minEffect (${options.minEffect}), got ${options.emergingMinEffect}`,
    );
  }
  if (options.asOf !== undefined) dayNumber(options.asOf);
  if (problems.length > 0) throw new RangeError(`trend options: ${problems.join('; ')}`);
}

/** The recent window ending on `end` and the baseline before it. */
export function windowsEndingOn(index: DayIndex, end: string, options: FlagOptions): Windows {
  const start = addDays(end, -(options.recentDays - 1));
  const baselineEnd = addDays(start, -1);
  const baselineStart = addDays(start, -options.baselineDays);
  const first = dayNumber(index.calendar[0]!);
  return {
    recent: { start, end },
    baseline: { start: baselineStart, end: baselineEnd },
    b0: dayNumber(baselineStart) - first,
    r0: dayNumber(start) - first,
    r1: dayNumber(end) - first,
  };
}

/** Sum of a per-day array over calendar positions [from, to], clipped to the calendar. */
function sumOver(values: ArrayLike<number | null>, from: number, to: number): number {
  let sum = 0;
  for (let i = Math.max(0, from); i <= Math.min(values.length - 1, to); i++) sum += values[i] ?? 0;
  return sum;
}

/** Rounds to 4 significant digits, so that tiny p-values keep their size. */
function roundSignificant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(4));
}

const STATUS_ORDER: Record<TrendStatus, number> = {
  new: 0,
  emerging: 1,
  rising: 2,
  fading: 3,
  steady: 4,
};

/** Orders keys numerically when both are numbers, else as strings. */
function compareKeys(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Flags of one family of series (all topics, or all themes). Benjamini–Hochberg runs within the
 * family.
 *
 * @param series per key, papers per calendar day (0 on days with no page).
 */
export function flagFamily(
  kind: TrendFlag['kind'],
  series: ReadonlyMap<string, Int32Array>,
  index: DayIndex,
  windows: Windows,
  options: FlagOptions,
): TrendFlag[] {
  const recentTotal = sumOver(index.dayTotals, windows.r0, windows.r1);
  const baselineTotal = sumOver(index.dayTotals, windows.b0, windows.r0 - 1);
  if (recentTotal === 0 || baselineTotal === 0) return [];

  const candidates: { key: string; counts: WindowCounts; isNew: boolean; tested: boolean }[] = [];
  for (const [key, perDay] of series) {
    const counts: WindowCounts = {
      recentCount: sumOver(perDay, windows.r0, windows.r1),
      recentTotal,
      baselineCount: sumOver(perDay, windows.b0, windows.r0 - 1),
      baselineTotal,
    };
    const isNew = counts.recentCount > 0 && sumOver(perDay, 0, windows.r0 - 1) === 0;
    const tested = counts.recentCount + counts.baselineCount >= options.minCount;
    if (isNew || tested) candidates.push({ key, counts, isNew, tested });
  }

  const pValues = candidates.map((c) => fisherExactTwoSided(c.counts));
  const testedAt = candidates.flatMap((c, i) => (c.tested ? [i] : []));
  const adjusted = benjaminiHochberg(testedAt.map((i) => pValues[i]!));
  const qValues = new Array<number | null>(candidates.length).fill(null);
  testedAt.forEach((i, j) => (qValues[i] = adjusted[j]!));

  const flags = candidates.map((c, i): TrendFlag => {
    const effect = shareRatio(c.counts);
    const q = qValues[i]!;
    let status: TrendStatus = 'steady';
    if (c.isNew) status = 'new';
    else if (q !== null && q < options.alpha) {
      if (
        effect >= options.emergingMinEffect &&
        c.counts.baselineCount <= options.emergingMaxBaseline
      ) {
        status = 'emerging';
      } else if (effect >= options.minEffect) status = 'rising';
      else if (effect <= 1 / options.minEffect) status = 'fading';
    }
    return {
      kind,
      key: c.key,
      status,
      window: windows.recent,
      baseline: windows.baseline,
      ...c.counts,
      effect: Math.round(effect * 1e4) / 1e4,
      pValue: roundSignificant(pValues[i]!),
      qValue: q === null ? null : roundSignificant(q),
    };
  });
  return flags.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.pValue - b.pValue ||
      compareKeys(a.key, b.key),
  );
}

/** The `TrendsFile.test` text for these options. */
export function describeTest(options: FlagOptions, windows: Windows | null): string {
  const where = windows
    ? `recent window ${windows.recent.start}..${windows.recent.end} (${options.recentDays} ` +
      `calendar days) against the baseline ${windows.baseline.start}..${windows.baseline.end} ` +
      `(the ${options.baselineDays} calendar days before it)`
    : `recent window of the last ${options.recentDays} calendar days against the ` +
      `${options.baselineDays} calendar days before it (no dated papers: nothing tested)`;
  const inverse = Math.round((1 / options.minEffect) * 1e4) / 1e4;
  return (
    `Fisher's exact test, two-sided, of a series' share of papers (paper-days out of all ` +
    `paper-days) in the ${where}; days without a page count in neither. p-values are ` +
    `Benjamini–Hochberg adjusted (qValue) within topics and within themes, over the series ` +
    `with at least ${options.minCount} papers in both windows together. ` +
    `new: first paper ever in the recent window. emerging: q < ${options.alpha}, share ratio ` +
    `≥ ${options.emergingMinEffect} and at most ${options.emergingMaxBaseline} baseline papers. ` +
    `rising: q < ${options.alpha} and ratio ≥ ${options.minEffect}. fading: q < ` +
    `${options.alpha} and ratio ≤ ${inverse}. steady: any other tested series. Share ratio = ` +
    `((recentCount + 0.5) / (recentTotal + 1)) / ((baselineCount + 0.5) / (baselineTotal + 1)).`
  );
}
