/**
 * Keeps topic identities across runs and records how topics changed.
 *
 * Topics of one level are compared with the previous run's topics of the same level through the
 * papers both runs know ("old papers"):
 * - Continuation (the id is kept): one-to-one, greedily by decreasing Jaccard overlap of old
 *   papers, accepting pairs with Jaccard ≥ `minOverlap`. Previous topics left unmatched are then
 *   paired with unmatched current topics by decreasing centroid cosine (the previous centroid is
 *   the mean of its old papers' current vectors), accepting ≥ `minCentroidSimilarity`.
 * - Split: a previous topic whose old papers went, at least `splitShare` each, to two or more
 *   current topics.
 * - Merge: a current topic that received the majority of the old papers of two or more previous
 *   topics.
 * - Born: a current topic that continues no previous topic and is no part of a split or merge.
 * - Retired: a previous topic that continues into none and is no part of a split or merge.
 */

/** One topic as the matcher sees it. */
export interface MatchGroup {
  /** Member paper ids. */
  papers: readonly string[];
  /** Unit centroid, or null when it cannot be computed (no member has a current vector). */
  centroid: Float32Array | null;
}

/** Thresholds of {@link matchTopics}. */
export interface MatchOptions {
  /** Least Jaccard overlap (old papers) for a continuation; in (0, 1]. */
  minOverlap: number;
  /** Least centroid cosine for a continuation without enough overlap; in (-1, 1]. */
  minCentroidSimilarity: number;
  /** Least share of a previous topic's old papers a current topic must take to count in a split. */
  splitShare: number;
}

/** How current topics relate to previous ones (indices into the two input lists). */
export interface TopicMatch {
  /** Per current topic: index of the previous topic it continues, or -1. */
  continues: Int32Array;
  /** Per current topic: Jaccard overlap with the previous topic it continues (0 if none). */
  overlap: Float64Array;
  merged: { into: number; from: number[] }[];
  split: { from: number; into: number[] }[];
  /** Current topics with no counterpart. */
  born: number[];
  /** Previous topics with no counterpart. */
  retired: number[];
}

/**
 * Matches `current` topics to `previous` ones; see the module comment. `present` holds every
 * paper of the current corpus, assigned to a topic or not. Deterministic.
 */
export function matchTopics(
  current: readonly MatchGroup[],
  previous: readonly MatchGroup[],
  present: ReadonlySet<string>,
  options: MatchOptions,
): TopicMatch {
  const currentOf = new Map<string, number>();
  current.forEach((group, c) => group.papers.forEach((paper) => currentOf.set(paper, c)));
  const previousPapers = new Set<string>();
  for (const group of previous) for (const paper of group.papers) previousPapers.add(paper);

  // Old papers of each current topic; surviving papers of each previous topic (present now,
  // in a topic or not); papers shared by each (previous, current) pair.
  const currentOld = current.map(
    (group) => group.papers.filter((p) => previousPapers.has(p)).length,
  );
  const shared = new Map<number, number>();
  const survivors = previous.map((group, p) => {
    let kept = 0;
    for (const paper of group.papers) {
      if (!present.has(paper)) continue;
      kept++;
      const c = currentOf.get(paper);
      if (c === undefined) continue;
      const key = p * current.length + c;
      shared.set(key, (shared.get(key) ?? 0) + 1);
    }
    return kept;
  });

  const pairs = [...shared].map(([key, count]) => {
    const p = Math.floor(key / current.length);
    const c = key % current.length;
    const union = survivors[p]! + currentOld[c]! - count;
    return { p, c, count, jaccard: union > 0 ? count / union : 0 };
  });
  pairs.sort((x, y) => y.jaccard - x.jaccard || x.p - y.p || x.c - y.c);

  const continues = new Int32Array(current.length).fill(-1);
  const overlap = new Float64Array(current.length);
  const taken = new Uint8Array(previous.length);
  for (const pair of pairs) {
    if (pair.jaccard < options.minOverlap) break;
    if (taken[pair.p] === 1 || continues[pair.c] !== -1) continue;
    taken[pair.p] = 1;
    continues[pair.c] = pair.p;
    overlap[pair.c] = pair.jaccard;
  }

  const byCentroid: { p: number; c: number; similarity: number }[] = [];
  previous.forEach((prev, p) => {
    if (taken[p] === 1 || prev.centroid === null) return;
    current.forEach((cur, c) => {
      if (continues[c] !== -1 || cur.centroid === null) return;
      byCentroid.push({ p, c, similarity: dot(prev.centroid!, cur.centroid) });
    });
  });
  byCentroid.sort((x, y) => y.similarity - x.similarity || x.p - y.p || x.c - y.c);
  for (const pair of byCentroid) {
    if (pair.similarity < options.minCentroidSimilarity) break;
    if (taken[pair.p] === 1 || continues[pair.c] !== -1) continue;
    taken[pair.p] = 1;
    continues[pair.c] = pair.p;
  }

  const split: { from: number; into: number[] }[] = [];
  const majorityOf = new Map<number, number[]>();
  previous.forEach((_, p) => {
    const total = survivors[p]!;
    if (total === 0) return;
    const into: number[] = [];
    current.forEach((__, c) => {
      const count = shared.get(p * current.length + c) ?? 0;
      if (count === 0) return;
      if (count / total >= options.splitShare) into.push(c);
      if (count / total > 0.5) majorityOf.set(c, [...(majorityOf.get(c) ?? []), p]);
    });
    if (into.length >= 2) split.push({ from: p, into });
  });
  const merged = [...majorityOf]
    .filter(([, from]) => from.length >= 2)
    .map(([into, from]) => ({ into, from }))
    .sort((x, y) => x.into - y.into);

  const inSplit = new Set(split.flatMap((s) => s.into));
  const inMerge = new Set(merged.map((m) => m.into));
  const born = current
    .map((_, c) => c)
    .filter((c) => continues[c] === -1 && !inSplit.has(c) && !inMerge.has(c));
  const splitFrom = new Set(split.map((s) => s.from));
  const mergedFrom = new Set(merged.flatMap((m) => m.from));
  const retired = previous
    .map((_, p) => p)
    .filter((p) => taken[p] === 0 && !splitFrom.has(p) && !mergedFrom.has(p));
  return { continues, overlap, merged, split, born, retired };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
