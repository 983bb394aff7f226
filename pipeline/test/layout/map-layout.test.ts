import { describe, expect, it } from 'vitest';
import { exactKnn } from '../../src/index/exact-knn.ts';
import type { KnnGraph } from '../../src/index/knn.ts';
import {
  DEFAULT_LAYOUT_OPTIONS,
  autoEpochs,
  layoutMap,
  type LayoutOptions,
  type MapPlace,
} from '../../src/layout/map-layout.ts';
import { weightedMedian } from '../../src/layout/project-new.ts';
import { clusteredVectors } from './clustered-vectors.ts';

const options = (overrides: Partial<LayoutOptions> = {}): LayoutOptions => ({
  ...DEFAULT_LAYOUT_OPTIONS,
  ...overrides,
});

const idsOf = (count: number, prefix = 'p'): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

function expectMapCoordinates(values: number[]): void {
  for (const value of values) {
    expect(value).toBeGreaterThanOrEqual(0);
    expect(value).toBeLessThanOrEqual(1);
    expect(Math.round(value * 1e4) / 1e4).toBe(value);
    expect(Object.is(value, -0)).toBe(false);
  }
}

const distance = (ax: number, ay: number, bx: number, by: number): number =>
  Math.hypot(ax - bx, ay - by);

describe('layoutMap: full UMAP fit', () => {
  it('reproduces the golden map of a 12-paper fixture', () => {
    const { vectors, dim } = clusteredVectors(3, 4, 8, 0.5, 11);
    const result = layoutMap(
      { ids: idsOf(12), graph: exactKnn(vectors, dim, 5) },
      options({ nNeighbors: 4 }),
    );
    expect(result.x).toEqual([
      0.7601, 0.775, 0.768, 0.7535, 0.4139, 0.4208, 0.428, 0.4074, 0.2358, 0.2326, 0.225, 0.2284,
    ]);
    expect(result.y).toEqual([
      0.9851, 1, 0.9933, 0.9787, 0.757, 0.7638, 0.771, 0.7504, 0.013, 0, 0.0115, 0.022,
    ]);
    expect(result.projected).toBe(0);
    expect(result.refitAdvised).toBe(false);
    expect(result.params).toEqual({
      method: 'umap',
      seed: 42,
      nNeighbors: 4,
      minDist: 0.1,
      spread: 1,
      nEpochs: 500,
      negativeSampleRate: 5,
      jitter: 0.002,
      refitShare: 0.5,
      anchors: 3,
      unanchored: 0,
    });
  });

  const clustered = clusteredVectors(4, 25, 16, 0.6, 3);
  const graph = exactKnn(clustered.vectors, clustered.dim, 15);
  const ids = idsOf(100);
  const fit = layoutMap({ ids, graph }, options());

  it('puts every coordinate in [0, 1] with 4 decimals, the wider axis spanning all of it', () => {
    expectMapCoordinates(fit.x);
    expectMapCoordinates(fit.y);
    const spanX = Math.max(...fit.x) - Math.min(...fit.x);
    const spanY = Math.max(...fit.y) - Math.min(...fit.y);
    expect(Math.max(spanX, spanY)).toBe(1);
    // The narrower axis is centred.
    const [low, high] =
      spanX < spanY
        ? [Math.min(...fit.x), Math.max(...fit.x)]
        : [Math.min(...fit.y), Math.max(...fit.y)];
    expect(low + high).toBeCloseTo(1, 3);
  });

  it('gives byte-identical coordinates on a re-run and other ones for another seed', () => {
    const again = layoutMap({ ids, graph }, options());
    expect(JSON.stringify(again)).toBe(JSON.stringify(fit));
    const reseeded = layoutMap({ ids, graph }, options({ seed: 7 }));
    expect(reseeded.x).not.toEqual(fit.x);
  });

  it('keeps clusters together: each paper’s nearest point on the map is from its own cluster', () => {
    let same = 0;
    for (let i = 0; i < ids.length; i++) {
      let best = -1;
      let bestDistance = Infinity;
      for (let j = 0; j < ids.length; j++) {
        if (j === i) continue;
        const d = distance(fit.x[i]!, fit.y[i]!, fit.x[j]!, fit.y[j]!);
        if (d < bestDistance) [best, bestDistance] = [j, d];
      }
      if (clustered.labels[best] === clustered.labels[i]) same += 1;
    }
    expect(same / ids.length).toBeGreaterThanOrEqual(0.98);
  });

  it('ignores previous places when a refit is asked', () => {
    const previous = new Map<string, MapPlace>(ids.map((id) => [id, { x: 0.5, y: 0.5 }]));
    const refit = layoutMap({ ids, graph, previous }, options({ refit: true }));
    expect(refit.x).toEqual(fit.x);
    expect(refit.params.method).toBe('umap');
    expect(refit.projected).toBe(0);
  });

  it('fits afresh when no previous place belongs to a current paper', () => {
    const previous = new Map<string, MapPlace>([['gone', { x: 0.1, y: 0.2 }]]);
    expect(layoutMap({ ids, graph, previous }, options()).x).toEqual(fit.x);
  });

  it('uses umap-learn’s epoch rule unless told otherwise', () => {
    expect(autoEpochs(10_000)).toBe(500);
    expect(autoEpochs(10_001)).toBe(200);
    expect(layoutMap({ ids, graph }, options({ nEpochs: 20 })).params.nEpochs).toBe(20);
  });
});

