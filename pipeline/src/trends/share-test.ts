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
 */
export function fisherExactTwoSided(c: WindowCounts): number {
  checkCounts(c);
  const population = c.recentTotal + c.baselineTotal;
  const successes = c.recentCount + c.baselineCount;
  const draws = c.recentTotal;
  const low = Math.max(0, draws - (population - successes));
  const high = Math.min(successes, draws);
  if (low === high) return 1;
  const pmf = hypergeometricPmf.factory(population, successes, draws);
  const observed = pmf(c.recentCount) * RELATIVE_TOLERANCE;
  let p = 0;
  for (let k = low; k <= high; k++) {
    const q = pmf(k);
    if (q <= observed) p += q;
  }
  return Math.min(1, p);
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
 * Benjamini–Hochberg adjusted p-values (q-values), aligned with the input; each in [0, 1].
 * Flagging every series with q < α keeps the expected share of false flags at most α.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  if (pValues.length === 0) return [];
  return padjust([...pValues], 'bh');
}
