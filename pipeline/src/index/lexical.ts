/**
 * The lexical side of related papers: each paper as a sparse vector of BM25 term weights
 * (Robertson & Zaragoza, "The Probabilistic Relevance Framework: BM25 and Beyond", 2009) over
 * the words of the pipeline's own tokenizer (`topics/tokenize.ts`: plurals folded, stop and
 * generic words dropped), L2-normalized, so the lexical score of two papers is the cosine of
 * their vectors: symmetric, in [0, 1], and comparable across papers, which lets a new paper be
 * offered to old papers' lists without re-scoring them (`related.ts`).
 *
 * Written here rather than taken from a package: the BM25 packages on npm (wink-bm25-text-search,
 * okapibm25) score a query against documents with their own tokenizers and rebuild everything to
 * add a document; we need the topic keywords' words, document-to-document scores, and statistics
 * that can be frozen while new papers are appended.
 */
import type { TokenizedCorpus } from '../topics/tokenize.ts';
import { contentKeys } from '../topics/tokenize.ts';

/** BM25 term-frequency saturation; the usual default. */
export const BM25_K1 = 1.2;
/** BM25 length normalization; the usual default. */
export const BM25_B = 0.75;
/**
 * Query words used to find lexical candidates: a paper's highest-weighted words, as Lucene's
 * "more like this" does (25 there). Candidates are then scored on all their words.
 */
export const DEFAULT_QUERY_TERMS = 32;

/** Corpus statistics the weights are computed with. */
export interface LexicalStats {
  /** Documents the statistics were counted over. */
  docs: number;
  /** Documents containing each word (indexed by word key id). */
  df: Uint32Array;
  /** Mean document length in words. */
  avgLength: number;
}

/** Papers as L2-normalized sparse BM25 vectors, with an inverted index over them. */
export interface LexicalIndex {
  /** Number of papers (rows). */
  count: number;
  /** Row r's words are `terms[offsets[r] .. offsets[r+1])`, ascending word ids. */
  offsets: Uint32Array;
  terms: Uint32Array;
  /** Weight of each entry of `terms`. */
  weights: Float32Array;
  /** Word id → rows holding it: `postingRows[postingOffsets[t] .. postingOffsets[t+1])`. */
  postingOffsets: Uint32Array;
  postingRows: Uint32Array;
  /** Weight of the word in each posting row. */
  postingWeights: Float32Array;
  stats: LexicalStats;
}

/** Word ids and counts of each document, as the tokenizer keys them. */
export interface TermCounts {
  /** Per document: distinct word ids, ascending. */
  terms: Uint32Array[];
  /** Per document: how often each of its words occurs. */
  counts: Uint32Array[];
  /** Per document: number of words. */
  lengths: Uint32Array;
  /** Number of distinct word ids (ids are 0 .. vocabulary − 1). */
  vocabulary: number;
}

/** Counts the content words (`contentKeys`) of every document of a tokenized corpus. */
export function termCounts(corpus: TokenizedCorpus): TermCounts {
  const terms: Uint32Array[] = [];
  const counts: Uint32Array[] = [];
  const lengths = new Uint32Array(corpus.docs.length);
  for (let doc = 0; doc < corpus.docs.length; doc++) {
    const keys = contentKeys(corpus, doc);
    lengths[doc] = keys.length;
    const tally = new Map<number, number>();
    for (const key of keys) tally.set(key, (tally.get(key) ?? 0) + 1);
    const ids = Uint32Array.from(tally.keys()).sort();
    terms.push(ids);
    counts.push(Uint32Array.from(ids, (id) => tally.get(id)!));
  }
  return { terms, counts, lengths, vocabulary: corpus.keys.length };
}

/** Document frequencies and mean length over the first `docs` documents. */
export function lexicalStats(counts: TermCounts, docs = counts.terms.length): LexicalStats {
  const df = new Uint32Array(counts.vocabulary);
  let total = 0;
  for (let doc = 0; doc < docs; doc++) {
    for (const term of counts.terms[doc]!) df[term]! += 1;
    total += counts.lengths[doc]!;
  }
  return { docs, df, avgLength: docs > 0 ? total / docs : 0 };
}

/**
 * Builds the index. Words that occur in one document only (per `stats`) can never be shared and
 * are left out; so are words in more than half the documents, which carry almost no weight and
 * make the candidate search slow.
 *
 * @param stats defaults to statistics over all documents; pass frozen ones to keep old weights.
 */
