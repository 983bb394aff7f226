/**
 * Broad themes (level 1) over fine topics (level 0): Louvain (arXiv:0803.0476) on the topic
 * graph, whose nodes are the fine topics and whose edge weight between two topics is the sum of
 * the paper-graph edge weights running between their members. Topics that share many
 * neighbour links end up under one theme; a topic linked to no other stands alone.
 *
 * With resolution `'auto'` the resolution is searched (bisection on its logarithm) for about
 * √(topics) themes, so that a reader scans about as many themes as topics per theme, whatever
 * the corpus size.
 */
import { louvainCommunities, type EdgeList } from './knn-communities.ts';

/**
 * Theme index of every fine topic, numbered 0, 1, … by descending paper count, then by smallest
 * topic index. `topicOf[row]` is the row's topic (or -1), `topicSizes[t]` its paper count.
 */
export function groupTopics(
  topicOf: Int32Array,
  topicSizes: ArrayLike<number>,
  paperEdges: EdgeList,
  resolution: number | 'auto',
  seed: number,
): Int32Array {
  const topics = topicSizes.length;
  const weights = new Map<number, number>();
  for (let i = 0; i < paperEdges.a.length; i++) {
    const ta = topicOf[paperEdges.a[i]!]!;
    const tb = topicOf[paperEdges.b[i]!]!;
    if (ta < 0 || tb < 0 || ta === tb) continue;
    const key = Math.min(ta, tb) * topics + Math.max(ta, tb);
    weights.set(key, (weights.get(key) ?? 0) + paperEdges.weight[i]!);
  }
  const keys = [...weights.keys()].sort((x, y) => x - y);
  const topicEdges: EdgeList = {
    a: Int32Array.from(keys, (key) => Math.floor(key / topics)),
    b: Int32Array.from(keys, (key) => key % topics),
    weight: Float64Array.from(keys, (key) => weights.get(key)!),
  };
  const raw =
    resolution === 'auto'
      ? searchResolution(topics, topicEdges, seed)
      : louvainCommunities(topics, topicEdges, resolution, seed);

  const themeCount = raw.reduce((max, t) => Math.max(max, t + 1), 0);
  const papers = new Float64Array(themeCount);
  const first = new Int32Array(themeCount).fill(topics);
  raw.forEach((theme, topic) => {
    papers[theme]! += topicSizes[topic]!;
    if (topic < first[theme]!) first[theme] = topic;
  });
  const order = [...Array(themeCount).keys()].sort(
    (a, b) => papers[b]! - papers[a]! || first[a]! - first[b]!,
  );
  const index = new Int32Array(themeCount);
  order.forEach((theme, i) => (index[theme] = i));
  return Int32Array.from(raw, (theme) => index[theme]!);
}

/** Louvain communities whose count is closest to round(√nodes); ties go to the lower resolution. */
function searchResolution(nodes: number, edges: EdgeList, seed: number): Int32Array {
  const target = Math.max(1, Math.round(Math.sqrt(nodes)));
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
