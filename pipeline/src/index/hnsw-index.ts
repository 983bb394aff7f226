/**
 * Approximate nearest-neighbour index over the paper vectors: HNSW (Malkov & Yashunin,
 * arXiv:1603.09320) through hnswlib-node, cosine space, labels = row numbers.
 */
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { HierarchicalNSW } from 'hnswlib-node';
import type { KnnGraph } from './knn.ts';
import { DEFAULTS } from '../defaults.ts';

/** HNSW parameters. */
export interface IndexParams {
  /** Links per node (hnswlib `M`), 2–100; higher: better recall, bigger index, slower build. */
  M: number;
  /** Candidate list size while building, ≥ M; higher: better graph, slower build. */
  efConstruction: number;
  /** Candidate list size while searching, ≥ k; higher: better recall, slower queries. */
  efSearch: number;
  /** Seed of hnswlib's level generator; with the same insertion order the build is repeatable. */
  seed: number;
}

/**
 * Defaults, chosen by measurement on the 74,728 arxiv-cs-daily abstracts (384-d,
 * all-MiniLM-L6-v2), recall@10 against exact search on 1,000 seeded sample papers, on a shared
 * 2-core machine:
 *
 * | M | efConstruction | build | efSearch 50 | 64 | 100 | 150 |
 * |---|---|---|---|---|---|---|
 * | 12 | 200 | 95 s | 0.9850 | 0.9897 | 0.9945 | 0.9975 |
 * | 16 | 100 | 84 s | 0.9873 | 0.9912 | 0.9952 | 0.9976 |
 * | 16 | 200 | 128 s | 0.9908 | 0.9942 | **0.9974** | 0.9989 |
 *
 * At efSearch 100 a query took 0.54 ms (p50) under load. The chosen point keeps recall well
 * above the 0.99 target while queries stay below 1 ms; `npm run bench` re-measures it.
 */
export const DEFAULT_INDEX_PARAMS: Readonly<IndexParams> = {
  M: 16,
  efConstruction: 200,
  efSearch: 100,
  seed: DEFAULTS.seed,
};

/** A search hit: row number and cosine similarity (1 − hnswlib's cosine distance). */
export interface Hit {
  row: number;
  score: number;
}

/** Progress callback: `done` of `total` vectors inserted. */
export type BuildProgress = (done: number, total: number) => void;

function rowCount(vectors: Float32Array, dim: number): number {
  if (!Number.isInteger(dim) || dim < 1 || vectors.length % dim !== 0) {
    throw new RangeError(`${vectors.length} values do not split into rows of dim ${dim}`);
  }
  return vectors.length / dim;
}

/** Orders hits by score (highest first), ties by row (lowest first). */
export function compareHits(a: Hit, b: Hit): number {
  return b.score - a.score || a.row - b.row;
}

/**
 * Builds the index, inserting rows in order (label = row number), single-threaded.
 *
 * @param vectors row-major, `dim` values per row.
 * @param onProgress called every 1,000 rows and at the end.
 */
export function buildIndex(
  vectors: Float32Array,
  dim: number,
  params: IndexParams = DEFAULT_INDEX_PARAMS,
  onProgress?: BuildProgress,
): HierarchicalNSW {
  const count = rowCount(vectors, dim);
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  index.initIndex({
    maxElements: Math.max(count, 1),
    m: params.M,
    efConstruction: params.efConstruction,
    randomSeed: params.seed,
  });
  for (let row = 0; row < count; row++) {
    index.addPoint(Array.from(vectors.subarray(row * dim, (row + 1) * dim)), row);
    if (onProgress && ((row + 1) % 1000 === 0 || row + 1 === count)) onProgress(row + 1, count);
  }
  index.setEf(params.efSearch);
  return index;
}

