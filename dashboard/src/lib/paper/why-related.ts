/**
 * Why two papers are related, in words a reader can check: whether they share a topic (or
 * only a broad theme), and the key terms found in both texts. Candidate terms are the
 * c-TF-IDF keywords of both papers' topics and the keywords of their watch-list themes
 * (the words that characterise those groups), then the content words the two titles share.
 * Matching ignores case and a plural `s`.
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

/** Most terms returned. */
export const MAX_SHARED_TERMS = 6;

const STOPWORDS = new Set(
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

/** Whether the multi-word term occurs in the word sequence (as consecutive words). */
function containsPhrase(
  words: readonly string[],
  wordSet: ReadonlySet<string>,
  phrase: readonly string[],
): boolean {
  if (phrase.length === 0) return false;
  if (phrase.length === 1) return wordSet.has(phrase[0]!);
  for (let i = 0; i + phrase.length <= words.length; i++) {
    if (phrase.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}

function topicRelation(
  a: Paper,
  b: Paper,
  lookup: RelatedLookup,
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

/** Explains why `b` is related to `a`. Deterministic: same papers → same reason. */
export function whyRelated(a: Paper, b: Paper, lookup: RelatedLookup): RelatedReason {
  const wordsA = termWords(`${a.title} ${a.abstract}`);
  const wordsB = termWords(`${b.title} ${b.abstract}`);
  const setA = new Set(wordsA);
  const setB = new Set(wordsB);

  const candidates: { term: string; weight: number }[] = [];
  const topicIds = new Set<number>();
  for (const paper of [a, b]) {
    if (paper.topic === null) continue;
    topicIds.add(paper.topic);
    const parent = lookup.topic(paper.topic)?.parent;
    if (parent !== null && parent !== undefined) topicIds.add(parent);
  }
  for (const id of topicIds) {
    for (const keyword of lookup.topic(id)?.keywords ?? [])
      candidates.push({ term: keyword.term, weight: keyword.weight });
  }
  const themeIds = new Set([...a.themes, ...b.themes].map((score) => score.theme));
  for (const id of themeIds)
    for (const term of lookup.themeKeywords(id)) candidates.push({ term, weight: 0 });

  const shared: string[] = [];
  const seen = new Set<string>();
  const consider = (term: string) => {
    const phrase = termWords(term);
    const key = phrase.join(' ');
    if (phrase.length === 0 || seen.has(key)) return;
    if (phrase.every((word) => STOPWORDS.has(word))) return;
    seen.add(key);
    if (containsPhrase(wordsA, setA, phrase) && containsPhrase(wordsB, setB, phrase))
      shared.push(term.toLowerCase());
  };
  const ordered = [...candidates].sort(
    (x, y) => y.weight - x.weight || x.term.localeCompare(y.term),
  );
  // Multi-word keywords are more telling than their single words: try them first.
  for (const { term } of ordered.filter((c) => c.term.includes(' '))) consider(term);
  for (const { term } of ordered.filter((c) => !c.term.includes(' '))) consider(term);

  const titleB = new Set(termWords(b.title));
  for (const word of termWords(a.title)) {
    if (word.length < 4 || STOPWORDS.has(word) || !titleB.has(word)) continue;
    consider(word);
  }
  // A single word already covered by a shared phrase adds nothing.
  const phrases = shared.filter((term) => term.includes(' '));
  const terms = shared.filter(
    (term) =>
      term.includes(' ') ||
      !phrases.some((phrase) => termWords(phrase).includes(termWords(term)[0]!)),
  );
  return { ...topicRelation(a, b, lookup), sharedTerms: terms.slice(0, MAX_SHARED_TERMS) };
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
