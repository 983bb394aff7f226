/**
 * Seeded hypergeometric draws for tests (d3-random has none): the number of successes in
 * `draws` papers taken without replacement from `population`, of which `successes` are
 * successes, by drawing the papers one at a time.
 */
import { randomLcg } from 'd3';

/** A seeded sampler `(population, successes, draws) => successes drawn`. */
export function randomHypergeometric(
  seed: number,
): (population: number, successes: number, draws: number) => number {
  const next = randomLcg(seed);
  return (population, successes, draws) => {
    let left = successes;
    let drawn = 0;
    for (let i = 0; i < draws && left > 0; i++) {
      if (next() < left / (population - i)) {
        left--;
        drawn++;
      }
    }
    return drawn;
  };
}