describe('layoutMap: projection into a previous map', () => {
  // 3 clusters of 11; the last paper of each cluster arrives on the new day.
  const all = clusteredVectors(3, 11, 16, 0.5, 5);
  const allIds = idsOf(33);
  const isNew = (row: number): boolean => row % 11 === 10;
  const oldRows = allIds.map((_, row) => row).filter((row) => !isNew(row));
  const oldVectors = new Float32Array(oldRows.length * all.dim);
  oldRows.forEach((row, i) =>
    oldVectors.set(all.vectors.subarray(row * all.dim, (row + 1) * all.dim), i * all.dim),
  );
  const before = layoutMap(
    { ids: oldRows.map((row) => allIds[row]!), graph: exactKnn(oldVectors, all.dim, 12) },
    options(),
  );
  const previous = new Map<string, MapPlace>(
    oldRows.map((row, i) => [allIds[row]!, { x: before.x[i]!, y: before.y[i]! }]),
  );
  const graph = exactKnn(all.vectors, all.dim, 12);
  const after = layoutMap({ ids: allIds, graph, previous }, options());

  it('keeps every previous paper at its exact place', () => {
    oldRows.forEach((row) => {
      expect({ x: after.x[row], y: after.y[row] }).toEqual(previous.get(allIds[row]!));
    });
    expect(after.params.method).toBe('projection');
    expect(after.projected).toBe(3);
    expect(after.refitAdvised).toBe(false);
  });

  it('puts a new paper within the jitter of its 3 most similar placed neighbours’ median', () => {
    for (let row = 0; row < allIds.length; row++) {
      if (!isNew(row)) continue;
      const anchors = Array.from(graph.rows.subarray(row * graph.k, (row + 1) * graph.k))
        .map((other, j) => ({ other, score: graph.scores[row * graph.k + j]! }))
        .filter(({ other }) => !isNew(other))
        .slice(0, 3);
      const median = (values: number[]) =>
        weightedMedian(
          values,
          anchors.map(({ score }) => score),
        );
      const mx = median(anchors.map(({ other }) => after.x[other]!));
      const my = median(anchors.map(({ other }) => after.y[other]!));
      const d = distance(after.x[row]!, after.y[row]!, mx, my);
      expect(d).toBeLessThanOrEqual(DEFAULT_LAYOUT_OPTIONS.jitter + 1e-4);
    }
  });

  it('puts a new paper closer to its own cluster than to any other', () => {
    const centre = (cluster: number): [number, number] => {
      const rows = oldRows.filter((row) => all.labels[row] === cluster);
      const mean = (values: number[]) => rows.reduce((s, row) => s + values[row]!, 0) / rows.length;
      return [mean(after.x), mean(after.y)];
    };
    for (let row = 0; row < allIds.length; row++) {
      if (!isNew(row)) continue;
      const distances = [0, 1, 2].map((cluster) =>
        distance(after.x[row]!, after.y[row]!, ...centre(cluster)),
      );
      const own = distances[all.labels[row]!]!;
      expect(Math.min(...distances)).toBe(own);
    }
  });

  it('keeps coordinates in [0, 1] with 4 decimals and is deterministic', () => {
    expectMapCoordinates(after.x);
    expectMapCoordinates(after.y);
    const again = layoutMap({ ids: allIds, graph, previous }, options());
    expect(JSON.stringify(again)).toBe(JSON.stringify(after));
  });

  it('advises a refit when most papers are new, but still keeps the old places', () => {
    const few = new Map([...previous].slice(0, 10));
    const result = layoutMap({ ids: allIds, graph, previous: few }, options());
    expect(result.projected).toBe(23);
    expect(result.refitAdvised).toBe(true);
    for (const [id, place] of few) {
      const row = allIds.indexOf(id);
      expect({ x: result.x[row], y: result.y[row] }).toEqual(place);
    }
  });

  it('rejects a previous place outside the unit square', () => {
    const broken = new Map(previous);
    broken.set(allIds[0]!, { x: 1.5, y: 0.2 });
    expect(() => layoutMap({ ids: allIds, graph, previous: broken }, options())).toThrow(
      /paper p000 is \(1\.5, 0\.2\), outside \[0, 1\]²/,
    );
  });
});

