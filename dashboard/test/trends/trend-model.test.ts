import { describe, expect, it } from 'vitest';
import {
  bandPath,
  dayScale,
  dayTicks,
  daysInPixels,
  definedDays,
  OTHER_KEY,
  shareBands,
  stackLines,
  stackMax,
  trendLines,
} from '../../src/lib/trends/trend-model.ts';
import { themeColors, topicColors } from '../../src/lib/map/palette.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';
import { scaleLinear } from 'd3';

describe('trend series', () => {
  const { dataset } = fixtureDataset();
  const colors = {
    topics: topicColors(dataset.broadTopics, dataset.fineTopics),
    themes: themeColors(dataset.themes.map((theme) => theme.id)),
  };
  const days = dataset.trends.calendar.length;
  const defined = definedDays(dataset.trends.dayTotals);

  it('stacks broad topics plus the remainder to 100% of each page day', () => {
    const lines = trendLines(dataset, 'broad', colors, null);
    expect(lines.map((line) => line.key)).toEqual([
      ...dataset.broadTopics.map((t) => String(t.id)),
      OTHER_KEY,
    ]);
    const layers = stackLines(lines, days);
    const top = layers[layers.length - 1]!;
    top.bands.forEach(([, high], day) => {
      if (defined[day]) expect(high).toBeCloseTo(1, 3);
      else expect(high).toBe(0);
    });
    expect(stackMax(layers)).toBeCloseTo(1, 3);
  });

  it('counts of a day add up to the day’s papers', () => {
    const lines = trendLines(dataset, 'fine', colors, null);
    dataset.trends.dayTotals.forEach((total, day) => {
      const sum = lines.reduce((acc, line) => acc + (line.counts[day] ?? 0), 0);
      expect(sum).toBe(total ?? 0);
    });
  });

  it('shows the fine topics of a highlighted broad topic', () => {
    const broad = dataset.broadTopics[0]!;
    const lines = trendLines(dataset, 'fine', colors, { kind: 'topic', id: broad.id });
    expect(
      lines
        .filter((line) => line.kind === 'topic')
        .map((line) => Number(line.key))
        .sort(),
    ).toEqual([...broad.children].sort());
    expect(lines.at(-1)!.label).toContain(broad.label);
  });

  it('limits the number of topic series, folding the rest into the remainder', () => {
    const lines = trendLines(dataset, 'fine', colors, null, 2);
    expect(lines).toHaveLength(3);
    const remainder = lines[2]!;
    expect(remainder.size).toBe(dataset.papers.length - lines[0]!.size - lines[1]!.size);
  });

  it('gives themes no remainder (themes overlap)', () => {
    const lines = trendLines(dataset, 'themes', colors, null);
    expect(lines.map((line) => line.key)).toEqual(dataset.themes.map((theme) => theme.id));
  });

  it('attaches only moving flags', () => {
    for (const line of trendLines(dataset, 'fine', colors, null)) {
      if (line.flag) expect(line.flag.status).not.toBe('steady');
    }
  });
});

describe('band shapes', () => {
  const x = dayScale(5, 500);
  const y = scaleLinear().domain([0, 1]).range([100, 0]);

  it('draws one sub-path per run of page days: days without a page are gaps', () => {
    const defined = [true, true, false, true, false];
    const path = bandPath(shareBands([0.5, 0.2, null, 0.4, null]), defined, x, y);
    expect(path.match(/M/g)).toHaveLength(2);
  });

  it('draws an isolated day as a full-width step', () => {
    const path = bandPath(shareBands([null, 0.5, null]), [false, true, false], dayScale(3, 300), y);
    expect(path).toMatch(/^M100,50L200,50L200,100L100,100Z$/);
  });

  it('maps a brush selection to whole days', () => {
    expect(daysInPixels(x, 0, 500, 5)).toEqual([0, 4]);
    expect(daysInPixels(x, 120, 260, 5)).toEqual([1, 2]);
    expect(daysInPixels(x, 260, 120, 5)).toEqual([1, 2]);
    expect(daysInPixels(x, -50, 20, 5)).toEqual([0, 0]);
  });
});

describe('dayTicks', () => {
  it('spaces ticks evenly over a short calendar', () => {
    const calendar = Array.from({ length: 7 }, (_, i) => `2024-03-1${i + 1}`);
    const ticks = dayTicks(calendar, 4);
    expect(ticks[0]).toEqual({ day: 0, label: 'Mar 11' });
    expect(ticks.length).toBeLessThanOrEqual(4);
  });

  it('uses month starts over a long calendar', () => {
    const calendar: string[] = [];
    for (let month = 1; month <= 12; month++) {
      for (let day = 1; day <= 28; day++)
        calendar.push(`2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
    }
    const ticks = dayTicks(calendar, 6);
    expect(ticks.length).toBeLessThanOrEqual(6);
    for (const tick of ticks) expect(calendar[tick.day]).toMatch(/-01$/);
    expect(ticks[0]!.label).toBe('Jan 2025');
  });
});
