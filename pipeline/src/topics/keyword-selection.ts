/**
 * Which of a topic's c-TF-IDF candidates are shown as its keywords, so that each shown keyword
 * says something the ones above it do not, and neighbouring topics do not all say the same:
 *
 * - **No repeated word.** A keyword sharing a word with a higher shown keyword is skipped (word
 *   key: case and plural folded; the parts of a hyphenated compound; variants, see
 *   {@link variants}): "3D assets" after "3D" adds one word for two places, "LLM agents" after
 *   "agent" none, "audio-visual" after "audio" one, "hallucinated" after "hallucination" none.
 * - **A phrase only when it is one.** A 2-word phrase is a candidate only when, among the topic's
 *   papers using its rarer word, at least `phraseCohesion` of them use the phrase ("KV cache",
 *   "3D assets" where "assets" means 3D assets); otherwise its words say as much apart and each
 *   competes on its own weight ("3D" and "generation" for "3D generation").
 * - **Coherence, greedily** (maximal marginal relevance, Carbonell & Goldstein 1998, with the
 *   similarity term turned round): each next keyword maximizes its weight relative to the
 *   topic's best plus `coherence` × its mean association (keyword-coherence.ts) with the
 *   keywords already picked, so the list describes one subject rather than a few of its papers.
 * - **Separation from sibling topics.** A term's weight is multiplied by its share among the
 *   topic's siblings (the fine topics of the same broad topic) raised to `siblingSeparation`: the
 *   share of the siblings' papers using the term that are this topic's. A word no sibling uses
 *   keeps its full weight (c-TF-IDF weighs a term against all topics; the siblings are the ones a
 *   reader compares).
 * - **Separation from every topic.** After a first selection, a term is weighted down by
 *   (1 + n)^−`crossTopicPenalty`, n being the number of other topics that show its most shown
 *   token, and the keywords are selected again: "agents", "3D" or "multi" (of "multi-turn",
 *   "multi-view") stay with the topics that rank them highest, unless they cohere too well to
 *   drop.
 *
 * README.md here measures each step against the standard evaluator.
 */
import type { ClassCounts, TermIndex, WeightedTerm } from './c-tf-idf.ts';

/** Options of {@link selectKeywords}. */
export interface SelectionOptions {
  /** Keywords to return per topic, ≥ 1. */
  count: number;
  /**
   * Least share of the topic's papers using a phrase's rarer word that use the phrase, for the
   * phrase to be a candidate; in [0, 1]. 0 keeps every phrase.
   */
  phraseCohesion: number;
  /** Exponent of the sibling share on a term's weight, ≥ 0; 0 switches separation off. */
  siblingSeparation: number;
  /**
   * Weight of coherence with the keywords already picked, ≥ 0: a candidate scores its weight
   * (relative to the topic's best) plus this times its mean association with them. 0 ranks by
   * weight alone.
   */
  coherence: number;
  /**
   * Exponent of the penalty (1 + n)^−x on a term whose most used shown token is shown by n other
   * topics in a first selection, ≥ 0; 0 switches it off.
   */
  crossTopicPenalty: number;
  /**
   * Least weight of a phrase, as a share of a picked word's weight, for the phrase to take the
   * word's place ("structured pruning" for "pruning"), in [0, 1]; 0 switches it off.
   */
  phraseUpgrade: number;
}

/**
 * Papers of each class containing each of the wanted terms: `get(term, c)`. Dense over the
 * wanted terms × classes (a few thousand terms × √n classes).
 */
