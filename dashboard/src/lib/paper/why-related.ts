/**
 * Why two papers are related, in words a reader can check: whether they share a topic (or
 * only a broad topic cluster), and the key terms found in both texts. The shared terms need
 * both abstracts, so the pipeline finds them with its own tokenizer when it writes the browser
 * data (`pipeline/src/emit/shared-terms.ts`) and stores them with each related paper; the topic
 * relation is cheap and computed here ({@link topicRelation}).
 */
import type { Paper, Topic } from '../data/artifacts.ts';

/** How two papers' topics relate. */
export type TopicRelation = 'same-topic' | 'same-broad' | 'different' | 'unassigned';

/** The explanation of one related paper. */
export interface RelatedReason {
  relation: TopicRelation;
  /** The shared fine topic, or the shared broad topic for `same-broad`. */
  sharedTopic: Topic | null;
  /** Terms that occur in both papers' title or abstract, most telling first. */
  sharedTerms: string[];
}

/** The part of a paper the topic relation looks at. */
export type TopicPlaced = Pick<Paper, 'topic'>;

/** How the topics of `a` and `b` relate, and the topic they share. */
export function topicRelation(
  a: TopicPlaced,
  b: TopicPlaced,
  lookup: { topic(id: number): Topic | undefined },
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
