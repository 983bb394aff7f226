/**
 * The trend series aggregated to weeks or months (the pipeline's per-period series), smoothed,
 * with an uncertainty band, and how much each one moved: what the readable trend charts draw.
 */
import type { TrendFlag } from '../data/artifacts.ts';
import type { Dataset, DayRange } from '../data/dataset.ts';
import type { TrendPeriod } from '../state/url-state.ts';
import { OTHER_KEY, type TrendLine } from './trend-model.ts';

/** One series per period. */
export interface PeriodLine {
  line: TrendLine;
  /** Papers per period; null for a period without a page. */
  counts: (number | null)[];
  /** count / period total, exact; null for a period without a page. */
  shares: (number | null)[];
  /**
   * Share pooled over the period and its neighbours (counts and totals summed over three
   * periods): the smoothed line. Null where the period has no page.
   */
  smooth: (number | null)[];
  /** 95 % Wilson interval of the pooled share: the band around the smoothed line. */
  low: (number | null)[];
  high: (number | null)[];
  /**
   * Change from the first three periods with papers to the last three, as the log of the ratio
   * of pooled shares (each smoothed by half a paper); 0 = no change, > 0 = rose.
   */
  change: number;
}

/** The periods of one scale. */
export interface PeriodAxis {
  starts: readonly string[];
  ends: readonly string[];
  totals: readonly (number | null)[];
}

/** The periods of `scale` in the data. */
export function periodAxis(data: Dataset, scale: TrendPeriod): PeriodAxis {
  const periods = data.trends.periods[scale];
  return { starts: periods.starts, ends: periods.ends, totals: periods.totals };
}

