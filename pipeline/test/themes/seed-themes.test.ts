/**
 * The default watch-list on the seed pages, through the real parts: ingest, the bundled model,
 * the default theme file and its calibrated thresholds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTransformersEmbedder, paperText } from '../../src/embed/transformers-embedder.ts';
import type { TransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import type { IngestedPaper } from '../../src/ingest/types.ts';
import type { ThemeScore } from '../../src/schema/artifacts.ts';
import {
  embedThemes,
  loadThemeConfig,
  scoreThemes,
  type ThemeScoring,
} from '../../src/themes/score-themes.ts';

const EXPECTED: Record<string, string[]> = {
  'pruning-sparsity': [
    'Global Vision Transformer Pruning',
    'PAT: Pruning-Aware Tuning',
    'Pruning Deep Neural Networks from a Sparsity Perspective',
  ],
  'model-merging': [
    'Parameter Competition Balancing for Model Merging',
    'Merging Models with Fisher-Weighted Averaging',
    'AdaMerging',
  ],
  'rlhf-preference-alignment': ['ReaLHF', 'ReMax'],
  'peft-lora-adapters': [
    'MoS: Unleashing Parameter Efficiency of Low-Rank Adaptation',
    'Compacter',
  ],
};

/** Seed papers on none of the four subjects. */
const UNRELATED = [
  'A Flexible Parametric Modelling Framework for Survival Analysis',
  'PFGM++',
  'HoloBeam',
  'StageInteractor',
  'Multi-marginal Schrödinger Bridges',
  'Reinforcement Learning for Adaptive Time-Stepping',
];

describe('default themes on the seed pages (real model)', () => {
  let embedder: TransformersEmbedder;
  let papers: IngestedPaper[];
  let scoring: ThemeScoring;

  beforeAll(async () => {
    papers = (await ingestInputs(['seeds'], { year: 2024, yearSource: 'option' })).papers;
    embedder = await loadTransformersEmbedder();
    const { vectors, dim } = await embedder.embed(
      papers.map((p) => paperText(p.title, p.abstract)),
    );
    const themes = await loadThemeConfig('pipeline/config/themes.json');
    scoring = scoreThemes(vectors, dim, await embedThemes(themes, embedder), themes);
  });
  afterAll(async () => {
    await embedder?.dispose();
  });

  const themesOf = (title: string): ThemeScore[] => {
    const row = papers.findIndex((p) => p.title.startsWith(title));
    expect(row, title).toBeGreaterThanOrEqual(0);
    return scoring.perPaper[row]!;
  };

  for (const [theme, titles] of Object.entries(EXPECTED)) {
    it(`puts ${titles.length} papers in ${theme}`, () => {
      for (const title of titles) {
        expect(
          themesOf(title).map((s) => s.theme),
          title,
        ).toContain(theme);
      }
    });
  }

  it('leaves papers on other subjects out of every theme', () => {
    for (const title of UNRELATED) expect(themesOf(title), title).toEqual([]);
  });

  it('reports theme sizes that match the per-paper memberships', () => {
    for (const theme of scoring.themes) {
      const members = scoring.perPaper.filter((s) => s.some((x) => x.theme === theme.id)).length;
      expect(theme.size, theme.id).toBe(members);
      expect(theme.size, theme.id).toBeGreaterThanOrEqual(EXPECTED[theme.id]!.length);
    }
  });
});
