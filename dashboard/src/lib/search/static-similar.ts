/**
 * "Similar to this set" without the server: ranks papers by their summed precomputed
 * similarity (`related.json`, through the detail files) to the papers of the set. It only sees each paper's k nearest
 * neighbours, so it is an approximation of the server's mean-vector query, and the results
 * say so.
 */
import type { Neighbour } from '../data/artifacts.ts';
import type { ScoredPaper } from '../state/app-state.svelte.ts';

/** Method text shown under results computed by {@link similarFromRelated}. */
export const STATIC_SIMILAR_METHOD =
  'Approximate: from each paper’s precomputed neighbours (no search server). Score = mean similarity to the set, 0 where a paper is not among a member’s neighbours.';

/**
 * Papers most similar to the set: mean over the set of each candidate's similarity to a
 * member (0 when it is not among that member's neighbours), best first, set members excluded.
 */
export function similarFromRelated(
  ids: readonly string[],
  related: (id: string) => readonly Neighbour[],
  k: number,
): ScoredPaper[] {
  const members = new Set(ids);
  const sums = new Map<string, number>();
  for (const id of members) {
    for (const neighbour of related(id)) {
      if (members.has(neighbour.id)) continue;
      sums.set(neighbour.id, (sums.get(neighbour.id) ?? 0) + neighbour.score);
    }
  }
  return [...sums]
    .map(([id, sum]) => ({ id, score: Math.round((sum / members.size) * 10_000) / 10_000 }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, k);
}
