/**
 * Does a series' share of papers differ between the recent window and the baseline?
 *
 * The test is Fisher's exact test on the 2×2 table (series / other papers) × (recent /
 * baseline), two-sided: conditional on the margins, the recent count is hypergeometric, and the
 * p-value sums the probabilities of every table no more likely than the observed one (the rule
 * of R's `fisher.test`, with the same 1e-7 relative tolerance). It works on counts out of
 * totals, so a window made of a few small pages carries little weight, and it stays exact for
 * the small counts most topics have. The hypergeometric pmf comes from stdlib; no maintained npm
 * package ships Fisher's test itself (stdlib, jstat and simple-statistics do not), so the
 * two-sided sum is done here.
 *
 * Many series are tested at once, so p-values are adjusted with Benjamini–Hochberg (stdlib's
 * `padjust`), which controls the false discovery rate among the flagged series.
 */
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import padjust from '@stdlib/stats-padjust';

/** A series' counts and the totals of all papers in the two windows. */
export interface WindowCounts {
  /** Papers of the series in the recent window (a paper counts on each of its days). */
  recentCount: number;
  /** All papers in the recent window. */
  recentTotal: number;
  /** Papers of the series in the baseline window. */
  baselineCount: number;
  /** All papers in the baseline window. */
  baselineTotal: number;
}

const RELATIVE_TOLERANCE = 1 + 1e-7;

function checkCounts(c: WindowCounts): void {
  const ok =
    [c.recentCount, c.recentTotal, c.baselineCount, c.baselineTotal].every(
      (n) => Number.isInteger(n) && n >= 0,
    ) &&
    c.recentCount <= c.recentTotal &&
    c.baselineCount <= c.baselineTotal;
  if (!ok) {
    throw new RangeError(
      `window counts must be integers with 0 ≤ count ≤ total, got ${JSON.stringify(c)}`,
    );
  }
}

/**
 * Two-sided p-value of Fisher's exact test of equal shares in the two windows, in [0, 1].
 * 1 when either window is empty or the series is absent from both.
 *
 * The hypergeometric weights are walked outward from the mode by the ratio of neighbouring
 * terms, relative to the mode, and the walk stops once a term is below 1e-17 of the running
 * total: the tails beyond cannot change a double. So a test costs a few standard deviations of
 * steps, not the whole support (thousands of tests per scale on 75k papers).
 */
export function fisherExactTwoSided(c: WindowCounts): number {
  checkCounts(c);
  const population = c.recentTotal + c.baselineTotal;
  const successes = c.recentCount + c.baselineCount;
  const draws = c.recentTotal;
  const low = Math.max(0, draws - (population - successes));
  const high = Math.min(successes, draws);
  if (low === high) return 1;
  const failures = population - successes;
  // Ratio pmf(k + 1) / pmf(k) of the hypergeometric distribution.
  const up = (k: number) =>
    ((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1));
  let mode = Math.floor(((draws + 1) * (successes + 1)) / (population + 2));
  mode = Math.min(high, Math.max(low, mode));
  const pmf = hypergeometricPmf.factory(population, successes, draws);
  const observedRelative = pmf(c.recentCount) / pmf(mode);
  const threshold = observedRelative * RELATIVE_TOLERANCE;
  let total = 1;
  let tail = threshold >= 1 ? 1 : 0;
  const walk = (start: number, step: 1 | -1) => {
    let weight = 1;
    for (let k = start; step === 1 ? k < high : k > low; k += step) {
      weight *= step === 1 ? up(k) : 1 / up(k - 1);
      total += weight;
      if (weight <= threshold) tail += weight;
      if (weight < total * 1e-17 && weight < threshold * 1e-17) break;
    }
  };
  walk(mode, 1);
  walk(mode, -1);
  return Math.min(1, tail / total);
}

/**
 * Ratio of the recent share to the baseline share, each smoothed by half a paper in both cells
 * (Haldane–Anscombe): `((recentCount + 0.5) / (recentTotal + 1)) / ((baselineCount + 0.5) /
 * (baselineTotal + 1))`. 1 means no change; it stays finite when a count is 0.
 */
export function shareRatio(c: WindowCounts): number {
  checkCounts(c);
  return (
    (c.recentCount + 0.5) / (c.recentTotal + 1) / ((c.baselineCount + 0.5) / (c.baselineTotal + 1))
  );
}

/**
 * 95 % (by default) Wald interval of {@link shareRatio}: the log ratio of the smoothed shares
 * ± z · √(1/(a+½) − 1/(n₁+1) + 1/(b+½) − 1/(n₂+1)) (the delta-method variance of a log risk
 * ratio, Katz et al. 1978), exponentiated. Returns [low, high] with low ≤ ratio ≤ high.
 *
 * @param level confidence level in (0, 1), default 0.95.
 */
export function shareRatioInterval(c: WindowCounts, level = 0.95): [number, number] {
  const ratio = shareRatio(c);
  const variance =
    1 / (c.recentCount + 0.5) -
    1 / (c.recentTotal + 1) +
    1 / (c.baselineCount + 0.5) -
    1 / (c.baselineTotal + 1);
  const half = normalQuantile(0.5 + level / 2, 0, 1) * Math.sqrt(Math.max(0, variance));
  return [ratio * Math.exp(-half), ratio * Math.exp(half)];
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), aligned with the input; each in [0, 1].
 * Flagging every series with q < α keeps the expected share of false flags at most α.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  if (pValues.length === 0) return [];
  return padjust([...pValues], 'bh');
}
