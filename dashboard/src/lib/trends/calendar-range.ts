/**
 * The app's day range (ISO days) as positions on the trends calendar, where the charts draw
 * it: the brush of every chart and the shaded range of the small multiples.
 */
import type { ScaleLinear } from 'd3';
import type { DayRange } from '../data/dataset.ts';

/**
 * Calendar positions [start, end] (inclusive) of `range`; null without a range or when one
 * of its days is not on the calendar (a link from another run).
 */
export function rangePositions(
  calendar: readonly string[],
  range: DayRange | null,
): [number, number] | null {
  if (!range) return null;
  const start = calendar.indexOf(range.start);
  const end = calendar.indexOf(range.end);
  return start >= 0 && end >= 0 ? [start, end] : null;
}

/** Pixel extent of whole days [start, end] on the day scale `x` (day i covers i ± 0.5). */
export function dayBox(
  x: ScaleLinear<number, number>,
  [start, end]: [number, number],
): { x: number; width: number } {
  return { x: x(start - 0.5), width: x(end + 0.5) - x(start - 0.5) };
}
