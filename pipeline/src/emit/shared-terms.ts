/**
 * Why two related papers are related, in words a reader can check: the key terms found in
 * both texts. Candidate terms are the c-TF-IDF keywords of both papers' topics (and their broad
 * parents) and the keywords of their watch-list themes, the words that characterise those
 * groups; then the content words the two titles share.
 *
 * Words are matched with the pipeline's own tokenizer (`topics/tokenize.ts`), the one the topic
 * keywords came from: the same stop words, phrase breaks and plural folding, so "strategies"
 * meets "strategy" and "LLMs" meets "LLM", and a term is shown as written (a keyword as in
 * `topics.json`, a title word as in the paper's title), never as a stem.
 */
import { PHRASE_BREAK, tokenizeCorpus, type TokenizedCorpus } from '../topics/tokenize.ts';
import type { Theme, ThemeScore, Topic } from '../schema/artifacts.ts';

/** Most terms returned per pair. */
export const MAX_SHARED_TERMS = 6;

/**
 * Shortest title word (in characters of its word key) offered as a shared term: three keeps
 * acronyms such as LLM and GAN (stop words and generic words are left out anyway).
 */
export const MIN_TITLE_WORD = 3;

/** The part of a paper the shared terms look at. */
export interface TermPaper {
  title: string;
  abstract: string;
  /** Fine topic id, or null. */
  topic: number | null;
  themes: readonly ThemeScore[];
}

/** A candidate term: as shown, and as a sequence of word keys (with phrase breaks). */
interface Candidate {
  term: string;
  keys: Int32Array;
  /** The keys joined: terms with the same keys are one term. */
  id: string;
  /** Only generic words (allowed inside phrases only): never a reason alone. */
  generic: boolean;
}

/** The candidate terms of a pair's topics and themes, most telling first. */
interface CandidateList {
  ordered: Candidate[];
  /** Position in `ordered` by candidate id. */
  rank: Map<string, number>;
}

/** Vocabulary terms that start with one key. */
interface FirstKey {
  /** The one-key term starting here, when there is one. */
  single: Candidate | null;
  /** Longer terms. */
  longer: Candidate[];
}

/** Candidate lists kept (one per combination of topics and themes). */
const CANDIDATE_CACHE = 20_000;

/** Key ids of one tokenized document, phrase breaks kept as {@link PHRASE_BREAK}. */
function keyStream(corpus: TokenizedCorpus, doc: number): Int32Array {
  const tokens = corpus.docs[doc]!;
  const keys = new Int32Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    keys[i] = token === PHRASE_BREAK ? PHRASE_BREAK : corpus.surfaceKey[token >> 1]!;
  }
  return keys;
}

/**
 * Finds the shared terms of paper pairs of one corpus. All texts (papers, their titles, and
 * every topic and theme keyword) are tokenized together once, so plurals fold the same way
 * everywhere; each paper is then reduced to the vocabulary terms its text contains, and each
 * combination of topics and themes sorts its candidates once, so a pair costs an intersection
 * of two small sets. Deterministic: results do not depend on the order of the calls.
 */
export class SharedTermFinder {
  readonly #papers: readonly TermPaper[];
  readonly #topics: Map<number, Topic>;
  readonly #themeKeywords: Map<string, readonly string[]>;
  readonly #corpus: TokenizedCorpus;
  readonly #candidates = new Map<string, Candidate>();
  readonly #byFirstKey = new Map<number, FirstKey>();
  readonly #present = new Map<number, Set<string>>();
  readonly #lists = new Map<string, CandidateList>();
  readonly #titleBase: number;

