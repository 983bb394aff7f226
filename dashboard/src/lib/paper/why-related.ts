/**
 * Why two papers are related, in words a reader can check: whether they share a topic (or
 * only a broad theme), and the key terms found in both texts. Candidate terms are the
 * c-TF-IDF keywords of both papers' topics and the keywords of their watch-list themes
 * (the words that characterise those groups), then the content words the two titles share.
 * Matching ignores case and a plural `s`.
 *
 * The shared terms need both abstracts, which the browser loads only for the open paper, so
 * they are found when the browser data is derived ({@link SharedTermFinder}) and stored with
 * each related paper; the topic relation is cheap and computed in the browser
 * ({@link topicRelation}).
 */
import type { Paper, Topic } from '../data/artifacts.ts';

/** How two papers' topics relate. */
export type TopicRelation = 'same-topic' | 'same-broad' | 'different' | 'unassigned';

/** The explanation of one related paper. */
export interface RelatedReason {
  relation: TopicRelation;
  /** The shared fine topic, or the shared broad theme for `same-broad`. */
  sharedTopic: Topic | null;
  /** Terms that occur in both papers' title or abstract, most telling first. */
  sharedTerms: string[];
}

/** What {@link whyRelated} needs to look up topics and theme keywords. */
export interface RelatedLookup {
  topic(id: number): Topic | undefined;
  themeKeywords(id: string): readonly string[];
}

/** The part of a paper the topic relation looks at. */
export type TopicPlaced = Pick<Paper, 'topic'>;

/** The part of a paper the shared terms look at. */
export type TermSource = Pick<Paper, 'title' | 'abstract' | 'topic' | 'themes'>;

/** Most terms returned. */
export const MAX_SHARED_TERMS = 6;

/** Words that alone never explain a relation: a term made only of them is skipped. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can do does for from has have how in into is it its more ' +
    'new not of on or our over than that the their them these this those through to towards toward ' +
    'under up use using via we what when where which while who why will with without your via based ' +
    'approach approaches method methods model models paper propose proposed study results learning ' +
    'large via towards beyond all any both each few other some such only own same so too very just ' +
    // Words of academic prose that appear in most abstracts and explain nothing.
    'task performance training multiple result data existing various different show achieve work ' +
    'effective efficient novel framework problem state art significant improve improvement further ' +
    'experiment experimental demonstrate outperform evaluation benchmark key challenge'
  ).split(' '),
);

function stem(word: string): string {
  return word.length > 4 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

/** Lowercased, stemmed word sequence of a text. */
export function termWords(text: string): string[] {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .match(/[\p{L}\p{N}][\p{L}\p{N}+]*/gu) ?? []
  ).map(stem);
}

/** How the topics of `a` and `b` relate, and the topic they share. */
export function topicRelation(
  a: TopicPlaced,
  b: TopicPlaced,
  lookup: Pick<RelatedLookup, 'topic'>,
): Pick<RelatedReason, 'relation' | 'sharedTopic'> {
  if (a.topic === null || b.topic === null) return { relation: 'unassigned', sharedTopic: null };
  if (a.topic === b.topic)
    return { relation: 'same-topic', sharedTopic: lookup.topic(a.topic) ?? null };
  const parentA = lookup.topic(a.topic)?.parent ?? null;
  const parentB = lookup.topic(b.topic)?.parent ?? null;
  if (parentA !== null && parentA === parentB) {
    return { relation: 'same-broad', sharedTopic: lookup.topic(parentA) ?? null };
  }
  return { relation: 'different', sharedTopic: null };
}

/** What the finder keeps of a paper: the vocabulary terms in its text, its title's words. */
interface PaperTerms {
  /** Keys of the vocabulary terms that occur in the title or abstract. */
  present: Set<string>;
  title: string[];
  titleSet: Set<string>;
}

/** A candidate term, tokenized once. */
interface Candidate {
  /** As shown: lowercased. */
  term: string;
  words: string[];
  /** The words joined: terms with the same words are one term. */
  key: string;
  /** Only stop words: never a reason. */
  stop: boolean;
}

/** The candidate terms of a pair of papers, most telling first, stop words and repeats left out. */
interface CandidateList {
  ordered: Candidate[];
  /** Position in `ordered` by key. */
  rank: Map<string, number>;
}

