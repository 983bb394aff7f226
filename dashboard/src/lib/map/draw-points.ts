/**
 * Draws the point layers on a 2D canvas. Up to a few thousand papers, points are vector
 * circles (one path and one fill per layer). Above that, points are squares written straight
 * into a pixel buffer and put on the canvas in one call: per frame that is two multiply-adds
 * and a few integer stores per point, with no path building or rasterization by the canvas,
 * which keeps 75k points fluid even where the canvas has no GPU.
 */
import type { ZoomTransform } from 'd3';
import { screenAffine, type MapFit, type ScreenAffine } from './map-geometry.ts';
import type { PointLayer } from './point-layers.ts';

/** A ring drawn over a point (selection, hover, search hits). */
export interface PointMark {
  x: number;
  y: number;
  color: string;
  /** Radius in CSS pixels. */
  radius: number;
  lineWidth: number;
}

/** Up to this many points, points are vector circles; above, pixel squares. */
export const CIRCLE_LIMIT = 5000;

/** `#rrggbb` as a pixel of a little-endian RGBA buffer (opaque). */
export function packColor(hex: string): number {
  const value = Number.parseInt(hex.slice(1), 16);
  const r = (value >> 16) & 0xff;
  const g = (value >> 8) & 0xff;
  const b = value & 0xff;
  return ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** A pixel buffer in device pixels. */
export interface PixelBuffer {
  pixels: Uint32Array;
  width: number;
  height: number;
}

/**
 * Writes every layer's points as squares into `buffer` (cleared first), in layer order so
 * that later layers cover earlier ones. Positions are in device pixels: map point (x, y) goes
 * to (x · scale + offsetX, y · scale + offsetY); `side` is the square's side in device pixels.
 */
export function rasterizePoints(
  buffer: PixelBuffer,
  layers: readonly PointLayer[],
  scale: number,
  offsetX: number,
  offsetY: number,
  side: number,
): void {
  const { pixels, width, height } = buffer;
  pixels.fill(0);
  for (const layer of layers) {
    const color = packColor(layer.color);
    const s = Math.max(1, Math.round(layer.small ? side * 0.7 : side));
    const half = s / 2;
    const { xs, ys } = layer;
    for (let i = 0; i < xs.length; i++) {
      const left = Math.round(xs[i]! * scale + offsetX - half);
      const top = Math.round(ys[i]! * scale + offsetY - half);
      if (left >= width || top >= height || left + s <= 0 || top + s <= 0) continue;
      const x0 = Math.max(0, left);
      const x1 = Math.min(width, left + s);
      const y1 = Math.min(height, top + s);
      for (let y = Math.max(0, top); y < y1; y++) {
        const row = y * width;
        for (let x = x0; x < x1; x++) pixels[row + x] = color;
      }
    }
  }
}

/** Draws points on a canvas; keeps its pixel buffer between frames. One per canvas. */
export class PointRenderer {
  #image: ImageData | null = null;

  /** Clears the canvas and draws every layer, then the marks. */
  draw(
    ctx: CanvasRenderingContext2D,
    layers: readonly PointLayer[],
    marks: readonly PointMark[],
    fit: MapFit,
    transform: ZoomTransform,
    size: number,
    pixelRatio: number,
  ): void {
    const total = layers.reduce((sum, layer) => sum + layer.rows.length, 0);
    const css = screenAffine(fit, transform);
    // Circles and marks are drawn in CSS pixels; putImageData ignores the transform.
    ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
    if (total > CIRCLE_LIMIT) {
      this.#drawPixels(ctx, layers, screenAffine(fit, transform, pixelRatio), size * pixelRatio);
    } else {
      ctx.clearRect(0, 0, fit.width, fit.height);
      drawCircles(ctx, layers, fit, css, size);
    }
    drawMarks(ctx, marks, css);
  }

  /** Squares of side `side` into the kept pixel buffer, placed in device pixels. */
  #drawPixels(
    ctx: CanvasRenderingContext2D,
    layers: readonly PointLayer[],
    { scale, offsetX, offsetY }: ScreenAffine,
    side: number,
  ): void {
    const { width, height } = ctx.canvas;
    if (!this.#image || this.#image.width !== width || this.#image.height !== height) {
      this.#image = ctx.createImageData(width, height);
    }
    const image = this.#image;
    const pixels = new Uint32Array(image.data.buffer);
    rasterizePoints({ pixels, width, height }, layers, scale, offsetX, offsetY, side);
    ctx.putImageData(image, 0, 0);
  }
}

/** Every layer's points as circles of diameter `size`, CSS pixels; those off the canvas skipped. */
function drawCircles(
  ctx: CanvasRenderingContext2D,
  layers: readonly PointLayer[],
  fit: MapFit,
  { scale, offsetX, offsetY }: ScreenAffine,
  size: number,
): void {
  for (const layer of layers) {
    const half = (layer.small ? size * 0.7 : size) / 2;
    const { xs, ys } = layer;
    ctx.beginPath();
    for (let i = 0; i < xs.length; i++) {
      const sx = xs[i]! * scale + offsetX;
      const sy = ys[i]! * scale + offsetY;
      if (sx < -half || sy < -half || sx > fit.width + half || sy > fit.height + half) continue;
      ctx.moveTo(sx + half, sy);
      ctx.arc(sx, sy, half, 0, 2 * Math.PI);
    }
    ctx.fillStyle = layer.color;
    ctx.fill();
  }
}

/** Each mark as a ring with a white halo, CSS pixels. */
function drawMarks(
  ctx: CanvasRenderingContext2D,
  marks: readonly PointMark[],
  { scale, offsetX, offsetY }: ScreenAffine,
): void {
  for (const mark of marks) {
    const sx = mark.x * scale + offsetX;
    const sy = mark.y * scale + offsetY;
    ctx.beginPath();
    ctx.arc(sx, sy, mark.radius, 0, 2 * Math.PI);
    ctx.lineWidth = mark.lineWidth + 2;
    ctx.strokeStyle = 'rgba(255,255,255,0.9)';
    ctx.stroke();
    ctx.lineWidth = mark.lineWidth;
    ctx.strokeStyle = mark.color;
    ctx.stroke();
  }
}
