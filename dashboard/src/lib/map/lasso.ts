/**
 * Papers inside a lasso loop drawn on the map: a point-in-polygon test (d3-polygon) on each
 * paper's screen position, nearest to the loop's centroid first (so a capped set keeps the
 * middle of what was circled).
 */
import { polygonCentroid, polygonContains } from 'd3';

/**
 * Rows of `points` whose screen position (from `toScreen`) lies inside `loop` (screen pixels)
 * and that `keep` accepts, nearest to the loop's centroid first.
 */
export function lassoRows(
  points: readonly { x: number; y: number }[],
  loop: readonly [number, number][],
  toScreen: (x: number, y: number) => [number, number],
  keep: (row: number) => boolean = () => true,
): number[] {
  if (loop.length < 3) return [];
  const polygon = loop as [number, number][];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const [cx, cy] = polygonCentroid(polygon);
  const inside: { row: number; distance: number }[] = [];
  points.forEach((point, row) => {
    const [sx, sy] = toScreen(point.x, point.y);
    if (sx < minX || sx > maxX || sy < minY || sy > maxY) return;
    if (!polygonContains(polygon, [sx, sy]) || !keep(row)) return;
    inside.push({ row, distance: Math.hypot(sx - cx, sy - cy) });
  });
  return inside.sort((a, b) => a.distance - b.distance || a.row - b.row).map((hit) => hit.row);
}