function wantedCounts(
  counts: ClassCounts,
  wanted: Iterable<number>,
): { get: (term: number, c: number) => number } {
  // Row of each wanted term by term id, as a flat array: a map lookup per counted term of every
  // class was most of this table's cost.
  let maxTerm = -1;
  for (const terms of counts.terms) for (const term of terms) if (term > maxTerm) maxTerm = term;
  const rowOf = new Int32Array(maxTerm + 1).fill(-1);
  let rows = 0;
  for (const term of wanted) if (term <= maxTerm && rowOf[term] === -1) rowOf[term] = rows++;
  const classes = counts.terms.length;
  const table = new Int32Array(rows * classes);
  counts.terms.forEach((terms, c) => {
    const termCounts = counts.counts[c]!;
    for (let i = 0; i < terms.length; i++) {
      const r = rowOf[terms[i]!]!;
      if (r >= 0) table[r * classes + c] = termCounts[i]!;
    }
  });
  return {
    get: (term, c) => {
      const r = term >= 0 && term <= maxTerm ? rowOf[term]! : -1;
      return r < 0 ? 0 : table[r * classes + c]!;
    },
  };
}

/**
 * The words a reader sees in a word key: the key itself and, for a hyphenated compound, its
 * parts ("text-to-image" shows "text" and "image"; "to" is too short to count).
 */
