/**
 * Rising / fading / new flags at every period boundary: each series' share in a period against
 * the trailing periods before it, tested with Fisher's exact test (share-test.ts), with the
 * false discovery rate controlled over every test of a scale and family (fine topics; broad
 * topics with watch-list themes).
 */
import type { TrendFlag, TrendScale, TrendStatus } from '../schema/artifacts.ts';
import type { DayIndex } from './day-counts.ts';
import type { Periods } from './periods.ts';
import {
  benjaminiHochberg,
  discreteBenjaminiHochberg,
  fisherExactTwoSided,
  fisherSupport,
  shareRatio,
  shareRatioInterval,
  type WindowCounts,
} from './share-test.ts';

/** How flags are decided. Every field has a default ({@link DEFAULT_FLAG_OPTIONS}). */
export interface FlagOptions {
  /**
   * Periods in the trailing baseline of each scale. Default: a week is compared with the 13
   * weeks before it, a month with the 6 months before, a quarter with the 4 quarters before.
   * Each ≥ 1.
   */
  baselinePeriods: Record<TrendScale, number>;
  /**
   * Scale of the latest-period `flags`. Default: the shortest scale whose median period (those
   * with a page) holds at least `minPeriodPapers` papers.
   */
  flagScale?: TrendScale;
  /**
   * Papers the median period needs for its scale to carry the latest flags. Default 300: with
   * fewer, a series of a few percent has a handful of papers per period and only a several-fold
   * change can reach significance. ≥ 1.
   */
  minPeriodPapers: number;
  /** False discovery rate for Benjamini–Hochberg, in (0, 1). Default 0.05. */
  alpha: number;
  /** Share ratio a rise needs (a fall needs ≤ 1 / minEffect). Default 1.25; > 1. */
  minEffect: number;
  /** `emerging`: at most this many papers in the baseline. Default 2; ≥ 0. */
  emergingMaxBaseline: number;
  /** `emerging`: share ratio of at least this. Default 3; ≥ minEffect. */
  emergingMinEffect: number;
  /**
   * A series is tested only with at least this many papers in the period and its baseline
   * together; fewer can never reach significance after adjustment, and leaving them out does not
   * bias the test, which is conditional on that total (independent filtering, Bourgon et al.
   * 2010, doi:10.1073/pnas.0914005107). Default 3; ≥ 1.
   */
  minCount: number;
  /**
   * How each scale's family is adjusted. `discrete-bh` (default): the discrete
   * Benjamini–Hochberg procedure, which counts each test by its chance of reaching a p-value
   * under the null hypothesis (share-test.ts). `bh`: Benjamini–Hochberg, which counts each of
   * the thousands of week tests of a handful of papers as fully as a test of hundreds.
   */
  correction: 'discrete-bh' | 'bh';
}

/** Defaults of {@link FlagOptions}. */
export const DEFAULT_FLAG_OPTIONS: Readonly<FlagOptions> = {
  baselinePeriods: { week: 13, month: 6, quarter: 4 },
  minPeriodPapers: 300,
  alpha: 0.05,
  minEffect: 1.25,
  emergingMaxBaseline: 2,
  emergingMinEffect: 3,
  minCount: 3,
  correction: 'discrete-bh',
};

/** Checks the options and names the offending one. */
export function checkFlagOptions(options: FlagOptions): void {
  const problems: string[] = [];
  const int = (name: string, value: unknown, min: number) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      problems.push(`${name} must be an integer ≥ ${min}, got ${String(value)}`);
    }
  };
  for (const scale of ['week', 'month', 'quarter'] as const) {
    int(`baselinePeriods.${scale}`, options.baselinePeriods?.[scale], 1);
  }
  int('minPeriodPapers', options.minPeriodPapers, 1);
  int('emergingMaxBaseline', options.emergingMaxBaseline, 0);
  int('minCount', options.minCount, 1);
  if (!(options.alpha > 0 && options.alpha < 1)) {
    problems.push(`alpha must be in (0, 1), got ${options.alpha}`);
  }
  if (!(options.minEffect > 1)) problems.push(`minEffect must be > 1, got ${options.minEffect}`);
  if (!(options.emergingMinEffect >= options.minEffect)) {
    problems.push(
      `emergingMinEffect must be ≥ minEffect (${options.minEffect}), got ${options.emergingMinEffect}`,
    );
  }
  if (
    options.flagScale !== undefined &&
    !['week', 'month', 'quarter'].includes(options.flagScale)
  ) {
    problems.push(`flagScale must be week, month or quarter, got ${String(options.flagScale)}`);
  }
  if (options.correction !== 'discrete-bh' && options.correction !== 'bh') {
    problems.push(`correction must be discrete-bh or bh, got ${String(options.correction)}`);
  }
  if (problems.length > 0) throw new RangeError(`trend options: ${problems.join('; ')}`);
}

