import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3';
import { placeLabels, type LabelCandidate } from '../../src/lib/map/label-layout.ts';

describe('placeLabels', () => {
  it('places the larger of two overlapping labels', () => {
    const placed = placeLabels(
      [
        { id: 1, text: 'small topic', x: 100, y: 100, priority: 3, fontSize: 12 },
        { id: 2, text: 'large topic', x: 105, y: 102, priority: 30, fontSize: 12 },
      ],
      400,
      300,
    );
    expect(placed.map((label) => label.id)).toEqual([2]);
  });

  it('never overlaps and never leaves the canvas (random candidates)', () => {
    const random = randomLcg(3);
    const candidates: LabelCandidate[] = Array.from({ length: 300 }, (_, id) => ({
      id,
      text: 'topic '.repeat(1 + Math.floor(random() * 4)).trim(),
      x: random() * 800,
      y: random() * 600,
      priority: random() * 100,
      fontSize: 11 + random() * 4,
    }));
    const placed = placeLabels(candidates, 800, 600);
    expect(placed.length).toBeGreaterThan(10);
    for (const a of placed) {
      expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.x + a.width / 2).toBeLessThanOrEqual(800);
      for (const b of placed) {
        if (a === b) continue;
        const apart =
          Math.abs(a.x - b.x) * 2 >= a.width + b.width ||
          Math.abs(a.y - b.y) * 2 >= a.height + b.height;
        expect(apart).toBe(true);
      }
    }
  });
});
