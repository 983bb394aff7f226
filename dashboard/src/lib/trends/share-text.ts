/** How the trend charts write shares, on their axes and in their hover boxes. */

/** `0.237` → `24%` (whole percents). */
export function formatShare(value: number): string {
  return `${Math.round(value * 100)}%`;
}

/** A series' share and paper count at one day or period, as a hover box lists them. */
export interface ShareRow<L> {
  line: L;
  /** Share of the day's or period's papers; null or undefined where it had no page. */
  share: number | null | undefined;
  count: number | null | undefined;
}

/** The hover box's rows: series with papers there, largest share first, at most `limit`. */
export function topShares<L>(rows: readonly ShareRow<L>[], limit = 8): ShareRow<L>[] {
  return rows
    .filter((row) => row.share !== null && row.share !== undefined && (row.count ?? 0) > 0)
    .sort((a, b) => (b.share ?? 0) - (a.share ?? 0))
    .slice(0, limit);
}
