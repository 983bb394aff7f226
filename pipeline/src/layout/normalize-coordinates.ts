/**
 * Fits layout coordinates into the unit square for the `papers.json` contract: both axes in
 * [0, 1], 4 decimals.
 *
 * The aspect ratio is kept: one scale for both axes (the larger extent becomes 1) and the
 * shorter axis is centred, so distances on the map mean the same in every direction and
 * clusters are not squashed. The shorter axis therefore spans less than [0, 1].
 */

/** Decimals kept in map coordinates (the artifact contract). */
export const COORDINATE_DECIMALS = 4;

const SCALE = 10 ** COORDINATE_DECIMALS;

/** Rounds to {@link COORDINATE_DECIMALS} decimals; never returns -0. */
export function roundCoordinate(value: number): number {
  return Math.round(value * SCALE) / SCALE + 0;
}

/**
 * Scales row-major (x0, y0, x1, y1, …) coordinates into [0, 1]² keeping the aspect ratio,
 * centres the shorter axis, and rounds. All points at one place map to (0.5, 0.5).
 */
export function normalizeCoordinates(coords: Float64Array): { x: number[]; y: number[] } {
  const count = coords.length / 2;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const px = coords[2 * i] as number;
    const py = coords[2 * i + 1] as number;
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      throw new RangeError(`layout coordinate of row ${i} is not finite (${px}, ${py})`);
    }
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
  }
  const extent = Math.max(maxX - minX, maxY - minY);
  const x = new Array<number>(count);
  const y = new Array<number>(count);
  if (!(extent > 0)) {
    x.fill(0.5);
    y.fill(0.5);
    return { x, y };
  }
  const offsetX = (1 - (maxX - minX) / extent) / 2;
  const offsetY = (1 - (maxY - minY) / extent) / 2;
  for (let i = 0; i < count; i++) {
    x[i] = clampUnit(roundCoordinate(((coords[2 * i] as number) - minX) / extent + offsetX));
    y[i] = clampUnit(roundCoordinate(((coords[2 * i + 1] as number) - minY) / extent + offsetY));
  }
  return { x, y };
}

/** Clamps to [0, 1]. */
export function clampUnit(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}
