/**
 * Topic centroids over row-major unit vectors: the normalized mean of the members, so that a dot
 * product with a paper's vector is their cosine similarity.
 */

/**
 * Centroid of each group: `groupOf[row]` in 0 ≤ g < `groups`, or -1 for rows in no group.
 * Returns `groups × dim` values; a group without members gets a zero vector.
 */
export function groupCentroids(
  vectors: Float32Array,
  dim: number,
  groupOf: ArrayLike<number>,
  groups: number,
): Float32Array {
  const sums = new Float64Array(groups * dim);
  for (let row = 0; row < groupOf.length; row++) {
    const g = groupOf[row]!;
    if (g < 0) continue;
    const base = row * dim;
    const target = g * dim;
    for (let d = 0; d < dim; d++) sums[target + d]! += vectors[base + d]!;
  }
  const out = new Float32Array(groups * dim);
  for (let g = 0; g < groups; g++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += sums[g * dim + d]! ** 2;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++) out[g * dim + d] = sums[g * dim + d]! * scale;
  }
  return out;
}

/** Dot product of row `row` of `vectors` with row `other` of `centroids` (both `dim` wide). */
export function rowDot(
  vectors: Float32Array,
  row: number,
  centroids: Float32Array,
  other: number,
  dim: number,
): number {
  let sum = 0;
  const a = row * dim;
  const b = other * dim;
  for (let d = 0; d < dim; d++) sum += vectors[a + d]! * centroids[b + d]!;
  return sum;
}

/**
 * The `top` centroids most similar to row `row`, best first (ties by centroid index), as
 * `[centroid index, cosine]` pairs. `allowed` limits the candidates when given.
 */
export function nearestCentroids(
  vectors: Float32Array,
  row: number,
  centroids: Float32Array,
  dim: number,
  top: number,
  allowed?: (centroid: number) => boolean,
): [number, number][] {
  const best: [number, number][] = [];
  const count = centroids.length / dim;
  for (let c = 0; c < count; c++) {
    if (allowed && !allowed(c)) continue;
    const score = rowDot(vectors, row, centroids, c, dim);
    if (best.length === top && score <= best[top - 1]![1]) continue;
    let at = best.length === top ? top - 1 : best.length;
    if (best.length < top) best.push([c, score]);
    while (at > 0 && score > best[at - 1]![1]) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = [c, score];
  }
  return best;
}

/**
 * The at most `count` rows of `members` closest to centroid `group` (cosine descending, then row
 * ascending): a topic's representative papers.
 */
export function closestMembers(
  vectors: Float32Array,
  dim: number,
  members: readonly number[],
  centroids: Float32Array,
  group: number,
  count: number,
): number[] {
  return members
    .map((row) => [row, rowDot(vectors, row, centroids, group, dim)] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, count)
    .map(([row]) => row);
}

/** Unnormalized member sums of each group, `groups × dim`. */
export function groupSums(
  vectors: Float32Array,
  dim: number,
  groupOf: Int32Array,
  groups: number,
): Float64Array {
  const sums = new Float64Array(groups * dim);
  groupOf.forEach((g, row) => {
    if (g < 0) return;
    for (let d = 0; d < dim; d++) sums[g * dim + d]! += vectors[row * dim + d]!;
  });
  return sums;
}

/**
 * Cosine between unit row `row` and the mean of the other members of group `g`: with S the
 * group sum, (x·S − 1) / ‖S − x‖. −1 when the row is the group's only member.
 */
export function leaveOneOut(
  vectors: Float32Array,
  row: number,
  sums: Float64Array,
  g: number,
  dim: number,
): number {
  let dot = 0;
  let norm = 0;
  for (let d = 0; d < dim; d++) {
    const s = sums[g * dim + d]!;
    dot += vectors[row * dim + d]! * s;
    norm += s * s;
  }
  const rest = norm - 2 * dot + 1;
  return rest <= 1e-12 ? -1 : (dot - 1) / Math.sqrt(rest);
}
