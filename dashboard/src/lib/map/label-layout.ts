/**
 * Which topic labels fit on screen: greedy placement by priority (topic size), skipping a
 * label whose box would overlap one already placed or leave the canvas. Hand-rolled because
 * the label count is small (hundreds) and d3 has no label placer; O(n²) box tests are cheap.
 */

/** A label that may be shown. */
export interface LabelCandidate {
  id: number;
  text: string;
  /** Anchor (label centre) in CSS pixels. */
  x: number;
  y: number;
  /** Higher is placed first. */
  priority: number;
  /** Font size in CSS pixels. */
  fontSize: number;
}

/** A placed label with its box. */
export interface PlacedLabel extends LabelCandidate {
  width: number;
  height: number;
}

/** Average glyph width relative to the font size, for the system sans-serif at weight 600. */
const GLYPH_WIDTH = 0.58;

/** Labels that fit in a `width` × `height` canvas, highest priority first. */
export function placeLabels(
  candidates: readonly LabelCandidate[],
  width: number,
  height: number,
): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const ordered = [...candidates].sort((a, b) => b.priority - a.priority || a.id - b.id);
  for (const candidate of ordered) {
    const boxWidth = candidate.text.length * candidate.fontSize * GLYPH_WIDTH + 10;
    const boxHeight = candidate.fontSize * 1.5;
    const left = candidate.x - boxWidth / 2;
    const top = candidate.y - boxHeight / 2;
    if (left < 0 || top < 0 || left + boxWidth > width || top + boxHeight > height) continue;
    const overlaps = placed.some(
      (other) =>
        Math.abs(other.x - candidate.x) * 2 < other.width + boxWidth &&
        Math.abs(other.y - candidate.y) * 2 < other.height + boxHeight,
    );
    if (!overlaps) placed.push({ ...candidate, width: boxWidth, height: boxHeight });
  }
  return placed;
}
