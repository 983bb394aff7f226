/**
 * Seeded uniform random numbers for the randomized steps of topic discovery (Louvain's node
 * order). Backed by pure-rand's xoroshiro128+, so the same seed gives the same sequence on every
 * platform and Node version.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Returns a function yielding uniform numbers in [0, 1), the shape graphology's `rng` option
 * expects. `seed` is any 32-bit integer; equal seeds give equal sequences.
 */
export function seededRandom(seed: number): () => number {
  const generator = xoroshiro128plus(seed | 0);
  return () => uniformFloat64(generator);
}