export function buildLexicalIndex(counts: TermCounts, stats = lexicalStats(counts)): LexicalIndex {
  const n = counts.terms.length;
  const maxDf = Math.max(2, stats.docs / 2);
  const idf = new Float32Array(counts.vocabulary);
  for (let t = 0; t < counts.vocabulary; t++) {
    // A word absent from the statistics (new since they were counted) counts as in one document.
    const df = Math.max(1, stats.df[t] ?? 0);
    idf[t] = df < 2 || df > maxDf ? 0 : Math.log(1 + (stats.docs - df + 0.5) / (df + 0.5));
  }
  const avg = stats.avgLength || 1;
  const offsets = new Uint32Array(n + 1);
  const rowTerms: number[] = [];
  const rowWeights: number[] = [];
  for (let doc = 0; doc < n; doc++) {
    const terms = counts.terms[doc]!;
    const tfs = counts.counts[doc]!;
    const norm = 1 - BM25_B + (BM25_B * counts.lengths[doc]!) / avg;
    const start = rowTerms.length;
    let sum = 0;
    terms.forEach((term, i) => {
      if (idf[term] === 0) return;
      const tf = tfs[i]!;
      const weight = (idf[term]! * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm);
      rowTerms.push(term);
      rowWeights.push(weight);
      sum += weight * weight;
    });
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let i = start; i < rowWeights.length; i++) rowWeights[i]! *= scale;
    offsets[doc + 1] = rowTerms.length;
  }
  const terms = Uint32Array.from(rowTerms);
  const weights = Float32Array.from(rowWeights);

  const postingOffsets = new Uint32Array(counts.vocabulary + 1);
  for (const term of terms) postingOffsets[term + 1]! += 1;
  for (let t = 0; t < counts.vocabulary; t++) postingOffsets[t + 1]! += postingOffsets[t]!;
  const fill = postingOffsets.slice(0, counts.vocabulary);
  const postingRows = new Uint32Array(terms.length);
  const postingWeights = new Float32Array(terms.length);
  for (let doc = 0; doc < n; doc++) {
    for (let i = offsets[doc]!; i < offsets[doc + 1]!; i++) {
      const at = fill[terms[i]!]!++;
      postingRows[at] = doc;
      postingWeights[at] = weights[i]!;
    }
  }
  return { count: n, offsets, terms, weights, postingOffsets, postingRows, postingWeights, stats };
}

/** Lexical cosine of rows `a` and `b`: the dot product of their sparse vectors (merge of sorted ids). */
export function lexicalSimilarity(index: LexicalIndex, a: number, b: number): number {
  let i = index.offsets[a]!;
  let j = index.offsets[b]!;
  const iEnd = index.offsets[a + 1]!;
  const jEnd = index.offsets[b + 1]!;
  let dot = 0;
  while (i < iEnd && j < jEnd) {
    const ti = index.terms[i]!;
    const tj = index.terms[j]!;
    if (ti === tj) dot += index.weights[i++]! * index.weights[j++]!;
    else if (ti < tj) i++;
    else j++;
  }
  return dot;
}

/** Rows and scores of found papers, best first. */
export interface LexicalHits {
  rows: number[];
  scores: number[];
}

/**
 * Scores every row against a query vector given as word ids and weights, accumulating over the
 * inverted index, and returns the `n` best rows (`exclude` left out) with their scores over the
 * query's words. `scratch` is a zeroed Float32Array of `index.count`, left zeroed on return.
 */
function accumulate(
  index: LexicalIndex,
  queryTerms: ArrayLike<number>,
  queryWeights: ArrayLike<number>,
  n: number,
  exclude: (row: number) => boolean,
  scratch: Float32Array,
): LexicalHits {
  const touched: number[] = [];
  for (let q = 0; q < queryTerms.length; q++) {
    const term = queryTerms[q]!;
    const weight = queryWeights[q]!;
    for (let p = index.postingOffsets[term]!; p < index.postingOffsets[term + 1]!; p++) {
      const row = index.postingRows[p]!;
      if (scratch[row] === 0) touched.push(row);
      scratch[row]! += weight * index.postingWeights[p]!;
    }
  }
  // The n best by insertion into a short sorted list: sorting every touched row (thousands per
  // paper on a large corpus) dominated the stage's time.
  const rows: number[] = [];
  const better = (a: number, b: number) =>
    scratch[a]! > scratch[b]! || (scratch[a] === scratch[b] && a < b);
  for (const row of touched) {
    if (n === 0 || exclude(row) || !(scratch[row]! > 0)) continue;
    if (rows.length === n && !better(row, rows[n - 1]!)) continue;
    let at = rows.length === n ? n - 1 : rows.length;
    while (at > 0 && better(row, rows[at - 1]!)) {
      rows[at] = rows[at - 1]!;
      at--;
    }
    rows[at] = row;
  }
  const scores = rows.map((row) => scratch[row]!);
  for (const row of touched) scratch[row] = 0;
  return { rows, scores };
}

