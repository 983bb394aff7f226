/**
 * Bursts: stretches of weeks in which a series' share of papers jumps to a higher rate, from
 * Kleinberg's two-state automaton for batched document streams (Kleinberg 2002, "Bursty and
 * hierarchical structure in streams", doi:10.1145/775047.775061, section 3).
 *
 * Each week with a page is a batch of d papers of which r belong to the series. The base state
 * emits at the series' overall share p₀ = Σr / Σd, the burst state at s·p₀ (s = 2 by default,
 * capped halfway between p₀ and 1 for series above half of all papers). A batch costs
 * −ln(p^r (1 − p)^(d − r)) in a state, entering the burst state costs γ·ln(batches), leaving it
 * is free, and the cheapest state sequence (Viterbi) marks the bursts. A burst's weight is what
 * the burst state saves over the base state across it, Kleinberg's measure of strength.
 * Written here: no maintained npm package implements the batched model, and it is a 2-state
 * dynamic programme.
 */
import type { TrendBurst } from '../schema/artifacts.ts';

/** Options of {@link findBursts}. */
export interface BurstOptions {
  /** Rate of the burst state as a multiple of the base share, > 1. Default 2. */
  rateRatio: number;
  /** Cost of entering the burst state, in units of ln(batches), > 0. Default 1. */
  gamma: number;
}

/** Defaults of {@link BurstOptions}. */
export const DEFAULT_BURST_OPTIONS: Readonly<BurstOptions> = { rateRatio: 2, gamma: 1 };

/** A burst as batch positions: [first, last] inclusive, with its weight and sums. */
export interface BatchBurst {
  first: number;
  last: number;
  weight: number;
  count: number;
  total: number;
}

/**
 * The bursts of one series over batches (`counts[t]` of `totals[t]` papers; batches with a
 * total of 0 are skipped, as days without a page are gaps). Deterministic; ties keep the base
 * state.
 */
export function findBursts(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
  options: BurstOptions = DEFAULT_BURST_OPTIONS,
): BatchBurst[] {
  if (!(options.rateRatio > 1) || !(options.gamma > 0)) {
    throw new RangeError(
      `burst options: rateRatio must be > 1 and gamma > 0, got ${options.rateRatio}, ${options.gamma}`,
    );
  }
  const batches: number[] = [];
  let r = 0;
  let d = 0;
  for (let t = 0; t < totals.length; t++) {
    if (totals[t]! > 0) {
      batches.push(t);
      r += counts[t]!;
      d += totals[t]!;
    }
  }
  const n = batches.length;
  if (n === 0 || r === 0 || r === d) return [];
  const p0 = r / d;
  const p1 = Math.min(options.rateRatio * p0, (1 + p0) / 2);
  const cost = (p: number, t: number) =>
    -(counts[t]! * Math.log(p) + (totals[t]! - counts[t]!) * Math.log1p(-p));
  const enter = options.gamma * Math.log(n);

  // Viterbi over two states: cost0/cost1 = cheapest cost ending in each state; from1 = whether
  // the cheapest path into state s at batch i came from state 1.
  const from0 = new Uint8Array(n);
  const from1 = new Uint8Array(n);
  let cost0 = 0;
  let cost1 = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t = batches[i]!;
    const stay0 = cost0;
    const leave1 = cost1;
    const next0 = Math.min(stay0, leave1);
    from0[i] = leave1 < stay0 ? 1 : 0;
    const enter1 = cost0 + enter;
    const stay1 = cost1;
    const next1 = Math.min(enter1, stay1);
    from1[i] = stay1 <= enter1 ? 1 : 0;
    cost0 = next0 + cost(p0, t);
    cost1 = next1 + cost(p1, t);
  }
  const states = new Uint8Array(n);
  let state = cost1 < cost0 ? 1 : 0;
  for (let i = n - 1; i >= 0; i--) {
    states[i] = state;
    state = state === 1 ? from1[i]! : from0[i]!;
  }

  const bursts: BatchBurst[] = [];
  for (let i = 0; i < n; i++) {
    if (states[i] !== 1) continue;
    let j = i;
    while (j + 1 < n && states[j + 1] === 1) j++;
    let weight = 0;
    let count = 0;
    let total = 0;
    for (let k = i; k <= j; k++) {
      const t = batches[k]!;
      weight += cost(p0, t) - cost(p1, t);
      count += counts[t]!;
      total += totals[t]!;
    }
    bursts.push({ first: batches[i]!, last: batches[j]!, weight, count, total });
    i = j;
  }
  return bursts;
}

/** A burst in artifact form, given the ISO days of the batches' starts and ends. */
export function burstArtifact(
  kind: TrendBurst['kind'],
  key: string,
  burst: BatchBurst,
  starts: readonly string[],
  ends: readonly string[],
): TrendBurst {
  return {
    kind,
    key,
    start: starts[burst.first]!,
    end: ends[burst.last]!,
    weight: Math.round(burst.weight * 100) / 100,
    count: burst.count,
    total: burst.total,
  };
}
