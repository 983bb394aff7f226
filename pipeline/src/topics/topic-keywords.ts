/**
 * Keywords and label phrases of each group of one level: c-TF-IDF candidates (c-tf-idf.ts),
 * cut-off phrases dropped, written forms as authors use them.
 */
import type { Keyword } from '../schema/artifacts.ts';
import {
  countClassTerms,
  rankClassTerms,
  readTerms,
  type ClassCounts,
  type TermIndex,
  type TermReading,
  type WeightedTerm,
} from './c-tf-idf.ts';
import { selectKeywords } from './keyword-selection.ts';
import { termAssociation } from './keyword-coherence.ts';
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
 * against every group. `parentOf[g]` (a group's parent in the hierarchy) makes the groups of one
 * parent siblings whose keywords are separated (keyword-selection.ts); without it, every group of
 * the level is compared with every other.
 */
export function describeGroups(
  corpus: TokenizedCorpus,
  index: TermIndex,
  level: Pick<Level, 'groupOf' | 'count'>,
  options: TopicOptions,
  groups: readonly number[] = [...Array(level.count).keys()],
  parentOf?: ArrayLike<number>,
): GroupText[] {
  const counts = countClassTerms(index, level.groupOf, level.count);
  // More candidates than keywords: fragments, repeated words and loose phrases are dropped.
  const ranked = rankClassTerms(index, counts, {
    top: options.keywordCandidates * options.keywordsPerTopic,
    minDocFrequency: options.minKeywordPapers,
    minClassDocs: options.minKeywordPapers,
    minClassDocsScale: options.keywordPapersScale,
    tfExponent: options.tfExponent,
  });
  const members = membersOf(level);
  const readings = new Map<number, Map<number, TermReading>>();
  const candidates: WeightedTerm[][] = ranked.map(() => []);
  for (const g of groups) {
    const reading = readTerms(
      corpus,
      index,
      ranked[g]!.map((t) => t.term),
      members[g]!,
      options.fragmentShare,
    );
    readings.set(g, reading);
    candidates[g] = ranked[g]!.filter((t) => !reading.get(t.term)!.fragment);
  }
  const siblings: number[][] = Array.from({ length: level.count }, () => []);
  if (parentOf) {
    for (let g = 0; g < level.count; g++) siblings[parentOf[g]!]?.push(g);
  }
  const everyGroup = [...Array(level.count).keys()];
  const selected = selectKeywords(
    (key) => corpus.keys[key]!,
    index,
    counts,
    candidates,
    groups,
    {
      count: options.keywordsPerTopic,
      phraseCohesion: options.phraseCohesion,
      siblingSeparation: options.siblingSeparation,
      coherence: options.keywordCoherence,
      crossTopicPenalty: options.crossTopicPenalty,
      phraseUpgrade: options.phraseUpgrade,
    },
    (g) => (parentOf ? siblings[parentOf[g]!]! : everyGroup),
    options.keywordCoherence > 0
      ? termAssociation(
          corpus,
          index,
          groups.flatMap((g) => candidates[g]!.map((t) => t.term)),
        )
      : () => 0,
  );
  return groups.map((g, i) => {
    const reading = readings.get(g)!;
    const shown = selected[i]!;
    return {
      keywords: shown.map((t) => ({
        term: reading.get(t.term)!.display,
        weight: Math.round(t.weight * 10_000) / 10_000,
      })),
      labelTerms: shown.map((t) => ({
        words: index.termKeys(t.term).map((key) => corpus.keys[key]!),
        text: reading.get(t.term)!.display,
      })),
    };
  });
}
