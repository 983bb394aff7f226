import { describe, expect, it } from 'vitest';
import { assignMembers } from '../../src/topics/assign-members.ts';
import { FIXTURE_DIM, groupedVectors } from './fixture-vectors.ts';

describe('assignMembers', () => {
  it('keeps large communities as topics ordered by size, then smallest row', () => {
    const vectors = groupedVectors([1, 1, 1, 0, 0, 0, 0]);
    const result = assignMembers(vectors, FIXTURE_DIM, Int32Array.from([4, 4, 4, 9, 9, 9, 9]), {
      minTopicSize: 2,
      outlierSimilarity: 0.5,
    });
    expect(result.count).toBe(2);
    expect(Array.from(result.topicOf)).toEqual([1, 1, 1, 0, 0, 0, 0]);
    // Centroid of group 0: e_0 plus equal side parts; its cosine with a member is known.
    const centroid = result.centroids.subarray(0, FIXTURE_DIM);
    expect(centroid[0]).toBeGreaterThan(0.9);
  });

  it('moves members of a too-small community to a similar topic, and leaves the rest out', () => {
    // Rows 0–3 form group 0; row 4 (group 0 too) and row 5 (unrelated) form a small community.
    const vectors = groupedVectors([0, 0, 0, 0, 0, -1]);
    const result = assignMembers(vectors, FIXTURE_DIM, Int32Array.from([0, 0, 0, 0, 1, 1]), {
      minTopicSize: 3,
      outlierSimilarity: 0.5,
    });
    expect(Array.from(result.topicOf)).toEqual([0, 0, 0, 0, 0, -1]);
  });

  it('judges a member against its topic without itself, so unrelated papers cannot pass', () => {
    // Three mutually unrelated papers put in one community: each is close to the plain mean
    // (it is a third of it) but orthogonal to the mean of the other two.
    const vectors = new Float32Array(3 * FIXTURE_DIM);
    [0, 1, 2].forEach((row) => (vectors[row * FIXTURE_DIM + row] = 1));
    const result = assignMembers(vectors, FIXTURE_DIM, Int32Array.from([0, 0, 0]), {
      minTopicSize: 2,
      outlierSimilarity: 0.5,
    });
    expect(result.count).toBe(0);
    expect(Array.from(result.topicOf)).toEqual([-1, -1, -1]);
  });

  it('dissolves a topic that falls below the minimum size after outliers leave', () => {
    const vectors = groupedVectors([0, 0, 0, 1, 1, -1, -1]);
    const result = assignMembers(vectors, FIXTURE_DIM, Int32Array.from([0, 0, 0, 1, 1, 1, 1]), {
      minTopicSize: 3,
      outlierSimilarity: 0.5,
    });
    expect(result.count).toBe(1);
    expect(Array.from(result.topicOf)).toEqual([0, 0, 0, -1, -1, -1, -1]);
  });
});
