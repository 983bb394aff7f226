import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3';
import {
  fitText,
  labelWidth,
  leaderEnd,
  placeLabels,
  PointDensity,
  type LabelCandidate,
  type PlacedLabel,
} from '../../src/lib/map/label-layout.ts';

function expectApartAndInside(placed: PlacedLabel[], width: number, height: number): void {
  for (const a of placed) {
    expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
    expect(a.x + a.width / 2).toBeLessThanOrEqual(width);
    expect(a.y - a.height / 2).toBeGreaterThanOrEqual(0);
    expect(a.y + a.height / 2).toBeLessThanOrEqual(height);
    for (const b of placed) {
      if (a === b) continue;
      const apart =
        Math.abs(a.x - b.x) * 2 >= a.width + b.width ||
        Math.abs(a.y - b.y) * 2 >= a.height + b.height;
      expect(apart).toBe(true);
    }
  }
}

describe('placeLabels', () => {
  it('keeps the larger of two clashing labels at its anchor and moves the other off it', () => {
    const placed = placeLabels(
      [
        { id: 1, text: 'small topic', x: 100, y: 100, priority: 3, fontSize: 12 },
        { id: 2, text: 'large topic', x: 105, y: 102, priority: 30, fontSize: 12 },
      ],
      400,
      300,
    );
    const large = placed.find((label) => label.id === 2)!;
    expect([large.x, large.y]).toEqual([105, 102]);
    expect(large.leader).toBe(false);
    expectApartAndInside(placed, 400, 300);
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
      required: id < 10,
    }));
    const placed = placeLabels(candidates, 800, 600);
    expect(placed.length).toBeGreaterThan(10);
    expectApartAndInside(placed, 800, 600);
    // Every required label is there.
    for (let id = 0; id < 10; id++) expect(placed.some((label) => label.id === id)).toBe(true);
  });

  it('labels every required theme on a phone-sized canvas, cutting long labels to fit', () => {
    const candidates: LabelCandidate[] = Array.from({ length: 10 }, (_, id) => ({
      id,
      text: `mathematical reasoning, reinforcement learning, reward ${id}`,
      x: 150 + (id % 3) * 20,
      y: 200 + id * 6,
      priority: 100 - id,
      fontSize: 15,
      required: true,
    }));
    const placed = placeLabels(candidates, 390, 500);
    expect(placed).toHaveLength(10);
    expectApartAndInside(placed, 390, 500);
    expect(placed.some((label) => label.text.endsWith('…'))).toBe(true);
    expect(placed.some((label) => label.leader)).toBe(true);
  });

  it('moves a label off a dense block of points, with a leader line to its anchor', () => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let x = 100; x < 300; x += 2) {
      for (let y = 100; y < 200; y += 2) {
        xs.push(x);
        ys.push(y);
      }
    }
    const density = new PointDensity(xs, ys, 600, 400);
    const candidate = { id: 1, text: 'dense topic', x: 200, y: 150, priority: 1, fontSize: 14 };
    const [alone] = placeLabels([{ ...candidate, required: true }], 600, 400, { density });
    const hiddenAtAnchor = density.count(
      200 - alone!.width / 2,
      150 - alone!.height / 2,
      alone!.width,
      alone!.height,
    );
    const hidden = density.count(
      alone!.x - alone!.width / 2,
      alone!.y - alone!.height / 2,
      alone!.width,
      alone!.height,
    );
    expect(hidden).toBeLessThan(hiddenAtAnchor / 4);
    expect(alone!.leader).toBe(true);
    const [ex, ey] = leaderEnd(alone!);
    expect(Math.abs(ex - alone!.x)).toBeLessThanOrEqual(alone!.width / 2);
    expect(Math.abs(ey - alone!.y)).toBeLessThanOrEqual(alone!.height / 2);
  });

  it('leaves out a label whose topic is off the canvas', () => {
    const placed = placeLabels(
      [{ id: 1, text: 'elsewhere', x: -50, y: 100, priority: 1, fontSize: 12, required: true }],
      400,
      300,
    );
    expect(placed).toEqual([]);
  });
});

describe('PointDensity', () => {
  it('counts the points under a box as a scan does (whole cells)', () => {
    const random = randomLcg(5);
    const xs = Array.from({ length: 2000 }, () => random() * 320);
    const ys = Array.from({ length: 2000 }, () => random() * 240);
    const density = new PointDensity(xs, ys, 320, 240, 8);
    for (let trial = 0; trial < 50; trial++) {
      const left = Math.floor(random() * 40) * 8;
      const top = Math.floor(random() * 30) * 8;
      const width = Math.ceil(random() * 10) * 8;
      const height = Math.ceil(random() * 10) * 8;
      const inside = xs.filter(
        (x, i) => x >= left && x < left + width && ys[i]! >= top && ys[i]! < top + height,
      ).length;
      expect(density.count(left, top, width, height)).toBe(inside);
    }
  });

  it('fits a text to a width with an ellipsis', () => {
    expect(fitText('short', 12, 200)).toBe('short');
    const cut = fitText('a rather long label for a narrow screen', 15, 150);
    expect(cut.endsWith('…')).toBe(true);
    expect(labelWidth(cut, 15)).toBeLessThanOrEqual(150);
  });
});
