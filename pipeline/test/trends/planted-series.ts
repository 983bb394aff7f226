/**
 * Synthetic trend data with known truth: a page calendar with gaps, null series of constant
 * share, and series with a planted rise or fall of known onset; plus the scoring of a method's
 * flags against that truth (detection delay, miss rate, flagged share of null series-periods).
 * Seeded (d3-random's LCG), so every run draws the same data.
 */
import { randomBinomial, randomLcg, randomPoisson, randomUniform } from 'd3';
import type { TrendFlag } from '../../src/schema/artifacts.ts';
import { addDays, calendarDays, dayNumber } from '../../src/trends/calendar.ts';
import type { DayIndex } from '../../src/trends/day-counts.ts';

/** A planted change: the share moves from `base` to `base · factor` from `onset` on. */
export interface Planted {
  key: string;
  base: number;
  /** > 1 for a rise, < 1 for a fall; 1 for a null series. */
  factor: number;
  /** Day the change starts (ISO); null for a null series. */
  onset: string | null;
  /** Days over which the share ramps to its new level (0 = a step). */
  rampDays: number;
}

/** Synthetic per-day counts of many series on one calendar. */
export interface SyntheticStreams {
  index: DayIndex;
  /** Papers per calendar day per series (0 on days without a page). */
  rows: Map<string, Int32Array>;
  truth: Planted[];
}

/** Options of {@link syntheticStreams}. */
export interface SyntheticOptions {
  seed: number;
  firstDay: string;
  days: number;
  /** Mean papers per page day. */
  papersPerDay: number;
  /** Share of calendar days without a page. */
  gapShare: number;
  nullSeries: number;
  /** Planted series per change kind (step rise, step fall, ramp rise). */
  plantedPerKind: number;
  /** Multiplier of a planted change (a fall divides by it). */
  factor: number;
}

/** Defaults: two years of about 15 papers a page day (the HF corpus' rate), a third of days blank. */
export const DEFAULT_SYNTHETIC: SyntheticOptions = {
  seed: 7,
  firstDay: '2024-06-01',
  days: 730,
  papersPerDay: 15,
  gapShare: 0.3,
  nullSeries: 60,
  plantedPerKind: 20,
  factor: 3,
};

/**
 * Draws the calendar, then each series' daily counts as binomial draws of the day's total
 * (series drawn independently: a paper may count in several, as in themes).
 */
export function syntheticStreams(options: SyntheticOptions = DEFAULT_SYNTHETIC): SyntheticStreams {
  const source = randomLcg(options.seed);
  const uniform = randomUniform.source(source)(0, 1);
  const poisson = randomPoisson.source(source)(options.papersPerDay);
  const calendar = calendarDays(options.firstDay, addDays(options.firstDay, options.days - 1));
  const dayTotals = calendar.map((_, i) =>
    i === 0 || i === calendar.length - 1 || uniform() >= options.gapShare
      ? Math.max(1, poisson())
      : null,
  );
  const truth: Planted[] = [];
  const pickBase = () => 0.01 + 0.04 * uniform();
  const pickOnset = () => calendar[Math.floor(calendar.length * (0.35 + 0.4 * uniform()))]!;
  for (let i = 0; i < options.nullSeries; i++) {
    truth.push({ key: `null-${i}`, base: pickBase(), factor: 1, onset: null, rampDays: 0 });
  }
  for (let i = 0; i < options.plantedPerKind; i++) {
    truth.push({
      key: `rise-${i}`,
      base: pickBase(),
      factor: options.factor,
      onset: pickOnset(),
      rampDays: 0,
    });
    truth.push({
      key: `fall-${i}`,
      base: pickBase() * options.factor,
      factor: 1 / options.factor,
      onset: pickOnset(),
      rampDays: 0,
    });
    truth.push({
      key: `ramp-${i}`,
      base: pickBase(),
      factor: options.factor,
      onset: pickOnset(),
      rampDays: 120,
    });
  }
  const rows = new Map<string, Int32Array>();
  for (const series of truth) {
    const row = new Int32Array(calendar.length);
    const onset = series.onset === null ? Infinity : dayNumber(series.onset);
    calendar.forEach((day, i) => {
      const total = dayTotals[i];
      if (total === null || total === undefined) return;
      const since = dayNumber(day) - onset;
      const progress =
        since < 0 ? 0 : series.rampDays === 0 ? 1 : Math.min(1, since / series.rampDays);
      const share = series.base * (1 + (series.factor - 1) * progress);
      row[i] = randomBinomial.source(source)(total, share)();
    });
    rows.set(series.key, row);
  }
  return { index: { calendar, dayTotals, positions: [] }, rows, truth };
}

