import { describe, expect, it } from 'vitest';
import {
  DimensionMismatchError,
  embedThemes,
  scoreThemes,
  themeTexts,
  type ThemeDefinition,
} from '../../src/themes/score-themes.ts';
import { createFakeEmbedder, fakeVector } from '../embed/fake-embedder.ts';

const DIM = 64;

function theme(id: string, description: string, keywords: string[], threshold = 0.3) {
  return { id, label: id, description, keywords, threshold, weakLabelPatterns: [] };
}

const themes: ThemeDefinition[] = [
  theme('pruning', 'pruning sparse weights', ['pruning', 'sparsity']),
  theme('merging', 'merging models weights', ['model merging'], 0.5),
];

function paperVectors(texts: string[]): Float32Array {
  const out = new Float32Array(texts.length * DIM);
  texts.forEach((text, i) => out.set(fakeVector(text, DIM), i * DIM));
  return out;
}

describe('embedThemes', () => {
  it('embeds the description and each keyword, and keeps their normalized mean', async () => {
    const embedder = createFakeEmbedder(DIM);
    const { vectors, dim } = await embedThemes(themes, embedder);
    expect(dim).toBe(DIM);
    expect(embedder.calls).toEqual([[...themeTexts(themes[0]!), ...themeTexts(themes[1]!)]]);
    themes.forEach((t, row) => {
      const texts = themeTexts(t);
      const mean = new Float64Array(DIM);
      for (const text of texts) fakeVector(text, DIM).forEach((v, d) => (mean[d]! += v));
      const norm = Math.hypot(...mean);
      for (let d = 0; d < DIM; d++) {
        expect(vectors[row * DIM + d]).toBeCloseTo(mean[d]! / norm, 6);
      }
    });
  });
});

describe('scoreThemes', () => {
  it('keeps the themes a paper reaches, highest first, and counts theme sizes', async () => {
    const themeVectors = await embedThemes(themes, createFakeEmbedder(DIM));
    const texts = [
      'pruning sparse weights pruning sparsity',
      'merging models weights model merging',
      'pruning and merging models weights sparsity',
      'a survey of protein folding',
    ];
    const { perPaper, themes: out } = scoreThemes(paperVectors(texts), DIM, themeVectors, themes);

    expect(perPaper[0]!.map((s) => s.theme)).toEqual(['pruning']);
    expect(perPaper[1]!.map((s) => s.theme)).toEqual(['merging']);
    expect(perPaper[3]).toEqual([]);
    for (const scores of perPaper) {
      for (let i = 1; i < scores.length; i++) {
        expect(scores[i - 1]!.score).toBeGreaterThanOrEqual(scores[i]!.score);
      }
      for (const s of scores) {
        expect(s.score).toBe(Math.round(s.score * 1e4) / 1e4);
        expect(s.score).toBeGreaterThanOrEqual(themes.find((t) => t.id === s.theme)!.threshold);
      }
    }
    const sizes = Object.fromEntries(out.map((t) => [t.id, t.size]));
    expect(sizes).toEqual({
      pruning: perPaper.filter((s) => s.some((x) => x.theme === 'pruning')).length,
      merging: perPaper.filter((s) => s.some((x) => x.theme === 'merging')).length,
    });
    expect(out[0]).toMatchObject({
      id: 'pruning',
      threshold: 0.3,
      keywords: ['pruning', 'sparsity'],
    });
  });

  it('puts a paper in several themes when it reaches several thresholds', async () => {
    const low = themes.map((t) => ({ ...t, threshold: -1 }));
    const themeVectors = await embedThemes(low, createFakeEmbedder(DIM));
    const { perPaper, themes: out } = scoreThemes(
      paperVectors(['anything at all']),
      DIM,
      themeVectors,
      low,
    );
    expect(perPaper[0]!.map((s) => s.theme).sort()).toEqual(['merging', 'pruning']);
    expect(out.map((t) => t.size)).toEqual([1, 1]);
  });

  it('refuses theme vectors of another dimension', async () => {
    const themeVectors = await embedThemes(themes, createFakeEmbedder(32));
    const call = () => scoreThemes(paperVectors(['x']), DIM, themeVectors, themes);
    expect(call).toThrow(DimensionMismatchError);
    expect(call).toThrow('theme vectors have dimension 32 but paper vectors have 64');
  });
});
