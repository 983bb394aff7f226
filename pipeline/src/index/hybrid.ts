/**
 * Hybrid related papers: the union of a paper's dense neighbours (the k-NN graph) and its
 * lexical neighbours (BM25 vectors, `lexical.ts`) re-ranked by a weighted blend of the two
 * cosines, `alpha · dense + (1 − alpha) · lexical`.
 *
 * A blend of scores rather than reciprocal rank fusion: both were measured on citations-dev
 * (`npm run bench -- related`), and a blend is symmetric in the two papers, so a new paper can be
 * offered to an old paper's list with the score that paper would give it (`extendHybrid`),
 * without recomputing the old paper's whole list.
 */
import type { Neighbour } from '../schema/artifacts.ts';
import type { KnnGraph } from './knn.ts';
import {
  lexicalNeighbours,
  lexicalSearch,
  lexicalSimilarity,
  queryScore,
  type LexicalIndex,
  type LexicalQuery,
} from './lexical.ts';
import { roundScore } from './related.ts';

/** Parameters of the hybrid ranking. */
export interface HybridOptions {
  /** Weight of the dense cosine, 0..1 (1 is dense only). Default {@link DEFAULT_HYBRID}. */
  alpha: number;
  /** Lexical candidates per paper added to the graph's neighbours, ≥ 0. */
  lexicalCandidates: number;
}

/** The defaults, chosen on one half of citations-dev and reported on the other (see the README). */
export const DEFAULT_HYBRID: HybridOptions = { alpha: 0.4, lexicalCandidates: 20 };

/** What the ranking reads: vectors, graph and lexical index over the same rows. */
export interface HybridCorpus {
  /** Unit vectors, row-major. */
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
  lexical: LexicalIndex;
}

function dot(vectors: Float32Array, dim: number, a: number, b: number): number {
  let sum = 0;
  const ia = a * dim;
  const ib = b * dim;
  for (let d = 0; d < dim; d++) sum += vectors[ia + d]! * vectors[ib + d]!;
  return sum;
}

/** The blended score of rows `a` and `b`; symmetric. */
export function hybridScore(corpus: HybridCorpus, a: number, b: number, alpha: number): number {
  return (
    alpha * dot(corpus.vectors, corpus.dim, a, b) +
    (1 - alpha) * lexicalSimilarity(corpus.lexical, a, b)
  );
}

/** A candidate row and its blended score. */
export interface ScoredRow {
  row: number;
  score: number;
}

/**
 * Candidate rows of `row`: its graph neighbours and its `lexicalCandidates` lexical neighbours,
 * each once, itself excluded.
 */
export function hybridCandidates(
  corpus: HybridCorpus,
  row: number,
  options: HybridOptions,
  scratch?: Float32Array,
): number[] {
  const { graph } = corpus;
  const seen = new Set<number>();
  for (let j = 0; j < graph.k; j++) {
    const other = graph.rows[row * graph.k + j]!;
    if (other >= 0 && other !== row) seen.add(other);
  }
  if (options.lexicalCandidates > 0) {
    const hits = lexicalNeighbours(
      corpus.lexical,
      row,
      options.lexicalCandidates,
      undefined,
      scratch,
    );
    for (const other of hits.rows) seen.add(other);
  }
  return [...seen];
}

/** Candidates of `row` ranked by blended score (rounded to 4 decimals), best first, ties by row. */
export function rankHybrid(
  corpus: HybridCorpus,
  row: number,
  options: HybridOptions,
  scratch?: Float32Array,
): ScoredRow[] {
  return hybridCandidates(corpus, row, options, scratch)
    .map((other) => ({
      row: other,
      score: roundScore(hybridScore(corpus, row, other, options.alpha)),
    }))
    .sort((a, b) => b.score - a.score || a.row - b.row);
}

