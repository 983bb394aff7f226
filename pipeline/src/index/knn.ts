/**
 * The k-nearest-neighbour graph of all papers, as the index stage produces it and the topic
 * stage consumes it. Row numbers refer to the papers' order (`papers.json`).
 */
export interface KnnGraph {
  /** Neighbours per row (the row itself excluded). */
  k: number;
  /** Number of rows (papers). */
  count: number;
  /** count × k neighbour row numbers, best first; -1 pads rows with fewer than k neighbours. */
  rows: Int32Array;
  /** count × k cosine similarities aligned with `rows`; NaN where `rows` is -1. */
  scores: Float32Array;
}
