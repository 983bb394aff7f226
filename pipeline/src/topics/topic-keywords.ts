/**
 * Keywords and label phrases of each group of one level: c-TF-IDF candidates (c-tf-idf.ts),
 * cut-off phrases dropped, written forms as authors use them.
 */
import type { Keyword } from '../schema/artifacts.ts';
import { classTerms, readTerms, type TermIndex } from './c-tf-idf.ts';
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

/** Keywords of every group of `level`, in group order. */
export function describeGroups(
  corpus: TokenizedCorpus,
  index: TermIndex,
  level: Level,
  options: TopicOptions,
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
  return candidates.map((terms, g) => {
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
