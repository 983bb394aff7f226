/** A trends artifact with nothing in it, for tests that fill in only the fields they read. */
import type { TrendsFile } from '../../src/schema/artifacts.ts';

/** An empty period table (no periods, no series). */
const emptyPeriod = () => ({
  starts: [],
  ends: [],
  totals: [],
  pageDays: [],
  topics: {},
  themes: {},
});

/**
 * Trends with no days, series, flags, bursts or first-seen papers (flags on the month scale),
 * without a schema version; `firstSeen` is empty, so it fits the artifact and the browser file.
 */
export function emptyTrends(): Omit<TrendsFile, 'schemaVersion' | 'firstSeen'> & {
  firstSeen: [];
} {
  return {
    calendar: [],
    dayTotals: [],
    topics: {},
    themes: {},
    test: '',
    flags: [],
    flagScale: 'month',
    history: [],
    periods: { week: emptyPeriod(), month: emptyPeriod(), quarter: emptyPeriod() },
    bursts: [],
    evolution: [],
    firstSeen: [],
  };
}
