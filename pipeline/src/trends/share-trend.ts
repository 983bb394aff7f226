/**
 * A trend model of share over time: binomial logistic regression of a series' per-period counts
 * out of the period totals on time, logit(share) = a + b·t, over a sliding window of periods,
 * with a quasi-binomial dispersion (Pearson χ² / df, at least 1) so that papers arriving in
 * batches do not make the slope look surer than it is (McCullagh & Nelder 1989, §4.5). Fitted by
 * iteratively reweighted least squares; two parameters, so the 2×2 system is solved directly.
 * Written here: no maintained npm package fits a weighted binomial GLM (stdlib has none).
 *
 * Used to compare methods (see README.md): the slope test on a sliding window against the
 * two-window exact test and bursts.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/** The fitted slope of one window. */
export interface SlopeTest {
  /** Slope of the log-odds per period. */
  slope: number;
  /** Its standard error, dispersion included. */
  standardError: number;
  /** Two-sided p-value of slope = 0 (normal reference), in [0, 1]. */
  pValue: number;
  /** Fitted share at the last period of the window over the fitted share at the first, > 0. */
  effect: number;
  /** Estimated dispersion, ≥ 1. */
  dispersion: number;
}

/**
 * Fits logit(count[t] / total[t]) = a + b·t over t = 0 … n − 1, skipping periods with a total
 * of 0. Returns null when fewer than 3 periods have papers or the series is absent or total.
 */
export function fitShareSlope(
  counts: ArrayLike<number>,
  totals: ArrayLike<number>,
): SlopeTest | null {
  const t: number[] = [];
  const y: number[] = [];
  const n: number[] = [];
  let sumY = 0;
  let sumN = 0;
  for (let i = 0; i < totals.length; i++) {
    if (!(totals[i]! > 0)) continue;
    t.push(i);
    y.push(counts[i]!);
    n.push(totals[i]!);
    sumY += counts[i]!;
    sumN += totals[i]!;
  }
  if (t.length < 3 || sumY === 0 || sumY === sumN) return null;
  const mean = t.reduce((s, v) => s + v, 0) / t.length;
  const x = t.map((v) => v - mean);
  let a = Math.log(sumY / (sumN - sumY));
  let b = 0;
  let info = [0, 0, 0];
  for (let iteration = 0; iteration < 50; iteration++) {
    let g0 = 0;
    let g1 = 0;
    let h00 = 0;
    let h01 = 0;
    let h11 = 0;
    for (let i = 0; i < x.length; i++) {
      const p = 1 / (1 + Math.exp(-(a + b * x[i]!)));
      const w = n[i]! * p * (1 - p);
      const r = y[i]! - n[i]! * p;
      g0 += r;
      g1 += r * x[i]!;
      h00 += w;
      h01 += w * x[i]!;
      h11 += w * x[i]! * x[i]!;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0)) return null;
    const da = (h11 * g0 - h01 * g1) / det;
    const db = (h00 * g1 - h01 * g0) / det;
    a += da;
    b += db;
    info = [h00, h01, h11];
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  let pearson = 0;
  for (let i = 0; i < x.length; i++) {
    const p = 1 / (1 + Math.exp(-(a + b * x[i]!)));
    const expected = n[i]! * p;
    pearson += (y[i]! - expected) ** 2 / Math.max(1e-12, expected * (1 - p));
  }
  const dispersion = Math.max(1, pearson / (x.length - 2));
  const [h00, h01, h11] = info as [number, number, number];
  const varianceB = (h00 / (h00 * h11 - h01 * h01)) * dispersion;
  const standardError = Math.sqrt(varianceB);
  const z = b / standardError;
  const pValue = Number.isFinite(z) ? 2 * (1 - normalCdf(Math.abs(z), 0, 1)) : 1;
  const share = (xi: number) => 1 / (1 + Math.exp(-(a + b * xi)));
  const effect = share(x.at(-1)!) / share(x[0]!);
  return { slope: b, standardError, pValue: Math.min(1, pValue), effect, dispersion };
}
