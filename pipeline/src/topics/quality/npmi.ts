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
  /** Windows containing both words of a pair, by their slots (in either order). */
  together: (a: number, b: number) => number;
}

/**
 * Counts of word pairs by slot: a flat upper triangle when it fits in {@link DENSE_PAIRS} cells
 * (a typed-array increment per pair and window is what makes a pass over 75k abstracts fast),
 * else a map.
 */
interface PairCounts {
  /** Adds `times` (possibly negative) windows to the pair of slots `a` ≠ `b`. */
  add: (a: number, b: number, times: number) => void;
  get: (a: number, b: number) => number;
}

/** Most pair cells kept as a flat array: 16M × 4 bytes, about 5,700 counted words. */
const DENSE_PAIRS = 16 * 1024 * 1024;

function pairCounts(size: number): PairCounts {
  const cells = (size * (size - 1)) / 2;
  if (cells <= DENSE_PAIRS) {
    const counts = new Uint32Array(Math.max(cells, 1));
    // Cell of a < b: the rows before a hold (size − 1) + … + (size − a) cells.
    const cell = (a: number, b: number) => {
      const lo = a < b ? a : b;
      const hi = a < b ? b : a;
      return lo * size - (lo * (lo + 1)) / 2 + (hi - lo - 1);
    };
    return {
      add: (a, b, times) => {
        counts[cell(a, b)]! += times;
      },
      get: (a, b) => (a === b ? 0 : counts[cell(a, b)]!),
    };
  }
  const counts = new Map<number, number>();
  const code = (a: number, b: number) => Math.min(a, b) * size + Math.max(a, b);
  return {
    add: (a, b, times) => {
      const key = code(a, b);
      counts.set(key, (counts.get(key) ?? 0) + times);
    },
    get: (a, b) => counts.get(code(a, b)) ?? 0,
  };
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
  const pairs = pairCounts(size);
  // Counted words flagged present in the current window, as a flag per slot plus the list of
  // flagged slots.
  const flagged = new Uint8Array(size);
  const present: number[] = [];
  const presentAt = new Int32Array(size).fill(-1);
  let windows = 0;
  // A word present in windows [from, to) adds to − from to its count and, for every word present
  // with it, the overlap of their spans: added as −(start of the later span) when it is flagged
  // and +(end of the earlier span) when it is cleared, so each flag or clear costs one update per
  // word present, not one per pair and window. The intermediate sums may be negative; the
  // unsigned cells wrap and come back to the true count, which is never negative.
  const flag = (slot: number) => {
    if (slot < 0 || flagged[slot] === 1) return;
    for (let i = 0; i < present.length; i++) pairs.add(slot, present[i]!, -windows);
    occurrences[slot]! -= windows;
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
    for (let i = 0; i < present.length; i++) pairs.add(slot, present[i]!, windows);
    occurrences[slot]! += windows;
  };
  const countWindow = () => {
    windows++;
  };
  // Slot by token id as a flat array: a map lookup per token was most of a pass's time.
  let maxToken = -1;
  for (const text of texts)
    for (let i = 0; i < text.length; i++) maxToken = Math.max(maxToken, text[i]!);
  const slotByToken = new Int32Array(maxToken + 1).fill(-1);
  for (const [word, slot] of slots) if (word >= 0 && word <= maxToken) slotByToken[word] = slot;
  const slotOf = (token: number) => (token >= 0 && token <= maxToken ? slotByToken[token]! : -1);

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
  while (present.length > 0) unflag(present[present.length - 1]!);
  return { windows, slots, occurrences, together: pairs.get };
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
        const joint = probability(together(a, b));
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
