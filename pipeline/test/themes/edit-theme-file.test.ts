import { describe, expect, it } from 'vitest';
import { applyThemeEdit, UnknownThemeError } from '../../src/themes/edit-theme-file.ts';
import { ThemeConfigError, type ThemeFileJson } from '../../src/themes/theme-config.ts';

const FILE = 'themes.json';
const base: ThemeFileJson = {
  $comment: 'kept',
  defaultThreshold: 0.4,
  themes: [
    {
      $comment: 'a note',
      id: 'merging',
      label: 'Merging',
      description: 'Merging models.',
      keywords: ['model merging'],
      weakLabelPatterns: ['merg'],
    },
    { id: 'pruning', label: 'Pruning', description: 'Pruning.', keywords: [], threshold: 0.38 },
  ],
};
const theme = (id: string) => ({ id, label: 'New', description: 'New things.', keywords: ['a'] });

describe('applyThemeEdit', () => {
  it('adds a theme at the end and resolves its threshold to the default', () => {
    const { json, themes } = applyThemeEdit(base, { kind: 'add', theme: theme('new') }, FILE);
    expect(json.themes.map((t) => t.id)).toEqual(['merging', 'pruning', 'new']);
    expect(json.$comment).toBe('kept');
    expect(themes.at(-1)).toMatchObject({ id: 'new', threshold: 0.4, weakLabelPatterns: [] });
    expect(base.themes).toHaveLength(2);
  });

  it('replaces a theme, keeping its note and calibration patterns unless sent', () => {
    const { json } = applyThemeEdit(
      base,
      { kind: 'replace', id: 'merging', theme: { ...theme('merging'), threshold: 0.5 } },
      FILE,
    );
    expect(json.themes[0]).toEqual({
      $comment: 'a note',
      ...theme('merging'),
      threshold: 0.5,
      weakLabelPatterns: ['merg'],
    });
  });

  it('renames a theme id unless another theme has it', () => {
    const renamed = applyThemeEdit(
      base,
      { kind: 'replace', id: 'pruning', theme: theme('sparsity') },
      FILE,
    );
    expect(renamed.json.themes.map((t) => t.id)).toEqual(['merging', 'sparsity']);
    expect(() =>
      applyThemeEdit(base, { kind: 'replace', id: 'pruning', theme: theme('merging') }, FILE),
    ).toThrow(/id: "merging" is already the id of a theme/);
  });

  it('deletes a theme', () => {
    const { json } = applyThemeEdit(base, { kind: 'delete', id: 'merging' }, FILE);
    expect(json.themes.map((t) => t.id)).toEqual(['pruning']);
  });

  it('names the field of an invalid theme, and an unknown id', () => {
    const bad = (value: Record<string, unknown>) => () =>
      applyThemeEdit(base, { kind: 'add', theme: { ...theme('x'), ...value } }, FILE);
    expect(bad({ label: '' })).toThrow(ThemeConfigError);
    expect(bad({ label: '' })).toThrow(/label: must not be empty/);
    expect(bad({ threshold: 2 })).toThrow(/threshold: must be a cosine score/);
    expect(bad({ keywords: 'a' })).toThrow(/keywords: /);
    expect(bad({ weakLabelPatterns: ['('] })).toThrow(/weakLabelPatterns\[0\]: is not a valid/);
    expect(bad({ color: 'red' })).toThrow(/color/);
    expect(bad({ id: 'merging' })).toThrow(/id: "merging" is already/);
    expect(() => applyThemeEdit(base, { kind: 'delete', id: 'gone' }, FILE)).toThrow(
      UnknownThemeError,
    );
  });
});
