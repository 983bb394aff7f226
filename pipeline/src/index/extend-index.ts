/**
 * Adds papers to a previous run's index and k-NN graph instead of rebuilding both: the rows
 * after the previous ones are inserted into the loaded HNSW index, queried for their own
 * neighbours, and offered to the neighbour lists of the previous rows they come close to.
 *
 * A previous row's list can only change by taking in new rows, and a new row enters it only
 * when it is closer than the row's current k-th neighbour. Such a row is almost always among the
 * new row's nearest candidates (similarity is symmetric), so each new row is offered to the
 * previous rows among its {@link REVERSE_CANDIDATES} × k nearest. The recall measured after every
 * run covers the extended graph like a rebuilt one.
 */
import type { HierarchicalNSW } from 'hnswlib-node';
import { compareHits, loadIndex, rowNeighbours, searchIndex, type Hit } from './hnsw-index.ts';
import type { KnnGraph } from './knn.ts';

/** New rows are offered to the previous rows among this many × k of their nearest. */
export const REVERSE_CANDIDATES = 3;

/** What {@link extendIndex} returns: the grown index and graph over all rows. */
export interface ExtendedIndex {
  index: HierarchicalNSW;
  graph: KnnGraph;
}

/**
 * Loads the index in `file` (built over the first `previous.count` rows of `vectors`), inserts
 * the remaining rows, and returns it with the graph of every row.
 *
 * @param previous the k-NN graph of the previous rows, with the k wanted now.
 * @throws {RangeError} when the index file holds another number of rows than `previous`.
 */
export async function extendIndex(
  file: string,
  previous: KnnGraph,
  vectors: Float32Array,
  dim: number,
  efSearch: number,
): Promise<ExtendedIndex> {
  const { k } = previous;
  const count = vectors.length / dim;
  const first = previous.count;
  if (!Number.isInteger(count) || count < first) {
    throw new RangeError(`cannot extend an index of ${first} rows to ${count} rows`);
  }
  const index = await loadIndex(file, dim, efSearch);
  if (index.getCurrentCount() !== first) {
    throw new RangeError(
      `${file} holds ${index.getCurrentCount()} rows, the previous graph ${first}`,
    );
  }
  if (count > index.getMaxElements()) index.resizeIndex(count);
  for (let row = first; row < count; row++) {
    index.addPoint(Array.from(vectors.subarray(row * dim, (row + 1) * dim)), row);
  }

  const rows = new Int32Array(count * k).fill(-1);
  const scores = new Float32Array(count * k).fill(Number.NaN);
  rows.set(previous.rows);
  scores.set(previous.scores);
  const graph: KnnGraph = { k, count, rows, scores };
  for (let row = first; row < count; row++) {
    rowNeighbours(index, vectors, dim, row, k).forEach((hit, j) => {
      rows[row * k + j] = hit.row;
      scores[row * k + j] = hit.score;
    });
  }
  for (let row = first; row < count; row++) {
    const query = vectors.subarray(row * dim, (row + 1) * dim);
    for (const hit of searchIndex(index, query, REVERSE_CANDIDATES * k + 1)) {
      if (hit.row < first) offerNeighbour(graph, hit.row, { row, score: hit.score });
    }
  }
  return { index, graph };
}

/**
 * Puts `candidate` into `row`'s neighbour list if it is better (score, then row number) than
 * the list's last entry or fills a padding slot, keeping the list sorted.
 */
export function offerNeighbour(graph: KnnGraph, row: number, candidate: Hit): void {
  const { k, rows, scores } = graph;
  const base = row * k;
  for (let j = 0; j < k; j++) if (rows[base + j] === candidate.row) return;
  const last = base + k - 1;
  const lastHit: Hit = { row: rows[last]!, score: scores[last]! };
  if (lastHit.row >= 0 && compareHits(candidate, lastHit) >= 0) return;
  let at = last;
  while (at > base) {
    const before: Hit = { row: rows[at - 1]!, score: scores[at - 1]! };
    if (before.row >= 0 && compareHits(before, candidate) <= 0) break;
    rows[at] = rows[at - 1]!;
    scores[at] = scores[at - 1]!;
    at--;
  }
  rows[at] = candidate.row;
  scores[at] = candidate.score;
}
