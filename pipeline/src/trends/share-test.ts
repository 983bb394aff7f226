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
 * `padjust`), which controls the false discovery rate among the flagged series. Fisher's test is
 * discrete: with a few papers, no table of the given margins has a small p-value, so such a
 * test can never pass yet would count in the family as much as any other. The discrete
 * Benjamini–Hochberg procedure ({@link discreteBenjaminiHochberg}) counts each test by the
 * chance it has of reaching a given p-value instead.
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
 * The hypergeometric distribution of the series' papers in the recent window, given the margins
 * of `c` (checked): its parameters, its support `low`..`high`, the ratio `up(k)` = pmf(k + 1) /
 * pmf(k) that lets a walk from the `mode` avoid factorials, and the mode itself.
 */
function hypergeometricSupport(c: WindowCounts) {
  checkCounts(c);
  const population = c.recentTotal + c.baselineTotal;
  const successes = c.recentCount + c.baselineCount;
  const draws = c.recentTotal;
  const failures = population - successes;
  const low = Math.max(0, draws - failures);
  const high = Math.min(successes, draws);
  const up = (k: number) =>
    ((successes - k) * (draws - k)) / ((k + 1) * (failures - draws + k + 1));
  const mode = Math.min(
    high,
    Math.max(low, Math.floor(((draws + 1) * (successes + 1)) / (population + 2))),
  );
  return { population, successes, draws, low, high, up, mode };
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
  const { population, successes, draws, low, high, up, mode } = hypergeometricSupport(c);
  if (low === high) return 1;
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
 * The smallest two-sided p-value Fisher's test can give for the margins of `c` (its totals and
 * the series' papers in both windows together): the p-value of the more extreme end of the
 * support, every paper of the series in one window or as many as fit. 1 when the margins allow
 * a single table. A test whose minimum is above a threshold can never pass it, whatever the
 * split of its papers.
 */
export function fisherMinimumPValue(c: WindowCounts): number {
  checkCounts(c);
  const successes = c.recentCount + c.baselineCount;
  const low = Math.max(0, successes - c.baselineTotal);
  const high = Math.min(successes, c.recentTotal);
  if (low === high) return 1;
  const at = (recentCount: number) =>
    fisherExactTwoSided({ ...c, recentCount, baselineCount: successes - recentCount });
  return Math.min(at(low), at(high));
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

/**
 * The p-values Fisher's two-sided test can take for the margins of `c`, ascending, each ≤ 1
 * (the last is 1): for each table of the margins, the summed probability of the tables no more
 * likely than it (with the tolerance of {@link fisherExactTwoSided}). Under the null hypothesis
 * P(p ≤ t) is the largest of them not above t, which is what the discrete procedure needs.
 * Tables beyond 1e-17 of the total weight are left out: they could only add values below
 * 1e-17.
 */
export function fisherSupport(c: WindowCounts): Float64Array {
  const { low, high, up, mode } = hypergeometricSupport(c);
  if (low === high) return Float64Array.of(1);
  const weights = [1];
  let total = 1;
  for (const step of [1, -1] as const) {
    let weight = 1;
    for (let k = mode; step === 1 ? k < high : k > low; k += step) {
      weight *= step === 1 ? up(k) : 1 / up(k - 1);
      weights.push(weight);
      total += weight;
      if (weight < total * 1e-17) break;
    }
  }
  const sorted = Float64Array.from(weights).sort();
  const values: number[] = [];
  let sum = 0;
  let i = 0;
  while (i < sorted.length) {
    // Tables within the relative tolerance of each other count as equally likely.
    const limit = sorted[i]! * RELATIVE_TOLERANCE;
    while (i < sorted.length && sorted[i]! <= limit) sum += sorted[i++]!;
    values.push(Math.min(1, sum / total));
  }
  values[values.length - 1] = 1;
  return Float64Array.from(values);
}

/**
 * Adjusted p-values of the discrete Benjamini–Hochberg procedure, step-down ([HSD], Döhler,
 * Durand & Roquain 2018, doi:10.1214/18-EJS1441, eq. 11): a discrete test with few papers can
 * only take a few p-values, so under the null hypothesis P(pᵢ ≤ t) = Fᵢ(t) is often far below t;
 * the procedure counts each test by that instead of by t, so thousands of small tests that
 * cannot reach a small p-value do not dilute the family. With the sorted p-values p₍ⱼ₎ and
 * y(t) = Σᵢ Fᵢ(t) / (1 − Fᵢ(t)), q₍ⱼ₎ = maxₖ≤ⱼ min(1, y(p₍ₖ₎) / k); flagging q < α keeps the FDR
 * at most α for independent tests (their Theorem 3.2). With continuous tests (Fᵢ(t) = t) it is
 * a little stricter than BH. No npm package implements it (R's DiscreteFDR does).
 *
 * @param pValues observed p-values, each in [0, 1].
 * @param supports each test's attainable p-values, ascending, the last 1 ({@link fisherSupport}).
 * @returns q-values aligned with the input, each in [0, 1].
 */
export function discreteBenjaminiHochberg(
  pValues: readonly number[],
  supports: readonly Float64Array[],
): number[] {
  const m = pValues.length;
  if (supports.length !== m) {
    throw new RangeError(
      `discreteBenjaminiHochberg: ${m} p-values but ${supports.length} supports`,
    );
  }
  const order = Array.from(pValues.keys()).sort((a, b) => pValues[a]! - pValues[b]!);
  const sortedP = Float64Array.from(order, (i) => pValues[i]!);
  // y jumps at every attainable value of every test: add each jump at the first sorted p-value
  // it reaches (a binary search), then sum. The tolerance keeps a test's own p-value, computed
  // by another summation order, inside its support.
  const jumps = new Float64Array(m + 1);
  const lowerBound = (value: number) => {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedP[mid]! * RELATIVE_TOLERANCE < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const odds = (f: number) => (f >= 1 ? Infinity : f / (1 - f));
  for (const support of supports) {
    let previous = 0;
    for (const value of support) {
      const at = lowerBound(value);
      if (at === m) break;
      jumps[at]! += odds(value) - odds(previous);
      previous = value;
    }
  }
  const q = new Array<number>(m);
  let y = 0;
  let running = 0;
  let j = 0;
  while (j < m) {
    // Tied p-values are rejected together, so they share the rank of the last of them.
    let end = j;
    y += jumps[j]!;
    while (end + 1 < m && sortedP[end + 1] === sortedP[j]) y += jumps[++end]!;
    running = Math.max(running, Math.min(1, y / (end + 1)));
    for (let k = j; k <= end; k++) q[order[k]!] = running;
    j = end + 1;
  }
  return q;
}