describe('layoutMap: projection chains', () => {
  // Rows: a, b, c on the map; d's only neighbour is the new e; e's is a; f and g know only each other.
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const graph: KnnGraph = {
    k: 1,
    count: 7,
    rows: Int32Array.from([1, 0, 0, 4, 0, 6, 5]),
    scores: Float32Array.from([0.9, 0.9, 0.8, 0.9, 0.9, 0.9, 0.9]),
  };
  const previous = new Map<string, MapPlace>([
    ['a', { x: 0.2, y: 0.3 }],
    ['b', { x: 0.25, y: 0.3 }],
    ['c', { x: 0.9, y: 0.9 }],
  ]);
  const result = layoutMap({ ids, graph, previous }, options({ jitter: 0 }));

  it('places papers whose neighbours are new in later rounds', () => {
    expect([result.x[4], result.y[4]]).toEqual([0.2, 0.3]);
    expect([result.x[3], result.y[3]]).toEqual([0.2, 0.3]);
  });

  it('puts unanchored papers at the centre, counts them and advises a refit', () => {
    expect([result.x[5], result.y[5], result.x[6], result.y[6]]).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(result.params.unanchored).toBe(2);
    expect(result.projected).toBe(4);
    expect(result.refitAdvised).toBe(true);
  });

  it('jitters papers with the same neighbours apart, each by its own id', () => {
    const jittered = layoutMap({ ids, graph, previous }, options());
    expect([jittered.x[3], jittered.y[3]]).not.toEqual([jittered.x[4], jittered.y[4]]);
    expect(distance(jittered.x[4]!, jittered.y[4]!, 0.2, 0.3)).toBeLessThanOrEqual(0.0021);
    // The same paper lands on the same spot whatever else arrives with it.
    const alone = layoutMap(
      {
        ids: ['a', 'b', 'e'],
        graph: {
          k: 1,
          count: 3,
          rows: Int32Array.from([1, 0, 0]),
          scores: Float32Array.from([0.9, 0.9, 0.9]),
        },
        previous,
      },
      options(),
    );
    expect([alone.x[2], alone.y[2]]).toEqual([jittered.x[4], jittered.y[4]]);
  });
});

describe('weightedMedian', () => {
  it('takes the smallest value whose cumulative weight reaches half the total', () => {
    expect(weightedMedian([0.9, 0.1, 0.5], [1, 1, 1])).toBe(0.5);
    expect(weightedMedian([0.9, 0.1, 0.5], [3, 1, 1])).toBe(0.9);
    expect(weightedMedian([0.2, 0.8], [1, 1])).toBe(0.2);
    expect(weightedMedian([0.7], [0.3])).toBe(0.7);
  });
});

