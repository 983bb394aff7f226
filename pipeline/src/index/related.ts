import type { Neighbour } from '../schema/artifacts.ts';
import type { KnnGraph } from './knn.ts';

/** Cosine similarity rounded to 4 decimals, as every artifact stores it. */
export function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4 || 0;
}

/**
 * Related papers for `related.json`: up to `k` neighbours per paper from the k-NN graph, the
 * paper itself excluded, scores rounded to 4 decimals, sorted by rounded score (highest first)
 * then id, so equal inputs give byte-identical output.
 *
 * @param ids paper id of each graph row (`papers.json` order).
 * @param k neighbours per paper, at most `graph.k`.
 * @returns paper id → neighbours, keys in the order of `ids`.
 */
export function relatedPapers(
  graph: KnnGraph,
  ids: string[],
  k: number,
): Record<string, Neighbour[]> {
  if (ids.length !== graph.count) {
    throw new RangeError(`${ids.length} paper ids for a k-NN graph of ${graph.count} rows`);
  }
  if (k > graph.k) throw new RangeError(`k = ${k} exceeds the graph's k = ${graph.k}`);
  const related: Record<string, Neighbour[]> = {};
  ids.forEach((id, row) => {
    const neighbours: Neighbour[] = [];
    for (let j = 0; j < graph.k; j++) {
      const other = graph.rows[row * graph.k + j] as number;
      if (other < 0 || other === row) continue;
      neighbours.push({
        id: ids[other] as string,
        score: roundScore(graph.scores[row * graph.k + j] as number),
      });
    }
    neighbours.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    related[id] = neighbours.slice(0, k);
  });
  return related;
}
