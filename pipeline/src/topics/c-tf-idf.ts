/**
 * Class-based TF-IDF keywords (c-TF-IDF, Grootendorst 2022, arXiv:2203.05794, eq. 1):
 *
 *   W(t, c) = tf(t, c) / Σ_t' tf(t', c) · log(1 + A / f(t))
 *
 * where A is the mean number of term occurrences per class and f(t) the occurrences of t over all
 * classes. One deviation from BERTopic's default: tf counts documents of the class containing
 * the term (binary per document, as BERTopic allows through its vectorizer), so a paper repeating
 * its own method name eight times cannot take over its topic's label.
 *
 * Terms are n-grams of word keys inside one phrase (no stop word or punctuation inside), with at
 * least one non-generic word (see stop-words.ts). Hand-rolled because no npm package implements
 * c-TF-IDF, and a general TF-IDF library would need a dense class × term matrix.
 */
import { PairTable } from './pair-table.ts';
import { displayForm, PHRASE_BREAK, type TokenizedCorpus } from './tokenize.ts';

/** The terms of a corpus and which documents contain them. */
export interface TermIndex {
  /** Word keys per term (n ≤ ngramMax), by term id. */
  termKeys: (t: number) => number[];
  /** Per document: the distinct eligible term ids it contains, ascending. */
  docTerms: Int32Array[];
  /** Per term id: number of documents containing it. */
  docFrequency: Int32Array;
  /** Longest n-gram indexed. */
  ngramMax: number;
  /** Number of word keys: term ids below it are single words. */
  wordCount: number;
  /** Term id of a word-key sequence, or -1 when the corpus never has it inside one phrase. */
  lookup: (keys: readonly number[]) => number;
  /** Term id of `term` followed by word key `key`, or -1 when the corpus never has it. */
  extend: (term: number, key: number) => number;
}

