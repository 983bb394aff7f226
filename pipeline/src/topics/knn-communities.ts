/**
 * Communities of the k-nearest-neighbour graph: Louvain modularity optimisation (Blondel et al.
 * 2008, arXiv:0803.0476) from graphology-communities-louvain, run on the undirected graph whose
 * edge i–j exists when j is among i's first `neighbours` neighbours (or i among j's), weighted by
 * their cosine similarity (negative similarities count as 0).
 *
 * Louvain can return a community that is not connected inside itself (the defect Leiden,
 * Traag et al. 2019, arXiv:1810.08473, fixes with a refinement phase). No maintained Leiden
 * exists on npm, and on our corpora Leiden (Python leidenalg) scored the same NPMI and diversity
 * as Louvain (see README.md), so such a community is instead split into its connected parts.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { KnnGraph } from '../index/knn.ts';
import { seededRandom } from './seeded-random.ts';

/** Options of {@link knnCommunities}. */
export interface CommunityOptions {
  /** Neighbours per row taken from the graph, 1 ≤ neighbours; capped at `graph.k`. */
  neighbours: number;
  /** Louvain's modularity resolution γ > 0; higher gives more, smaller communities. */
  resolution: number;
  /** Seed of Louvain's random node order. */
  seed: number;
}

/** Undirected weighted edges as parallel arrays, each pair once (a < b), sorted by (a, b). */
export interface EdgeList {
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
}

/** The k-NN graph made undirected: one edge per pair, weight = max(0, cosine). */
export function undirectedEdges(graph: KnnGraph, neighbours: number): EdgeList {
  const take = Math.min(neighbours, graph.k);
  // Each listed pair as the number lo · count + hi; a pair listed from both ends appears twice
  // and keeps its first listing (the cosine is the same from both ends).
  const codes = new Float64Array(graph.count * take);
  const scores = new Float64Array(graph.count * take);
  let used = 0;
  for (let row = 0; row < graph.count; row++) {
    for (let j = 0; j < take; j++) {
      const other = graph.rows[row * graph.k + j]!;
      if (other < 0 || other === row) continue;
      codes[used] = Math.min(row, other) * graph.count + Math.max(row, other);
      scores[used++] = graph.scores[row * graph.k + j]!;
    }
  }
  const order = Uint32Array.from({ length: used }, (_, i) => i).sort(
    (x, y) => codes[x]! - codes[y]! || x - y,
  );
  const a: number[] = [];
  const b: number[] = [];
  const weight: number[] = [];
  let previous = -1;
  for (const i of order) {
    const code = codes[i]!;
    if (code === previous) continue;
    previous = code;
    const lo = Math.floor(code / graph.count);
    a.push(lo);
    b.push(code - lo * graph.count);
    weight.push(Math.max(0, scores[i]!));
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b), weight: Float64Array.from(weight) };
}

/**
 * Louvain communities of `count` nodes joined by `edges`, each split into connected parts.
 * Returns the community of every node, numbered 0, 1, … in order of their smallest node.
 * Deterministic for a given seed.
 */
export function louvainCommunities(
  count: number,
  edges: EdgeList,
  resolution: number,
  seed: number,
): Int32Array {
  const graph = new Graph({ type: 'undirected', multi: false, allowSelfLoops: false });
  for (let node = 0; node < count; node++) graph.addNode(node);
  for (let i = 0; i < edges.a.length; i++) {
    graph.addUndirectedEdge(edges.a[i]!, edges.b[i]!, { weight: edges.weight[i]! });
  }
  const found =
    graph.size === 0
      ? {}
      : louvain(graph, { resolution, rng: seededRandom(seed), getEdgeWeight: 'weight' });
  const raw = new Int32Array(count);
  for (let node = 0; node < count; node++) raw[node] = found[node] ?? -1 - node;
  return connectedParts(raw, edges);
}

/**
 * Splits every community into the connected components of its induced subgraph and renumbers
 * them 0, 1, … by smallest node.
 */
export function connectedParts(community: Int32Array, edges: EdgeList): Int32Array {
  const count = community.length;
  const parent = Int32Array.from({ length: count }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  for (let i = 0; i < edges.a.length; i++) {
    const a = edges.a[i]!;
    const b = edges.b[i]!;
    if (community[a] !== community[b]) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const number = new Map<number, number>();
  const out = new Int32Array(count);
  for (let node = 0; node < count; node++) {
    const root = find(node);
    let id = number.get(root);
    if (id === undefined) {
      id = number.size;
      number.set(root, id);
    }
    out[node] = id;
  }
  return out;
}

/** Communities of the papers of a k-NN graph (see the module comment). */
export function knnCommunities(graph: KnnGraph, options: CommunityOptions): Int32Array {
  return louvainCommunities(
    graph.count,
    undirectedEdges(graph, options.neighbours),
    options.resolution,
    options.seed,
  );
}