/** Writes the index so that readers see the old or the new file, never half of one. */
export async function saveIndex(index: HierarchicalNSW, file: string): Promise<void> {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    await index.writeIndex(temp);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** An index file holds vectors of another dimension than expected: a broken contract. */
export class IndexDimensionError extends Error {
  constructor(
    readonly file: string,
    readonly fileDim: number,
    readonly expectedDim: number,
  ) {
    super(
      `${file} indexes ${fileDim}-dimensional vectors, expected ${expectedDim}; ` +
        'run the pipeline again to rebuild the index for the current model',
    );
    this.name = 'IndexDimensionError';
  }
}

/**
 * Vector dimension recorded in an hnswlib index file. The header starts with six 64-bit
 * integers; the fifth (label offset) minus the sixth (data offset) is the vector's byte size.
 */
async function indexFileDim(file: string): Promise<number> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(48);
    const { bytesRead } = await handle.read(header, 0, 48, 0);
    if (bytesRead < 48) throw new Error('file shorter than an hnswlib header');
    const dataBytes = Number(header.readBigUInt64LE(32) - header.readBigUInt64LE(40));
    return dataBytes / 4;
  } finally {
    await handle.close();
  }
}

/**
 * Reads an index written by {@link saveIndex}.
 *
 * @param dim the vector length it was built with, checked against the file.
 * @param efSearch candidate list size for searches.
 * @throws {IndexDimensionError} when the file holds vectors of another length.
 */
export async function loadIndex(
  file: string,
  dim: number,
  efSearch: number = DEFAULT_INDEX_PARAMS.efSearch,
): Promise<HierarchicalNSW> {
  const index = new hnswlib.HierarchicalNSW('cosine', dim);
  let fileDim: number;
  try {
    fileDim = await indexFileDim(file);
    if (fileDim === dim) await index.readIndex(file);
  } catch (error) {
    throw new Error(
      `cannot read the HNSW index ${file} (${(error as Error).message}); ` +
        'run the pipeline again to rebuild it',
    );
  }
  if (fileDim !== dim) throw new IndexDimensionError(file, fileDim, dim);
  index.setEf(efSearch);
  return index;
}

/** The `k` nearest rows to `query` (fewer when the index is smaller), best first. */
export function searchIndex(index: HierarchicalNSW, query: Float32Array, k: number): Hit[] {
  const n = Math.min(k, index.getCurrentCount());
  if (n <= 0) return [];
  const { neighbors, distances } = index.searchKnn(Array.from(query), n);
  return (
    neighbors
      // Rounded to float32 before sorting, so the order survives storage in a Float32Array.
      .map((row, i) => ({ row, score: Math.fround(1 - (distances[i] as number)) }))
      .sort(compareHits)
  );
}

/**
 * The `k` nearest other rows of stored row `row`. Asks for k + 1 and drops the row itself;
 * when exact duplicates push the row out of the answer, the last hit is dropped instead.
 */
export function rowNeighbours(
  index: HierarchicalNSW,
  vectors: Float32Array,
  dim: number,
  row: number,
  k: number,
): Hit[] {
  const hits = searchIndex(index, vectors.subarray(row * dim, (row + 1) * dim), k + 1);
  const self = hits.findIndex((hit) => hit.row === row);
  if (self >= 0) hits.splice(self, 1);
  return hits.slice(0, k);
}

/**
 * The k-nearest-neighbour graph of every stored row (itself excluded), through the index.
 *
 * @param onProgress called every 1,000 rows and at the end.
 */
export function knnGraph(
  index: HierarchicalNSW,
  vectors: Float32Array,
  dim: number,
  k: number,
  onProgress?: BuildProgress,
): KnnGraph {
  const count = rowCount(vectors, dim);
  const rows = new Int32Array(count * k).fill(-1);
  const scores = new Float32Array(count * k).fill(Number.NaN);
  for (let row = 0; row < count; row++) {
    rowNeighbours(index, vectors, dim, row, k).forEach((hit, j) => {
      rows[row * k + j] = hit.row;
      scores[row * k + j] = hit.score;
    });
    if (onProgress && ((row + 1) % 1000 === 0 || row + 1 === count)) onProgress(row + 1, count);
  }
  return { k, count, rows, scores };
}
