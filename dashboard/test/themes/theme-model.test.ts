import { describe, expect, it } from 'vitest';
import { themePapers } from '../../src/lib/themes/theme-model.ts';
import { appearedIn } from '../../src/lib/data/dataset.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('themePapers', () => {
  const { dataset } = fixtureDataset();
  const theme = dataset.themes[0]!;

  it('lists the theme’s papers by score, highest first', () => {
    const members = themePapers(dataset.papers, theme.id, null);
    expect(members).toHaveLength(theme.size);
    for (let i = 1; i < members.length; i++)
      expect(members[i - 1]!.score).toBeGreaterThanOrEqual(members[i]!.score);
  });

  it('keeps only papers of the day range', () => {
    const range = { start: '2024-03-17', end: '2024-03-17' };
    const members = themePapers(dataset.papers, theme.id, range);
    expect(members.length).toBeLessThan(theme.size);
    for (const member of members) expect(appearedIn(member.paper, range)).toBe(true);
  });
});