/**
 * The same streams with their page days shuffled (each day's totals and counts move together,
 * days without a page stay where they are): any time structure is destroyed, so every flag is
 * a false one.
 */
export function shuffleDays(streams: SyntheticStreams, seed: number): SyntheticStreams {
  const uniform = randomUniform.source(randomLcg(seed))(0, 1);
  const pages = streams.index.dayTotals.flatMap((t, i) => (t === null ? [] : [i]));
  const order = [...pages];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(uniform() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const dayTotals = [...streams.index.dayTotals];
  pages.forEach((to, k) => (dayTotals[to] = streams.index.dayTotals[order[k]!]!));
  const rows = new Map<string, Int32Array>();
  for (const [key, row] of streams.rows) {
    const out = new Int32Array(row.length);
    pages.forEach((to, k) => (out[to] = row[order[k]!]!));
    rows.set(key, out);
  }
  return { index: { ...streams.index, dayTotals }, rows, truth: streams.truth };
}

/** A flag reduced to what scoring needs. */
export interface Detection {
  key: string;
  direction: 'up' | 'down';
  /** Day the evidence was complete (the flagged window's last day). */
  day: string;
}

/** Flags as detections: rising / emerging are up, fading is down; new and steady are ignored. */
export function detections(flags: readonly TrendFlag[]): Detection[] {
  return flags.flatMap((flag): Detection[] =>
    flag.status === 'rising' || flag.status === 'emerging'
      ? [{ key: flag.key, direction: 'up' as const, day: flag.window.end }]
      : flag.status === 'fading'
        ? [{ key: flag.key, direction: 'down' as const, day: flag.window.end }]
        : [],
  );
}

/** How well detections match the planted truth. */
export interface Score {
  planted: number;
  /** Planted changes with no right-direction detection within `horizonDays` of the onset. */
  missed: number;
  missRate: number;
  /** Days from onset to the first right-direction detection, per caught change, ascending. */
  delays: number[];
  medianDelay: number | null;
  /** Detections on null series. */
  nullDetections: number;
}

/** Scores detections against the truth; `horizonDays` is how long after onset a catch counts. */
export function scoreDetections(
  truth: readonly Planted[],
  found: readonly Detection[],
  horizonDays = 180,
): Score {
  const byKey = new Map<string, Detection[]>();
  for (const d of found) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d]);
  const delays: number[] = [];
  let planted = 0;
  let nullDetections = 0;
  for (const series of truth) {
    const list = byKey.get(series.key) ?? [];
    if (series.onset === null) {
      nullDetections += list.length;
      continue;
    }
    planted++;
    const want = series.factor > 1 ? 'up' : 'down';
    const onset = dayNumber(series.onset);
    const lags = list
      .filter((d) => d.direction === want)
      .map((d) => dayNumber(d.day) - onset)
      .filter((lag) => lag >= 0 && lag <= horizonDays);
    if (lags.length > 0) delays.push(Math.min(...lags));
  }
  delays.sort((a, b) => a - b);
  const missed = planted - delays.length;
  return {
    planted,
    missed,
    missRate: planted === 0 ? 0 : missed / planted,
    delays,
    medianDelay: delays.length === 0 ? null : delays[Math.floor((delays.length - 1) / 2)]!,
    nullDetections,
  };
}
