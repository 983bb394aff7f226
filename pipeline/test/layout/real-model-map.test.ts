/**
 * The map through its real parts: the seed pages, the bundled sentence model, the hnswlib
 * k-NN graph, then a full layout and a projection of a held-out paper.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTransformersEmbedder, paperText } from '../../src/embed/transformers-embedder.ts';
import { buildIndex, knnGraph } from '../../src/index/hnsw-index.ts';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import { DEFAULT_LAYOUT_OPTIONS, layoutMap, type MapPlace } from '../../src/layout/map-layout.ts';
import type { LayoutResult } from '../../src/layout/map-layout.ts';
import { MERGING_TITLES } from '../embed/seed-abstracts.ts';

const K = 15;

let titles: string[];
let ids: string[];
let vectors: Float32Array;
let dim: number;

beforeAll(async () => {
  const { papers } = await ingestInputs(['seeds'], { year: 2024, yearSource: 'config' });
  titles = papers.map((paper) => paper.title);
  ids = papers.map((paper) => paper.id);
  const embedder = await loadTransformersEmbedder();
  try {
    ({ vectors, dim } = await embedder.embed(
      papers.map((paper) => paperText(paper.title, paper.abstract)),
    ));
  } finally {
    await embedder.dispose();
  }
});

const mean = (values: number[]): number => values.reduce((sum, v) => sum + v, 0) / values.length;

const place = (result: LayoutResult, row: number): [number, number] => [
  result.x[row]!,
  result.y[row]!,
];
const distance = ([ax, ay]: [number, number], [bx, by]: [number, number]): number =>
  Math.hypot(ax - bx, ay - by);

describe('the map of the seed papers through the real model and index', () => {
  it('draws the model-merging papers closer to each other than to the other papers', () => {
    const graph = knnGraph(buildIndex(vectors, dim), vectors, dim, Math.min(K, ids.length - 1));
    const map = layoutMap({ ids, graph }, DEFAULT_LAYOUT_OPTIONS);
    expect(map.params.method).toBe('umap');
    const merging = MERGING_TITLES.map((title) => titles.indexOf(title));
    expect(merging.every((row) => row >= 0)).toBe(true);
    const others = ids.map((_, row) => row).filter((row) => !merging.includes(row));
    const toMerging = merging.map((row) =>
      mean(
        merging
          .filter((other) => other !== row)
          .map((other) => distance(place(map, row), place(map, other))),
      ),
    );
    const toOthers = merging.map((row) =>
      mean(others.map((other) => distance(place(map, row), place(map, other)))),
    );
    expect(mean(toMerging)).toBeLessThan(0.7 * mean(toOthers));
  });

  it('projects a held-out model-merging paper next to the other two', () => {
    const heldOut = titles.indexOf(MERGING_TITLES[2]!);
    const keptRows = ids.map((_, row) => row).filter((row) => row !== heldOut);
    const keptVectors = new Float32Array(keptRows.length * dim);
    keptRows.forEach((row, i) =>
      keptVectors.set(vectors.subarray(row * dim, (row + 1) * dim), i * dim),
    );
    const before = layoutMap(
      {
        ids: keptRows.map((row) => ids[row]!),
        graph: knnGraph(
          buildIndex(keptVectors, dim),
          keptVectors,
          dim,
          Math.min(K, keptRows.length - 1),
        ),
      },
      DEFAULT_LAYOUT_OPTIONS,
    );
    const previous = new Map<string, MapPlace>(
      keptRows.map((row, i) => [ids[row]!, { x: before.x[i]!, y: before.y[i]! }]),
    );
    const graph = knnGraph(buildIndex(vectors, dim), vectors, dim, Math.min(K, ids.length - 1));
    const after = layoutMap({ ids, graph, previous }, DEFAULT_LAYOUT_OPTIONS);
    expect(after.projected).toBe(1);
    const merging = MERGING_TITLES.slice(0, 2).map((title) => titles.indexOf(title));
    const toMerging = merging.map((row) => distance(place(after, heldOut), place(after, row)));
    const toOthers = keptRows
      .filter((row) => !merging.includes(row))
      .map((row) => distance(place(after, heldOut), place(after, row)));
    // The nearer of the two other merging papers is among the held-out paper's 3 nearest points.
    const nearer = Math.min(...toMerging);
    expect(toOthers.filter((d) => d < nearer).length).toBeLessThanOrEqual(2);
  });
});