class GrowableInt32 {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

/**
 * Indexes every eligible n-gram (1 ≤ n ≤ `ngramMax`) of every document. Term ids of single words
 * equal their word key ids; longer n-grams get ids from `keys.length` up, in order of first
 * appearance.
 */
export function buildTermIndex(corpus: TokenizedCorpus, ngramMax: number): TermIndex {
  const keyCount = corpus.keys.length;
  const extend = new PairTable(keyCount * 4);
  const parent = new GrowableInt32();
  const lastKey = new GrowableInt32();
  const eligible: number[] = [];
  const hasContent: number[] = [];
  for (let key = 0; key < keyCount; key++) {
    parent.push(-1);
    lastKey.push(key);
    const content = corpus.generic[key] === 0 ? 1 : 0;
    hasContent.push(content);
    eligible.push(content);
  }
  const childOf = (prefix: number, key: number): number => {
    let term = extend.get(prefix, key);
    if (term === -1) {
      term = parent.length;
      parent.push(prefix);
      lastKey.push(key);
      const content = hasContent[prefix]! | (corpus.generic[key] === 0 ? 1 : 0);
      hasContent.push(content);
      eligible.push(content);
      extend.set(prefix, key, term);
    }
    return term;
  };

  const docTerms: Int32Array[] = [];
  let seen = new Int32Array(keyCount * 4).fill(-1);
  let frequency = new Int32Array(keyCount * 4);
  const found: number[] = [];
  corpus.docs.forEach((tokens, doc) => {
    found.length = 0;
    let phraseStart = 0;
    for (let i = 0; i <= tokens.length; i++) {
      if (i < tokens.length && tokens[i] !== PHRASE_BREAK) continue;
      for (let start = phraseStart; start < i; start++) {
        let term = -1;
        for (let n = 0; n < ngramMax && start + n < i; n++) {
          const key = corpus.surfaceKey[tokens[start + n]! >> 1]!;
          term = term === -1 ? key : childOf(term, key);
          if (term >= seen.length) {
            const size = Math.max(term + 1, seen.length * 2);
            const grownSeen = new Int32Array(size).fill(-1);
            grownSeen.set(seen);
            seen = grownSeen;
            const grownFrequency = new Int32Array(size);
            grownFrequency.set(frequency);
            frequency = grownFrequency;
          }
          if (eligible[term] === 1 && seen[term] !== doc) {
            seen[term] = doc;
            frequency[term]!++;
            found.push(term);
          }
        }
      }
      phraseStart = i + 1;
    }
    docTerms.push(Int32Array.from(found).sort());
  });

  const termKeys = (term: number): number[] => {
    const out: number[] = [];
    for (let t = term; t !== -1; t = parent.data[t]!) out.push(lastKey.data[t]!);
    return out.reverse();
  };
  const lookup = (keys: readonly number[]): number => {
    let term = -1;
    for (const key of keys) {
      term = term === -1 ? key : extend.get(term, key);
      if (term === -1) return -1;
    }
    return term;
  };
  const extendTerm = (term: number, key: number): number =>
    term < 0 || key < 0 ? -1 : extend.get(term, key);
  return {
    termKeys,
    extend: extendTerm,
    docTerms,
    docFrequency: frequency.subarray(0, parent.length),
    ngramMax,
    wordCount: keyCount,
    lookup,
  };
}

/** A term and its c-TF-IDF weight in one class. */
export interface WeightedTerm {
  term: number;
  weight: number;
}

/** Options of {@link classTerms}. */
export interface ClassTermOptions {
  /** Terms to return per class, best first. */
  top: number;
  /** Documents (corpus-wide) a term must occur in to be considered; ≥ 1. */
  minDocFrequency: number;
  /**
   * Documents of the class a term must occur in to be considered, ≥ 1 (capped at the class
   * size). Default 1.
   */
  minClassDocs?: number;
  /**
   * Documents of the class a term must occur in, as a multiple of √(class size), ≥ 0; the larger
   * of this (rounded up) and `minClassDocs` applies, capped at the class size. A word of a few
   * papers of a large topic describes those papers, not the topic; √ rather than a share of the
   * size, because a share asks too much of large topics (see README.md). Default 0.
   */
  minClassDocsScale?: number;
  /** Only single words (for coherence and diversity, which compare words). */
  wordsOnly?: boolean;
  /**
   * Exponent applied to the normalized tf before weighting, in (0, 1]. 1 is BERTopic's default;
   * 0.5 is its `reduce_frequent_words` (square root): the lower, the more specific the keywords.
   * Default 1.
   */
  tfExponent?: number;
}

/**
 * How often each term occurs in each class: the part of c-TF-IDF that reads the corpus, kept
 * apart so that groupings of the same classes (broad topics, reductions) are ranked from sums of
 * these instead of another pass over every document ({@link mergeClassCounts}).
 */
export interface ClassCounts {
  /** Per class: its terms, in order of first occurrence. */
  terms: Int32Array[];
  /** Per class, parallel to `terms`: documents of the class containing the term. */
  counts: Int32Array[];
  /** Per class: its documents. */
  docs: number[];
  /** Per class: Σ over its documents of their eligible terms (tf's denominator). */
  totals: number[];
  /** Term occurrences in all documents, those in no class included. */
  totalOccurrences: number;
  /** True when some document is in no class (an outlier class for A, as in BERTopic). */
  hasOutliers: boolean;
}

/**
 * Counts the terms of each class. `classOf[doc]` is the class index (0 ≤ c < `classCount`) or -1
 * for documents in no class (outliers); those still count in A and f(t), as BERTopic's outlier
 * topic does. With `wordsOnly`, phrases are left out of the counts (not of the totals).
 */
export function countClassTerms(
  index: TermIndex,
  classOf: ArrayLike<number>,
  classCount: number,
  wordsOnly = false,
): ClassCounts {
  const members: number[][] = Array.from({ length: classCount }, () => []);
  let totalOccurrences = 0;
  let hasOutliers = false;
  for (let doc = 0; doc < index.docTerms.length; doc++) {
    const c = classOf[doc]!;
    totalOccurrences += index.docTerms[doc]!.length;
    if (c < 0) hasOutliers = true;
    else members[c]!.push(doc);
  }
  const counts = new Int32Array(index.docFrequency.length);
  // Term ids of single words come first in each document's ascending list, so a words-only
  // count stops at the first phrase; the total still counts every term.
  const lastTerm = wordsOnly ? index.wordCount : Number.POSITIVE_INFINITY;
  const out: ClassCounts = {
    terms: [],
    counts: [],
    docs: members.map((docs) => docs.length),
    totals: [],
    totalOccurrences,
    hasOutliers,
  };
  for (const docs of members) {
    const touched: number[] = [];
    let classTotal = 0;
    for (const doc of docs) {
      const terms = index.docTerms[doc]!;
      classTotal += terms.length;
      for (const term of terms) {
        if (term >= lastTerm) break;
        if (counts[term] === 0) touched.push(term);
        counts[term]!++;
      }
    }
    const terms = Int32Array.from(touched);
    const termCounts = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      termCounts[i] = counts[terms[i]!]!;
      counts[terms[i]!] = 0;
    }
    out.terms.push(terms);
    out.counts.push(termCounts);
    out.totals.push(classTotal);
  }
  return out;
}

/**
 * The counts of groups of classes: `groupOfClass[c]` is the group (0 ≤ g < `groupCount`) of class
 * c. The same as counting the union of each group's documents, without reading them again.
 */