/** Vocabulary terms that start with one word. */
interface FirstWord {
  /** Key of the one-word term, when the word is a term by itself. */
  single: string | null;
  /** Longer terms by their second word. */
  next: Map<string, Candidate[]>;
}

/** Candidate lists a {@link SharedTermFinder} keeps (one per combination of topics and themes). */
const CANDIDATE_CACHE = 20_000;

/**
 * Finds the shared terms of paper pairs. Each paper's text is tokenized once and reduced to
 * the vocabulary terms it contains (the topic and theme keywords given to the constructor)
 * and its title's words; each combination of topics and themes sorts its candidate terms
 * once; a pair then costs an intersection of two small sets. So explaining the ten related
 * papers of every paper of a corpus costs about one pass over the abstracts. Results do not
 * depend on what was cached.
 */
export class SharedTermFinder {
  readonly #lookup: RelatedLookup;
  readonly #terms = new Map<string, Candidate>();
  readonly #byFirstWord = new Map<string, FirstWord>();
  readonly #papers = new WeakMap<TermSource, PaperTerms>();
  readonly #candidates = new Map<string, CandidateList>();

  /**
   * @param vocabulary every term a lookup can return as a topic or theme keyword; others are
   *   never found in a text
   */
  constructor(lookup: RelatedLookup, vocabulary: Iterable<string>) {
    this.#lookup = lookup;
    const keys = new Set<string>();
    for (const term of vocabulary) {
      const candidate = this.#candidate(term);
      const [first, second] = candidate.words;
      if (first === undefined || keys.has(candidate.key)) continue;
      keys.add(candidate.key);
      let entry = this.#byFirstWord.get(first);
      if (!entry) this.#byFirstWord.set(first, (entry = { single: null, next: new Map() }));
      if (second === undefined) {
        entry.single = candidate.key;
      } else {
        const list = entry.next.get(second) ?? [];
        list.push(candidate);
        entry.next.set(second, list);
      }
    }
  }