/** 95 % Wilson score interval of `count` out of `total` (total > 0). */
export function wilson(count: number, total: number, z = 1.959964): [number, number] {
  const p = count / total;
  const denominator = 1 + (z * z) / total;
  const centre = (p + (z * z) / (2 * total)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function pooledShare(
  counts: readonly (number | null)[],
  totals: readonly (number | null)[],
  indices: readonly number[],
): number {
  let c = 0;
  let t = 0;
  for (const i of indices) {
    c += counts[i] ?? 0;
    t += totals[i] ?? 0;
  }
  return (c + 0.5) / (t + 1);
}

/**
 * The lines at the periods of `scale`. Topic and theme lines take the pipeline's per-period
 * counts; the remainder line ("other") is the period total minus the shown topic lines.
 */
export function periodLines(
  data: Dataset,
  lines: readonly TrendLine[],
  scale: TrendPeriod,
): PeriodLine[] {
  const periods = data.trends.periods[scale];
  const totals = periods.totals;
  const countsOf = (line: TrendLine): (number | null)[] => {
    if (line.kind === 'topic') return periods.topics[line.key]?.counts ?? totals.map(() => 0);
    if (line.kind === 'theme') return periods.themes[line.key]?.counts ?? totals.map(() => 0);
    const shown = lines.filter((l) => l.kind === 'topic');
    return totals.map((total, p) =>
      total === null
        ? null
        : total - shown.reduce((sum, l) => sum + (periods.topics[l.key]?.counts[p] ?? 0), 0),
    );
  };
  const withPages = totals.flatMap((total, p) => (total === null ? [] : [p]));
  return lines.map((line) => {
    const counts = countsOf(line);
    const shares = counts.map((count, p) => {
      const total = totals[p];
      return count === null || !total ? null : count / total;
    });
    const smooth: (number | null)[] = [];
    const low: (number | null)[] = [];
    const high: (number | null)[] = [];
    totals.forEach((total, p) => {
      if (total === null) {
        smooth.push(null);
        low.push(null);
        high.push(null);
        return;
      }
      let c = 0;
      let t = 0;
      for (let q = Math.max(0, p - 1); q <= Math.min(totals.length - 1, p + 1); q++) {
        c += counts[q] ?? 0;
        t += totals[q] ?? 0;
      }
      smooth.push(c / t);
      const [l, h] = wilson(c, t);
      low.push(l);
      high.push(h);
    });
    const change =
      withPages.length < 2
        ? 0
        : Math.log(pooledShare(counts, totals, withPages.slice(-3))) -
          Math.log(pooledShare(counts, totals, withPages.slice(0, 3)));
    return { line, counts, shares, smooth, low, high, change };
  });
}

/** Lines sorted by how much they moved (largest |change| first); the remainder last. */
export function byMovement(lines: readonly PeriodLine[]): PeriodLine[] {
  return [...lines].sort(
    (a, b) =>
      Number(a.line.key === OTHER_KEY) - Number(b.line.key === OTHER_KEY) ||
      Math.abs(b.change) - Math.abs(a.change) ||
      (a.line.key < b.line.key ? -1 : 1),
  );
}

/** Stacked period shares: per line, per period, [bottom, top]; periods without a page [0, 0]. */
export function stackPeriods(lines: readonly PeriodLine[]): [number, number][][] {
  const periods = lines[0]?.shares.length ?? 0;
  const base = new Array<number>(periods).fill(0);
  return lines.map((line) =>
    line.shares.map((share, p) => {
      const bottom = base[p]!;
      const top = bottom + (share ?? 0);
      base[p] = top;
      return [bottom, top] as [number, number];
    }),
  );
}

/** A moving series in a range: its strongest history flag there, and how many it has. */
export interface Mover {
  flag: TrendFlag;
  /** Flags of the series inside the range (all scales). */
  flags: number;
}

/**
 * The top rising and fading series of a day range, from the history flags whose tested period
 * lies inside it (every scale; new flags left out). Per series the flag with the largest effect
 * (rising) or smallest (fading) is kept. Without a range: the last 183 days (six months) of the calendar.
 */
export function movers(
  data: Dataset,
  range: DayRange | null,
  keep: (flag: TrendFlag) => boolean = () => true,
  top = 8,
): { range: DayRange; rising: Mover[]; fading: Mover[] } {
  const calendar = data.trends.calendar;
  const last = calendar.at(-1) ?? '';
  const start = calendar[Math.max(0, calendar.length - 183)] ?? '';
  const window = range ?? { start, end: last };
  const best = new Map<string, Mover>();
  for (const flag of data.trends.history) {
    if (flag.status === 'new' || flag.status === 'steady' || !keep(flag)) continue;
    if (flag.window.start < window.start || flag.window.end > window.end) continue;
    const key = `${flag.kind}:${flag.key}:${flag.status === 'fading' ? 'down' : 'up'}`;
    const seen = best.get(key);
    const stronger =
      !seen ||
      (flag.status === 'fading' ? flag.effect < seen.flag.effect : flag.effect > seen.flag.effect);
    if (stronger) best.set(key, { flag, flags: (seen?.flags ?? 0) + 1 });
    else seen.flags += 1;
  }
  const list = [...best.values()];
  const rising = list
    .filter((m) => m.flag.status !== 'fading')
    .sort((a, b) => b.flag.effect - a.flag.effect || (a.flag.key < b.flag.key ? -1 : 1))
    .slice(0, top);
  const fading = list
    .filter((m) => m.flag.status === 'fading')
    .sort((a, b) => a.flag.effect - b.flag.effect || (a.flag.key < b.flag.key ? -1 : 1))
    .slice(0, top);
  return { range: window, rising, fading };
}

/** Calendar positions [from, to] of each period of `scale` (periods are clipped to the calendar). */
export function periodSpans(data: Dataset, scale: TrendPeriod): [number, number][] {
  const calendar = data.trends.calendar;
  const position = new Map(calendar.map((day, i) => [day, i]));
  const ends = data.trends.periods[scale].ends;
  return ends.map((end, p) => {
    const to = position.get(end) ?? calendar.length - 1;
    const from = p === 0 ? 0 : (position.get(ends[p - 1]!) ?? -1) + 1;
    return [from, to];
  });
}
