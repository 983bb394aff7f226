/**
 * Where to put a tooltip next to the element it explains so that it stays whole on screen:
 * below the anchor when it fits, else above, and shifted sideways into the window. Positions
 * are viewport pixels, for `position: fixed`, which no scrolling or clipping parent can cut.
 */

/** A rectangle in viewport pixels (the part of `DOMRect` used). */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Top-left corner of the tooltip, viewport pixels. */
export interface FloatingPlace {
  left: number;
  top: number;
  /** The tooltip sits above the anchor. */
  above: boolean;
}

/**
 * Places a `width` × `height` tooltip under (or over) `anchor` in a `viewportWidth` ×
 * `viewportHeight` window, `gap` pixels from the anchor and at least `margin` from the edges.
 */
export function placeFloating(
  anchor: Box,
  width: number,
  height: number,
  viewportWidth: number,
  viewportHeight: number,
  gap = 6,
  margin = 8,
): FloatingPlace {
  const below = anchor.bottom + gap;
  const fitsBelow = below + height <= viewportHeight - margin;
  const aboveTop = anchor.top - gap - height;
  const above = !fitsBelow && aboveTop >= margin;
  const top = above
    ? aboveTop
    : Math.max(margin, Math.min(below, viewportHeight - margin - height));
  const left = Math.max(margin, Math.min(anchor.left, viewportWidth - margin - width));
  return { left, top, above };
}
