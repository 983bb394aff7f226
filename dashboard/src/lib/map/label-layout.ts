/**
 * Where topic labels go on the map. Each label, highest priority first, tries positions on
 * rings around its anchor (the topic's label point), shifted inside the canvas, and takes the
 * one that overlaps no placed label and hides the fewest points (counted in a
 * {@link PointDensity} grid), with a small penalty per pixel of distance. Required labels
 * (the broad topics) search far, into the empty parts of the canvas, and always get a place
 * (truncated to the canvas width when too long); a label placed away from its anchor gets a
 * leader line. Optional labels (fine topics) stay next to their anchor or are left out.
 *
 * Written here rather than taken from a library: d3-force's collision force treats labels as
 * circles (they are wide boxes) and settles only after many ticks, and labella.js places
 * labels along one axis; `dashboard/bench/label-bench.ts` compares them on the HF map.
 */

/** A label that may be shown. */
export interface LabelCandidate {
  id: number;
  text: string;
  /** Anchor (where the topic is) in CSS pixels. */
  x: number;
  y: number;
  /** Higher is placed first. */
  priority: number;
  /** Font size in CSS pixels. */
  fontSize: number;
  /** Shown whatever the crowding (moved away with a leader line if needed). Default false. */
  required?: boolean;
}

/** A placed label: its box centre (`x`, `y`), size and anchor. */
export interface PlacedLabel extends LabelCandidate {
  width: number;
  height: number;
  /** The candidate's anchor, CSS pixels. */
  anchorX: number;
  anchorY: number;
  /** Drawn away from its anchor: connect the two with a line. */
  leader: boolean;
}

/** Options of {@link placeLabels}. */
export interface LabelOptions {
  /** Points on screen, to keep labels off them. Default: none (only labels collide). */
  density?: PointDensity;
  /**
   * Width of a text at a font size, CSS pixels (in the browser, the canvas's `measureText`
   * with the label font). Default: an estimate from the average glyph width.
   */
  measure?: TextMeasure;
  /** Space kept free along the canvas edges, CSS pixels. Default 8. */
  margin?: number;
}

/** Average glyph width relative to the font size, for the system sans-serif at weight 600. */
const GLYPH_WIDTH = 0.58;
/** Distance penalty, in hidden points per pixel the label moves from its anchor. */
const DISTANCE_COST = 0.3;
/** Ring radii tried, in label heights; optional labels try only the first ones. */
const RINGS = [0, 0.7, 1.4, 2.2, 3.2, 4.5, 6.5, 9, 12, 16, 21, 27];
const OPTIONAL_RINGS = 3;
const ANGLES = 12;
/** Side of the collision grid's cells, CSS pixels. */
const GRID_CELL = 64;

/** Width of a text at a font size, CSS pixels. */
export type TextMeasure = (text: string, fontSize: number) => number;

/** The estimate used without a measure: average glyph width times the length. */
const estimateWidth: TextMeasure = (text, fontSize) => text.length * fontSize * GLYPH_WIDTH;

/** Box width of a text at a font size (the text plus 10 px of halo), CSS pixels. */
export function labelWidth(text: string, fontSize: number, measure = estimateWidth): number {
  return measure(text, fontSize) + 10;
}

/** `text` cut with an ellipsis so that its box fits in `maxWidth`. */
export function fitText(
  text: string,
  fontSize: number,
  maxWidth: number,
  measure = estimateWidth,
): string {
  if (labelWidth(text, fontSize, measure) <= maxWidth) return text;
  let chars = text.length - 1;
  while (
    chars > 1 &&
    labelWidth(`${text.slice(0, chars).trimEnd()}…`, fontSize, measure) > maxWidth
  )
    chars--;
  return `${text.slice(0, chars).trimEnd()}…`;
}

/**
 * Counts of points per cell of a screen grid, with a summed-area table so that the points
 * under any box are counted in constant time.
 */
export class PointDensity {
  readonly #cell: number;
  readonly #columns: number;
  readonly #rows: number;
  /** (columns + 1) × (rows + 1) prefix sums. */
  readonly #sums: Float64Array;

