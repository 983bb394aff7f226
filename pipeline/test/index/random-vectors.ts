/** Seeded random unit vectors for index tests (mulberry32 uniform → Box–Muller normal). */
export function randomUnitVectors(count: number, dim: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const vectors = new Float32Array(count * dim);
  for (let row = 0; row < count; row++) {
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const value = Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
      vectors[row * dim + d] = value;
      norm += value * value;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let d = 0; d < dim; d++)
      vectors[row * dim + d] = (vectors[row * dim + d] as number) * scale;
  }
  return vectors;
}
