/**
 * What the topic timeline draws: one series' monthly share (smoothed, with its band), the
 * history flags and bursts of that series, and its keywords per quarter.
 */
import type { TopicEvolution, TrendBurst, TrendFlag } from '../data/artifacts.ts';
import type { Dataset } from '../data/dataset.ts';
import type { PeriodLine } from './period-model.ts';
import { periodLines } from './period-model.ts';

/** A series of the timeline: a topic (by id) or a watch-list theme (by id). */
export type TimelineSeries = { kind: 'topic'; id: number } | { kind: 'theme'; id: string };

/** Everything the timeline shows for one series. */
export interface Timeline {
  line: PeriodLine;
  /** Non-steady, non-new history flags, one per tested period, month and quarter scales. */
  flags: TrendFlag[];
  bursts: TrendBurst[];
  /** Keywords per quarter (fine topics only; empty otherwise). */
  evolution: TopicEvolution['quarters'];
}

/** The timeline of a series at the month scale. */
export function timelineOf(data: Dataset, series: TimelineSeries, color: string): Timeline {
  const key = String(series.id);
  const [line] = periodLines(
    data,
    [
      {
        key,
        kind: series.kind,
        label: key,
        color,
        counts: [],
        shares: [],
        size: 0,
      },
    ],
    'month',
  );
  const flags = data.trends.history.filter(
    (flag) =>
      flag.kind === series.kind &&
      flag.key === key &&
      flag.status !== 'new' &&
      flag.scale !== 'week',
  );
  const bursts = data.trends.bursts.filter(
    (burst) => burst.kind === series.kind && burst.key === key,
  );
  const evolution =
    series.kind === 'topic'
      ? (data.trends.evolution.find((topic) => topic.topic === series.id)?.quarters ?? [])
      : [];
  return { line: line!, flags, bursts, evolution };
}

/** `2025-04-01` → `2025 Q2`. */
export function quarterName(start: string): string {
  return `${start.slice(0, 4)} Q${Math.floor((Number(start.slice(5, 7)) - 1) / 3) + 1}`;
}
