/**
 * Draws the point layers on a 2D canvas. Per frame the work is one path and one fill per
 * layer, and two multiply-adds per point; everything else is prepared in the layers.
 */
import type { ZoomTransform } from 'd3';
import type { MapFit } from './map-geometry.ts';
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

/** Below this many points, points are circles; above, squares (about 4× cheaper to fill). */
const CIRCLE_LIMIT = 5000;

/** Clears the canvas and draws every layer, then the marks. */
export function drawPoints(
  ctx: CanvasRenderingContext2D,
  layers: readonly PointLayer[],
  marks: readonly PointMark[],
  fit: MapFit,
  transform: ZoomTransform,
  size: number,
  pixelRatio: number,
): void {
  const { k, x: tx, y: ty } = transform;
  ctx.setTransform(pixelRatio, 0, 0, pixelRatio, 0, 0);
  ctx.clearRect(0, 0, fit.width, fit.height);
  const total = layers.reduce((sum, layer) => sum + layer.rows.length, 0);
  const circles = total <= CIRCLE_LIMIT;
  const scale = fit.size * k;
  const offsetX = fit.ox * k + tx;
  const offsetY = fit.oy * k + ty;
  const maxX = fit.width + size;
  const maxY = fit.height + size;
  for (const layer of layers) {
    const side = layer.small ? size * 0.7 : size;
    const half = side / 2;
    const { xs, ys } = layer;
    ctx.beginPath();
    for (let i = 0; i < xs.length; i++) {
      const sx = xs[i]! * scale + offsetX;
      const sy = ys[i]! * scale + offsetY;
      if (sx < -side || sy < -side || sx > maxX || sy > maxY) continue;
      if (circles) {
        ctx.moveTo(sx + half, sy);
        ctx.arc(sx, sy, half, 0, 2 * Math.PI);
      } else {
        ctx.rect(sx - half, sy - half, side, side);
      }
    }
    ctx.fillStyle = layer.color;
    ctx.fill();
  }
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
