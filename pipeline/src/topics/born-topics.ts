/**
 * Topics born between clusterings: groups of papers that fit one another better than the
 * existing topics.
 *
 * An incremental run adds new papers to the existing topics (update-topics.ts); a paper close to
 * no topic centroid stays an outlier. When a day brings several papers on a subject the topics
 * do not cover, those papers are one another's neighbours: some are outliers, others joined a
 * nearby topic although most of their neighbours are not in it. Waiting for the next full
 * clustering would hide the new subject until then. So these candidates (earlier outliers
 * included: a new paper can give an earlier outlier the company it lacked) are clustered among
 * themselves:
 * - the k-NN graph restricted to them, Louvain at the standard modularity resolution 1 (the
 *   clustering's own γ is sized for the whole corpus and would shatter a few dozen papers);
 * - the same membership rule as the full clustering (assign-members.ts): at least
 *   `minTopicSize` papers, each with a leave-one-out cosine of at least `outlierSimilarity` to
 *   the rest of its group;
 * - a candidate that joined a topic stays in it unless the group fits it better (its cosine to
 *   the rest of the group exceeds its cosine to the topic's centroid); a group left below
 *   `minTopicSize` by this is not born;
 * - the new papers must be what makes the group: its earlier papers alone must stay below
 *   `minTopicSize`. Earlier outliers that would form a topic by themselves were left out of one
 *   by the last clustering, and stay outliers until the next clustering judges them again.
 */
import type { KnnGraph } from '../index/knn.ts';
import { assignMembers } from './assign-members.ts';
import { groupSums, leaveOneOut } from './centroids.ts';
import { louvainCommunities, undirectedEdges } from './knn-communities.ts';

/** Options of {@link bornTopics}, as the clustering used them. */
export interface BirthOptions {
  /** Neighbours per paper taken from the k-NN graph. */
  neighbours: number;
  /** Smallest topic, in papers. */
  minTopicSize: number;
  /** Least leave-one-out cosine of a paper to the rest of its topic. */
  outlierSimilarity: number;
  /** Seed of Louvain's node order. */
  seed: number;
}

/** Modularity resolution on the candidates' graph; see the module comment. */
const POOL_RESOLUTION = 1;

/**
 * The groups of rows that form new topics, each sorted ascending, largest group first (then by
 * smallest row). `candidates` are the candidate rows (ascending): papers in no topic, and new papers
 * loosely held by the topic they joined, whose cosine to that topic's centroid `joined` gives by
 * row; `isNew[row]` is 1 for papers new in this run.
 * Deterministic for a given seed.
 */
export function bornTopics(
  vectors: Float32Array,
  dim: number,
  graph: KnnGraph,
  candidates: readonly number[],
  isNew: Uint8Array,
  options: BirthOptions,
  joined: ReadonlyMap<number, number> = new Map(),
): number[][] {
  if (candidates.length < options.minTopicSize || !candidates.some((row) => isNew[row] === 1)) {
    return [];
  }
  const slotOf = new Map(candidates.map((row, slot) => [row, slot]));
  const rows = new Int32Array(candidates.length * graph.k).fill(-1);
  const scores = new Float32Array(candidates.length * graph.k);
  const poolVectors = new Float32Array(candidates.length * dim);
  candidates.forEach((row, slot) => {
    poolVectors.set(vectors.subarray(row * dim, (row + 1) * dim), slot * dim);
    for (let j = 0; j < graph.k; j++) {
      const other = slotOf.get(graph.rows[row * graph.k + j]!);
      if (other === undefined) continue;
      rows[slot * graph.k + j] = other;
      scores[slot * graph.k + j] = graph.scores[row * graph.k + j]!;
    }
  });
  const pool: KnnGraph = { k: graph.k, count: candidates.length, rows, scores };
  const communities = louvainCommunities(
    candidates.length,
    undirectedEdges(pool, options.neighbours),
    POOL_RESOLUTION,
    options.seed,
  );
  const members = assignMembers(poolVectors, dim, communities, {
    minTopicSize: options.minTopicSize,
    outlierSimilarity: options.outlierSimilarity,
  });
  // A paper that joined a topic stays there unless the new group fits it better: its cosine to
  // the rest of the group must exceed its cosine to that topic's centroid.
  const sums = groupSums(poolVectors, dim, members.topicOf, members.count);
  const groups: number[][] = Array.from({ length: members.count }, () => []);
  members.topicOf.forEach((group, slot) => {
    if (group < 0) return;
    const row = candidates[slot]!;
    const topicSimilarity = joined.get(row);
    const fitsGroup = leaveOneOut(poolVectors, slot, sums, group, dim);
    if (topicSimilarity !== undefined && fitsGroup <= topicSimilarity) return;
    groups[group]!.push(row);
  });
  return groups.filter((group) => {
    if (group.length < options.minTopicSize) return false;
    const earlier = group.filter((row) => isNew[row] === 0).length;
    return earlier < group.length && earlier < options.minTopicSize;
  });
}
