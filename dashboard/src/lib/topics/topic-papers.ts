/** Papers of a topic for its panel: the representatives first, then the rest in the day range. */
import type { PaperSummary } from '../data/browser-format.ts';
import { appearedIn, type Dataset, type DayRange } from '../data/dataset.ts';

/**
 * Up to `limit` papers of a topic (fine or broad) that appeared in the range (any day when
 * null): the topic's representatives (closest to its centroid) first, then by latest day
 * (newest first) and id.
 */
export function topicPapers(
  data: Dataset,
  topicId: number,
  range: DayRange | null,
  limit = 12,
): PaperSummary[] {
  const inRange = (paper: PaperSummary) => !range || appearedIn(paper, range);
  const representatives = (data.topic(topicId)?.representatives ?? [])
    .map((id) => data.paper(id))
    .filter((paper): paper is PaperSummary => paper !== undefined && inRange(paper));
  const chosen = new Set(representatives.map((paper) => paper.id));
  const rest = data
    .membersOf(topicId)
    .map((row) => data.papers[row]!)
    .filter((paper) => !chosen.has(paper.id) && inRange(paper))
    .sort((a, b) => {
      const lastA = a.dates[a.dates.length - 1] ?? '';
      const lastB = b.dates[b.dates.length - 1] ?? '';
      return lastB.localeCompare(lastA) || a.id.localeCompare(b.id);
    });
  return [...representatives, ...rest].slice(0, limit);
}

/** Number of a topic's papers that appeared in the range. */
export function topicCountIn(data: Dataset, topicId: number, range: DayRange | null): number {
  const rows = data.membersOf(topicId);
  if (!range) return rows.length;
  return rows.reduce((count, row) => count + (appearedIn(data.papers[row]!, range) ? 1 : 0), 0);
}
