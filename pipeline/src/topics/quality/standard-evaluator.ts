/**
 * The standard topic evaluator: NPMI coherence and diversity of the keywords users see, scored on
 * texts cut by a tokenizer that is not ours, so the figures compare with any other topic model
 * scored the same way (BERTopic, for one). It is a port of
 * `pipeline/bench/topic-eval/evaluate.py` (scikit-learn + gensim), checked against it to 1e-6
 * by a test on a committed fixture and by `npm run bench -- topics` on the whole HF corpus:
 *
 * - texts: each paper's `title + ". " + abstract`, cut by scikit-learn's
 *   `CountVectorizer(stop_words="english")` analyzer ({@link sklearnAnalyzer});
 * - words: each topic's displayed keywords in weight order, each cut by the same analyzer; the
 *   first 10 distinct tokens that occur in the texts (gensim's dictionary);
 * - coherence: gensim `CoherenceModel(coherence="c_npmi", window_size=10, topn=10)`: every text
 *   gives its windows, an empty one or one without a scored word too (gensim 4.4 no longer skips
 *   those), counted as quality/npmi.ts counts them;
 * - diversity: unique words / (10 × topics).
 *
 * Ported rather than called so that every pipeline run can report the figure without Python.
 */
import { countWindows, npmiFromCounts, type WindowCounts } from './npmi.ts';
import { SKLEARN_ENGLISH_STOP_WORDS } from './sklearn-stop-words.ts';
import type { StandardQuality } from './topic-quality.ts';

/**
 * scikit-learn's default `token_pattern` `(?u)\b\w\w+\b`: every maximal run of two or more word
 * characters. Python's `\w` is a letter, a number or the underscore; JavaScript's `\b` is ASCII
 * only, so the runs are matched directly (greedy, hence maximal).
 */
const SKLEARN_TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** Words per topic, as the evaluator's `topn`. */
export const STANDARD_TOP_WORDS = 10;

/** Sliding window of the evaluator's `c_npmi`, in tokens. */
export const STANDARD_WINDOW = 10;

/** How the standard figures are computed, for the manifest. */
export const STANDARD_METHOD =
  'scikit-learn CountVectorizer(stop_words="english") tokens of title + ". " + abstract; ' +
  "each topic's displayed keywords cut the same way, first 10 distinct tokens; gensim c_npmi " +
  '(window 10, topn 10); diversity = unique words / (10 × topics)';

/**
 * scikit-learn's `CountVectorizer(stop_words="english").build_analyzer()`: lowercase, tokens of
 * {@link SKLEARN_TOKEN}, English stop words dropped.
 */
export function sklearnAnalyzer(text: string): string[] {
  const tokens: string[] = [];
  for (const match of text.toLowerCase().matchAll(SKLEARN_TOKEN)) {
    if (!SKLEARN_ENGLISH_STOP_WORDS.has(match[0])) tokens.push(match[0]);
  }
  return tokens;
}

/** The text the evaluator reads for one paper. */
export function evaluatorText(doc: { title: string; abstract: string }): string {
  return `${doc.title}. ${doc.abstract}`;
}

/** Figures of the standard evaluator for one set of topics. */
export interface StandardScores {
  /** Mean c_npmi over topics with at least two words, in [-1, 1]; null when none has two. */
  npmi: number | null;
  /** Unique words / (10 × topics), in [0, 1]; null without topics. */
  diversity: number | null;
  /** Per topic, in input order: the words scored (at most 10). */
  words: string[][];
  /** Per topic, in input order: its NPMI; null for a topic with fewer than two words. */
  perTopic: (number | null)[];
}

/** Texts cut by {@link sklearnAnalyzer}, as integer ids, with the vocabulary (gensim's dictionary). */
export interface AnalyzedTexts {
  ids: Int32Array[];
  vocabulary: ReadonlyMap<string, number>;
}

/**
 * Cuts `texts` once; the result serves any number of {@link standardScores} calls. The same as
 * {@link sklearnAnalyzer} on each text, with one map lookup per token (stop words map to -1):
 * hashing each token once is most of the cost on a corpus.
 */
export function analyzeTexts(texts: readonly string[]): AnalyzedTexts {
  const vocabulary = new Map<string, number>();
  const idOf = new Map<string, number>();
  for (const word of SKLEARN_ENGLISH_STOP_WORDS) idOf.set(word, -1);
  const buffer: number[] = [];
  const ids = texts.map((text) => {
    buffer.length = 0;
    // String.match with the global flag returns the strings only, without a match object each.
    for (const token of text.toLowerCase().match(SKLEARN_TOKEN) ?? []) {
      let id = idOf.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
        idOf.set(token, id);
      }
      if (id >= 0) buffer.push(id);
    }
    return Int32Array.from(buffer);
  });
  return { ids, vocabulary };
}

