/**
 * Seeded unit vectors in well-separated clusters, for layout tests: each point is its cluster's
 * random centre plus `noise` times a random unit vector, normalized again.
 */
import { randomUnitVectors } from '../index/random-vectors.ts';

/** Vectors (row-major) and the cluster of each row; rows are grouped by cluster. */
export interface ClusteredVectors {
  vectors: Float32Array;
  dim: number;
  labels: number[];
}

export function clusteredVectors(
  clusters: number,
  perCluster: number,
  dim: number,
  noise: number,
  seed: number,
): ClusteredVectors {
  const count = clusters * perCluster;
  const centres = randomUnitVectors(clusters, dim, seed);
  const offsets = randomUnitVectors(count, dim, seed + 1);
  const vectors = new Float32Array(count * dim);
  const labels: number[] = [];
  for (let row = 0; row < count; row++) {
    const cluster = Math.floor(row / perCluster);
    labels.push(cluster);
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const value =
        (centres[cluster * dim + d] as number) + noise * (offsets[row * dim + d] as number);
      vectors[row * dim + d] = value;
      norm += value * value;
    }
    for (let d = 0; d < dim; d++) {
      vectors[row * dim + d] = (vectors[row * dim + d] as number) / Math.sqrt(norm);
    }
  }
  return { vectors, dim, labels };
}
