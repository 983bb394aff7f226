/**
 * Hybrid related papers: the union of a paper's dense neighbours (the k-NN graph) and its
 * lexical neighbours (BM25 vectors, `lexical.ts`) re-ranked by a weighted blend of the two
 * cosines, `alpha · dense + (1 − alpha) · lexical`, plus a neighbourhood term: what a paper's
 * nearest papers think of the candidate (see {@link NeighbourhoodOptions}).
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

/**
 * The neighbourhood term, a symmetric one-step diffusion over the graph of best blended scores
 * (as in diffusion re-ranking, Iscen et al., CVPR 2017, and average query expansion, Chum et al.,
 * ICCV 2007): with `N(a)` the `size` candidates of `a` of highest blend `s`,
 *
 *   score(a, b) = (s(a, b) + weight / 2 · (mean over x in N(a) of s(x, b)
 *                                       + mean over y in N(b) of s(a, y))) / (1 + weight),
 *
 * divided by `1 + weight` so that scores stay in the blend's range (at most 1) for display.
 * Citations are transitive: a paper the neighbours of `a` are close to is likely cited along
 * with them. A neighbour's own score to itself is 1, so being among `a`'s `size` best (or `a`
 * among `b`'s) is rewarded too. Symmetric, so a new paper is still offered to old lists with the
 * score the old paper would give it.
 */
export interface NeighbourhoodOptions {
  /** Weight of the neighbourhood term, ≥ 0 (0 turns it off). */
  weight: number;
  /** Neighbours averaged over, ≥ 1: a paper's candidates with the best blended score. */
  size: number;
}

/** Parameters of the hybrid ranking. */
export interface HybridOptions {
  /** Weight of the dense cosine, 0..1 (1 is dense only). Default {@link DEFAULT_HYBRID}. */
  alpha: number;
  /** Lexical candidates per paper added to the graph's neighbours, ≥ 0. */
  lexicalCandidates: number;
  /** The neighbourhood term; absent, related papers are ranked by the blend alone. */
  neighbourhood?: NeighbourhoodOptions;
}

/** The defaults, chosen on one half of citations-dev and reported on the other (see the README). */
export const DEFAULT_HYBRID: HybridOptions = {
  alpha: 0.3,
  lexicalCandidates: 20,
  neighbourhood: { weight: 1, size: 5 },
};

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

/**
 * Scores pairs of rows by the hybrid ranking: the blend, plus the neighbourhood term when the
 * options ask for it. Each row's candidates and neighbourhood are found once and kept, so a
 * scorer serves one corpus and one set of options.
 */
export class HybridScorer {
  private readonly scratch: Float32Array;
  private readonly candidates = new Map<number, number[]>();
  private readonly neighbourhoods = new Map<number, number[]>();

  constructor(
    readonly corpus: HybridCorpus,
    readonly options: HybridOptions,
  ) {
    this.scratch = new Float32Array(corpus.lexical.count);
    const size = options.neighbourhood?.size ?? 1;
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`neighbourhood size must be an integer ≥ 1, got ${size}`);
    }
  }

  /** Candidate rows of `row` ({@link hybridCandidates}), kept. */
  candidatesOf(row: number): number[] {
    let list = this.candidates.get(row);
    if (!list) {
      list = hybridCandidates(this.corpus, row, this.options, this.scratch);
      this.candidates.set(row, list);
    }
    return list;
  }

  /** The blend of rows `a` and `b`. */
  blend(a: number, b: number): number {
    return hybridScore(this.corpus, a, b, this.options.alpha);
  }

  /** The `neighbourhood.size` candidates of `row` of highest blend, ties by row. */
  neighbourhoodOf(row: number): number[] {
    let list = this.neighbourhoods.get(row);
    if (!list) {
      list = this.candidatesOf(row)
        .map((other) => ({ row: other, score: this.blend(row, other) }))
        .sort((a, b) => b.score - a.score || a.row - b.row)
        .slice(0, this.options.neighbourhood?.size ?? 0)
        .map((hit) => hit.row);
      this.neighbourhoods.set(row, list);
    }
    return list;
  }

  /** The hybrid score of rows `a` and `b`; symmetric. */
  score(a: number, b: number): number {
    const blend = this.blend(a, b);
    const weight = this.options.neighbourhood?.weight ?? 0;
    if (weight === 0) return blend;
    const meanTo = (rows: readonly number[], other: number) => {
      let sum = 0;
      for (const row of rows) sum += this.blend(row, other);
      return rows.length > 0 ? sum / rows.length : 0;
    };
    const around = meanTo(this.neighbourhoodOf(a), b) + meanTo(this.neighbourhoodOf(b), a);
    return (blend + (weight / 2) * around) / (1 + weight);
  }

  /** Candidates of `row` ranked by score (rounded to 4 decimals), best first, ties by row. */
  rank(row: number): ScoredRow[] {
    return this.candidatesOf(row)
      .map((other) => ({ row: other, score: roundScore(this.score(row, other)) }))
      .sort((a, b) => b.score - a.score || a.row - b.row);
  }
}

/** Candidates of `row` ranked by hybrid score (rounded to 4 decimals), best first, ties by row. */
export function rankHybrid(
  corpus: HybridCorpus,
  row: number,
  options: HybridOptions,
  scorer: HybridScorer = new HybridScorer(corpus, options),
): ScoredRow[] {
  return scorer.rank(row);
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
  const scorer = new HybridScorer(corpus, options);
  const related: Record<string, Neighbour[]> = {};
  ids.forEach((id, row) => {
    related[id] = toNeighbours(scorer.rank(row), ids, k);
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
  const scorer = new HybridScorer(corpus, options);
  const offered = new Map<number, Map<number, number>>();
  const offer = (old: number, fresh: number, score: number) => {
    const list = offered.get(old) ?? new Map<number, number>();
    list.set(fresh, score);
    offered.set(old, list);
  };
  const fresh: Record<string, Neighbour[]> = {};
  for (let row = firstNew; row < ids.length; row++) {
    const ranked = scorer.rank(row);
    fresh[ids[row]!] = toNeighbours(ranked, ids, k);
    for (const hit of ranked) if (hit.row < firstNew) offer(hit.row, row, hit.score);
  }
  const { graph } = corpus;
  for (let row = 0; row < firstNew; row++) {
    for (let j = 0; j < graph.k; j++) {
      const other = graph.rows[row * graph.k + j]!;
      if (other >= firstNew && !offered.get(row)?.has(other)) {
        offer(row, other, roundScore(scorer.score(row, other)));
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