/**
 * The first `top` distinct analyzer tokens of `keywords` (weight order) that occur in the texts:
 * the words the evaluator scores for one topic.
 */
export function evaluatedWords(
  keywords: readonly string[],
  vocabulary: ReadonlyMap<string, number>,
  top = STANDARD_TOP_WORDS,
): string[] {
  const words: string[] = [];
  for (const keyword of keywords) {
    for (const token of sklearnAnalyzer(keyword)) {
      if (words.length < top && vocabulary.has(token) && !words.includes(token)) words.push(token);
    }
  }
  return words;
}

/**
 * Scores topics given by their displayed keywords (`topics[t]`: keyword strings, best first)
 * against `texts` (see the module comment). Unrounded, so a test can compare with Python.
 * `counts` may be windows already counted over `texts` for a superset of the topics' words
 * (gensim 4.4 counts the same windows whatever the words, so one pass serves several sets).
 */
export function standardScores(
  texts: AnalyzedTexts,
  topics: readonly (readonly string[])[],
  counts?: WindowCounts,
): StandardScores {
  const words = topics.map((keywords) => evaluatedWords(keywords, texts.vocabulary));
  const ids = words.map((list) => list.map((word) => texts.vocabulary.get(word)!));
  const scored = ids.filter((list) => list.length >= 2);
  const perTopic: (number | null)[] = ids.map(() => null);
  let npmi: number | null = null;
  if (scored.length > 0) {
    counts ??= countWindows(texts.ids, scored.flat(), STANDARD_WINDOW);
    const coherence = npmiFromCounts(counts, scored);
    npmi = coherence.mean;
    let next = 0;
    ids.forEach((list, t) => {
      if (list.length >= 2) perTopic[t] = coherence.perTopic[next++]!;
    });
  }
  const unique = new Set(words.flat());
  return {
    npmi,
    diversity: topics.length === 0 ? null : unique.size / (STANDARD_TOP_WORDS * topics.length),
    words,
    perTopic,
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

/**
 * `texts` cut as {@link analyzeTexts} cuts them, with only the tokens in `words` told apart: every
 * other token becomes one id that no topic scores. Windows count tokens, whatever they are, so the
 * windows and the counts of `words` are those of the fully analyzed texts; the vocabulary holds
 * the words of `words` that occur. One lookup per token in a map of the stop words and `words`
 * (about a thousand entries) instead of the corpus's vocabulary (tens of thousands) halves the
 * cost of cutting a corpus.
 */
export function analyzeForWords(texts: readonly string[], words: readonly string[]): AnalyzedTexts {
  const idOf = new Map<string, number>();
  for (const word of SKLEARN_ENGLISH_STOP_WORDS) idOf.set(word, -1);
  for (const word of words) if (!idOf.has(word)) idOf.set(word, idOf.size);
  const other = idOf.size;
  const seen = new Set<number>();
  const buffer: number[] = [];
  const ids = texts.map((text) => {
    buffer.length = 0;
    for (const token of text.toLowerCase().match(SKLEARN_TOKEN) ?? []) {
      const id = idOf.get(token);
      if (id === undefined) buffer.push(other);
      else if (id >= 0) {
        buffer.push(id);
        seen.add(id);
      }
    }
    return Int32Array.from(buffer);
  });
  const vocabulary = new Map<string, number>();
  for (const [word, id] of idOf) if (seen.has(id)) vocabulary.set(word, id);
  return { ids, vocabulary };
}

/**
 * The standard figures of a run, rounded to 4 decimals: fine topics and broad topics, each given by
 * its displayed keywords, over the papers `docs`. The texts are cut for the keywords' tokens
 * only ({@link analyzeForWords}) and their windows counted once for both.
 */
export function standardQuality(
  docs: readonly { title: string; abstract: string }[],
  fine: readonly (readonly string[])[],
  broadTopics: readonly (readonly string[])[],
): StandardQuality {
  const keywordTokens = [...fine, ...broadTopics].flatMap((keywords) =>
    keywords.flatMap((keyword) => sklearnAnalyzer(keyword)),
  );
  const texts = analyzeForWords(docs.map(evaluatorText), keywordTokens);
  const words = [...fine, ...broadTopics].flatMap((keywords) =>
    evaluatedWords(keywords, texts.vocabulary).map((word) => texts.vocabulary.get(word)!),
  );
  const counts = countWindows(texts.ids, words, STANDARD_WINDOW);
  const fineScores = standardScores(texts, fine, counts);
  const broadScores = standardScores(texts, broadTopics, counts);
  return {
    method: STANDARD_METHOD,
    npmi: round(fineScores.npmi),
    diversity: round(fineScores.diversity),
    broadTopicScores: { npmi: round(broadScores.npmi), diversity: round(broadScores.diversity) },
  };
}