  #candidate(term: string): Candidate {
    let candidate = this.#terms.get(term);
    if (!candidate) {
      const words = termWords(term);
      candidate = {
        term: term.toLowerCase(),
        words,
        key: words.join(' '),
        stop: words.every((word) => STOPWORDS.has(word)),
      };
      this.#terms.set(term, candidate);
    }
    return candidate;
  }

  #termsOf(paper: TermSource): PaperTerms {
    let terms = this.#papers.get(paper);
    if (!terms) {
      const words = termWords(`${paper.title} ${paper.abstract}`);
      const present = new Set<string>();
      for (let i = 0; i < words.length; i++) {
        const entry = this.#byFirstWord.get(words[i]!);
        if (!entry) continue;
        if (entry.single !== null) present.add(entry.single);
        const longer = i + 1 < words.length ? entry.next.get(words[i + 1]!) : undefined;
        for (const phrase of longer ?? []) {
          if (present.has(phrase.key) || i + phrase.words.length > words.length) continue;
          let found = true;
          for (let j = 2; j < phrase.words.length && found; j++)
            found = words[i + j] === phrase.words[j];
          if (found) present.add(phrase.key);
        }
      }
      const title = termWords(paper.title);
      terms = { present, title, titleSet: new Set(title) };
      this.#papers.set(paper, terms);
    }
    return terms;
  }

  /**
   * The keywords of both papers' topics (and their broad parents) and themes, most telling
   * first: multi-word terms by weight, then single words by weight; ties by term.
   */
  #candidatesOf(a: TermSource, b: TermSource): CandidateList {
    // The list depends on the two topics and the themes only.
    const [topicA, topicB] = [a.topic ?? -1, b.topic ?? -1];
    let key = `${Math.min(topicA, topicB)},${Math.max(topicA, topicB)}`;
    if (a.themes.length > 0 || b.themes.length > 0) {
      const themes = new Set([...a.themes, ...b.themes].map((score) => score.theme));
      key += `|${[...themes].sort().join(',')}`;
    }
    const cached = this.#candidates.get(key);
    if (cached) return cached;

    const lookup = this.#lookup;
    const topicIds = new Set<number>();
    for (const paper of [a, b]) {
      if (paper.topic === null) continue;
      topicIds.add(paper.topic);
      const parent = lookup.topic(paper.topic)?.parent;
      if (parent !== null && parent !== undefined) topicIds.add(parent);
    }
    const themeIds = new Set([...a.themes, ...b.themes].map((score) => score.theme));
    const weighted: { term: string; weight: number }[] = [];
    for (const id of topicIds) {
      for (const keyword of lookup.topic(id)?.keywords ?? [])
        weighted.push({ term: keyword.term, weight: keyword.weight });
    }
    for (const id of themeIds)
      for (const term of lookup.themeKeywords(id)) weighted.push({ term, weight: 0 });
    weighted.sort((x, y) => y.weight - x.weight || x.term.localeCompare(y.term));
    // Multi-word keywords are more telling than their single words: try them first.
    const list: CandidateList = { ordered: [], rank: new Map() };
    for (const { term } of [
      ...weighted.filter((c) => c.term.includes(' ')),
      ...weighted.filter((c) => !c.term.includes(' ')),
    ]) {
      const candidate = this.#candidate(term);
      if (candidate.words.length === 0 || candidate.stop || list.rank.has(candidate.key)) continue;
      list.rank.set(candidate.key, list.ordered.length);
      list.ordered.push(candidate);
    }
    if (this.#candidates.size >= CANDIDATE_CACHE) this.#candidates.clear();
    this.#candidates.set(key, list);
    return list;
  }

  /** Terms found in both papers' title or abstract, most telling first. Deterministic. */
  find(a: TermSource, b: TermSource): string[] {
    const termsA = this.#termsOf(a);
    const termsB = this.#termsOf(b);
    const list = this.#candidatesOf(a, b);
    const [fewer, more] =
      termsA.present.size <= termsB.present.size
        ? [termsA.present, termsB.present]
        : [termsB.present, termsA.present];
    const ranks: number[] = [];
    for (const key of fewer) {
      const rank = list.rank.get(key);
      if (rank !== undefined && more.has(key)) ranks.push(rank);
    }
    const shared = ranks.sort((x, y) => x - y).map((rank) => list.ordered[rank]!);
    // Content words of both titles that no candidate covers: a title word is in its own
    // paper's text, and in the other's because it is in the other's title.
    const seen = new Set<string>();
    for (const word of termsA.title) {
      if (word.length < 4 || STOPWORDS.has(word) || !termsB.titleSet.has(word)) continue;
      if (list.rank.has(word) || seen.has(word)) continue;
      seen.add(word);
      shared.push(this.#candidate(word));
    }
    // A single word already covered by a shared phrase adds nothing.
    const phrases = shared.filter((candidate) => candidate.term.includes(' '));
    const terms = shared.filter(
      (candidate) =>
        candidate.term.includes(' ') ||
        !phrases.some((phrase) => phrase.words.includes(candidate.words[0]!)),
    );
    return terms.slice(0, MAX_SHARED_TERMS).map((candidate) => candidate.term);
  }
}

/** Explains why `b` is related to `a`. Deterministic: same papers → same reason. */
export function whyRelated(a: TermSource, b: TermSource, lookup: RelatedLookup): RelatedReason {
  const vocabulary: string[] = [];
  for (const paper of [a, b]) {
    const topic = paper.topic === null ? undefined : lookup.topic(paper.topic);
    const parent = topic?.parent == null ? undefined : lookup.topic(topic.parent);
    for (const keyword of [...(topic?.keywords ?? []), ...(parent?.keywords ?? [])])
      vocabulary.push(keyword.term);
    for (const score of paper.themes) vocabulary.push(...lookup.themeKeywords(score.theme));
  }
  const finder = new SharedTermFinder(lookup, vocabulary);
  return { ...topicRelation(a, b, lookup), sharedTerms: finder.find(a, b) };
}

/** One sentence for a reason, for example `Same topic “model merging”; shares merging, task`. */
export function describeReason(reason: RelatedReason): string {
  const topic =
    reason.relation === 'same-topic'
      ? `Same topic “${reason.sharedTopic?.label ?? '?'}”`
      : reason.relation === 'same-broad'
        ? `Same broad theme “${reason.sharedTopic?.label ?? '?'}”`
        : reason.relation === 'different'
          ? 'Different topics'
          : 'Not both in a topic';
  return reason.sharedTerms.length > 0
    ? `${topic}; shares ${reason.sharedTerms.join(', ')}`
    : topic;
}
