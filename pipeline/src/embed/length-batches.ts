/**
 * Groups texts of similar token length into batches, so a batch pads little: texts sorted by
 * length (ties by position, for determinism), then cut into runs of `batchSize`.
 *
 * @param lengths token count of each text (after truncation).
 * @param batchSize texts per batch, ≥ 1.
 * @returns batches of text positions; every position appears exactly once.
 */
export function lengthSortedBatches(lengths: ArrayLike<number>, batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  const order = Array.from({ length: lengths.length }, (_, i) => i);
  order.sort((a, b) => (lengths[a] as number) - (lengths[b] as number) || a - b);
  const batches: number[][] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    batches.push(order.slice(start, start + batchSize));
  }
  return batches;
}
