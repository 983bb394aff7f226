/**
 * Real-data check of the trend flags: subjects defined by a keyword pattern, the month each
 * one's share of papers first doubled against the corpus' first three full months, and the
 * first period the history flags as rising or emerging for the series (fine topic, broad topic
 * or watch-list theme) that holds most of the subject's papers.
 */
import type { Paper, Topic, TrendFlag, TrendsFile } from '../src/schema/artifacts.ts';
import { dayNumber } from '../src/trends/calendar.ts';

/** A subject: a name and the pattern its papers' title or abstract matches. */
export interface Subject {
  name: string;
  pattern: RegExp;
}

/** The subjects of the README table. */
export const SUBJECTS: readonly Subject[] = [
  { name: 'agents', pattern: /\bagent(s|ic)?\b/i },
  { name: 'GRPO / verifiable rewards', pattern: /\bGRPO\b|verifiable reward/i },
  { name: 'test-time scaling', pattern: /test[- ]time (scaling|compute)/i },
  { name: 'vision-language-action', pattern: /vision[- ]language[- ]action|\bVLAs?\b/i },
  { name: 'diffusion language models', pattern: /diffusion (large )?language models?|\bdLLMs?\b/i },
  { name: 'on-policy distillation', pattern: /on-policy distillation/i },
  { name: 'agent memory', pattern: /\bmemory\b.*\bagents?\b|\bagents?\b.*\bmemory\b/i },
  { name: 'world models', pattern: /\bworld models?\b/i },
];

/** One row of the table. */
export interface SubjectRow {
  subject: string;
  papers: number;
  /**
   * Share in the first three full months, and the first month whose trailing three months
   * reached twice that share with at least 10 of the subject's papers.
   */
  startShare: number;
  doubledMonth: string | null;
  /** The fine topic (or watch-list theme) holding most of the subject's papers. */
  fine: Holder;
  /** The broad topic holding most of them. */
  broad: Holder;
}

/** A series holding a subject's papers and its first flag. */
export interface Holder {
  /** Topic id and label, or `theme <id>`. */
  series: string;
  /** The subject's papers it holds. */
  held: number;
  /** First rising / emerging flag of that series in the history, at any scale. */
  firstFlag: TrendFlag | null;
  /** Months from the doubling month to the flagged window's month (negative: flagged before). */
  lagMonths: number | null;
  /**
   * How much the holder's own share moved when the subject doubled: its share in the three
   * months ending with the doubling month over its share in the six months before those. A
   * subject that doubles inside a series that barely moves cannot make that series' flag early.
   */
  holderRatio: number | null;
}

const monthOf = (day: string) => day.slice(0, 7);
const monthIndex = (month: string) =>
  Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Builds the table from a run's papers, topics and trends. */
