/**
 * What each page day brought for the first time: papers never seen on an earlier page, and
 * topics whose earliest paper is from that day.
 */
import type { TrendsFile } from '../schema/artifacts.ts';
import type { DatedPaper, DayIndex } from './day-counts.ts';

/**
 * Per page day (calendar order, days without a page left out): the ids of papers whose first day
 * it is (sorted), and the topics born that day (sorted ascending).
 *
 * @param papers the papers `index` was built from, in the same order.
 * @param topicsOf the topic ids (fine and broad) a paper counts toward.
 */
export function firstSeen<P extends DatedPaper>(
  papers: readonly P[],
  index: DayIndex,
  topicsOf: (paper: P) => readonly number[],
): TrendsFile['firstSeen'] {
  const newPapers = new Map<string, string[]>();
  const topicBirth = new Map<number, string>();
  papers.forEach((paper, i) => {
    const days = index.positions[i]!;
    if (days.length === 0) return;
    const first = index.calendar[days[0]!]!;
    const list = newPapers.get(first);
    if (list) list.push(paper.id);
    else newPapers.set(first, [paper.id]);
    for (const topic of topicsOf(paper)) {
      const born = topicBirth.get(topic);
      if (born === undefined || first < born) topicBirth.set(topic, first);
    }
  });
  const bornOn = new Map<string, number[]>();
  for (const [topic, day] of topicBirth) {
    const list = bornOn.get(day);
    if (list) list.push(topic);
    else bornOn.set(day, [topic]);
  }
  return index.calendar.flatMap((date, i) =>
    index.dayTotals[i] === null
      ? []
      : [
          {
            date,
            papers: (newPapers.get(date) ?? []).sort(),
            topics: (bornOn.get(date) ?? []).sort((a, b) => a - b),
          },
        ],
  );
}
