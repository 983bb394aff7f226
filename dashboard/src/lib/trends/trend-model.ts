/**
 * Series, stacks and shapes of the trend charts. d3 computes them here; the components only
 * render. Days are calendar positions (index into `trends.calendar`): day i covers
 * [i − 0.5, i + 0.5] on the x axis and is drawn as a flat step, so that a day between two
 * days without a page is still visible; days without a page are gaps (`area.defined`).
 */
import { area, line, scaleLinear, stack, stackOrderNone, type ScaleLinear } from 'd3';
import type { TrendFlag } from '../data/artifacts.ts';
import type { Dataset } from '../data/dataset.ts';
import type { Colors } from '../state/app-state.svelte.ts';
import type { Focus, TrendSeriesKind } from '../state/url-state.ts';
import { UNASSIGNED_COLOR } from '../map/palette.ts';
import { formatDay, formatMonth } from '../data/days.ts';

/** One series of the trends view. */
export interface TrendLine {
  /** Topic id as a string, theme id, or `other`. */
  key: string;
  kind: 'topic' | 'theme' | 'other';
  label: string;
  color: string;
  /** Aligned with the calendar; null on days without a page. */
  counts: (number | null)[];
  shares: (number | null)[];
  /** Papers in the topic or theme (all days). */
  size: number;
  flag?: TrendFlag;
}

/** Key of the remainder layer (papers in no shown topic). */
export const OTHER_KEY = 'other';

/** Most series shown at once; the rest go into the remainder layer. */
export const MAX_LINES = 12;

/**
 * The series to show. Broad: every broad topic (fine topics when the data has none). Fine:
 * the fine topics of the highlighted broad topic, or the largest ones. Themes: every
 * watch-list theme. Topic series get a remainder ("other") so that shares add up to 1; themes
 * overlap (a paper can belong to several), so they get none.
 */
export function trendLines(
  data: Dataset,
  kind: TrendSeriesKind,
  colors: Colors,
  focus: Focus | null,
  maxLines = MAX_LINES,
): TrendLine[] {
  const { trends } = data;
  if (kind === 'themes') {
    return data.themes.flatMap((theme) => {
      const series = trends.themes[theme.id];
      if (!series) return [];
      return [
        {
          key: theme.id,
          kind: 'theme' as const,
          label: theme.label,
          color: colors.themes.get(theme.id) ?? UNASSIGNED_COLOR,
          counts: series.counts,
          shares: series.shares,
          size: theme.size,
          flag: data.movingFlag('theme', theme.id),
        },
      ];
    });
  }
  const focusedBroad =
    focus?.kind === 'topic' && data.topic(focus.id)?.level === 1 ? data.topic(focus.id) : undefined;
  const level = kind === 'broad' && data.hasBroadTopics ? 'broad' : 'fine';
  const candidates =
    level === 'fine' && focusedBroad
      ? data.fineTopics.filter((topic) => topic.parent === focusedBroad.id)
      : data.topicsAt(level);
  const shown = candidates.slice(0, maxLines);
  const lines: TrendLine[] = shown.flatMap((topic) => {
    const series = trends.topics[String(topic.id)];
    if (!series) return [];
    return [
      {
        key: String(topic.id),
        kind: 'topic' as const,
        label: topic.label,
        color: colors.topics.get(topic.id) ?? UNASSIGNED_COLOR,
        counts: series.counts,
        shares: series.shares,
        size: topic.size,
        flag: data.movingFlag('topic', topic.id),
      },
    ];
  });
  const counts = trends.dayTotals.map((total, day) =>
    total === null ? null : total - lines.reduce((sum, l) => sum + (l.counts[day] ?? 0), 0),
  );
  const shares = counts.map((count, day) => {
    const total = trends.dayTotals[day];
    return count === null || !total ? null : count / total;
  });
  const size = data.papers.length - lines.reduce((sum, l) => sum + l.size, 0);
  const otherLabel =
    focusedBroad && level === 'fine' ? `outside ${focusedBroad.label}` : 'other / no topic';
  lines.push({
    key: OTHER_KEY,
    kind: 'other',
    label: otherLabel,
    color: '#d5d9e0',
    counts,
    shares,
    size,
  });
  return lines;
}

/** A stacked layer: for each calendar day, [bottom, top] of the share band. */
export interface StackLayer {
  line: TrendLine;
  bands: [number, number][];
}