function toNeighbours(
  ranked: readonly ScoredRow[],
  ids: readonly string[],
  k: number,
): Neighbour[] {
  return ranked
    .map((hit) => ({ id: ids[hit.row]!, score: hit.score }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, k);
}

/**
 * Related papers of every row by the hybrid ranking: paper id → up to `k` neighbours, best
 * first (ties by id), keys in the order of `ids`.
 */
export function hybridRelated(
  corpus: HybridCorpus,
  ids: readonly string[],
  k: number,
  options: HybridOptions,
): Record<string, Neighbour[]> {
  if (ids.length !== corpus.graph.count || ids.length !== corpus.lexical.count) {
    throw new RangeError(
      `${ids.length} ids for a graph of ${corpus.graph.count} and a lexical index of ${corpus.lexical.count} rows`,
    );
  }
  const scratch = new Float32Array(corpus.lexical.count);
  const related: Record<string, Neighbour[]> = {};
  ids.forEach((id, row) => {
    related[id] = toNeighbours(rankHybrid(corpus, row, options, scratch), ids, k);
  });
  return related;
}

/**
 * Extends the related lists of a previous run whose papers are the first rows: the new rows get
 * full lists; an old row keeps its list and takes in a new row when the new row is among its
 * candidates or it is among the new row's, and scores above its last entry. Old lists keep the
 * scores they were given (with the lexical statistics of their time; see `lexicalStats`).
 *
 * @param previous the previous lists of the old rows (ids of the first `previous count` rows).
 * @param firstNew row of the first new paper; rows before it are old.
 */
export function extendHybrid(
  corpus: HybridCorpus,
  ids: readonly string[],
  k: number,
  options: HybridOptions,
  previous: Readonly<Record<string, readonly Neighbour[]>>,
  firstNew: number,
): Record<string, Neighbour[]> {
  const scratch = new Float32Array(corpus.lexical.count);
  const offered = new Map<number, Map<number, number>>();
  const offer = (old: number, fresh: number, score: number) => {
    const list = offered.get(old) ?? new Map<number, number>();
    list.set(fresh, score);
    offered.set(old, list);
  };
  const fresh: Record<string, Neighbour[]> = {};
  for (let row = firstNew; row < ids.length; row++) {
    const ranked = rankHybrid(corpus, row, options, scratch);
    fresh[ids[row]!] = toNeighbours(ranked, ids, k);
    for (const hit of ranked) if (hit.row < firstNew) offer(hit.row, row, hit.score);
  }
  const { graph } = corpus;
  for (let row = 0; row < firstNew; row++) {
    for (let j = 0; j < graph.k; j++) {
      const other = graph.rows[row * graph.k + j]!;
      if (other >= firstNew && !offered.get(row)?.has(other)) {
        offer(row, other, roundScore(hybridScore(corpus, row, other, options.alpha)));
      }
    }
  }
  const related: Record<string, Neighbour[]> = {};
  ids.forEach((id, row) => {
    if (row >= firstNew) {
      related[id] = fresh[id]!;
      return;
    }
    const list = previous[id];
    if (list === undefined) throw new RangeError(`no previous related list for ${id}`);
    const extra = offered.get(row);
    if (extra === undefined) {
      related[id] = [...list];
      return;
    }
    const merged: Neighbour[] = [...list];
    for (const [other, score] of extra) merged.push({ id: ids[other]!, score });
    related[id] = merged
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, k);
  });
  return related;
}

/** A search query on both sides: a unit vector and a lexical query. */
export interface HybridQuery {
  vector: Float32Array;
  lexical: LexicalQuery;
}

/**
 * Search by the hybrid score, as related papers are ranked: the dense hits (from the index) and
 * the `lexicalCandidates` best lexical hits, re-ranked by `alpha · dense + (1 − alpha) ·
 * lexical` (rounded to 4 decimals), best first (ties by row), `exclude` left out, at most `k`.
 *
 * @param denseRows rows the index found nearest to `query.vector`.
 */
export function hybridSearch(
  corpus: Pick<HybridCorpus, 'vectors' | 'dim' | 'lexical'>,
  query: HybridQuery,
  denseRows: readonly number[],
  k: number,
  options: HybridOptions,
  exclude: ReadonlySet<number> = new Set(),
): ScoredRow[] {
  const rows = new Set(denseRows.filter((row) => !exclude.has(row)));
  for (const row of lexicalSearch(corpus.lexical, query.lexical, options.lexicalCandidates, exclude)
    .rows) {
    rows.add(row);
  }
  const { vectors, dim } = corpus;
  return [...rows]
    .map((row) => {
      let dense = 0;
      for (let d = 0; d < dim; d++) dense += query.vector[d]! * vectors[row * dim + d]!;
      const lexical = queryScore(corpus.lexical, query.lexical, row);
      return { row, score: roundScore(options.alpha * dense + (1 - options.alpha) * lexical) };
    })
    .sort((a, b) => b.score - a.score || a.row - b.row)
    .slice(0, k);
}
