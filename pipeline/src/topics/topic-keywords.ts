/**
 * Keywords and label phrases of each group of one level: c-TF-IDF candidates (c-tf-idf.ts),
 * cut-off phrases dropped, written forms as authors use them.
 */
import type { Keyword } from '../schema/artifacts.ts';
import {
  classTerms,
  rankClassTerms,
  readTerms,
  type ClassCounts,
  type TermIndex,
} from './c-tf-idf.ts';
import type { LabelTerm } from './labels.ts';
import type { TokenizedCorpus } from './tokenize.ts';
import { membersOf, type Level } from './topic-ids.ts';
import type { TopicOptions } from './topic-options.ts';

/** What a group's words say: weighted keywords and the phrases labels are made from. */
export interface GroupText {
  /** Best first, weights rounded to 4 decimals. */
  keywords: Keyword[];
  /** The same phrases, for {@link uniqueLabels} in labels.ts. */
  labelTerms: LabelTerm[];
}

/**
 * The top `top` single words (word key ids, best first) of every group of `counts` (counted with
 * `wordsOnly`, see `countClassTerms` in c-tf-idf.ts): the shown keywords' ranking, weighting and
 * thresholds restricted to single words, which is what BERTopic's published evaluation scores
 * (NPMI and diversity compare words, not phrases).
 */
export function topWords(
  index: TermIndex,
  counts: ClassCounts,
  options: TopicOptions,
  top = 10,
): number[][] {
  return rankClassTerms(index, counts, {
    top,
    minDocFrequency: options.minKeywordPapers,
    minClassDocs: options.minKeywordPapers,
    minClassDocsScale: options.keywordPapersScale,
    tfExponent: options.tfExponent,
    wordsOnly: true,
  }).map((ranked) => ranked.map((t) => t.term));
}

/**
 * Keywords of the groups `groups` of `level` (all of them by default), in that order. Weights are
 * those of the whole level whichever groups are described: c-TF-IDF weighs a group's words
 * against every group.
 */
export function describeGroups(
  corpus: TokenizedCorpus,
  index: TermIndex,
  level: Pick<Level, 'groupOf' | 'count'>,
  options: TopicOptions,
  groups: readonly number[] = [...Array(level.count).keys()],
): GroupText[] {
  // Twice the keywords are ranked, so that enough remain once fragments are dropped.
  const candidates = classTerms(index, level.groupOf, level.count, {
    top: 2 * options.keywordsPerTopic,
    minDocFrequency: options.minKeywordPapers,
    minClassDocs: options.minKeywordPapers,
    minClassDocsScale: options.keywordPapersScale,
    tfExponent: options.tfExponent,
  });
  const members = membersOf(level);
  return groups.map((g) => {
    const terms = candidates[g]!;
    const reading = readTerms(
      corpus,
      index,
      terms.map((t) => t.term),
      members[g]!,
      options.fragmentShare,
    );
    const ranked = terms
      .filter((t) => !reading.get(t.term)!.fragment)
      .slice(0, options.keywordsPerTopic);
    return {
      keywords: ranked.map((t) => ({
        term: reading.get(t.term)!.display,
        weight: Math.round(t.weight * 10_000) / 10_000,
      })),
      labelTerms: ranked.map((t) => ({
        words: index.termKeys(t.term).map((key) => corpus.keys[key]!),
        text: reading.get(t.term)!.display,
      })),
    };
  });
}
