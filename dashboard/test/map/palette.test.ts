import { describe, expect, it } from 'vitest';
import { hcl } from 'd3';
import { labelInk, themeColors, topicColors } from '../../src/lib/map/palette.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('topicColors', () => {
  const { dataset } = fixtureDataset();
  const colors = topicColors(dataset.broadTopics, dataset.fineTopics);

  it('gives every topic a valid colour, the same on every call', () => {
    for (const topic of [...dataset.broadTopics, ...dataset.fineTopics]) {
      expect(colors.get(topic.id)).toMatch(/^#[0-9a-f]{6}$/);
    }
    expect(topicColors(dataset.broadTopics, dataset.fineTopics)).toEqual(colors);
  });

  it('gives fine topics distinct colours near their broad topic’s hue', () => {
    const fine = dataset.fineTopics.map((topic) => colors.get(topic.id));
    expect(new Set(fine).size).toBe(fine.length);
    for (const topic of dataset.fineTopics) {
      const hueDistance =
        Math.abs(hcl(colors.get(topic.id)!).h - hcl(colors.get(topic.parent!)!).h) % 360;
      expect(Math.min(hueDistance, 360 - hueDistance)).toBeLessThanOrEqual(90);
    }
  });

  it('colours fine topics without broad topics from the base palette', () => {
    const orphans = dataset.fineTopics.map((topic) => ({ ...topic, parent: null }));
    const alone = topicColors([], orphans);
    expect(new Set(alone.values()).size).toBe(orphans.length);
  });
});

describe('label and theme colours', () => {
  it('darkens label ink below the point colour', () => {
    expect(hcl(labelInk('#edc948')).l).toBeLessThan(hcl('#edc948').l - 10);
  });
  it('colours themes in order', () => {
    const colors = themeColors(['a', 'b']);
    expect(colors.get('a')).not.toBe(colors.get('b'));
  });
});
