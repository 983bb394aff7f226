import { describe, expect, it } from 'vitest';
import { normalizeCoordinates, roundCoordinate } from '../../src/layout/normalize-coordinates.ts';

describe('normalizeCoordinates', () => {
  it('scales both axes by the larger extent and centres the shorter one', () => {
    const { x, y } = normalizeCoordinates(Float64Array.from([-2, 5, 2, 5, 2, 7]));
    expect(x).toEqual([0, 1, 1]);
    expect(y).toEqual([0.25, 0.25, 0.75]);
  });

  it('rounds to 4 decimals', () => {
    const { x, y } = normalizeCoordinates(Float64Array.from([0, 0, 3, 1, 1, 0]));
    expect(x).toEqual([0, 1, 0.3333]);
    expect(y).toEqual([0.3333, 0.6667, 0.3333]);
  });

  it('puts points that all share one place at the centre', () => {
    expect(normalizeCoordinates(Float64Array.from([3, 3, 3, 3]))).toEqual({
      x: [0.5, 0.5],
      y: [0.5, 0.5],
    });
  });

  it('names a coordinate that is not finite', () => {
    expect(() => normalizeCoordinates(Float64Array.from([0, 0, NaN, 1]))).toThrow(
      /row 1 is not finite/,
    );
  });

  it('never returns -0', () => {
    expect(Object.is(roundCoordinate(-0.00001), 0)).toBe(true);
  });
});