/**
 * The `n` rows lexically closest to row `row` (itself excluded), found through its
 * `queryTerms` highest-weighted words and then scored exactly on all words, best first (ties by
 * row). Rows sharing no word are never returned.
 *
 * @param scratch a zeroed Float32Array of `index.count` to reuse across calls (left zeroed).
 */
export function lexicalNeighbours(
  index: LexicalIndex,
  row: number,
  n: number,
  queryTerms = DEFAULT_QUERY_TERMS,
  scratch: Float32Array = new Float32Array(index.count),
): LexicalHits {
  const start = index.offsets[row]!;
  const end = index.offsets[row + 1]!;
  const order = Array.from({ length: end - start }, (_, i) => start + i)
    .sort((a, b) => index.weights[b]! - index.weights[a]! || index.terms[a]! - index.terms[b]!)
    .slice(0, queryTerms);
  const candidates = accumulate(
    index,
    order.map((i) => index.terms[i]!),
    order.map((i) => index.weights[i]!),
    // Scores on the query's best words only rank candidates roughly: keep a margin, then rescore.
    n * 2,
    (other) => other === row,
    scratch,
  ).rows;
  const scored = candidates.map((other) => ({
    row: other,
    score: lexicalSimilarity(index, row, other),
  }));
  scored.sort((a, b) => b.score - a.score || a.row - b.row);
  const best = scored.slice(0, n);
  return { rows: best.map((hit) => hit.row), scores: best.map((hit) => hit.score) };
}

/** A query as a unit sparse vector: word id → weight. */
export type LexicalQuery = Map<number, number>;

function normalized(weights: Map<number, number>): LexicalQuery {
  let sum = 0;
  for (const weight of weights.values()) sum += weight * weight;
  const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  const query: LexicalQuery = new Map();
  for (const [term, weight] of weights) if (weight > 0) query.set(term, weight * scale);
  return query;
}

/**
 * A free-text query weighted as a paper would be: word id → count in, BM25 weights with the
 * index's statistics out, L2-normalized. Words the index leaves out (too rare or too common)
 * are dropped; an empty query matches nothing.
 */
export function textQuery(index: LexicalIndex, counts: ReadonlyMap<number, number>): LexicalQuery {
  const { docs, df, avgLength } = index.stats;
  let length = 0;
  for (const count of counts.values()) length += count;
  const norm = 1 - BM25_B + (BM25_B * length) / (avgLength || 1);
  const weights = new Map<number, number>();
  for (const [term, tf] of counts) {
    const f = df[term] ?? 0;
    if (f < 2 || f > Math.max(2, docs / 2)) continue;
    const idf = Math.log(1 + (docs - f + 0.5) / (f + 0.5));
    weights.set(term, (idf * tf * (BM25_K1 + 1)) / (tf + BM25_K1 * norm));
  }
  return normalized(weights);
}

/** The direction of a set of papers: the sum of their vectors, L2-normalized. */
export function rowsQuery(index: LexicalIndex, rows: readonly number[]): LexicalQuery {
  const weights = new Map<number, number>();
  for (const row of rows) {
    for (let i = index.offsets[row]!; i < index.offsets[row + 1]!; i++) {
      weights.set(index.terms[i]!, (weights.get(index.terms[i]!) ?? 0) + index.weights[i]!);
    }
  }
  return normalized(weights);
}

/** Cosine of a query and row `row`. */
export function queryScore(index: LexicalIndex, query: LexicalQuery, row: number): number {
  let dot = 0;
  for (let i = index.offsets[row]!; i < index.offsets[row + 1]!; i++) {
    const weight = query.get(index.terms[i]!);
    if (weight !== undefined) dot += weight * index.weights[i]!;
  }
  return dot;
}

/** The `n` rows closest to a query by cosine, best first (ties by row), `exclude` left out. */
export function lexicalSearch(
  index: LexicalIndex,
  query: LexicalQuery,
  n: number,
  exclude: ReadonlySet<number> = new Set(),
): LexicalHits {
  return accumulate(
    index,
    [...query.keys()],
    [...query.values()],
    n,
    (row) => exclude.has(row),
    new Float32Array(index.count),
  );
}