export function wordParts(key: string): string[] {
  const parts = key.split(/[-'’]/u).filter((part) => part.length >= 3);
  return parts.length > 1 ? [key, ...parts] : [key];
}

/**
 * The tokens a reader (and a word-level evaluator) counts in a word key: its parts between
 * hyphens and apostrophes of at least 2 letters ("multi-turn" shows "multi" and "turn").
 */
export function shownTokens(key: string): string[] {
  return key.split(/[-'’]/u).filter((part) => part.length >= 2);
}

/**
 * True when two lowercase words read as the same word: equal, one a prefix of the other of at
 * least 4 letters ("agent" / "agentic", "math" / "mathematical", but not "RL" / "RLHF"), or
 * sharing their first 6 letters ("hallucination" / "hallucinated", "finance" / "financial").
 * Such variants rarely stand in one sentence together, so showing both wastes a place and lowers
 * coherence.
 */
export function variants(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 4 && long.startsWith(short)) return true;
  return short.length >= 6 && short.slice(0, 6) === long.slice(0, 6);
}

/**
 * The shown keywords of the groups `groups` (indices into `candidates`, c-TF-IDF candidates of
 * every class of the level, best first), as terms with their adjusted weights (c-TF-IDF times
 * the separation factors), in the order picked. `wordOf(key)` is a word key's text,
 * `siblingsOf(c)` the classes a class is compared with (itself included), `associationOf(a, b)`
 * the coherence of two terms in [-1, 1]. Deterministic: ties are broken by candidate order, and
 * candidates of equal weight by term id.
 */
export function selectKeywords(
  wordOf: (key: number) => string,
  index: TermIndex,
  counts: ClassCounts,
  candidates: readonly (readonly WeightedTerm[])[],
  groups: readonly number[],
  options: SelectionOptions,
  siblingsOf: (c: number) => readonly number[],
  associationOf: (a: number, b: number) => number,
): WeightedTerm[][] {
  const wanted = new Set<number>();
  for (const c of groups) {
    for (const { term } of candidates[c]!) {
      wanted.add(term);
      if (term >= index.wordCount) for (const key of index.termKeys(term)) wanted.add(key);
    }
  }
  const papers = wantedCounts(counts, wanted);

  // Each group's keywords, with the shown tokens' use by the other groups to avoid (pass 2).
  const pick = (c: number, elsewhere?: ReadonlyMap<string, number>): WeightedTerm[] => {
    const siblings = siblingsOf(c);
    const scored: WeightedTerm[] = [];
    for (const { term, weight } of candidates[c]!) {
      const own = papers.get(term, c);
      if (term >= index.wordCount && options.phraseCohesion > 0) {
        const rarer = Math.min(...index.termKeys(term).map((key) => papers.get(key, c)));
        if (own < options.phraseCohesion * rarer) continue;
      }
      let adjusted = weight;
      if (options.siblingSeparation > 0 && siblings.length > 1) {
        let all = 0;
        for (const s of siblings) all += papers.get(term, s);
        adjusted *= (own / all) ** options.siblingSeparation;
      }
      if (elsewhere && options.crossTopicPenalty > 0) {
        const tokens = index.termKeys(term).flatMap((key) => shownTokens(wordOf(key)));
        const others = Math.max(0, ...tokens.map((token) => elsewhere.get(token) ?? 0));
        adjusted *= (1 + others) ** -options.crossTopicPenalty;
      }
      scored.push({ term, weight: adjusted });
    }
    scored.sort((a, b) => b.weight - a.weight || a.term - b.term);

    const picked: WeightedTerm[] = [];
    // `blocked`: the candidate shows a word a picked keyword already shows. Set when a keyword
    // is picked, for the candidates still open, so each pair of words is compared once.
    const open = scored.map((candidate) => ({
      ...candidate,
      words: index.termKeys(candidate.term).flatMap((key) => wordParts(wordOf(key))),
      association: 0,
      blocked: false,
    }));
    const best = scored[0]?.weight ?? 1;
    while (picked.length < options.count) {
      let choice = -1;
      let choiceScore = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < open.length; i++) {
        const candidate = open[i]!;
        if (candidate.blocked) continue;
        const score =
          candidate.weight / best +
          (picked.length > 0 ? (options.coherence * candidate.association) / picked.length : 0);
        if (score > choiceScore) {
          choice = i;
          choiceScore = score;
        }
      }
      if (choice < 0) break;
      const [chosen] = open.splice(choice, 1);
      picked.push({ term: chosen!.term, weight: chosen!.weight });
      for (const candidate of open) {
        if (candidate.blocked) continue;
        candidate.blocked = candidate.words.some((word) =>
          chosen!.words.some((other) => variants(word, other)),
        );
        // A blocked candidate is never picked: its association is not needed.
        if (options.coherence > 0 && !candidate.blocked) {
          candidate.association += associationOf(candidate.term, chosen!.term);
        }
      }
    }
    if (options.phraseUpgrade > 0) upgradeToPhrases(picked, open);
    return picked;
  };

  // A picked word gives its place to a phrase that contains it and weighs at least
  // `phraseUpgrade` of it ("structured pruning" for "pruning"), when the phrase's other word is
  // shown nowhere else in the list.
  const upgradeToPhrases = (
    picked: WeightedTerm[],
    open: readonly (WeightedTerm & { words: string[] })[],
  ) => {
    const wordsOf = (term: number) => index.termKeys(term).flatMap((key) => wordParts(wordOf(key)));
    for (let i = 0; i < picked.length; i++) {
      const word = picked[i]!;
      if (word.term >= index.wordCount) continue;
      const others = picked.flatMap((p, j) => (j === i ? [] : wordsOf(p.term)));
      const key = wordOf(word.term);
      const phrase = open.find(
        (candidate) =>
          candidate.term >= index.wordCount &&
          candidate.weight >= options.phraseUpgrade * word.weight &&
          index.termKeys(candidate.term).includes(word.term) &&
          !candidate.words.some((w) => w !== key && others.some((other) => variants(w, other))),
      );
      if (phrase) picked[i] = { term: phrase.term, weight: word.weight };
    }
  };

  const first = groups.map((c) => pick(c));
  if (options.crossTopicPenalty === 0) return first;
  const tokensOf = (terms: readonly WeightedTerm[]) =>
    new Set(
      terms.flatMap((t) => index.termKeys(t.term).flatMap((key) => shownTokens(wordOf(key)))),
    );
  const shownBy = first.map(tokensOf);
  const usage = new Map<string, number>();
  for (const tokens of shownBy)
    for (const token of tokens) usage.set(token, (usage.get(token) ?? 0) + 1);
  return groups.map((c, i) => {
    const elsewhere = new Map<string, number>();
    for (const [token, n] of usage) elsewhere.set(token, n - (shownBy[i]!.has(token) ? 1 : 0));
    return pick(c, elsewhere);
  });
}
