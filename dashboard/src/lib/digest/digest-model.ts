/**
 * The daily digest: for one page day, the papers first seen that day grouped by topic, the topics
 * born that day, and the topics unusually busy that day against their recent share.
 */
import type { Dataset } from '../data/dataset.ts';

/** Papers first seen on the day in one fine topic (null: papers in no topic). */
export interface DigestGroup {
  topic: number | null;
  /** Rows of the papers, in `papers.json` order. */
  rows: number[];
}

/** A topic with more papers on the day than its recent share predicts. */
export interface BusyTopic {
  topic: number;
  /** Papers of the topic on the day (first seen or not). */
  count: number;
  /** Papers expected from its share of the previous {@link BUSY_BASELINE_DAYS} days. */
  expected: number;
  /** P(X ≥ count) for X ~ Binomial(day total, recent share), in [0, 1]. */
  pValue: number;
}

/** One day's digest. */
export interface Digest {
  day: string;
  /** Papers on the day's page, and how many of them were seen for the first time. */
  total: number;
  firstSeen: number;
  groups: DigestGroup[];
  /** Topics (fine and broad) whose first paper appeared that day. */
  born: number[];
  busy: BusyTopic[];
}

/** Calendar days before the digest day that give each topic's expected share. */
export const BUSY_BASELINE_DAYS = 28;
/** Family-wise level of the busy test, Bonferroni-split over the fine topics. */
export const BUSY_ALPHA = 0.05;
/** Fewest papers on the day for a topic to be called busy. */
export const BUSY_MIN_COUNT = 3;

/** log C(n, k). */
function logChoose(n: number, k: number, logFactorial: Float64Array): number {
  return logFactorial[n]! - logFactorial[k]! - logFactorial[n - k]!;
}

/** P(X ≥ k) for X ~ Binomial(n, p), summed exactly in log space. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const logFactorial = new Float64Array(n + 1);
  for (let i = 1; i <= n; i++) logFactorial[i] = logFactorial[i - 1]! + Math.log(i);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += Math.exp(logChoose(n, i, logFactorial) + i * Math.log(p) + (n - i) * Math.log1p(-p));
  }
  return Math.min(1, sum);
}

/** The page days, newest first. */
export function digestDays(data: Dataset): string[] {
  return data.trends.firstSeen.map((entry) => entry.date).reverse();
}

/**
 * The digest of `day` (an ISO page day), or of the latest page day when `day` is null or not a
 * page day. Null when the data has no dated paper.
 */
export function digestFor(data: Dataset, day: string | null): Digest | null {
  const entries = data.trends.firstSeen;
  if (entries.length === 0) return null;
  const entry = entries.find((e) => e.date === day) ?? entries[entries.length - 1]!;
  const calendar = data.trends.calendar;
  const position = calendar.indexOf(entry.date);
  const total = data.trends.dayTotals[position] ?? 0;

  const byTopic = new Map<number | null, number[]>();
  for (const row of entry.rows) {
    const topic = data.papers[row]?.topic ?? null;
    const list = byTopic.get(topic);
    if (list) list.push(row);
    else byTopic.set(topic, [row]);
  }
  const groups = [...byTopic]
    .map(([topic, rows]) => ({ topic, rows }))
    .sort(
      (a, b) =>
        Number(a.topic === null) - Number(b.topic === null) ||
        b.rows.length - a.rows.length ||
        (a.topic ?? 0) - (b.topic ?? 0),
    );

  const busy: BusyTopic[] = [];
  const fine = data.fineTopics;
  for (const topic of fine) {
    const series = data.trends.topics[String(topic.id)];
    const count = series?.counts[position] ?? 0;
    if (!series || count < BUSY_MIN_COUNT) continue;
    let before = 0;
    let beforeTotal = 0;
    for (let i = Math.max(0, position - BUSY_BASELINE_DAYS); i < position; i++) {
      before += series.counts[i] ?? 0;
      beforeTotal += data.trends.dayTotals[i] ?? 0;
    }
    // Half a paper keeps a topic absent from the baseline from having an expected share of 0.
    const share = (before + 0.5) / (beforeTotal + 1);
    const pValue = binomialUpperTail(count, total, share);
    if (pValue < BUSY_ALPHA / Math.max(1, fine.length)) {
      busy.push({ topic: topic.id, count, expected: share * total, pValue });
    }
  }
  busy.sort((a, b) => a.pValue - b.pValue || a.topic - b.topic);
  return {
    day: entry.date,
    total,
    firstSeen: entry.rows.length,
    groups,
    born: entry.topics,
    busy,
  };
}
