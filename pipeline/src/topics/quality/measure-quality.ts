/**
 * The quality figures of one run: top words of the fine topics, the themes and the reductions of
 * BERTopic's published protocol, all ranked as the keywords are (topic-keywords.ts), then scored
 * together (topic-quality.ts) so the corpus's windows are counted once.
 */
import type { TermIndex } from '../c-tf-idf.ts';
import { contentKeys, type TokenizedCorpus } from '../tokenize.ts';
import { topWords, wordVectors, type Grouping } from '../topic-keywords.ts';
import type { TopicOptions } from '../topic-options.ts';
import { mergeSmallest, topicSimilarities } from './reduce-topics.ts';
import { topicQuality, type TopicQuality } from './topic-quality.ts';

/** Topic counts of the published protocol (arXiv:2203.05794, `nr_topics` 10 to 50 by 10). */
export const REFERENCE_COUNTS: readonly number[] = [10, 20, 30, 40, 50];

/**
 * Quality of fine topics `fine` and themes `themes` over the corpus. NPMI is measured only when
 * `options.measureCoherence` is set (it is a pass over every abstract).
 */
export function measureQuality(input: {
  corpus: TokenizedCorpus;
  index: TermIndex;
  fine: Grouping;
  themes: Grouping;
  /** Papers per fine topic. */
  sizes: readonly number[];
  papers: number;
  options: TopicOptions;
}): TopicQuality {
  const { corpus, index, fine, themes, sizes, options } = input;
  const reductions = mergeSmallest(
    topicSimilarities(wordVectors(index, fine, options)),
    sizes,
    REFERENCE_COUNTS,
  );
  const reduced = REFERENCE_COUNTS.map((target, i) => {
    const groupOfTopic = reductions[i]!;
    const groupOf = Int32Array.from(fine.groupOf, (t) => (t < 0 ? -1 : groupOfTopic[t]!));
    const count = groupOfTopic.reduce((max, g) => Math.max(max, g + 1), 0);
    return { target, topWords: topWords(index, { groupOf, count }, options) };
  });
  return topicQuality({
    topWords: topWords(index, fine, options),
    themeTopWords: topWords(index, themes, options),
    reduced,
    ...(options.measureCoherence
      ? { texts: corpus.docs.map((_, doc) => contentKeys(corpus, doc)) }
      : {}),
    sizes,
    themes: themes.count,
    papers: input.papers,
  });
}