export function mergeClassCounts(
  counts: ClassCounts,
  groupOfClass: ArrayLike<number>,
  groupCount: number,
): ClassCounts {
  let maxTerm = -1;
  for (const terms of counts.terms) for (const term of terms) if (term > maxTerm) maxTerm = term;
  const sum = new Int32Array(maxTerm + 1);
  const classesOf: number[][] = Array.from({ length: groupCount }, () => []);
  counts.terms.forEach((_, c) => classesOf[groupOfClass[c]!]!.push(c));
  const out: ClassCounts = { ...counts, terms: [], counts: [], docs: [], totals: [] };
  for (const classes of classesOf) {
    const touched: number[] = [];
    let docs = 0;
    let total = 0;
    for (const c of classes) {
      docs += counts.docs[c]!;
      total += counts.totals[c]!;
      const terms = counts.terms[c]!;
      const termCounts = counts.counts[c]!;
      for (let i = 0; i < terms.length; i++) {
        const term = terms[i]!;
        if (sum[term] === 0) touched.push(term);
        sum[term]! += termCounts[i]!;
      }
    }
    const terms = Int32Array.from(touched);
    const termCounts = new Int32Array(terms.length);
    for (let i = 0; i < terms.length; i++) {
      termCounts[i] = sum[terms[i]!]!;
      sum[terms[i]!] = 0;
    }
    out.terms.push(terms);
    out.counts.push(termCounts);
    out.docs.push(docs);
    out.totals.push(total);
  }
  return out;
}

/** A (mean term occurrences per class, the outliers counting as one class) of `counts`. */
function meanPerClass(counts: ClassCounts): number {
  const classes = counts.terms.length + (counts.hasOutliers ? 1 : 0);
  return counts.totalOccurrences / Math.max(1, classes);
}

/**
 * W(t, c) = (tf(t, c) / Σ tf(·, c))^`exponent` · log(1 + A / f(t)): `count` documents of a class
 * with `classTotal` term occurrences contain the term, `frequency` documents of the corpus do.
 */
function weight(
  count: number,
  classTotal: number,
  frequency: number,
  mean: number,
  exponent: number,
): number {
  return (count / classTotal) ** exponent * Math.log(1 + mean / frequency);
}

/** The c-TF-IDF weight of every counted term of every class, parallel to `counts.terms`. */
export function termWeights(index: TermIndex, counts: ClassCounts, tfExponent = 1): Float64Array[] {
  const mean = meanPerClass(counts);
  return counts.terms.map((terms, c) => {
    const classTotal = counts.totals[c]!;
    const termCounts = counts.counts[c]!;
    return Float64Array.from(terms, (term, i) =>
      weight(termCounts[i]!, classTotal, index.docFrequency[term]!, mean, tfExponent),
    );
  });
}

/**
 * The top c-TF-IDF terms of each class from its counts (options as in {@link classTerms}; counts
 * taken with `wordsOnly` rank single words whatever `options.wordsOnly` says). Ties are broken by
 * term id, so the result is deterministic.
 */
export function rankClassTerms(
  index: TermIndex,
  counts: ClassCounts,
  options: ClassTermOptions,
): WeightedTerm[][] {
  const mean = meanPerClass(counts);
  const exponent = options.tfExponent ?? 1;
  return counts.terms.map((terms, c) => {
    const docs = counts.docs[c]!;
    const classTotal = counts.totals[c]!;
    const termCounts = counts.counts[c]!;
    // The epsilon keeps an exact product such as 0.3 × √100 (3.0000000000000004) at 3.
    const scaled = Math.ceil((options.minClassDocsScale ?? 0) * Math.sqrt(docs) - 1e-9);
    const minCount = Math.min(Math.max(options.minClassDocs ?? 1, scaled), docs);
    const scored: WeightedTerm[] = [];
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i]!;
      const count = termCounts[i]!;
      const frequency = index.docFrequency[term]!;
      if (frequency < options.minDocFrequency || count < minCount) continue;
      if (options.wordsOnly && term >= index.wordCount) continue;
      scored.push({ term, weight: weight(count, classTotal, frequency, mean, exponent) });
    }
    scored.sort((a, b) => b.weight - a.weight || a.term - b.term);
    return scored.slice(0, options.top);
  });
}

/**
 * The top c-TF-IDF terms of each class: {@link countClassTerms}, then {@link rankClassTerms}.
 * `classOf[doc]` is the class index (0 ≤ c < `classCount`) or -1 for documents in no class
 * (outliers); those still count in A and f(t), as BERTopic's outlier topic does.
 */
export function classTerms(
  index: TermIndex,
  classOf: ArrayLike<number>,
  classCount: number,
  options: ClassTermOptions,
): WeightedTerm[][] {
  return rankClassTerms(
    index,
    countClassTerms(index, classOf, classCount, options.wordsOnly ?? false),
    options,
  );
}