  /**
   * @param xs, ys screen positions, CSS pixels (points off the canvas are ignored)
   * @param cell grid cell side, CSS pixels (default 8)
   */
  constructor(
    xs: ArrayLike<number>,
    ys: ArrayLike<number>,
    width: number,
    height: number,
    cell = 8,
  ) {
    this.#cell = cell;
    this.#columns = Math.max(1, Math.ceil(width / cell));
    this.#rows = Math.max(1, Math.ceil(height / cell));
    const stride = this.#columns + 1;
    const sums = new Float64Array(stride * (this.#rows + 1));
    for (let i = 0; i < xs.length; i++) {
      const column = Math.floor(xs[i]! / cell);
      const row = Math.floor(ys[i]! / cell);
      if (column < 0 || row < 0 || column >= this.#columns || row >= this.#rows) continue;
      sums[(row + 1) * stride + column + 1]! += 1;
    }
    for (let row = 1; row <= this.#rows; row++) {
      for (let column = 1; column <= this.#columns; column++) {
        const at = row * stride + column;
        sums[at] = sums[at]! + sums[at - 1]! + sums[at - stride]! - sums[at - stride - 1]!;
      }
    }
    this.#sums = sums;
  }

  /** Points in the box (whole cells it touches), CSS pixels. */
  count(left: number, top: number, width: number, height: number): number {
    const clamp = (value: number, max: number) => Math.max(0, Math.min(max, value));
    const c0 = clamp(Math.floor(left / this.#cell), this.#columns);
    const r0 = clamp(Math.floor(top / this.#cell), this.#rows);
    const c1 = clamp(Math.ceil((left + width) / this.#cell), this.#columns);
    const r1 = clamp(Math.ceil((top + height) / this.#cell), this.#rows);
    const stride = this.#columns + 1;
    const s = this.#sums;
    return (
      s[r1 * stride + c1]! - s[r0 * stride + c1]! - s[r1 * stride + c0]! + s[r0 * stride + c0]!
    );
  }
}

/** Labels placed in a `width` × `height` canvas, highest priority first. */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  width: number,
  height: number,
  options: LabelOptions = {},
): PlacedLabel[] {
  const margin = options.margin ?? 8;
  const measure = options.measure ?? estimateWidth;
  const density = options.density;
  const placed: PlacedLabel[] = [];
  const ordered = [...candidates].sort(
    (a, b) =>
      Number(b.required ?? false) - Number(a.required ?? false) ||
      b.priority - a.priority ||
      a.id - b.id,
  );
  // Placed labels by grid cell, so that a collision test looks only at nearby labels.
  const grid = new Map<number, PlacedLabel[]>();
  const free = (x: number, y: number, w: number, h: number): boolean => {
    const c0 = Math.floor((x - w / 2) / GRID_CELL);
    const c1 = Math.floor((x + w / 2) / GRID_CELL);
    const r0 = Math.floor((y - h / 2) / GRID_CELL);
    const r1 = Math.floor((y + h / 2) / GRID_CELL);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const list = grid.get(r * 65536 + c);
        if (!list) continue;
        for (const other of list) {
          if (
            Math.abs(other.x - x) * 2 < other.width + w &&
            Math.abs(other.y - y) * 2 < other.height + h
          )
            return false;
        }
      }
    }
    return true;
  };
  const remember = (label: PlacedLabel): void => {
    const c0 = Math.floor((label.x - label.width / 2) / GRID_CELL);
    const c1 = Math.floor((label.x + label.width / 2) / GRID_CELL);
    const r0 = Math.floor((label.y - label.height / 2) / GRID_CELL);
    const r1 = Math.floor((label.y + label.height / 2) / GRID_CELL);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const key = r * 65536 + c;
        const list = grid.get(key);
        if (list) list.push(label);
        else grid.set(key, [label]);
      }
    }
  };

  for (const candidate of ordered) {
    const required = candidate.required ?? false;
    const text = required
      ? fitText(candidate.text, candidate.fontSize, width - 2 * margin, measure)
      : candidate.text;
    const boxWidth = labelWidth(text, candidate.fontSize, measure);
    // Line height plus the 2 px halo above and below.
    const boxHeight = candidate.fontSize * 1.5 + 4;
    if (boxWidth > width - 2 * margin || boxHeight > height - 2 * margin) continue;
    // A label whose topic is off the canvas (zoomed elsewhere) is not shown.
    const onCanvas =
      candidate.x >= 0 && candidate.y >= 0 && candidate.x <= width && candidate.y <= height;
    if (!onCanvas) continue;

    const rings = required ? RINGS : RINGS.slice(0, OPTIONAL_RINGS);
    let best: { x: number; y: number; cost: number } | null = null;
    for (const ring of rings) {
      const radius = ring * boxHeight;
      const steps = ring === 0 ? 1 : ANGLES;
      for (let step = 0; step < steps; step++) {
        // Rings are wider than tall, as labels are.
        const angle = (step / steps) * 2 * Math.PI;
        const rawX = candidate.x + Math.cos(angle) * radius * 2.2;
        const rawY = candidate.y + Math.sin(angle) * radius;
        const x = Math.max(margin + boxWidth / 2, Math.min(width - margin - boxWidth / 2, rawX));
        const y = Math.max(margin + boxHeight / 2, Math.min(height - margin - boxHeight / 2, rawY));
        if (!free(x, y, boxWidth, boxHeight)) continue;
        const hidden = density
          ? density.count(x - boxWidth / 2, y - boxHeight / 2, boxWidth, boxHeight)
          : 0;
        const cost = hidden + DISTANCE_COST * Math.hypot(x - candidate.x, y - candidate.y);
        if (!best || cost < best.cost) best = { x, y, cost };
      }
      // Nothing hidden close to the anchor: no need to look further out.
      if (best && best.cost <= DISTANCE_COST * (radius + boxHeight)) break;
    }
    if (!best) continue;
    const distance = Math.hypot(best.x - candidate.x, (best.y - candidate.y) * 2.2);
    const label: PlacedLabel = {
      ...candidate,
      text,
      x: best.x,
      y: best.y,
      width: boxWidth,
      height: boxHeight,
      anchorX: candidate.x,
      anchorY: candidate.y,
      leader: distance > boxHeight * 1.5,
    };
    placed.push(label);
    remember(label);
  }
  return placed;
}

/**
 * The end of a leader line on a label's box: the point of the box edge nearest to the anchor
 * (CSS pixels).
 */
export function leaderEnd(label: PlacedLabel): [number, number] {
  const halfW = label.width / 2;
  const halfH = label.height / 2;
  const x = Math.max(label.x - halfW, Math.min(label.x + halfW, label.anchorX));
  const y = Math.max(label.y - halfH, Math.min(label.y + halfH, label.anchorY));
  return [x, y];
}
