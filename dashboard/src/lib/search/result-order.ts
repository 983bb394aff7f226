/**
 * The order of the search panel's lists: as found (best match first), newest first, or most
 * upvoted first; optionally only the papers of the selected days. Pure, so it is tested
 * without a browser.
 */
import type { PaperSummary } from '../data/browser-format.ts';
import { appearedIn, type DayRange } from '../data/dataset.ts';

/** `score`: as found, best match first; `date`: last day on the page, newest first; `upvotes`: most first. */
export type ResultOrder = 'score' | 'date' | 'upvotes';

/**
 * The items whose paper appeared in `range` (all when null), in `order`. Sorting is stable, so
 * equal days or upvotes keep the order found; papers without upvotes (or undated, for `date`)
 * come last.
 */
export function orderResults<T>(
  items: readonly T[],
  paperOf: (item: T) => PaperSummary,
  order: ResultOrder,
  range: DayRange | null,
): T[] {
  const kept = range ? items.filter((item) => appearedIn(paperOf(item), range)) : [...items];
  if (order === 'date') {
    const last = (item: T) => paperOf(item).dates.at(-1) ?? '';
    kept.sort((a, b) => (last(a) < last(b) ? 1 : last(a) > last(b) ? -1 : 0));
  } else if (order === 'upvotes') {
    const upvotes = (item: T) => paperOf(item).upvotes ?? -1;
    kept.sort((a, b) => upvotes(b) - upvotes(a));
  }
  return kept;
}
