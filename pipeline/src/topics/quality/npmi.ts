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
 *
 * Counting the windows is the expensive part (a pass over every token of the corpus) and does not
 * depend on how the words are grouped into topics, so it is a step of its own
 * ({@link countWindows}): one pass serves every set of topics drawn from the counted words, as
 * gensim's accumulator serves every topic of a model.
 */

/** Result of {@link npmiCoherence}. */
export interface Coherence {
  /** Mean NPMI over topics, in [-1, 1]; NaN when no topic has two words. */
  mean: number;
  /** Per topic, in input order; NaN for a topic with fewer than two words. */
  perTopic: number[];
}

/** Sliding-window counts of a set of words over reference texts (see {@link countWindows}). */
export interface WindowCounts {
  /** Windows in the texts (virtual documents). */
  windows: number;
  /** Slot of each counted word id. */
  slots: ReadonlyMap<number, number>;
  /** Windows containing each counted word, by slot. */
  occurrences: Float64Array;
  /** Windows containing both words of a pair, by `min(slot) · slots.size + max(slot)`. */
  together: ReadonlyMap<number, number>;
}

const EPSILON = 1e-12;

/**
 * Counts, over `texts`, the windows of `windowSize` tokens containing each of `words` and each
 * pair of them, with gensim's `WordOccurrenceAccumulator` rules. Words and text tokens are
 * integer ids of the same vocabulary.
 */
export function countWindows(
  texts: readonly ArrayLike<number>[],
  words: Iterable<number>,
  windowSize = 10,
): WindowCounts {
  const slots = new Map<number, number>();
  for (const word of words) if (!slots.has(word)) slots.set(word, slots.size);
  const size = slots.size;
  const occurrences = new Float64Array(size);
  const together = new Map<number, number>();
  // Counted words flagged present in the current window, as a flag per slot plus the list of
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
  const slotOf = (token: number) => slots.get(token) ?? -1;

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
  return { windows, slots, occurrences, together };
}

/**
 * NPMI of each topic's words from counts that cover every word of every topic (a word that was
 * not counted throws: counts taken for other topics cannot score these). A counted word that
 * never occurs gives P = 0 and NPMI −∞ for its pairs, as gensim refuses unknown words; that
 * surfaces the mistake.
 */
export function npmiFromCounts(
  counts: WindowCounts,
  topics: readonly (readonly number[])[],
): Coherence {
  const { windows, slots, occurrences, together } = counts;
  const size = slots.size;
  const slotOf = (word: number) => {
    const slot = slots.get(word);
    if (slot === undefined) throw new RangeError(`npmi: word ${word} was not counted`);
    return slot;
  };
  const probability = (count: number) => count / windows;
  const perTopic = topics.map((words) => {
    let sum = 0;
    let pairs = 0;
    for (let i = 0; i < words.length; i++) {
      for (let j = 0; j < words.length; j++) {
        if (i === j) continue;
        const a = slotOf(words[i]!);
        const b = slotOf(words[j]!);
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

/**
 * NPMI of each topic's words over `texts`: {@link countWindows} over the topics' words, then
 * {@link npmiFromCounts}.
 */
export function npmiCoherence(
  texts: readonly ArrayLike<number>[],
  topics: readonly (readonly number[])[],
  windowSize = 10,
): Coherence {
  return npmiFromCounts(countWindows(texts, topics.flat(), windowSize), topics);
}
