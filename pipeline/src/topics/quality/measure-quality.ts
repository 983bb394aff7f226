/**
 * The quality figures of one run: top words of the fine topics, the broad topics and the reductions of
 * BERTopic's published protocol, all ranked as the keywords are (topic-keywords.ts), then scored
 * together (topic-quality.ts). The corpus is read twice, whatever the number of scored sets: once
 * for the fine topics' word counts (broad topics and reductions are unions of fine topics, ranked from
 * sums of those counts) and once for the windows of NPMI.
 */
import { countClassTerms, mergeClassCounts, termWeights, type TermIndex } from '../c-tf-idf.ts';
import { contentTexts, type TokenizedCorpus } from '../tokenize.ts';
import { topWords } from '../topic-keywords.ts';
import type { TopicOptions } from '../topic-options.ts';
import { mergeSmallest, topicSimilarities } from './reduce-topics.ts';
import { standardQuality } from './standard-evaluator.ts';
import { topicQuality, type TopicQuality } from './topic-quality.ts';

/** Topic counts of the published protocol (arXiv:2203.05794, `nr_topics` 10 to 50 by 10). */
export const REFERENCE_COUNTS: readonly number[] = [10, 20, 30, 40, 50];

/**
 * Quality of the fine topics (`fine.groupOf[row]`: topic or -1) and of the broad topics over
 * them (`broadTopics.ofTopic[topic]`: broad topic). NPMI is measured only when `options.measureCoherence` is set
 * (it is a pass over every abstract).
 */
export function measureQuality(input: {
  corpus: TokenizedCorpus;
  index: TermIndex;
  fine: { groupOf: ArrayLike<number>; count: number };
  broadTopics: { ofTopic: ArrayLike<number>; count: number };
  /** Papers per fine topic. */
  sizes: readonly number[];
  papers: number;
  options: TopicOptions;
  /**
   * The papers' texts and the displayed keywords of the fine topics and the broad topics, for the
   * standard evaluator (standard-evaluator.ts); scored when `options.measureCoherence` is set.
   */
  shown?: {
    docs: readonly { title: string; abstract: string }[];
    fine: readonly (readonly string[])[];
    broadTopics: readonly (readonly string[])[];
  };
}): TopicQuality {
  const { corpus, index, fine, broadTopics, sizes, options } = input;
  const fineCounts = countClassTerms(index, fine.groupOf, fine.count, true);
  // Topics compare by their whole word vectors (every word, the keywords' weighting, no
  // thresholds), as BERTopic compares its c-TF-IDF rows.
  const weights = termWeights(index, fineCounts, options.tfExponent);
  const vectors = fineCounts.terms.map((terms, t) => ({ terms, weights: weights[t]! }));
  const reductions = mergeSmallest(topicSimilarities(vectors), sizes, REFERENCE_COUNTS);
  const reduced = REFERENCE_COUNTS.map((target, i) => {
    const groupOfTopic = reductions[i]!;
    const count = groupOfTopic.reduce((max, g) => Math.max(max, g + 1), 0);
    const counts = mergeClassCounts(fineCounts, groupOfTopic, count);
    return { target, topWords: topWords(index, counts, options) };
  });
  return topicQuality({
    topWords: topWords(index, fineCounts, options),
    broadTopWords: topWords(
      index,
      mergeClassCounts(fineCounts, broadTopics.ofTopic, broadTopics.count),
      options,
    ),
    reduced,
    ...(options.measureCoherence ? { texts: contentTexts(corpus) } : {}),
    standard:
      options.measureCoherence && input.shown
        ? standardQuality(input.shown.docs, input.shown.fine, input.shown.broadTopics)
        : null,
    sizes,
    broadTopics: broadTopics.count,
    papers: input.papers,
  });
}
