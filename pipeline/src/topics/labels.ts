/**
 * Readable topic labels from c-TF-IDF keywords: the best few keyword phrases joined by ", ",
 * without repeating a word or a variant of it ("model merging" and "merging", or "physical" and
 * "physically", do not both appear), unique among all topics.
 */

/** A ranked keyword phrase of one topic. */
export interface LabelTerm {
  /** Word keys of the phrase (lowercase, plural folded), for overlap tests. */
  words: readonly string[];
  /** Written form, as shown. */
  text: string;
}

/**
 * True when two word keys are the same word or variants of it: one is a prefix of the other
 * ("agent" / "agentic", "RL" / "RLHF") or they share their first 6 characters ("physical" /
 * "physically", "conversation" / "conversational").
 */
export function sameWord(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  return a.length >= 6 && b.length >= 6 && a.slice(0, 6) === b.slice(0, 6);
}

function overlaps(x: LabelTerm, y: LabelTerm): boolean {
  return x.words.some((a) => y.words.some((b) => sameWord(a, b)));
}

/**
 * True when every word of `inner` is a word of `outer` ("model merging" covers "merging"; "RL
 * training" does not cover "RLVR", which it would only resemble).
 */
function covers(outer: LabelTerm, inner: LabelTerm): boolean {
  return inner.words.every((a) => outer.words.includes(a));
}

/**
 * Picks up to `count` phrases from `ranked` (best first) for a label. A longer phrase containing
 * every word of an already picked phrase replaces it (it is more specific: "model merging" over
 * "merging"); a phrase sharing any word (or variant, see {@link sameWord}) with a picked one is
 * skipped otherwise. Only the first
 * `window` phrases are considered, so a label never reaches for weak keywords.
 */
export function labelPhrases(
  ranked: readonly LabelTerm[],
  count: number,
  window: number,
): LabelTerm[] {
  const picked: LabelTerm[] = [];
  for (const term of ranked.slice(0, window)) {
    const covered = picked.findIndex((p) => covers(term, p));
    if (covered >= 0) {
      const clash = picked.some((p, i) => i !== covered && overlaps(p, term));
      if (!clash && term.words.length > picked[covered]!.words.length) picked[covered] = term;
      continue;
    }
    if (picked.some((p) => overlaps(p, term))) continue;
    if (picked.length < count) picked.push(term);
  }
  return picked;
}

/**
 * Unique labels for topics in the given order. `reserved` labels (kept from a previous run) are
 * taken first; a label equal (case-insensitively) to one already taken is extended with the next
 * phrase that shares no word with it, and when the phrases run out, suffixed with ` #<id>`.
 */
export function uniqueLabels(
  topics: readonly { id: number; ranked: readonly LabelTerm[]; reserved?: string }[],
  count: number,
  window: number,
): Map<number, string> {
  const taken = new Set<string>();
  const labels = new Map<number, string>();
  for (const topic of topics) {
    if (topic.reserved === undefined) continue;
    labels.set(topic.id, topic.reserved);
    taken.add(topic.reserved.toLowerCase());
  }
  for (const topic of topics) {
    if (topic.reserved !== undefined) continue;
    const picked = labelPhrases(topic.ranked, count, window);
    let label = picked.map((p) => p.text).join(', ');
    for (const term of topic.ranked) {
      if (label !== '' && !taken.has(label.toLowerCase())) break;
      if (picked.some((p) => overlaps(p, term))) continue;
      picked.push(term);
      label = picked.map((p) => p.text).join(', ');
    }
    if (label === '' || taken.has(label.toLowerCase())) label = `${label || 'topic'} #${topic.id}`;
    labels.set(topic.id, label);
    taken.add(label.toLowerCase());
  }
  return labels;
}