describe('layoutMap: tiny corpora', () => {
  const tiny = (count: number, k: number): KnnGraph => {
    const { vectors, dim } = clusteredVectors(1, count, 8, 1, 9);
    return count > 1
      ? exactKnn(vectors, dim, k)
      : { k, count, rows: new Int32Array(0), scores: new Float32Array(0) };
  };

  it('returns an empty map for no papers', () => {
    const result = layoutMap(
      { ids: [], graph: { k: 0, count: 0, rows: new Int32Array(0), scores: new Float32Array(0) } },
      options(),
    );
    expect(result).toMatchObject({ x: [], y: [], projected: 0, refitAdvised: false });
    expect(result.params.method).toBe('fixed');
  });

  it('puts one paper at the centre and two side by side', () => {
    expect(layoutMap({ ids: ['a'], graph: tiny(1, 0) }, options())).toMatchObject({
      x: [0.5],
      y: [0.5],
    });
    const two = layoutMap({ ids: ['a', 'b'], graph: tiny(2, 1) }, options());
    expect(two).toMatchObject({ x: [0, 1], y: [0.5, 0.5] });
    expect(two.params).toMatchObject({ method: 'fixed', nNeighbors: 0, nEpochs: 0 });
  });

  it('runs UMAP from 3 papers on, with nNeighbors cut to n − 1 and to the graph', () => {
    for (const count of [3, 5, 15, 16]) {
      const result = layoutMap({ ids: idsOf(count), graph: tiny(count, count - 1) }, options());
      expect(result.params.method).toBe('umap');
      expect(result.params.nNeighbors).toBe(Math.min(15, count - 1));
      expectMapCoordinates(result.x);
      expectMapCoordinates(result.y);
      expect(
        Math.max(
          Math.max(...result.x) - Math.min(...result.x),
          Math.max(...result.y) - Math.min(...result.y),
        ),
      ).toBe(1);
    }
    const shallow = layoutMap({ ids: idsOf(20), graph: tiny(20, 4) }, options());
    expect(shallow.params.nNeighbors).toBe(5);
  });

  it('projects new papers into a tiny previous map', () => {
    const result = layoutMap(
      { ids: ['a', 'b'], graph: tiny(2, 1), previous: new Map([['a', { x: 0.4, y: 0.6 }]]) },
      options(),
    );
    expect([result.x[0], result.y[0]]).toEqual([0.4, 0.6]);
    expect(distance(result.x[1]!, result.y[1]!, 0.4, 0.6)).toBeLessThanOrEqual(0.0021);
    expect(result.refitAdvised).toBe(false);
  });
});

describe('layoutMap: bad input', () => {
  const { vectors, dim } = clusteredVectors(2, 5, 8, 0.5, 1);
  const graph = exactKnn(vectors, dim, 4);

  it('names a graph that does not match the papers', () => {
    expect(() => layoutMap({ ids: idsOf(9), graph }, options())).toThrow(
      /k-NN graph has 10 rows but there are 9 papers/,
    );
  });

  it('names the option out of range', () => {
    expect(() => layoutMap({ ids: idsOf(10), graph }, options({ nNeighbors: 1 }))).toThrow(
      /layout option nNeighbors must be an integer from 2 to 200, got 1/,
    );
    expect(() => layoutMap({ ids: idsOf(10), graph }, options({ minDist: 2 }))).toThrow(/minDist/);
    expect(() => layoutMap({ ids: idsOf(10), graph }, options({ nEpochs: 0 }))).toThrow(/nEpochs/);
    expect(() => layoutMap({ ids: idsOf(10), graph }, options({ refitShare: 0 }))).toThrow(
      /refitShare/,
    );
    expect(() => layoutMap({ ids: idsOf(10), graph }, options({ jitter: -1 }))).toThrow(/jitter/);
    expect(() => layoutMap({ ids: idsOf(10), graph }, options({ anchors: 0 }))).toThrow(
      /anchors must be an integer ≥ 1, got 0/,
    );
  });
});