export function subjectTable(
  papers: readonly Paper[],
  topics: readonly Topic[],
  trends: Pick<TrendsFile, 'history' | 'calendar'>,
  subjects: readonly Subject[] = SUBJECTS,
): SubjectRow[] {
  const parent = new Map(topics.map((t) => [t.id, t.parent]));
  const broadIds = new Set(topics.filter((t) => t.level === 1).map((t) => `topic:${t.id}`));
  const label = new Map(topics.map((t) => [String(t.id), t.label]));
  const months = [...new Set(trends.calendar.map(monthOf))];
  const firstFull = trends.calendar[0]!.endsWith('-01') ? months[0]! : months[1]!;
  const startMonths = months.slice(months.indexOf(firstFull), months.indexOf(firstFull) + 3);
  const totals = new Map<string, number>();
  for (const paper of papers) {
    for (const day of paper.dates) totals.set(monthOf(day), (totals.get(monthOf(day)) ?? 0) + 1);
  }
  const seriesOf = (paper: Paper): string[] => {
    const keys: string[] = [];
    if (paper.topic !== null) {
      keys.push(`topic:${paper.topic}`);
      const broad = parent.get(paper.topic);
      if (broad !== null && broad !== undefined) keys.push(`topic:${broad}`);
    }
    for (const { theme } of paper.themes) keys.push(`theme:${theme}`);
    return keys;
  };
  // Papers per month of every series.
  const seriesMonths = new Map<string, Map<string, number>>();
  for (const paper of papers) {
    for (const key of seriesOf(paper)) {
      const perMonth = seriesMonths.get(key) ?? new Map<string, number>();
      for (const day of paper.dates)
        perMonth.set(monthOf(day), (perMonth.get(monthOf(day)) ?? 0) + 1);
      seriesMonths.set(key, perMonth);
    }
  }
  const shareOver = (series: string, from: number, to: number) => {
    const window = months.filter((m) => monthIndex(m) >= from && monthIndex(m) <= to);
    const count = window.reduce((s, m) => s + (seriesMonths.get(series)?.get(m) ?? 0), 0);
    const total = window.reduce((s, m) => s + (totals.get(m) ?? 0), 0);
    return total === 0 ? 0 : count / total;
  };
  return subjects.map((subject) => {
    const hits = papers.filter((p) => subject.pattern.test(`${p.title}\n${p.abstract}`));
    const perMonth = new Map<string, number>();
    const held = new Map<string, number>();
    for (const paper of hits) {
      for (const day of paper.dates) {
        perMonth.set(monthOf(day), (perMonth.get(monthOf(day)) ?? 0) + 1);
      }
      for (const key of seriesOf(paper)) held.set(key, (held.get(key) ?? 0) + 1);
    }
    const startCount = startMonths.reduce((s, m) => s + (perMonth.get(m) ?? 0), 0);
    const startTotal = startMonths.reduce((s, m) => s + (totals.get(m) ?? 0), 0);
    const startShare = startCount / startTotal;
    // Doubling is read on the share of a trailing three months with at least 10 of the
    // subject's papers, so that a month with one or two papers of a rare subject is not a
    // doubling.
    const rolling = (i: number) => {
      const window = months.slice(Math.max(0, i - 2), i + 1);
      const count = window.reduce((s, m) => s + (perMonth.get(m) ?? 0), 0);
      const total = window.reduce((s, m) => s + (totals.get(m) ?? 0), 0);
      return { count, share: count / (total || 1) };
    };
    const afterStart = monthIndex(startMonths.at(-1)!);
    const doubledMonth =
      months.find((m, i) => {
        if (monthIndex(m) <= afterStart) return false;
        const { count, share } = rolling(i);
        return count >= 10 && share >= 2 * startShare;
      }) ?? null;
    const holder = (level: 'fine' | 'broad'): Holder => {
      const [series, count] = [...held]
        .filter(([name]) => (level === 'broad') === broadIds.has(name))
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
      const [kind, key] = series.split(':') as ['topic' | 'theme', string];
      const firstFlag =
        trends.history
          .filter(
            (f) =>
              f.kind === kind &&
              f.key === key &&
              (f.status === 'rising' || f.status === 'emerging'),
          )
          .sort((a, b) => dayNumber(a.window.end) - dayNumber(b.window.end))[0] ?? null;
      const lagMonths =
        firstFlag && doubledMonth
          ? monthIndex(monthOf(firstFlag.window.end)) - monthIndex(doubledMonth)
          : null;
      let holderRatio: number | null = null;
      if (doubledMonth) {
        const end = monthIndex(doubledMonth);
        const before = shareOver(series, end - 8, end - 3);
        holderRatio = before === 0 ? null : shareOver(series, end - 2, end) / before;
      }
      return {
        series: kind === 'topic' ? `${key} "${label.get(key) ?? key}"` : `theme ${key}`,
        held: count,
        firstFlag,
        lagMonths,
        holderRatio,
      };
    };
    return {
      subject: subject.name,
      papers: hits.length,
      startShare,
      doubledMonth,
      fine: holder('fine'),
      broad: holder('broad'),
    };
  });
}
