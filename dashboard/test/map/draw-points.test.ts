import { describe, expect, it } from 'vitest';
import { packColor, rasterizePoints } from '../../src/lib/map/draw-points.ts';
import type { PointLayer } from '../../src/lib/map/point-layers.ts';

const layer = (color: string, points: [number, number][], small = false): PointLayer => ({
  color,
  rows: Uint32Array.from(points.map((_, i) => i)),
  xs: Float32Array.from(points.map((p) => p[0])),
  ys: Float32Array.from(points.map((p) => p[1])),
  small,
});

describe('rasterizePoints', () => {
  it('packs #rrggbb as an opaque little-endian RGBA pixel', () => {
    const bytes = new Uint8Array(Uint32Array.of(packColor('#102030')).buffer);
    expect([...bytes]).toEqual([0x10, 0x20, 0x30, 0xff]);
  });

  it('writes a square of the given side centred on each point', () => {
    const buffer = { pixels: new Uint32Array(10 * 10), width: 10, height: 10 };
    rasterizePoints(buffer, [layer('#ff0000', [[0.5, 0.5]])], 10, 0, 0, 2);
    const red = packColor('#ff0000');
    const painted = [...buffer.pixels.keys()].filter((i) => buffer.pixels[i] === red);
    expect(painted).toEqual([44, 45, 54, 55]);
  });

  it('clears the buffer, clips at the edges and lets later layers cover earlier ones', () => {
    const buffer = { pixels: new Uint32Array(4 * 4).fill(7), width: 4, height: 4 };
    rasterizePoints(
      buffer,
      [
        layer('#0000ff', [
          [0, 0],
          [1, 1],
        ]),
        layer('#00ff00', [[0, 0]]),
      ],
      4,
      0,
      0,
      2,
    );
    const blue = packColor('#0000ff');
    const green = packColor('#00ff00');
    // (0, 0) covers pixel (0, 0) only (the rest is off the buffer), green over blue.
    expect(buffer.pixels[0]).toBe(green);
    // (1, 1) maps to (4, 4): only its top-left pixel (3, 3) is inside.
    expect(buffer.pixels[15]).toBe(blue);
    expect([...buffer.pixels].filter((p) => p === 7)).toHaveLength(0);
    expect([...buffer.pixels].filter((p) => p !== 0)).toHaveLength(2);
  });

  it('draws small layers smaller, at least one pixel', () => {
    const buffer = { pixels: new Uint32Array(20 * 20), width: 20, height: 20 };
    rasterizePoints(buffer, [layer('#999999', [[0.5, 0.5]], true)], 20, 0, 0, 1);
    expect([...buffer.pixels].filter((p) => p !== 0)).toHaveLength(1);
  });
});