  constructor(papers: readonly TermPaper[], topics: readonly Topic[], themes: readonly Theme[]) {
    this.#papers = papers;
    this.#topics = new Map(topics.map((topic) => [topic.id, topic]));
    this.#themeKeywords = new Map(themes.map((theme) => [theme.id, theme.keywords]));
    const vocabulary = [
      ...new Set([
        ...topics.flatMap((topic) => topic.keywords.map((keyword) => keyword.term)),
        ...themes.flatMap((theme) => theme.keywords),
      ]),
    ];
    this.#titleBase = papers.length;
    const termBase = 2 * papers.length;
    this.#corpus = tokenizeCorpus([
      ...papers,
      ...papers.map((paper) => ({ title: paper.title, abstract: '' })),
      ...vocabulary.map((term) => ({ title: term, abstract: '' })),
    ]);
    vocabulary.forEach((term, i) => {
      const keys = keyStream(this.#corpus, termBase + i);
      const candidate = this.#candidate(term, keys);
      const first = keys[0];
      if (first === undefined) return;
      let entry = this.#byFirstKey.get(first);
      if (!entry) this.#byFirstKey.set(first, (entry = { single: null, longer: [] }));
      if (keys.length === 1) entry.single ??= candidate;
      else if (!entry.longer.some((other) => other.id === candidate.id))
        entry.longer.push(candidate);
    });
  }

  #candidate(term: string, keys: Int32Array): Candidate {
    let candidate = this.#candidates.get(term);
    if (!candidate) {
      const generic = keys.every((key) => key === PHRASE_BREAK || this.#corpus.generic[key] === 1);
      candidate = { term, keys, id: keys.join(' '), generic };
      this.#candidates.set(term, candidate);
    }
    return candidate;
  }

  /** Ids of the vocabulary terms that occur in the paper's title or abstract. */
  #presentIn(row: number): Set<string> {
    let present = this.#present.get(row);
    if (present) return present;
    present = new Set();
    const keys = keyStream(this.#corpus, row);
    for (let i = 0; i < keys.length; i++) {
      const entry = this.#byFirstKey.get(keys[i]!);
      if (!entry) continue;
      if (entry.single) present.add(entry.single.id);
      for (const phrase of entry.longer) {
        if (present.has(phrase.id) || i + phrase.keys.length > keys.length) continue;
        let found = true;
        for (let j = 1; j < phrase.keys.length && found; j++)
          found = keys[i + j] === phrase.keys[j];
        if (found) present.add(phrase.id);
      }
    }
    this.#present.set(row, present);
    return present;
  }

  /**
   * The keywords of both papers' topics (and their broad parents) and themes, most telling
   * first: multi-word terms by weight, then single words by weight; ties by term.
   */
  #candidatesOf(a: TermPaper, b: TermPaper): CandidateList {
    const [topicA, topicB] = [a.topic ?? -1, b.topic ?? -1];
    const themeIds = [...new Set([...a.themes, ...b.themes].map((score) => score.theme))].sort();
    const cacheKey = `${Math.min(topicA, topicB)},${Math.max(topicA, topicB)}|${themeIds.join(',')}`;
    const cached = this.#lists.get(cacheKey);
    if (cached) return cached;

    const topicIds = new Set<number>();
    for (const paper of [a, b]) {
      if (paper.topic === null) continue;
      topicIds.add(paper.topic);
      const parent = this.#topics.get(paper.topic)?.parent;
      if (parent !== null && parent !== undefined) topicIds.add(parent);
    }
    const weighted: { term: string; weight: number }[] = [];
    for (const id of topicIds) {
      for (const keyword of this.#topics.get(id)?.keywords ?? [])
        weighted.push({ term: keyword.term, weight: keyword.weight });
    }
    for (const id of themeIds)
      for (const term of this.#themeKeywords.get(id) ?? []) weighted.push({ term, weight: 0 });
    weighted.sort(
      (x, y) => y.weight - x.weight || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0),
    );
    const list: CandidateList = { ordered: [], rank: new Map() };
    const isPhrase = (term: string) => (this.#candidates.get(term)?.keys.length ?? 0) > 1;
    // Multi-word keywords are more telling than their single words: try them first.
    for (const { term } of [
      ...weighted.filter((c) => isPhrase(c.term)),
      ...weighted.filter((c) => !isPhrase(c.term)),
    ]) {
      const candidate = this.#candidates.get(term);
      if (!candidate || candidate.keys.length === 0 || candidate.generic) continue;
      if (list.rank.has(candidate.id)) continue;
      list.rank.set(candidate.id, list.ordered.length);
      list.ordered.push(candidate);
    }
    if (this.#lists.size >= CANDIDATE_CACHE) this.#lists.clear();
    this.#lists.set(cacheKey, list);
    return list;
  }

  /** Content words of paper `row`'s title: key id → the word as written there (first time). */
  #titleWords(row: number): Map<number, string> {
    const corpus = this.#corpus;
    const words = new Map<number, string>();
    for (const token of corpus.docs[this.#titleBase + row]!) {
      if (token === PHRASE_BREAK) continue;
      const key = corpus.surfaceKey[token >> 1]!;
      if (corpus.generic[key] === 1 || corpus.keys[key]!.length < MIN_TITLE_WORD) continue;
      if (!words.has(key)) words.set(key, corpus.surfaces[token >> 1]!);
    }
    return words;
  }

  /**
   * Terms found in both papers' title or abstract (rows of the corpus given to the
   * constructor), most telling first, at most {@link MAX_SHARED_TERMS}, as written in paper `a`
   * or in the keyword that matched.
   */
  find(a: number, b: number): string[] {
    const paperA = this.#papers[a]!;
    const paperB = this.#papers[b]!;
    const list = this.#candidatesOf(paperA, paperB);
    const presentA = this.#presentIn(a);
    const presentB = this.#presentIn(b);
    const [fewer, more] =
      presentA.size <= presentB.size ? [presentA, presentB] : [presentB, presentA];
    const ranks: number[] = [];
    for (const id of fewer) {
      const rank = list.rank.get(id);
      if (rank !== undefined && more.has(id)) ranks.push(rank);
    }
    const shared = ranks
      .sort((x, y) => x - y)
      .map((rank) => ({ term: list.ordered[rank]!.term, keys: list.ordered[rank]!.keys }));
    // Content words of both titles that no candidate covers.
    const titleB = this.#titleWords(b);
    for (const [key, written] of this.#titleWords(a)) {
      if (!titleB.has(key) || list.rank.has(String(key))) continue;
      shared.push({ term: written, keys: Int32Array.of(key) });
    }
    // A single word already inside a shared phrase adds nothing.
    const phrases = shared.filter((entry) => entry.keys.length > 1);
    return shared
      .filter(
        (entry) =>
          entry.keys.length > 1 || !phrases.some((phrase) => phrase.keys.includes(entry.keys[0]!)),
      )
      .slice(0, MAX_SHARED_TERMS)
      .map((entry) => entry.term);
  }
}
