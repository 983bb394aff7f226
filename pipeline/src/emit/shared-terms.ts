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
// The dashboard's tests encode browser data too; svelte-check, which sees only the dashboard's
// files, needs the stopword package's types pointed out, and an ambient declaration file can
// only be named this way.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="../topics/stopword.d.ts" />
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
  /** Same for terms with the same keys: they are one term. */
  id: number;
  /** Only generic words (allowed inside phrases only): never a reason alone. */
  generic: boolean;
}

/** The candidate terms of a pair's topics and themes, most telling first. */
interface CandidateList {
  ordered: Candidate[];
  /** Position in `ordered` by candidate id. */
  rank: Map<number, number>;
}

/** Vocabulary terms that start with one key. */
interface FirstKey {
  /** The one-key term starting here, when there is one. */
  single: Candidate | null;
  /** Longer terms. */
  longer: Candidate[];
}

/** Candidate lists kept (one per pair of topics, one per combination of themes). */
const CANDIDATE_CACHE = 20_000;

/** More candidates than any list holds: positions are ordered within a kind below this. */
const CANDIDATE_LIMIT = 1 << 20;

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
  readonly #ids = new Map<string, number>();
  readonly #present = new Map<number, Set<number>>();
  readonly #titles = new Map<number, Map<number, string>>();
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
      const joined = keys.join(' ');
      let id = this.#ids.get(joined);
      if (id === undefined) this.#ids.set(joined, (id = this.#ids.size));
      candidate = { term, keys, id, generic };
      this.#candidates.set(term, candidate);
    }
    return candidate;
  }

  /** Ids of the vocabulary terms that occur in the paper's title or abstract. */
  #presentIn(row: number): Set<number> {
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
   * Candidates from weighted terms, most telling first: multi-word terms by weight, then single
   * words by weight; ties by term; repeats and generic-only terms left out.
   */
  #ordered(weighted: { term: string; weight: number }[]): CandidateList {
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
    return list;
  }

  /** A cached list, made when missing; the cache is emptied when it grows too large. */
  #cached(key: string, make: () => CandidateList): CandidateList {
    let list = this.#lists.get(key);
    if (!list) {
      if (this.#lists.size >= CANDIDATE_CACHE) this.#lists.clear();
      list = make();
      this.#lists.set(key, list);
    }
    return list;
  }

  /** The c-TF-IDF keywords of both papers' topics and their broad parents. */
  #topicCandidates(a: TermPaper, b: TermPaper): CandidateList {
    const [topicA, topicB] = [a.topic ?? -1, b.topic ?? -1];
    return this.#cached(`t${Math.min(topicA, topicB)},${Math.max(topicA, topicB)}`, () => {
      const topicIds = new Set<number>();
      for (const paper of [a, b]) {
        if (paper.topic === null) continue;
        topicIds.add(paper.topic);
        const parent = this.#topics.get(paper.topic)?.parent;
        if (parent !== null && parent !== undefined) topicIds.add(parent);
      }
      return this.#ordered(
        [...topicIds].flatMap((id) =>
          (this.#topics.get(id)?.keywords ?? []).map(({ term, weight }) => ({ term, weight })),
        ),
      );
    });
  }

  /** The keywords of both papers' watch-list themes (unweighted: by term). */
  #themeCandidates(a: TermPaper, b: TermPaper): CandidateList {
    const ids = [...new Set([...a.themes, ...b.themes].map((score) => score.theme))].sort();
    return this.#cached(`w${ids.join(',')}`, () =>
      this.#ordered(
        ids.flatMap((id) =>
          (this.#themeKeywords.get(id) ?? []).map((term) => ({ term, weight: 0 })),
        ),
      ),
    );
  }

  /** Content words of paper `row`'s title: key id → the word as written there (first time). */
  #titleWords(row: number): Map<number, string> {
    const cached = this.#titles.get(row);
    if (cached) return cached;
    const corpus = this.#corpus;
    const words = new Map<number, string>();
    this.#titles.set(row, words);
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
    const topicList = this.#topicCandidates(paperA, paperB);
    const themeList = this.#themeCandidates(paperA, paperB);
    const presentA = this.#presentIn(a);
    const presentB = this.#presentIn(b);
    const [fewer, more] =
      presentA.size <= presentB.size ? [presentA, presentB] : [presentB, presentA];
    // The order of one list of all candidates: topic phrases, theme phrases, topic words, theme
    // words (topic keywords carry c-TF-IDF weights > 0, theme keywords none), each by position.
    const found: { order: number; candidate: Candidate }[] = [];
    for (const id of fewer) {
      if (!more.has(id)) continue;
      let order = Infinity;
      let candidate: Candidate | undefined;
      for (const [list, source] of [
        [topicList, 0],
        [themeList, 1],
      ] as const) {
        const rank = list.rank.get(id);
        if (rank === undefined) continue;
        const entry = list.ordered[rank]!;
        const kind = (entry.keys.length > 1 ? 0 : 2) + source;
        const key = kind * CANDIDATE_LIMIT + rank;
        if (key < order) [order, candidate] = [key, entry];
      }
      if (candidate) found.push({ order, candidate });
    }
    const shared = found
      .sort((x, y) => x.order - y.order)
      .map(({ candidate }) => ({ term: candidate.term, keys: candidate.keys }));
    // Content words of both titles that no candidate covers.
    const titleB = this.#titleWords(b);
    for (const [key, written] of this.#titleWords(a)) {
      if (!titleB.has(key)) continue;
      const single = this.#byFirstKey.get(key)?.single;
      if (single && (topicList.rank.has(single.id) || themeList.rank.has(single.id))) continue;
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
