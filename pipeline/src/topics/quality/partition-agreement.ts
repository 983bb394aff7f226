/**
 * Agreement between a clustering and reference labels: normalized mutual information (NMI,
 * arithmetic-mean normalization as scikit-learn's default; Vinh et al. 2010) and the adjusted
 * Rand index (ARI, Hubert & Arabie 1985). Both are computed from the contingency table, so
 * labels can be any strings or numbers. Hand-rolled: ml.js ships neither measure for partitions.
 */

/** NMI in [0, 1] and ARI in [-1, 1] (0 = chance agreement, 1 = identical partitions). */
export interface Agreement {
  nmi: number;
  ari: number;
  /** Items compared. */
  count: number;
}

const choose2 = (n: number) => (n * (n - 1)) / 2;

/**
 * Compares `clusters[i]` with `labels[i]` over all items. Throws when the lengths differ. Two
 * single-cluster partitions agree perfectly (NMI 1, ARI 1), as in scikit-learn.
 */
export function partitionAgreement(
  clusters: readonly (string | number)[],
  labels: readonly (string | number)[],
): Agreement {
  if (clusters.length !== labels.length) {
    throw new Error(`partitionAgreement: ${clusters.length} clusters but ${labels.length} labels`);
  }
  const n = clusters.length;
  const clusterIndex = denseIndex(clusters);
  const labelIndex = denseIndex(labels);
  const rows = new Float64Array(clusterIndex.size);
  const cols = new Float64Array(labelIndex.size);
  const cell = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const a = clusterIndex.of[i]!;
    const b = labelIndex.of[i]!;
    const key = a * labelIndex.size + b;
    cell.set(key, (cell.get(key) ?? 0) + 1);
    rows[a]!++;
    cols[b]!++;
  }

  const entropy = (counts: Iterable<number>) => {
    let h = 0;
    for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const hRows = entropy(rows.values());
  const hCols = entropy(cols.values());
  let mutual = 0;
  let sumCells = 0;
  for (const [key, c] of cell) {
    const rowCount = rows[Math.floor(key / labelIndex.size)]!;
    const colCount = cols[key % labelIndex.size]!;
    mutual += (c / n) * Math.log((c * n) / (rowCount * colCount));
    sumCells += choose2(c);
  }
  const nmi = hRows === 0 && hCols === 0 ? 1 : mutual / ((hRows + hCols) / 2);

  let sumRows = 0;
  for (const c of rows.values()) sumRows += choose2(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += choose2(c);
  const expected = (sumRows * sumCols) / choose2(n);
  const maximum = (sumRows + sumCols) / 2;
  const ari = maximum === expected ? 1 : (sumCells - expected) / (maximum - expected);
  return { nmi: Math.max(0, Math.min(1, nmi)), ari, count: n };
}

function denseIndex(values: readonly (string | number)[]): { of: Int32Array; size: number } {
  const ids = new Map<string | number, number>();
  const of = new Int32Array(values.length);
  values.forEach((value, i) => {
    let id = ids.get(value);
    if (id === undefined) {
      id = ids.size;
      ids.set(value, id);
    }
    of[i] = id;
  });
  return { of, size: ids.size };
}
