import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3';
import { PointPicker } from '../../src/lib/map/point-picker.ts';
import type { Paper } from '../../src/lib/data/artifacts.ts';

describe('PointPicker', () => {
  const random = randomLcg(5);
  const papers = Array.from(
    { length: 2000 },
    (_, i) => ({ id: String(i), x: random(), y: random() }) as Paper,
  );
  const picker = new PointPicker(papers);

  const bruteForce = (x: number, y: number, radius: number, accept: (row: number) => boolean) => {
    let best: number | undefined;
    let bestDistance = radius * radius;
    papers.forEach((paper, row) => {
      const distance = (paper.x - x) ** 2 + (paper.y - y) ** 2;
      if (distance <= bestDistance && accept(row)) {
        best = row;
        bestDistance = distance;
      }
    });
    return best;
  };

  it('finds the same paper as a brute-force search', () => {
    for (let i = 0; i < 300; i++) {
      const x = random();
      const y = random();
      const radius = random() * 0.05;
      const even = (row: number) => row % 2 === 0;
      expect(picker.pick(x, y, radius)).toBe(bruteForce(x, y, radius, () => true));
      expect(picker.pick(x, y, radius, even)).toBe(bruteForce(x, y, radius, even));
    }
  });

  it('finds nothing outside the radius', () => {
    expect(picker.pick(5, 5, 0.1)).toBeUndefined();
  });
});
