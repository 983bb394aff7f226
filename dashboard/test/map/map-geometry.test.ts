import { describe, expect, it } from 'vitest';
import {
  fitMap,
  pointSize,
  screenAffine,
  toMap,
  toScreen,
  transformFromView,
  viewAround,
  viewFromTransform,
} from '../../src/lib/map/map-geometry.ts';

describe('map geometry', () => {
  const fit = fitMap(900, 600);

  it('fits the unit square centred with the margin', () => {
    expect(fit.size).toBe(600 - 56);
    expect(fit.ox).toBe((900 - fit.size) / 2);
    expect(toScreen(0.5, 0.5, fit, transformFromView(null, fit))).toEqual([450, 300]);
  });

  it('puts the view centre in the middle of the canvas at any size', () => {
    const view = { k: 3, cx: 0.2, cy: 0.7 };
    for (const [w, h] of [
      [900, 600],
      [400, 800],
    ] as const) {
      const f = fitMap(w, h);
      const [sx, sy] = toScreen(0.2, 0.7, f, transformFromView(view, f));
      expect(sx).toBeCloseTo(w / 2, 9);
      expect(sy).toBeCloseTo(h / 2, 9);
    }
  });

  it('round-trips views and points', () => {
    const view = { k: 7.5, cx: 0.31, cy: 0.42 };
    const t = transformFromView(view, fit);
    const back = viewFromTransform(t, fit);
    expect(back.k).toBeCloseTo(view.k, 9);
    expect(back.cx).toBeCloseTo(view.cx, 9);
    expect(back.cy).toBeCloseTo(view.cy, 9);
    const [sx, sy] = toScreen(0.9, 0.05, fit, t);
    const [x, y] = toMap(sx, sy, fit, t);
    expect(x).toBeCloseTo(0.9, 9);
    expect(y).toBeCloseTo(0.05, 9);
  });

  it('shrinks points as the count grows, within 2–9 px at zoom 1', () => {
    expect(pointSize(30, 1)).toBe(9);
    expect(pointSize(75_000, 1)).toBe(2);
    expect(pointSize(10_000, 1)).toBeGreaterThan(pointSize(75_000, 1));
    expect(pointSize(10_000, 16)).toBeCloseTo(pointSize(10_000, 1) * 3, 9);
  });

  it('frames a group of points', () => {
    const view = viewAround([
      { x: 0.1, y: 0.2 },
      { x: 0.3, y: 0.3 },
    ]);
    expect(view.cx).toBeCloseTo(0.2, 9);
    expect(view.cy).toBeCloseTo(0.25, 9);
    expect(view.k).toBeCloseTo(1 / (0.2 * 1.3), 9);
    expect(viewAround([])).toEqual({ k: 1, cx: 0.5, cy: 0.5 });
  });

  it('maps points as toScreen does, with one scale and offset per axis', () => {
    const t = transformFromView({ k: 2.5, cx: 0.3, cy: 0.6 }, fit);
    const { scale, offsetX, offsetY } = screenAffine(fit, t);
    for (const [x, y] of [
      [0, 0],
      [0.3, 0.6],
      [0.9, 0.05],
    ] as const) {
      const [sx, sy] = toScreen(x, y, fit, t);
      expect(x * scale + offsetX).toBeCloseTo(sx, 9);
      expect(y * scale + offsetY).toBeCloseTo(sy, 9);
    }
  });

  it('scales the mapping to device pixels by the pixel ratio', () => {
    const t = transformFromView({ k: 3, cx: 0.5, cy: 0.5 }, fit);
    const css = screenAffine(fit, t);
    const device = screenAffine(fit, t, 2);
    expect(device).toEqual({
      scale: css.scale * 2,
      offsetX: css.offsetX * 2,
      offsetY: css.offsetY * 2,
    });
  });
});
