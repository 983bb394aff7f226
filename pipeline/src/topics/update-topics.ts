/**
 * Incremental topics: papers added since the last clustering join the existing topics, which
 * keep their ids, labels, keywords and broad topics; nothing is re-clustered.
 *
 * A new paper goes to the topic its assigned neighbours in the k-NN graph vote for (votes
 * weighted by similarity), provided its cosine to that topic's centroid reaches the outlier
 * threshold; else to the nearest topic centroid that reaches it; else it is an outlier with its
 * two nearest topics, exactly as the full clustering treats papers (assign-members.ts). Votes and
 * centroids come from the previous papers only, so the result does not depend on the order of
 * the new papers. Previous papers keep their topic (or stay outliers).
 *
 * Papers that fit one another better than the topics (outliers, and new papers loosely held by
 * the topic they joined) form new topics (born-topics.ts): each gets the next free id,
 * keywords and a unique label ranked as the clustering ranks them, and the broad topic with the
 * nearest centroid as its parent. Merges and splits wait for the next full clustering; the run
 * decides when to refit (see `run/topic-plan.ts`).
 */
import type { KnnGraph } from '../index/knn.ts';
import type { Topic, TopicSimilarity } from '../schema/artifacts.ts';
import { bornTopics } from './born-topics.ts';
import { buildTermIndex } from './c-tf-idf.ts';
import { closestMembers, groupCentroids, nearestCentroids, rowDot } from './centroids.ts';
import type { TopicDoc } from './discover-topics.ts';
import { uniqueLabels } from './labels.ts';
import { tokenizeCorpus } from './tokenize.ts';
import { describeGroups } from './topic-keywords.ts';
import type { TopicOptions } from './topic-options.ts';

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

