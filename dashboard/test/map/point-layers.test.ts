import { describe, expect, it } from 'vitest';
import { buildPointLayers, emphasizedCount, isEmphasized } from '../../src/lib/map/point-layers.ts';
import { DIMMED_COLOR, topicColors, UNASSIGNED_COLOR } from '../../src/lib/map/palette.ts';
import { appearedIn } from '../../src/lib/data/dataset.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('buildPointLayers', () => {
  const { dataset } = fixtureDataset();
  const colors = topicColors(dataset.broadTopics, dataset.fineTopics);
  const allRows = (layers: ReturnType<typeof buildPointLayers>) =>
    layers.flatMap((layer) => [...layer.rows]).sort((a, b) => a - b);

  it('puts every paper in exactly one layer, with its coordinates', () => {
    for (const level of ['broad', 'fine'] as const) {
      const layers = buildPointLayers(dataset, level, colors, { range: null, focus: null });
      expect(allRows(layers)).toEqual(dataset.papers.map((_, row) => row));
      for (const layer of layers) {
        layer.rows.forEach((row, i) => {
          expect(layer.xs[i]).toBeCloseTo(dataset.papers[row]!.x, 6);
          expect(layer.ys[i]).toBeCloseTo(dataset.papers[row]!.y, 6);
        });
      }
    }
  });

  it('colours papers by their topic at the level, unassigned in grey', () => {
    const layers = buildPointLayers(dataset, 'fine', colors, { range: null, focus: null });
    for (const layer of layers) {
      for (const row of layer.rows) {
        const paper = dataset.papers[row]!;
        expect(layer.color).toBe(paper.topic === null ? UNASSIGNED_COLOR : colors.get(paper.topic));
      }
    }
    expect(layers.find((layer) => layer.color === UNASSIGNED_COLOR)?.small).toBe(true);
  });

  it('dims papers outside the day range and outside the highlight', () => {
    const range = { start: '2024-03-14', end: '2024-03-17' };
    const broad = dataset.broadTopics[0]!;
    const emphasis = { range, focus: { kind: 'topic' as const, id: broad.id } };
    const layers = buildPointLayers(dataset, 'broad', colors, emphasis);
    const expected = dataset.papers.filter(
      (paper) =>
        appearedIn(paper, range) &&
        paper.topic !== null &&
        dataset.topic(paper.topic)!.parent === broad.id,
    ).length;
    expect(expected).toBeGreaterThan(0);
    expect(emphasizedCount(layers)).toBe(expected);
    const dimmed = layers.find((layer) => layer.color === DIMMED_COLOR)!;
    expect(dimmed.rows.length).toBe(dataset.papers.length - expected);
    // Dimmed papers are drawn first, below the others.
    expect(layers[0]).toBe(dimmed);
  });

  it('highlights a watch-list theme by membership', () => {
    const paper = dataset.papers.find((p) => p.themes.length > 0)!;
    const theme = paper.themes[0]!.theme;
    expect(isEmphasized(dataset, paper, { range: null, focus: { kind: 'theme', id: theme } })).toBe(
      true,
    );
    const outsider = dataset.papers.find((p) => !p.themes.some((t) => t.theme === theme))!;
    expect(
      isEmphasized(dataset, outsider, { range: null, focus: { kind: 'theme', id: theme } }),
    ).toBe(false);
  });
});