/** How a term reads in a set of documents. */
export interface TermReading {
  /** Usual written form (see `displayForm` in tokenize.ts). */
  display: string;
  /**
   * True when the term is the start or the end of a longer phrase: at least `fragmentShare` of
   * its occurrences continue with the same next word ("large language" → "models",
   * "Retrieval-Augmented" → "Generation") or follow the same previous word ("Monte" → "Carlo",
   * "de" → "novo"). Such a term reads as cut off in a label.
   */
  fragment: boolean;
}

/**
 * Reads each term over the given documents: its usual written form (acronyms keep the casing
 * authors give them, other words are lowercase) and whether it is a fragment of a longer phrase.
 * `fragmentShare` is in (0, 1]; a term seen fewer than 2 times is never a fragment.
 */
export function readTerms(
  corpus: TokenizedCorpus,
  index: TermIndex,
  terms: readonly number[],
  docs: readonly number[],
  fragmentShare: number,
): Map<number, TermReading> {
  // Written forms are counted by number, not by string: a form of one word is its surface id, a
  // longer one an id given to (shorter form, next surface) on first sight; the strings are made
  // once per distinct form at the end.
  const surfaceCount = corpus.surfaces.length;
  const formIds = new Map<number, number>();
  const formParent: number[] = [];
  const formLast: number[] = [];
  const extendForm = (form: number, surface: number): number => {
    const code = form * surfaceCount + surface;
    let id = formIds.get(code);
    if (id === undefined) {
      id = surfaceCount + formParent.length;
      formParent.push(form);
      formLast.push(surface);
      formIds.set(code, id);
    }
    return id;
  };
  const formText = (form: number): string =>
    form < surfaceCount
      ? corpus.surfaces[form]!
      : `${formText(formParent[form - surfaceCount]!)} ${corpus.surfaces[formLast[form - surfaceCount]!]!}`;

  interface Tally {
    voting: Map<number, number>;
    all: Map<number, number>;
    occurrences: number;
    next: Map<number, number>;
    previous: Map<number, number>;
  }
  const wanted = new Map<number, Tally>();
  // The longest wanted term that starts with each word key, in words: a token that starts none
  // is skipped, and a phrase is looked up only when a wanted phrase starts there.
  const longestFrom = new Uint8Array(index.wordCount);
  for (const term of terms) {
    wanted.set(term, {
      voting: new Map(),
      all: new Map(),
      occurrences: 0,
      next: new Map(),
      previous: new Map(),
    });
    const keys = index.termKeys(term);
    longestFrom[keys[0]!] = Math.max(longestFrom[keys[0]!]!, keys.length);
  }
  for (const doc of docs) {
    const tokens = corpus.docs[doc]!;
    for (let start = 0; start < tokens.length; start++) {
      if (tokens[start] === PHRASE_BREAK) continue;
      const longest = longestFrom[corpus.surfaceKey[tokens[start]! >> 1]!]!;
      let term = -1;
      for (let n = 0; n < longest && start + n < tokens.length; n++) {
        const token = tokens[start + n]!;
        if (token === PHRASE_BREAK) break;
        const key = corpus.surfaceKey[token >> 1]!;
        term = n === 0 ? key : index.extend(term, key);
        if (term < 0) break;
        const tally = wanted.get(term);
        if (!tally) continue;
        let form = tokens[start]! >> 1;
        for (let m = 1; m <= n; m++) form = extendForm(form, tokens[start + m]! >> 1);
        tally.all.set(form, (tally.all.get(form) ?? 0) + 1);
        if ((tokens[start]! & 1) === 1) tally.voting.set(form, (tally.voting.get(form) ?? 0) + 1);
        tally.occurrences++;
        const following = tokens[start + n + 1];
        if (following !== undefined && following !== PHRASE_BREAK) {
          const key = corpus.surfaceKey[following >> 1]!;
          tally.next.set(key, (tally.next.get(key) ?? 0) + 1);
        }
        const preceding = start > 0 ? tokens[start - 1]! : PHRASE_BREAK;
        if (preceding !== PHRASE_BREAK) {
          const key = corpus.surfaceKey[preceding >> 1]!;
          tally.previous.set(key, (tally.previous.get(key) ?? 0) + 1);
        }
      }
    }
  }
  const texts = (counts: Map<number, number>) =>
    new Map([...counts].map(([form, count]) => [formText(form), count]));
  const out = new Map<number, TermReading>();
  for (const [term, tally] of wanted) {
    const topNeighbour = Math.max(0, ...tally.next.values(), ...tally.previous.values());
    out.set(term, {
      display: displayForm(texts(tally.voting), texts(tally.all)),
      fragment: tally.occurrences >= 2 && topNeighbour >= fragmentShare * tally.occurrences,
    });
  }
  return out;
}