/** Options of {@link updateTopics}, as the full clustering used them. */
export interface TopicUpdateOptions {
  /** Neighbours per paper that vote (the clustering's `neighbours`). */
  neighbours: number;
  /** Least cosine of a paper to its topic's centroid. */
  outlierSimilarity: number;
  /** Smallest topic, in papers (the clustering's `minTopicSize`), for topics born here. */
  minTopicSize: number;
  /** Seed, keyword, label and representative options of the clustering. */
  topics: TopicOptions;
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
  /** Ids of the fine topics born in this update, ascending. */
  born: number[];
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Adds the new papers of `input.docs` to the previous topics; see the module comment.
 *
 * @throws {RangeError} when a previous paper points at a topic the previous topics lack.
 */
export function updateTopics(input: TopicUpdateInput, options: TopicUpdateOptions): TopicUpdate {
  const { vectors, dim, graph, docs, topics, previous } = input;
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

  const placed = Int32Array.from(slotOfRow);
  docs.forEach((_, row) => {
    if (isNew[row])
      placed[row] = chooseTopic(input, slotOfRow, centroids, row, fine.length, options);
  });

  // Candidates for new topics: the outliers, and new papers that joined a topic although most of
  // their neighbours are not in it (a new subject's papers are each other's neighbours).
  const candidates = [...placed.keys()].filter(
    (row) =>
      placed[row]! < 0 ||
      (isNew[row] === 1 && voteShare(graph, slotOfRow, row, placed[row]!, options) < 0.5),
  );
  const joined = new Map(
    candidates
      .filter((row) => placed[row]! >= 0)
      .map((row) => [row, rowDot(vectors, row, centroids, placed[row]!, dim)]),
  );
  const births = bornTopics(
    vectors,
    dim,
    graph,
    candidates,
    isNew,
    {
      neighbours: options.neighbours,
      minTopicSize: options.minTopicSize,
      outlierSimilarity: options.outlierSimilarity,
      seed: options.topics.seed,
    },
    joined,
  );
  births.forEach((rows, b) => rows.forEach((row) => (placed[row] = fine.length + b)));
  const allCentroids =
    births.length === 0
      ? centroids
      : groupCentroids(vectors, dim, placed, fine.length + births.length);
  const bornList =
    births.length === 0 ? [] : describeBirths(input, placed, allCentroids, fine, births, options);
  const allFine = [...fine, ...bornList];

  const assignment: (number | null)[] = [];
  const nearestTopics: TopicSimilarity[][] = [];
  const bornSlots = (slot: number) => slot >= fine.length;
  docs.forEach((doc, row) => {
    const slot = placed[row]!;
    assignment.push(slot < 0 ? null : allFine[slot]!.id);
    if (slot >= 0) {
      nearestTopics.push([]);
      return;
    }
    const before = previous.get(doc.id);
    if (before && births.length === 0) {
      nearestTopics.push(before.nearestTopics);
      return;
    }
    // An earlier outlier keeps its nearest topics unless a topic born now is nearer.
    const nearest = before
      ? [
          ...before.nearestTopics,
          ...nearestCentroids(vectors, row, allCentroids, dim, 2, bornSlots).map(
            ([s, similarity]) => ({ topic: allFine[s]!.id, similarity: round4(similarity) }),
          ),
        ].sort((a, b) => b.similarity - a.similarity || a.topic - b.topic)
      : nearestCentroids(vectors, row, allCentroids, dim, 2).map(([s, similarity]) => ({
          topic: allFine[s]!.id,
          similarity: round4(similarity),
        }));
    nearestTopics.push(nearest.slice(0, 2));
  });

  return {
    topics: resizeTopics(input, placed, allFine, options),
    assignment,
    nearestTopics,
    added: isNew.reduce((sum, flag) => sum + flag, 0),
    born: bornList.map((topic) => topic.id),
  };
}

/**
 * The topics born from `births` (rows per new topic, placed as slots after `fine`; `centroids`
 * has a row per slot): ids after the largest id so far, keywords ranked among all fine topics as
 * the clustering ranks them, labels unique against every existing label, and the broad topic
 * with the nearest centroid as parent. Sizes and representatives are filled in by
 * {@link resizeTopics}.
 */
function describeBirths(
  input: TopicUpdateInput,
  placed: Int32Array,
  centroids: Float32Array,
  fine: readonly Topic[],
  births: readonly number[][],
  options: TopicUpdateOptions,
): Topic[] {
  const { vectors, dim, docs, topics } = input;
  const firstId = topics.reduce((max, topic) => Math.max(max, topic.id + 1), 0);
  const ids = births.map((_, b) => firstId + b);
  const slots = births.map((_, b) => fine.length + b);

  const corpus = tokenizeCorpus(docs);
  const index = buildTermIndex(corpus, options.topics.ngramMax);
  const level = { groupOf: placed, count: fine.length + births.length };
  const texts = describeGroups(corpus, index, level, options.topics, slots);
  const labels = uniqueLabels(
    [
      ...topics.map((topic) => ({ id: topic.id, ranked: [], reserved: topic.label })),
      ...texts.map((text, b) => ({ id: ids[b]!, ranked: text.labelTerms })),
    ],
    options.topics.labelTerms,
    options.topics.keywordsPerTopic,
  );

  const broad = broadTopicsOf(topics);
  const broadCentroids = groupCentroids(
    vectors,
    dim,
    broadOfRows(placed, fine, broad),
    broad.length,
  );
  return births.map((_, b) => {
    const [nearest] = nearestCentroids(centroids, slots[b]!, broadCentroids, dim, 1);
    return {
      id: ids[b]!,
      level: 0,
      label: labels.get(ids[b]!)!,
      keywords: texts[b]!.keywords,
      size: 0,
      parent: nearest ? broad[nearest[0]]!.id : null,
      children: [],
      representatives: [],
      labelX: 0,
      labelY: 0,
    };
  });
}

/**
 * Share of the similarity weight of row `row`'s neighbours (all of them: earlier papers, new
 * papers and outliers) that comes from earlier members of topic `slot`.
 */
function voteShare(
  graph: KnnGraph,
  slotOfRow: Int32Array,
  row: number,
  slot: number,
  options: TopicUpdateOptions,
): number {
  let inTopic = 0;
  let all = 0;
  const take = Math.min(options.neighbours, graph.k);
  for (let j = 0; j < take; j++) {
    const neighbour = graph.rows[row * graph.k + j]!;
    if (neighbour < 0) continue;
    const weight = Math.max(0, graph.scores[row * graph.k + j]!);
    all += weight;
    if (slotOfRow[neighbour] === slot) inTopic += weight;
  }
  return all === 0 ? 0 : inTopic / all;
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

/** The broad topics (level 1) of `topics`, by id. */
function broadTopicsOf(topics: readonly Topic[]): Topic[] {
  return topics.filter((topic) => topic.level === 1).sort((a, b) => a.id - b.id);
}

/**
 * Per row: the slot in `broad` of the parent of its fine topic (`placed[row]` is a slot of
 * `fine`), or -1 for a row in no topic or in a slot beyond `fine`.
 */
function broadOfRows(
  placed: Int32Array,
  fine: readonly Topic[],
  broad: readonly Topic[],
): Int32Array {
  const broadSlot = new Map(broad.map((topic, slot) => [topic.id, slot]));
  return Int32Array.from(placed, (slot) =>
    slot < 0 || slot >= fine.length ? -1 : (broadSlot.get(fine[slot]!.parent ?? -1) ?? -1),
  );
}

/** Both levels with sizes and representatives (closest to the centroid) over `placed`. */
function resizeTopics(
  input: TopicUpdateInput,
  placed: Int32Array,
  fine: readonly Topic[],
  options: TopicUpdateOptions,
): Topic[] {
  const { vectors, dim, docs, topics } = input;
  const broad = broadTopicsOf(topics);
  const broadOfRow = broadOfRows(placed, fine, broad);

  const childrenOf = (parent: Topic) =>
    fine
      .filter((topic) => topic.parent === parent.id)
      .map((topic) => topic.id)
      .sort((a, b) => a - b);
  const describe = (level: readonly Topic[], groupOf: Int32Array): Topic[] => {
    const centroids = groupCentroids(vectors, dim, groupOf, level.length);
    const members: number[][] = level.map(() => []);
    groupOf.forEach((slot, row) => {
      if (slot >= 0) members[slot]!.push(row);
    });
    return level.map((topic, slot) => ({
      ...topic,
      ...(topic.level === 1 ? { children: childrenOf(topic) } : {}),
      size: members[slot]!.length,
      representatives: closestMembers(
        vectors,
        dim,
        members[slot]!,
        centroids,
        slot,
        options.topics.representatives,
      ).map((row) => docs[row]!.id),
    }));
  };
  return [...describe(broad, broadOfRow), ...describe(fine, placed)];
}