/** Rounds to 4 significant digits, so that tiny p-values keep their size. */
function roundSignificant(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(4));
}

function round4(value: number): number {
  return Math.round(value * 1e4) / 1e4;
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

/** Flag order inside one period: topics first, then status, p-value, key. */
export function compareFlags(a: TrendFlag, b: TrendFlag): number {
  return (
    (a.kind === b.kind ? 0 : a.kind === 'topic' ? -1 : 1) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    a.pValue - b.pValue ||
    compareKeys(a.key, b.key)
  );
}

/** The status rule of the README, given a test's counts, q-value and newness. */
export function statusOf(
  counts: WindowCounts,
  effect: number,
  qValue: number | null,
  isNew: boolean,
  options: FlagOptions,
): TrendStatus {
  if (isNew) return 'new';
  if (qValue === null || !(qValue < options.alpha)) return 'steady';
  if (effect >= options.emergingMinEffect && counts.baselineCount <= options.emergingMaxBaseline) {
    return 'emerging';
  }
  if (effect >= options.minEffect) return 'rising';
  if (effect <= 1 / options.minEffect) return 'fading';
  return 'steady';
}

/** Series of one kind, as per-period counts at the scale tested. */
export interface SeriesFamily {
  kind: TrendFlag['kind'];
  rows: ReadonlyMap<string, Int32Array>;
  /**
   * The multiple-testing family these series' tests join (default `''`): tests are adjusted
   * together with those of every series family of the same name, and only with them.
   */
  family?: string;
}

/** The flags of one scale, per period (index into the periods; empty before the first test). */
export type PeriodFlags = TrendFlag[][];

/**
 * Tests every series of every kind at every period boundary of one scale: period p against the
 * `baselinePeriods[scale]` periods before it (fewer at the start of the calendar; period 0 has
 * no baseline and is not tested). The tests of the series families that share a `family` name
 * are adjusted together (`options.correction`), over every period of the scale.
 * Returns, per period, the flags of every tested or new series (steady ones included), sorted by
 * {@link compareFlags}.
 *
 * @param index the day calendar the periods were laid over.
 * @param families per-period counts of each series, aligned with `periods`.
 */
export function flagEveryPeriod(
  index: DayIndex,
  periods: Periods,
  families: readonly SeriesFamily[],
  options: FlagOptions,
): PeriodFlags {
  const count = periods.starts.length;
  const baselineLength = options.baselinePeriods[periods.scale];
  interface Candidate {
    period: number;
    kind: TrendFlag['kind'];
    family: string;
    key: string;
    counts: WindowCounts;
    isNew: boolean;
    tested: boolean;
  }
  const candidates: Candidate[] = [];
  const totals = periods.totals.map((t) => t ?? 0);
  for (let p = 1; p < count; p++) {
    const b0 = Math.max(0, p - baselineLength);
    const recentTotal = totals[p]!;
    let baselineTotal = 0;
    for (let b = b0; b < p; b++) baselineTotal += totals[b]!;
    if (recentTotal === 0 || baselineTotal === 0) continue;
    for (const { kind, rows, family = '' } of families) {
      for (const [key, row] of rows) {
        let baselineCount = 0;
        for (let b = b0; b < p; b++) baselineCount += row[b]!;
        const counts: WindowCounts = {
          recentCount: row[p]!,
          recentTotal,
          baselineCount,
          baselineTotal,
        };
        let before = baselineCount;
        for (let b = 0; b < b0 && before === 0; b++) before += row[b]!;
        const isNew = counts.recentCount > 0 && before === 0;
        const tested = counts.recentCount + counts.baselineCount >= options.minCount;
        if (isNew || tested)
          candidates.push({ period: p, kind, family, key, counts, isNew, tested });
      }
    }
  }

  const pValues = candidates.map((c) => (c.tested ? fisherExactTwoSided(c.counts) : 1));
  const qValues = new Array<number | null>(candidates.length).fill(null);
  for (const family of new Set(families.map((f) => f.family ?? ''))) {
    const testedAt = candidates.flatMap((c, i) => (c.tested && c.family === family ? [i] : []));
    const testedP = testedAt.map((i) => pValues[i]!);
    const adjusted =
      options.correction === 'bh'
        ? benjaminiHochberg(testedP)
        : discreteBenjaminiHochberg(
            testedP,
            testedAt.map((i) => fisherSupport(candidates[i]!.counts)),
          );
    testedAt.forEach((i, j) => (qValues[i] = adjusted[j]!));
  }

  const day = (position: number) => index.calendar[position]!;
  const out: PeriodFlags = Array.from({ length: count }, () => []);
  candidates.forEach((c, i) => {
    const effect = shareRatio(c.counts);
    const [low, high] = shareRatioInterval(c.counts);
    const q = qValues[i]!;
    const b0 = Math.max(0, c.period - baselineLength);
    out[c.period]!.push({
      kind: c.kind,
      key: c.key,
      status: statusOf(c.counts, effect, q, c.isNew, options),
      scale: periods.scale,
      window: { start: day(periods.from[c.period]!), end: day(periods.to[c.period]!) },
      baseline: { start: day(periods.from[b0]!), end: day(periods.to[c.period - 1]!) },
      ...c.counts,
      effect: round4(effect),
      effectLow: round4(low),
      effectHigh: round4(high),
      pValue: roundSignificant(pValues[i]!),
      qValue: q === null ? null : roundSignificant(q),
    });
  });
  for (const flags of out) flags.sort(compareFlags);
  return out;
}

/**
 * The scale of the latest flags: `options.flagScale`, else the shortest scale whose median
 * period with a page holds at least `options.minPeriodPapers` papers, else the longest.
 */
export function chooseFlagScale(
  byScale: Readonly<Record<TrendScale, Periods>>,
  options: FlagOptions,
): TrendScale {
  if (options.flagScale) return options.flagScale;
  for (const scale of ['week', 'month', 'quarter'] as const) {
    const totals = byScale[scale].totals
      .filter((t): t is number => t !== null)
      .sort((a, b) => a - b);
    const median = totals.length === 0 ? 0 : totals[Math.floor((totals.length - 1) / 2)]!;
    if (median >= options.minPeriodPapers) return scale;
  }
  return 'quarter';
}

/** The `TrendsFile.test` text for these options. */
export function describeTest(options: FlagOptions, flagScale: TrendScale): string {
  const b = options.baselinePeriods;
  const inverse = Math.round((1 / options.minEffect) * 1e4) / 1e4;
  return (
    `Fisher's exact test, two-sided, of a series' share of papers (paper-days out of all ` +
    `paper-days) in one calendar period against its trailing baseline, at every period ` +
    `boundary: each ISO week against the ${b.week} weeks before it, each month against the ` +
    `${b.month} months before it, each quarter against the ${b.quarter} quarters before it ` +
    `(fewer at the start of the calendar); days without a page count in neither. Each scale ` +
    `has two families: the fine topics' tests, and the broad topics' and watch-list themes' ` +
    `tests, each over every period of the history; p-values are adjusted within their family ` +
    `(qValue) by ${
      options.correction === 'bh'
        ? 'Benjamini–Hochberg'
        : 'the discrete Benjamini–Hochberg step-down procedure (Döhler, Durand & Roquain 2018), ' +
          "which counts each test by its chance of reaching a p-value under Fisher's discrete null"
    }, ` +
    `over the series with at least ${options.minCount} papers in the period and baseline ` +
    `together. new: first paper ever in the period. emerging: q < ${options.alpha}, share ` +
    `ratio ≥ ${options.emergingMinEffect} and at most ${options.emergingMaxBaseline} baseline ` +
    `papers. rising: q < ${options.alpha} and ratio ≥ ${options.minEffect}. fading: q < ` +
    `${options.alpha} and ratio ≤ ${inverse}. steady: any other tested series. Share ratio = ` +
    `((recentCount + 0.5) / (recentTotal + 1)) / ((baselineCount + 0.5) / (baselineTotal + 1)), ` +
    `with a 95 % Wald interval of its log. The latest flags are those of the period holding ` +
    `the last page day at the ${flagScale} scale (the shortest scale whose median period ` +
    `holds at least ${options.minPeriodPapers} papers).`
  );
}
