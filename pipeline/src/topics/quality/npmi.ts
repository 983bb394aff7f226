/**
 * Topic coherence as normalized pointwise mutual information (NPMI, Bouma 2009), computed exactly
 * as gensim's `c_npmi` (Röder et al. 2015), which OCTIS and BERTopic's published evaluation
 * (arXiv:2203.05794) use:
 * - probabilities from a boolean sliding window of `windowSize` tokens over the reference texts
 *   (every window is one virtual document; a text shorter than the window is one window);
 * - each topic's ordered word pairs (i ≠ j), NPMI = log((P(i,j) + ε) / (P(i)·P(j))) / −log(P(i,j) + ε)
 *   with ε = 1e-12;
 * - mean over a topic's pairs, then mean over topics.
 * Hand-rolled because gensim is Python and no npm package implements its estimator.
 */

/** Result of {@link npmiCoherence}. */
export interface Coherence {
  /** Mean NPMI over topics, in [-1, 1]; NaN when no topic has two words. */
  mean: number;
  /** Per topic, in input order; NaN for a topic with fewer than two words. */
  perTopic: number[];
}

const EPSILON = 1e-12;

/**
 * NPMI of each topic's words over `texts`. Words and text tokens are integer ids of the same
 * vocabulary; every topic word should occur in the texts (gensim refuses unknown words; here an
 * unseen word gives P = 0 and NPMI −∞ for its pairs, which surfaces the mistake).
 */
export function npmiCoherence(
  texts: readonly ArrayLike<number>[],
  topics: readonly (readonly number[])[],
  windowSize = 10,
): Coherence {
  const relevant = new Map<number, number>();
  for (const words of topics)
    for (const word of words) if (!relevant.has(word)) relevant.set(word, relevant.size);
  const size = relevant.size;
  const occurrences = new Float64Array(size);
  const together = new Map<number, number>();
  // Relevant words flagged present in the current window, as a flag per slot plus the list of
  // flagged slots.
  const flagged = new Uint8Array(size);
  const present: number[] = [];
  const presentAt = new Int32Array(size).fill(-1);
  let windows = 0;

  const flag = (slot: number) => {
    if (slot < 0 || flagged[slot] === 1) return;
    flagged[slot] = 1;
    presentAt[slot] = present.length;
    present.push(slot);
  };
  const unflag = (slot: number) => {
    if (slot < 0 || flagged[slot] === 0) return;
    flagged[slot] = 0;
    const at = presentAt[slot]!;
    const moved = present.pop()!;
    if (moved !== slot) {
      present[at] = moved;
      presentAt[moved] = at;
    }
    presentAt[slot] = -1;
  };
  const countWindow = () => {
    windows++;
    for (let a = 0; a < present.length; a++) {
      const first = present[a]!;
      occurrences[first]!++;
      for (let b = a + 1; b < present.length; b++) {
        const second = present[b]!;
        const code = Math.min(first, second) * size + Math.max(first, second);
        together.set(code, (together.get(code) ?? 0) + 1);
      }
    }
  };
  const slotOf = (token: number) => relevant.get(token) ?? -1;

  for (const text of texts) {
    while (present.length > 0) unflag(present[present.length - 1]!);
    const span = Math.min(windowSize, text.length);
    for (let i = 0; i < span; i++) flag(slotOf(text[i]!));
    countWindow();
    for (let end = windowSize; end < text.length; end++) {
      // gensim's WordOccurrenceAccumulator clears the word leaving the window even when it occurs
      // again inside the window; reproduced so the figures compare with published ones.
      unflag(slotOf(text[end - windowSize]!));
      flag(slotOf(text[end]!));
      countWindow();
    }
  }

  const probability = (count: number) => count / windows;
  const perTopic = topics.map((words) => {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < words.length; i++) {
      for (let j = 0; j < words.length; j++) {
        if (i === j) continue;
        const a = relevant.get(words[i]!)!;
        const b = relevant.get(words[j]!)!;
        const joint = probability(together.get(Math.min(a, b) * size + Math.max(a, b)) ?? 0);
        const ratio = Math.log(
          (joint + EPSILON) / (probability(occurrences[a]!) * probability(occurrences[b]!)),
        );
        sum += ratio / -Math.log(joint + EPSILON);
        pairs++;
      }
    }
    return pairs === 0 ? Number.NaN : sum / pairs;
  });
  const scored = perTopic.filter((value) => !Number.isNaN(value));
  const mean = scored.length === 0 ? Number.NaN : scored.reduce((s, v) => s + v, 0) / scored.length;
  return { mean, perTopic };
}
