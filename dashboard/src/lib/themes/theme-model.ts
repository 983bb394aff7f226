/** What the watch-list view shows per theme: its papers in the chosen days, best first. */
import type { PaperSummary } from '../data/browser-format.ts';
import { appearedIn, type DayRange } from '../data/dataset.ts';

/** A theme member with its score. */
export interface ThemePaper {
  paper: PaperSummary;
  /** Cosine similarity to the theme query, [-1, 1]. */
  score: number;
}

/**
 * Papers of a theme that appeared in the range (all papers when range is null), by score
 * (highest first, ties by id).
 */
export function themePapers(
  papers: readonly PaperSummary[],
  themeId: string,
  range: DayRange | null,
): ThemePaper[] {
  const members: ThemePaper[] = [];
  for (const paper of papers) {
    const membership = paper.themes.find((score) => score.theme === themeId);
    if (!membership) continue;
    if (range && !appearedIn(paper, range)) continue;
    members.push({ paper, score: membership.score });
  }
  return members.sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
}
