/**
 * Hand-made unit vectors for topic tests: papers in groups around orthogonal centres, each
 * tilted a little towards one of a few side directions, so that similarities are known exactly.
 */

/** Dimension of {@link groupedVectors}: 8 group centres plus 4 side directions. */
export const FIXTURE_DIM = 12;

/**
 * One unit vector per entry of `groups`: the group's centre e_g plus `tilt` times side
 * direction e_(8 + i mod 4), normalized. A group of -1 gives a vector of side directions only,
 * unrelated to every group. Cosines: 1 / (1 + tilt²) inside a group for different sides,
 * tilt² / (1 + tilt²) across groups on the same side, 0 otherwise.
 */
export function groupedVectors(groups: readonly number[], tilt = 0.3): Float32Array {
  const out = new Float32Array(groups.length * FIXTURE_DIM);
  groups.forEach((group, i) => {
    const row = out.subarray(i * FIXTURE_DIM, (i + 1) * FIXTURE_DIM);
    if (group >= 0) {
      row[group] = 1;
      row[8 + (i % 4)] = tilt;
    } else {
      row[8 + (i % 4)] = 1;
      row[8 + ((i + 1) % 4)] = 1;
    }
    let norm = 0;
    for (const x of row) norm += x * x;
    for (let d = 0; d < FIXTURE_DIM; d++) row[d] = row[d]! / Math.sqrt(norm);
  });
  return out;
}

/** Dimension of {@link themedVectors}: 8 group, 4 theme and 4 side directions. */
export const THEMED_DIM = 16;

/**
 * One unit vector per entry of `groups`: e_g + 0.6·e_(8 + theme of g) + 0.2·e_(12 + i mod 4),
 * normalized, so that papers of one group are closest, papers of sibling groups (same theme)
 * next, and other papers far. A group of -1 gives a paper made of side directions only.
 */
export function themedVectors(groups: readonly number[], themeOf: readonly number[]): Float32Array {
  const out = new Float32Array(groups.length * THEMED_DIM);
  groups.forEach((group, i) => {
    const row = out.subarray(i * THEMED_DIM, (i + 1) * THEMED_DIM);
    if (group >= 0) {
      row[group] = 1;
      row[8 + themeOf[group]!] = 0.6;
      row[12 + (i % 4)] = 0.2;
    } else {
      row[12 + (i % 4)] = 1;
      row[12 + ((i + 1) % 4)] = 1;
    }
    let norm = 0;
    for (const x of row) norm += x * x;
    for (let d = 0; d < THEMED_DIM; d++) row[d] = row[d]! / Math.sqrt(norm);
  });
  return out;
}
