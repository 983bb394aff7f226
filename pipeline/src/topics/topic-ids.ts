/**
 * Ids of fine topics and broad topics: kept from the previous run where a topic still matches
 * (stable-ids.ts), fresh above the previous maximum otherwise, or, on a first run, by size
 * (descending), then smallest row, with broad topics numbered after fine topics.
 */
import type { Topic, TopicChanges } from '../schema/artifacts.ts';
import { groupCentroids } from './centroids.ts';
import { matchTopics, type MatchGroup } from './stable-ids.ts';
import type { TopicOptions } from './topic-options.ts';

/** The previous run's topics, to keep ids and labels stable. */
export interface PreviousTopics {
  /** Both levels, as written in `topics.json`. */
  topics: Topic[];
  /** Fine topic id → ids of its member papers. */
  members: Map<number, string[]>;
}

/** Row groups of one level (fine topics or broad topics), before ids, in size order. */
export interface Level {
  /** Per row: group index in 0 ≤ g < count, or -1 for a paper in no group. */
  groupOf: Int32Array;
  /** Number of groups. */
  count: number;
  /** count × dim unit centroids. */
  centroids: Float32Array;
}

/** Member rows of each group of `level`. */
export function membersOf(level: Pick<Level, 'groupOf' | 'count'>): number[][] {
  const members: number[][] = Array.from({ length: level.count }, () => []);
  level.groupOf.forEach((g, row) => {
    if (g >= 0) members[g]!.push(row);
  });
  return members;
}

/** Ids of both levels, labels kept from the previous run, and the changes. */
export interface IdAssignment {
  /** Id of each fine topic, by group index. */
  fine: number[];
  /** Id of each broad topic, by group index. */
  broad: number[];
  /** Topic id → previous label, for kept topics whose overlap reached `keepLabelOverlap`. */
  keptLabels: Map<number, string>;
  /** Both levels' changes, each list sorted by id. */
  changes: TopicChanges;
}

/**
 * Ids for both levels. `docs` and `vectors` are the current papers (row order); `previous` is
 * the previous run, if any.
 */
export function assignIds(
  input: {
    vectors: Float32Array;
    dim: number;
    docs: readonly { id: string }[];
    previous?: PreviousTopics;
  },
  options: TopicOptions,
  fineLevel: Level,
  broadLevel: Level,
): IdAssignment {
  const { previous, docs } = input;
  if (!previous) {
    return {
      fine: [...Array(fineLevel.count).keys()],
      broad: [...Array(broadLevel.count).keys()].map((g) => fineLevel.count + g),
      keptLabels: new Map(),
      changes: { born: [], merged: [], split: [], retired: [] },
    };
  }

  const rowOf = new Map(docs.map((doc, row) => [doc.id, row]));
  const present = new Set(rowOf.keys());
  const previousGroup = (papers: string[]): MatchGroup => {
    const rows = papers.map((id) => rowOf.get(id)).filter((row) => row !== undefined);
    if (rows.length === 0) return { papers, centroid: null };
    const groupOf = new Int32Array(docs.length).fill(-1);
    for (const row of rows) groupOf[row] = 0;
    return { papers, centroid: groupCentroids(input.vectors, input.dim, groupOf, 1) };
  };
  const currentGroups = (level: Level): MatchGroup[] =>
    membersOf(level).map((rows, g) => ({
      papers: rows.map((row) => docs[row]!.id),
      centroid: level.centroids.slice(g * input.dim, (g + 1) * input.dim),
    }));

  const previousFine = previous.topics.filter((t) => t.level === 0).sort((a, b) => a.id - b.id);
  const previousBroad = previous.topics.filter((t) => t.level === 1).sort((a, b) => a.id - b.id);
  const papersOf = (topic: Topic): string[] =>
    topic.level === 0
      ? [...(previous.members.get(topic.id) ?? [])]
      : topic.children.flatMap((child) => previous.members.get(child) ?? []);

  let nextId = previous.topics.reduce((max, t) => Math.max(max, t.id + 1), 0);
  const changes: TopicChanges = { born: [], merged: [], split: [], retired: [] };
  const keptLabels = new Map<number, string>();
  const levelIds = (level: Level, before: Topic[]): number[] => {
    const match = matchTopics(
      currentGroups(level),
      before.map((topic) => previousGroup(papersOf(topic))),
      present,
      {
        minOverlap: options.matchOverlap,
        minCentroidSimilarity: options.matchCentroidSimilarity,
        splitShare: options.splitShare,
      },
    );
    const ids = Array.from(match.continues, (p, g) => {
      if (p < 0) return -1;
      const topic = before[p]!;
      if (match.overlap[g]! >= options.keepLabelOverlap) keptLabels.set(topic.id, topic.label);
      return topic.id;
    });
    ids.forEach((id, g) => {
      if (id < 0) ids[g] = nextId++;
    });
    changes.born.push(...match.born.map((g) => ids[g]!));
    changes.retired.push(...match.retired.map((p) => before[p]!.id));
    changes.merged.push(
      ...match.merged.map((m) => ({
        into: ids[m.into]!,
        from: m.from.map((p) => before[p]!.id).sort((a, b) => a - b),
      })),
    );
    changes.split.push(
      ...match.split.map((s) => ({
        from: before[s.from]!.id,
        into: s.into.map((g) => ids[g]!).sort((a, b) => a - b),
      })),
    );
    return ids;
  };
  const fine = levelIds(fineLevel, previousFine);
  const broad = levelIds(broadLevel, previousBroad);
  changes.born.sort((a, b) => a - b);
  changes.retired.sort((a, b) => a - b);
  changes.merged.sort((a, b) => a.into - b.into);
  changes.split.sort((a, b) => a.from - b.from);
  return { fine, broad, keptLabels, changes };
}
