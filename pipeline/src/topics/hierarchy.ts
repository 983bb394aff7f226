/**
 * Broad topics (level 1) over fine topics (level 0): Louvain (arXiv:0803.0476) on the topic
 * graph, whose nodes are the fine topics and whose edge weight between two topics is the sum of
 * the paper-graph edge weights running between their members. Topics that share many
 * neighbour links end up under one broad topic; a topic linked to no other stands alone.
 *
 * With resolution `'auto'` the resolution is searched (bisection on its logarithm) for about
 * √(topics) broad topics, so that a reader scans about as many broad topics as fine topics per
 * broad topic, whatever the corpus size. The same search reduces topics to a given count for
 * the quality figures (quality/reduce-topics.ts).
 */
import { louvainCommunities, type EdgeList } from './knn-communities.ts';

/**
 * Broad-topic index of every fine topic, numbered 0, 1, … by descending paper count, then by
 * smallest topic index. `topicOf[row]` is the row's topic (or -1), `topicSizes[t]` its paper count.
 */
export function groupTopics(
  topicOf: Int32Array,
  topicSizes: ArrayLike<number>,
  paperEdges: EdgeList,
  resolution: number | 'auto',
  seed: number,
): Int32Array {
  const topics = topicSizes.length;
  const topicEdges = topicGraph(topicOf, topics, paperEdges);
  const raw =
    resolution === 'auto'
      ? communitiesNear(topics, topicEdges, Math.round(Math.sqrt(topics)), seed)
      : louvainCommunities(topics, topicEdges, resolution, seed);
  return numberBySize(raw, topicSizes);
}

/**
 * The topic graph: one node per topic (0 ≤ t < `topics`), and between two topics the sum of the
 * weights of the paper edges running between their members. Rows with topic -1 take no part.
 */
export function topicGraph(topicOf: Int32Array, topics: number, paperEdges: EdgeList): EdgeList {
  const weights = new Map<number, number>();
  for (let i = 0; i < paperEdges.a.length; i++) {
    const ta = topicOf[paperEdges.a[i]!]!;
    const tb = topicOf[paperEdges.b[i]!]!;
    if (ta < 0 || tb < 0 || ta === tb) continue;
    const key = Math.min(ta, tb) * topics + Math.max(ta, tb);
    weights.set(key, (weights.get(key) ?? 0) + paperEdges.weight[i]!);
  }
  const keys = [...weights.keys()].sort((x, y) => x - y);
  return {
    a: Int32Array.from(keys, (key) => Math.floor(key / topics)),
    b: Int32Array.from(keys, (key) => key % topics),
    weight: Float64Array.from(keys, (key) => weights.get(key)!),
  };
}

/**
 * Groups renumbered 0, 1, … by descending total size of their members, then by smallest member
 * index. `raw[node]` is the node's group, `sizes[node]` its size.
 */
export function numberBySize(raw: Int32Array, sizes: ArrayLike<number>): Int32Array {
  const groupCount = raw.reduce((max, g) => Math.max(max, g + 1), 0);
  const total = new Float64Array(groupCount);
  const first = new Int32Array(groupCount).fill(raw.length);
  raw.forEach((group, node) => {
    total[group]! += sizes[node]!;
    if (node < first[group]!) first[group] = node;
  });
  const order = [...Array(groupCount).keys()].sort(
    (a, b) => total[b]! - total[a]! || first[a]! - first[b]!,
  );
  const index = new Int32Array(groupCount);
  order.forEach((group, i) => (index[group] = i));
  return Int32Array.from(raw, (group) => index[group]!);
}

/**
 * Louvain communities whose count is closest to `target` (≥ 1): bisection on the logarithm of
 * the resolution in [0.05, 50], 16 steps at most; ties go to the lower resolution. The count is
 * not always reachable exactly (it moves in steps with the resolution, and never below the
 * number of connected parts), so callers read it from the result.
 */
export function communitiesNear(
  nodes: number,
  edges: EdgeList,
  target: number,
  seed: number,
): Int32Array {
  const count = (found: Int32Array) => found.reduce((max, c) => Math.max(max, c + 1), 0);
  let low = Math.log(0.05);
  let high = Math.log(50);
  let best = louvainCommunities(nodes, edges, Math.exp(low), seed);
  let bestGap = Math.abs(count(best) - target);
  let bestLog = low;
  for (let step = 0; step < 16 && bestGap > 0; step++) {
    const middle = (low + high) / 2;
    const found = louvainCommunities(nodes, edges, Math.exp(middle), seed);
    const foundCount = count(found);
    const gap = Math.abs(foundCount - target);
    if (gap < bestGap || (gap === bestGap && middle < bestLog)) {
      best = found;
      bestGap = gap;
      bestLog = middle;
    }
    if (foundCount < target) low = middle;
    else high = middle;
  }
  return best;
}
