/**
 * ISO day strings (`YYYY-MM-DD`) for display. Parsed by hand so that no `Date` (and so no
 * time zone) is involved: the day shown is the day in the data.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2024-03-17` → `Mar 17`, or `Mar 17, 2024` with `withYear`. */
export function formatDay(day: string, withYear = false): string {
  const [year, month, date] = day.split('-');
  const name = MONTHS[Number(month) - 1] ?? month;
  const short = `${name} ${Number(date)}`;
  return withYear ? `${short}, ${year}` : short;
}

/** `2024-03-11`, `2024-03-17` → `Mar 11 – Mar 17, 2024` (years shown when they differ). */
export function formatDayRange(start: string, end: string): string {
  if (start === end) return formatDay(start, true);
  const sameYear = start.slice(0, 4) === end.slice(0, 4);
  return `${formatDay(start, !sameYear)} – ${formatDay(end, true)}`;
}

/** `2024-03` → `Mar 2024`. */
export function formatMonth(day: string): string {
  return `${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}
