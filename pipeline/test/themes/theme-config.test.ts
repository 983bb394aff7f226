import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadThemeConfig,
  parseThemeConfig,
  ThemeConfigError,
} from '../../src/themes/theme-config.ts';

const DEFAULT_FILE = 'pipeline/config/themes.json';

const validTheme = {
  id: 'graph-learning',
  label: 'Graph learning',
  description: 'Neural networks on graphs.',
  keywords: ['graph neural networks'],
};

describe('loadThemeConfig', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'themes-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const write = async (name: string, content: string) => {
    const file = join(dir, name);
    await writeFile(file, content);
    return file;
  };

  it('reads the default watch-list with its four themes and thresholds', async () => {
    const themes = await loadThemeConfig(DEFAULT_FILE);
    expect(themes.map((t) => t.id)).toEqual([
      'pruning-sparsity',
      'model-merging',
      'rlhf-preference-alignment',
      'peft-lora-adapters',
    ]);
    for (const theme of themes) {
      expect(theme.label).not.toBe('');
      expect(theme.keywords.length).toBeGreaterThan(0);
      expect(theme.threshold).toBeGreaterThan(0.2);
      expect(theme.threshold).toBeLessThan(0.8);
      expect(theme.weakLabelPatterns.length).toBeGreaterThan(0);
    }
  });

  it('takes a user file, the default threshold, and a threshold override', async () => {
    const file = await write(
      'user.json',
      JSON.stringify({
        defaultThreshold: 0.37,
        themes: [validTheme, { ...validTheme, id: 'graph-2', threshold: 0.5 }],
      }),
    );
    const themes = await loadThemeConfig(file);
    expect(themes.map((t) => [t.id, t.threshold])).toEqual([
      ['graph-learning', 0.37],
      ['graph-2', 0.5],
    ]);
    expect(themes[0]!.weakLabelPatterns).toEqual([]);
    const overridden = await loadThemeConfig(file, { threshold: 0.3 });
    expect(overridden.map((t) => t.threshold)).toEqual([0.3, 0.3]);
  });

  it('names the file and the fix when the file is missing or not JSON', async () => {
    const missing = join(dir, 'nope.json');
    await expect(loadThemeConfig(missing)).rejects.toThrow(
      `${missing}: cannot read the theme config (ENOENT); pass an existing file with --themes`,
    );
    const broken = await write('broken.json', '{"themes": [');
    const error = await loadThemeConfig(broken).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThemeConfigError);
    expect((error as Error).name).toBe('ThemeConfigError');
    expect((error as Error).message).toMatch(new RegExp(`^${broken}: not valid JSON`));
  });
});

describe('parseThemeConfig', () => {
  const parse = (json: unknown) => () => parseThemeConfig(json, 'my-themes.json');

  it.each([
    [
      'a missing field',
      { defaultThreshold: 0.4, themes: [{ ...validTheme, description: undefined }] },
      'themes[0].description',
    ],
    [
      'an id that is not a slug',
      { defaultThreshold: 0.4, themes: [{ ...validTheme, id: 'Graph Learning' }] },
      'themes[0].id: must be a slug',
    ],
    [
      'a duplicate id',
      { defaultThreshold: 0.4, themes: [validTheme, validTheme] },
      'themes[1].id: "graph-learning" is already the id of themes[0]',
    ],
    [
      'a threshold out of range',
      { defaultThreshold: 0.4, themes: [{ ...validTheme, threshold: 1.5 }] },
      'themes[0].threshold: must be a cosine score in [-1, 1]',
    ],
    ['a missing default threshold', { themes: [validTheme] }, 'defaultThreshold'],
    [
      'a misspelt key',
      { defaultThreshold: 0.4, themes: [{ ...validTheme, treshold: 0.5 }] },
      'themes[0]: Unrecognized key: "treshold"',
    ],
    [
      'an empty keyword',
      { defaultThreshold: 0.4, themes: [{ ...validTheme, keywords: ['ok', ' '] }] },
      'themes[0].keywords[1]: must not be empty',
    ],
    [
      'a broken pattern',
      { defaultThreshold: 0.4, themes: [{ ...validTheme, weakLabelPatterns: ['(graph'] }] },
      'themes[0].weakLabelPatterns[0]: is not a valid regular expression',
    ],
    ['not an object', [validTheme], '(top level)'],
  ])('rejects %s, naming the file and the field', (_, json, field) => {
    expect(parse(json)).toThrow(ThemeConfigError);
    expect(parse(json)).toThrow(/^my-themes\.json: invalid theme config \(/);
    expect(parse(json)).toThrow(field);
    expect(parse(json)).toThrow(/fix the file or pass another with --themes/);
  });

  it('rejects a threshold override out of range', () => {
    expect(() =>
      parseThemeConfig({ defaultThreshold: 0.4, themes: [] }, 'x.json', { threshold: 2 }),
    ).toThrow('x.json: threshold override 2 must be a cosine score in [-1, 1]');
  });
});
