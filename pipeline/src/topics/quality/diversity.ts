/**
 * Topic diversity (Dieng et al. 2020, arXiv:1907.04907): the share of unique words among the top
 * words of all topics, as OCTIS computes it and BERTopic reports it (arXiv:2203.05794).
 */

/**
 * Unique words among the first `top` words of every topic, divided by `top` × topics. In (0, 1];
 * 1 means no two topics share a top word. NaN without topics.
 */
export function topicDiversity(topics: readonly (readonly number[])[], top = 10): number {
  if (topics.length === 0) return Number.NaN;
  const unique = new Set<number>();
  for (const words of topics) for (const word of words.slice(0, top)) unique.add(word);
  return unique.size / (top * topics.length);
}
