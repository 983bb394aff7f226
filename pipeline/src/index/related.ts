/** Cosine similarity rounded to 4 decimals, as every artifact stores it. */
export function roundScore(score: number): number {
  return Math.round(score * 1e4) / 1e4 || 0;
}
