import { describe, expect, it } from 'vitest';
import {
  draftFromSet,
  entryOf,
  formOf,
  parseKeywords,
  slugFor,
} from '../../src/lib/themes/theme-draft.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('theme form helpers', () => {
  it('reads keywords by line or comma, trimmed, without blanks or repeats', () => {
    expect(parseKeywords(' model merging,\n\nTask  arithmetic ,model Merging\nsoups')).toEqual([
      'model merging',
      'Task arithmetic',
      'soups',
    ]);
  });

  it('makes a unique slug id from the label', () => {
    expect(slugFor('Model merging', new Set())).toBe('model-merging');
    expect(slugFor('Modèle: RLHF / DPO!', new Set())).toBe('modele-rlhf-dpo');
    expect(slugFor('Model merging', new Set(['model-merging', 'model-merging-2']))).toBe(
      'model-merging-3',
    );
    expect(slugFor('!!!', new Set())).toBe('theme');
  });

  it('sends the form as a theme entry; keywords alone describe the theme', () => {
    const form = { label: ' Merging ', description: '', keywords: 'a b, c', threshold: '' };
    expect(entryOf('merging', form)).toEqual({
      id: 'merging',
      label: 'Merging',
      description: 'Papers about a b, c.',
      keywords: ['a b', 'c'],
    });
    expect(entryOf('merging', { ...form, threshold: '0.45' }).threshold).toBe(0.45);
    // Not a number: sent as typed, for the server to name the field.
    expect(entryOf('merging', { ...form, threshold: 'high' }).threshold).toBe('high');
  });

  it('round-trips a theme through its form', () => {
    const theme = { id: 't', label: 'T', description: 'D.', keywords: ['x', 'y'], threshold: 0.4 };
    expect(entryOf('t', formOf(theme))).toEqual(theme);
    const withoutThreshold: Omit<typeof theme, 'threshold'> & { threshold?: number } = { ...theme };
    delete withoutThreshold.threshold;
    expect(entryOf('t', formOf(withoutThreshold))).toEqual(withoutThreshold);
  });

  it('drafts a theme from a set: its main topic, shared keywords and titles', () => {
    const { dataset } = fixtureDataset();
    const papers = dataset.papers.filter((paper) => paper.topic !== null).slice(0, 4);
    const draft = draftFromSet(papers, (id) => dataset.topic(id));
    const main = dataset.topic(papers[0]!.topic!)!;
    expect(draft.label.length).toBeGreaterThan(0);
    expect(dataset.fineTopics.map((topic) => topic.label)).toContain(draft.label);
    const keywords = parseKeywords(draft.keywords);
    expect(keywords.length).toBeGreaterThan(0);
    expect(keywords.length).toBeLessThanOrEqual(6);
    const known = new Set(dataset.fineTopics.flatMap((t) => t.keywords.map((k) => k.term)));
    for (const keyword of keywords) expect(known.has(keyword)).toBe(true);
    expect(draft.description).toContain(papers[0]!.title);
    expect(main).toBeDefined();
    expect(draftFromSet([], () => undefined)).toEqual({
      label: '',
      description: '',
      keywords: '',
      threshold: '',
    });
  });
});
