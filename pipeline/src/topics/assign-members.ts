/**
 * Turns graph communities into topics and says explicitly which papers fit none.
 *
 * The rule, in order:
 * 1. A community with at least `minTopicSize` papers becomes a topic; its centroid is the
 *    normalized mean of its papers.
 * 2. A paper stays in its community's topic when its cosine to the centroid of the topic's other
 *    papers (leave-one-out, so that a small group of unrelated papers cannot pass on each
 *    paper's own contribution to the mean) is at least `outlierSimilarity`. Otherwise (its community was too small, or it sits far from its
 *    topic's centre) it moves to the topic with the nearest centroid if that cosine reaches
 *    `outlierSimilarity`, and is an outlier (no topic) if not.
 * 3. Centroids are recomputed from the members; a topic left with fewer than `minTopicSize`
 *    papers is dissolved and its papers go through step 2 against the remaining topics, until
 *    every topic is large enough.
 * Nothing is forced: an outlier is reported with its nearest topics by the caller.
 */
import { groupCentroids, groupSums, leaveOneOut, nearestCentroids } from './centroids.ts';

/** Options of {@link assignMembers}. */
export interface MembershipOptions {
  /** Smallest topic, in papers; ≥ 1. */
  minTopicSize: number;
  /** Least cosine similarity between a paper and its topic's centroid, in [-1, 1]. */
  outlierSimilarity: number;
}

/** Topics as row groups. */
export interface Membership {
  /** Number of topics. */
  count: number;
  /** Per row: topic index in 0 ≤ t < count, or -1 for an outlier. */
  topicOf: Int32Array;
  /** count × dim centroids of the final members. */
  centroids: Float32Array;
}

/**
 * Applies the rule of the module comment to `community[row]` (any non-negative numbering).
 * Topic indices are ordered by size (descending), then by smallest member row.
 */
export function assignMembers(
  vectors: Float32Array,
  dim: number,
  community: Int32Array,
  options: MembershipOptions,
): Membership {
  const rows = community.length;
  const sizes = new Map<number, number>();
  for (const c of community) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const kept = new Map<number, number>();
  for (const [c, size] of sizes) if (size >= options.minTopicSize) kept.set(c, kept.size);

  let topicOf = Int32Array.from(community, (c) => kept.get(c) ?? -1);
  const count = kept.size;
  let centroids = groupCentroids(vectors, dim, topicOf, count);
  const alive = new Uint8Array(count).fill(1);
  const sums = groupSums(vectors, dim, topicOf, count);
  const place = (row: number, own: number): number => {
    if (own >= 0 && leaveOneOut(vectors, row, sums, own, dim) >= options.outlierSimilarity) {
      return own;
    }
    // The own topic was judged without the paper; the others' centroids never contain it.
    const [best] = nearestCentroids(
      vectors,
      row,
      centroids,
      dim,
      1,
      (t) => alive[t] === 1 && t !== own,
    );
    return best && best[1] >= options.outlierSimilarity ? best[0] : -1;
  };
  topicOf = Int32Array.from(topicOf, (own, row) => place(row, own));

  for (;;) {
    centroids = groupCentroids(vectors, dim, topicOf, count);
    const size = new Int32Array(count);
    for (const t of topicOf) if (t >= 0) size[t]!++;
    const dissolved: number[] = [];
    for (let t = 0; t < count; t++) {
      if (alive[t] === 1 && size[t]! < options.minTopicSize) {
        alive[t] = 0;
        dissolved.push(t);
      }
    }
    if (dissolved.length === 0) break;
    const gone = new Set(dissolved);
    for (let row = 0; row < rows; row++) {
      if (gone.has(topicOf[row]!)) topicOf[row] = place(row, -1);
    }
  }

  return renumber(vectors, dim, topicOf, count);
}

/** Drops empty topics and orders the rest by size (descending), then smallest member row. */
function renumber(
  vectors: Float32Array,
  dim: number,
  topicOf: Int32Array,
  count: number,
): Membership {
  const size = new Int32Array(count);
  const first = new Int32Array(count).fill(topicOf.length);
  topicOf.forEach((t, row) => {
    if (t < 0) return;
    size[t]!++;
    if (row < first[t]!) first[t] = row;
  });
  const order = [...Array(count).keys()]
    .filter((t) => size[t]! > 0)
    .sort((a, b) => size[b]! - size[a]! || first[a]! - first[b]!);
  const index = new Int32Array(count).fill(-1);
  order.forEach((t, i) => (index[t] = i));
  const final = Int32Array.from(topicOf, (t) => (t < 0 ? -1 : index[t]!));
  return {
    count: order.length,
    topicOf: final,
    centroids: groupCentroids(vectors, dim, final, order.length),
  };
}
