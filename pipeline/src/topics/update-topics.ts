/**
 * Incremental topics: papers added since the last clustering join the existing topics, which
 * keep their ids, labels, keywords and themes; nothing is re-clustered.
 *
 * A new paper goes to the topic its assigned neighbours in the k-NN graph vote for (votes
 * weighted by similarity), provided its cosine to that topic's centroid reaches the outlier
 * threshold; else to the nearest topic centroid that reaches it; else it is an outlier with its
 * two nearest topics, exactly as the full clustering treats papers (assign-members.ts). Votes and
 * centroids come from the previous papers only, so the result does not depend on the order of
 * the new papers. Previous papers keep their topic (or stay outliers).
 *
 * New topics can only appear in a full clustering; the run decides when to refit (see
 * `run/analyse-topics.ts`).
 */
import type { KnnGraph } from '../index/knn.ts';
import type { Topic, TopicSimilarity } from '../schema/artifacts.ts';
import { closestMembers, groupCentroids, nearestCentroids, rowDot } from './centroids.ts';
import type { TopicDoc } from './discover-topics.ts';

/** A previous paper's place in the topics. */
export interface PreviousAssignment {
  topic: number | null;
  nearestTopics: TopicSimilarity[];
}

/** Input of {@link updateTopics}; row i of `vectors` and `graph` belongs to `docs[i]`. */
export interface TopicUpdateInput {
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
  docs: readonly TopicDoc[];
  /** Both levels of the previous run's topics, as in `topics.json`. */
  topics: readonly Topic[];
  /** Every previous paper by id; a paper not in it is new. */
  previous: ReadonlyMap<string, PreviousAssignment>;
}

/** Options of {@link updateTopics}, as the full clustering uses them. */
export interface TopicUpdateOptions {
  /** Neighbours per paper that vote (the clustering's `neighbours`). */
  neighbours: number;
  /** Least cosine of a paper to its topic's centroid. */
  outlierSimilarity: number;
  /** Representative papers per topic. */
  representatives: number;
}

/** The updated topics, in the shape the full clustering returns. */
export interface TopicUpdate {
  /** Level-1 topics first, then level-0, each sorted by id; sizes and representatives updated. */
  topics: Topic[];
  /** Per row: fine topic id, or null for an outlier. */
  assignment: (number | null)[];
  /** Per row: for an outlier, its two nearest fine topics (4 decimals); else empty. */
  nearestTopics: TopicSimilarity[][];
  /** Papers that were new. */
  added: number;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Adds the new papers of `input.docs` to the previous topics; see the module comment.
 *
 * @throws {RangeError} when a previous paper points at a topic the previous topics lack.
 */
export function updateTopics(input: TopicUpdateInput, options: TopicUpdateOptions): TopicUpdate {
  const { vectors, dim, docs, topics, previous } = input;
  const fine = topics.filter((topic) => topic.level === 0).sort((a, b) => a.id - b.id);
  const slotOf = new Map(fine.map((topic, slot) => [topic.id, slot]));

  const slotOfRow = new Int32Array(docs.length).fill(-1);
  const isNew = new Uint8Array(docs.length);
  docs.forEach((doc, row) => {
    const before = previous.get(doc.id);
    if (!before) {
      isNew[row] = 1;
      return;
    }
    if (before.topic === null) return;
    const slot = slotOf.get(before.topic);
    if (slot === undefined) {
      throw new RangeError(`paper ${doc.id} is in topic ${before.topic}, which topics.json lacks`);
    }
    slotOfRow[row] = slot;
  });
  const centroids = groupCentroids(vectors, dim, slotOfRow, fine.length);

  const assignment: (number | null)[] = [];
  const nearestTopics: TopicSimilarity[][] = [];
  let added = 0;
  const placed = Int32Array.from(slotOfRow);
  docs.forEach((doc, row) => {
    if (!isNew[row]) {
      const before = previous.get(doc.id)!;
      assignment.push(before.topic);
      nearestTopics.push(before.topic === null ? before.nearestTopics : []);
      return;
    }
    added++;
    const slot = chooseTopic(input, slotOfRow, centroids, row, fine.length, options);
    placed[row] = slot;
    assignment.push(slot < 0 ? null : fine[slot]!.id);
    nearestTopics.push(
      slot >= 0
        ? []
        : nearestCentroids(vectors, row, centroids, dim, 2).map(([s, similarity]) => ({
            topic: fine[s]!.id,
            similarity: round4(similarity),
          })),
    );
  });

  return { topics: resizeTopics(input, placed, fine, options), assignment, nearestTopics, added };
}

/** Slot of the topic a new row joins, or -1 for an outlier. */
function chooseTopic(
  input: TopicUpdateInput,
  slotOfRow: Int32Array,
  centroids: Float32Array,
  row: number,
  topicCount: number,
  options: TopicUpdateOptions,
): number {
  const { vectors, dim, graph } = input;
  const votes = new Map<number, number>();
  const take = Math.min(options.neighbours, graph.k);
  for (let j = 0; j < take; j++) {
    const neighbour = graph.rows[row * graph.k + j]!;
    if (neighbour < 0) continue;
    const slot = slotOfRow[neighbour]!;
    if (slot < 0) continue;
    votes.set(slot, (votes.get(slot) ?? 0) + graph.scores[row * graph.k + j]!);
  }
  const ranked = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const voted = ranked[0]?.[0];
  if (
    voted !== undefined &&
    rowDot(vectors, row, centroids, voted, dim) >= options.outlierSimilarity
  ) {
    return voted;
  }
  if (topicCount === 0) return -1;
  const [nearest] = nearestCentroids(vectors, row, centroids, dim, 1);
  return nearest && nearest[1] >= options.outlierSimilarity ? nearest[0] : -1;
}

/** Both levels with sizes and representatives (closest to the centroid) over `placed`. */
function resizeTopics(
  input: TopicUpdateInput,
  placed: Int32Array,
  fine: readonly Topic[],
  options: TopicUpdateOptions,
): Topic[] {
  const { vectors, dim, docs, topics } = input;
  const themes = topics.filter((topic) => topic.level === 1).sort((a, b) => a.id - b.id);
  const themeSlot = new Map(themes.map((theme, slot) => [theme.id, slot]));
  const themeOfRow = Int32Array.from(placed, (slot) =>
    slot < 0 ? -1 : (themeSlot.get(fine[slot]!.parent ?? -1) ?? -1),
  );

  const describe = (level: readonly Topic[], groupOf: Int32Array): Topic[] => {
    const centroids = groupCentroids(vectors, dim, groupOf, level.length);
    const members: number[][] = level.map(() => []);
    groupOf.forEach((slot, row) => {
      if (slot >= 0) members[slot]!.push(row);
    });
    return level.map((topic, slot) => ({
      ...topic,
      size: members[slot]!.length,
      representatives: closestMembers(
        vectors,
        dim,
        members[slot]!,
        centroids,
        slot,
        options.representatives,
      ).map((row) => docs[row]!.id),
    }));
  };
  return [...describe(themes, themeOfRow), ...describe(fine, placed)];
}
