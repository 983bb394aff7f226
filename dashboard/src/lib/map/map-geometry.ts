/**
 * From map coordinates ([0, 1] on both axes, as in `papers.json`) to canvas pixels and back.
 * The map square is fitted into the canvas with a margin; d3-zoom's transform
 * (`screen = base · k + t`) is applied on top of that fit.
 */
import { zoomIdentity, type ZoomTransform } from 'd3';
import type { MapView } from '../state/url-state.ts';

/** Placement of the unit square in a canvas, CSS pixels. */
export interface MapFit {
  /** Left and top of the square. */
  ox: number;
  oy: number;
  /** Side of the square. */
  size: number;
  width: number;
  height: number;
}

/** Margin around the map, CSS pixels. */
export const MAP_MARGIN = 28;

/** Fits the unit square into a `width` × `height` canvas, centred, keeping the aspect. */
export function fitMap(width: number, height: number, margin = MAP_MARGIN): MapFit {
  const size = Math.max(1, Math.min(width, height) - 2 * margin);
  return { ox: (width - size) / 2, oy: (height - size) / 2, size, width, height };
}

/** d3-zoom transform that shows `view` in a canvas fitted by `fit`. */
export function transformFromView(view: MapView | null, fit: MapFit): ZoomTransform {
  if (!view) return zoomIdentity;
  const bx = fit.ox + view.cx * fit.size;
  const by = fit.oy + view.cy * fit.size;
  return zoomIdentity
    .translate(fit.width / 2 - bx * view.k, fit.height / 2 - by * view.k)
    .scale(view.k);
}

/** The screen-independent view of a transform (inverse of {@link transformFromView}). */
export function viewFromTransform(transform: ZoomTransform, fit: MapFit): MapView {
  const bx = (fit.width / 2 - transform.x) / transform.k;
  const by = (fit.height / 2 - transform.y) / transform.k;
  return { k: transform.k, cx: (bx - fit.ox) / fit.size, cy: (by - fit.oy) / fit.size };
}

/** Screen position of a map point. */
export function toScreen(x: number, y: number, fit: MapFit, t: ZoomTransform): [number, number] {
  return [(fit.ox + x * fit.size) * t.k + t.x, (fit.oy + y * fit.size) * t.k + t.y];
}

/**
 * The map-to-screen mapping of {@link toScreen} as one scale and two offsets: map point (x, y)
 * is at (x · scale + offsetX, y · scale + offsetY). In CSS pixels, or in device pixels with
 * `ratio` the device pixel ratio (default 1). For drawing many points with two multiply-adds
 * each.
 */
export interface ScreenAffine {
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** The {@link ScreenAffine} of a fit and a zoom transform, times `ratio` (default 1). */
export function screenAffine(fit: MapFit, t: ZoomTransform, ratio = 1): ScreenAffine {
  return {
    scale: fit.size * t.k * ratio,
    offsetX: (fit.ox * t.k + t.x) * ratio,
    offsetY: (fit.oy * t.k + t.y) * ratio,
  };
}

/** Whether a screen position lies inside a `width` × `height` canvas, `inset` pixels in. */
export function isInView(
  sx: number,
  sy: number,
  width: number,
  height: number,
  inset = 0,
): boolean {
  return sx >= inset && sy >= inset && sx <= width - inset && sy <= height - inset;
}

/** Map point under a screen position. */
export function toMap(sx: number, sy: number, fit: MapFit, t: ZoomTransform): [number, number] {
  return [((sx - t.x) / t.k - fit.ox) / fit.size, ((sy - t.y) / t.k - fit.oy) / fit.size];
}

/**
 * Point side in CSS pixels for `count` papers at zoom `k`: 9 px for a few dozen papers down
 * to 2 px at 75k, growing with the square root of the zoom up to 3×.
 */
export function pointSize(count: number, k: number): number {
  const base = Math.min(9, Math.max(2, 40 / Math.pow(Math.max(count, 1), 0.3)));
  return base * Math.min(3, Math.sqrt(Math.max(k, 1)));
}

/**
 * The view that frames a set of map points (for example a topic's papers), with 15% padding;
 * whole-map view when there are none.
 */
export function viewAround(points: readonly { x: number; y: number }[]): MapView {
  if (points.length === 0) return { k: 1, cx: 0.5, cy: 0.5 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of points) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const span = Math.max(maxX - minX, maxY - minY, 0.02) * 1.3;
  const k = Math.min(16, Math.max(1, 1 / span));
  return { k, cx: (minX + maxX) / 2, cy: (minY + maxY) / 2 };
}
