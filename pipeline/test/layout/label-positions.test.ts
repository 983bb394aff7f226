import { describe, expect, it } from 'vitest';
import { labelPositions } from '../../src/layout/map-layout.ts';

describe('labelPositions', () => {
  // Fine topics 1 and 2 under broad topic 10; fine topic 3 has no parent; 4 has no members.
  const topics = [
    { id: 10, parent: null },
    { id: 1, parent: 10 },
    { id: 2, parent: 10 },
    { id: 3, parent: null },
    { id: 4, parent: 10 },
  ];
  const assignment = [1, 1, 1, 2, 2, null, 3, 1];
  const x = [0.1, 0.3, 0.2, 0.8, 0.9, 0.5, 0.4, 0.95];
  const y = [0.5, 0.1, 0.2, 0.7, 0.6, 0.5, 0.4, 0.05];
  const places = labelPositions(assignment, x, y, topics);

  it('puts a fine topic at the median x and median y of its members', () => {
    // Topic 1: x 0.1, 0.3, 0.2, 0.95 → median 0.25; y 0.5, 0.1, 0.2, 0.05 → median 0.15.
    expect(places.get(1)).toEqual({ x: 0.25, y: 0.15 });
    expect(places.get(2)).toEqual({ x: 0.85, y: 0.65 });
    expect(places.get(3)).toEqual({ x: 0.4, y: 0.4 });
  });

  it('puts a broad topic at the median of the union of its children’s members', () => {
    // Rows 0, 1, 2, 3, 4, 7: x sorted 0.1 0.2 0.3 0.8 0.9 0.95 → 0.55; y 0.05 0.1 0.2 0.5 0.6 0.7 → 0.35.
    expect(places.get(10)).toEqual({ x: 0.55, y: 0.35 });
  });

  it('leaves out topics without members and ignores unassigned papers', () => {
    expect([...places.keys()]).toEqual([1, 2, 3, 10]);
  });

  it('rounds to 4 decimals and accepts typed arrays', () => {
    const odd = labelPositions([5, 5], Float64Array.from([0.12341, 0.12344]), [0, 1], []);
    expect(odd.get(5)).toEqual({ x: 0.1234, y: 0.5 });
  });

  it('names arrays of different lengths', () => {
    expect(() => labelPositions([1, 2], [0.1], [0.1, 0.2], topics)).toThrow(
      /2 assignments, 1 x, 2 y/,
    );
  });
});