/** Stacks the shares day by day (d3.stack, input order kept). Missing days stack as 0. */
export function stackLines(lines: readonly TrendLine[], days: number): StackLayer[] {
  const rows = Array.from({ length: days }, (_, day) => day);
  const stacked = stack<number, string>()
    .keys(lines.map((l) => l.key))
    .value((day, key) => lines.find((l) => l.key === key)?.shares[day] ?? 0)
    .order(stackOrderNone)(rows);
  return stacked.map((series, i) => ({
    line: lines[i]!,
    bands: series.map((point) => [point[0], point[1]] as [number, number]),
  }));
}

/** Highest stacked value on any day (1 for topics, more for overlapping themes). */
export function stackMax(layers: readonly StackLayer[]): number {
  let max = 0;
  for (const layer of layers) for (const [, top] of layer.bands) max = Math.max(max, top);
  return max;
}

/** x scale over calendar positions, one day = one band. */
export function dayScale(days: number, width: number): ScaleLinear<number, number> {
  return scaleLinear()
    .domain([-0.5, Math.max(days, 1) - 0.5])
    .range([0, width]);
}

/** A step point: calendar day, x position (day ± 0.5), and the day's value. */
interface StepPoint {
  day: number;
  at: number;
  low: number;
  high: number;
  defined: boolean;
}

function stepPoints(bands: readonly [number, number][], defined: readonly boolean[]): StepPoint[] {
  const points: StepPoint[] = [];
  bands.forEach(([low, high], day) => {
    if (!defined[day]) {
      points.push({ day, at: day, low: 0, high: 0, defined: false });
      return;
    }
    points.push({ day, at: day - 0.5, low, high, defined: true });
    points.push({ day, at: day + 0.5, low, high, defined: true });
  });
  return points;
}

/** SVG path of a band (stacked layer or single series), with gaps on days without a page. */
export function bandPath(
  bands: readonly [number, number][],
  defined: readonly boolean[],
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): string {
  const shape = area<StepPoint>()
    .defined((point) => point.defined)
    .x((point) => x(point.at))
    .y0((point) => y(point.low))
    .y1((point) => y(point.high));
  return shape(stepPoints(bands, defined)) ?? '';
}

/** SVG path of the top edge of a band, with the same gaps. */
export function topLinePath(
  bands: readonly [number, number][],
  defined: readonly boolean[],
  x: ScaleLinear<number, number>,
  y: ScaleLinear<number, number>,
): string {
  const shape = line<StepPoint>()
    .defined((point) => point.defined)
    .x((point) => x(point.at))
    .y((point) => y(point.high));
  return shape(stepPoints(bands, defined)) ?? '';
}

/** Bands of a single unstacked series: [0, share]. */
export function shareBands(shares: readonly (number | null)[]): [number, number][] {
  return shares.map((share) => [0, share ?? 0]);
}

/** Which calendar days had a page. */
export function definedDays(dayTotals: readonly (number | null)[]): boolean[] {
  return dayTotals.map((total) => total !== null);
}

/** An x-axis tick: calendar position and text. */
export interface DayTick {
  day: number;
  label: string;
}

/**
 * About `count` ticks: first days of months for calendars longer than ~3 months, evenly spaced
 * days otherwise.
 */
export function dayTicks(calendar: readonly string[], count = 6): DayTick[] {
  if (calendar.length === 0) return [];
  if (calendar.length > 92) {
    const starts = calendar.flatMap((day, i) => (day.endsWith('-01') ? [i] : []));
    const step = Math.max(1, Math.ceil(starts.length / count));
    return starts
      .filter((_, i) => i % step === 0)
      .map((day) => ({ day, label: formatMonth(calendar[day]!) }));
  }
  const step = Math.max(1, Math.ceil(calendar.length / count));
  const ticks: DayTick[] = [];
  for (let day = 0; day < calendar.length; day += step)
    ticks.push({ day, label: formatDay(calendar[day]!) });
  return ticks;
}

/** Calendar positions covered by pixel interval [x0, x1] (a brush selection), clamped. */
export function daysInPixels(
  x: ScaleLinear<number, number>,
  x0: number,
  x1: number,
  days: number,
): [number, number] {
  const clamp = (day: number) => Math.min(days - 1, Math.max(0, day));
  const start = clamp(Math.round(x.invert(x0)));
  const end = clamp(Math.round(x.invert(x1)));
  return [Math.min(start, end), Math.max(start, end)];
}
