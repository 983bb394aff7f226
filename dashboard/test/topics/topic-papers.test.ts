import { describe, expect, it } from 'vitest';
import { topicCountIn, topicPapers } from '../../src/lib/topics/topic-papers.ts';
import { appearedIn } from '../../src/lib/data/dataset.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('topicPapers', () => {
  const { dataset } = fixtureDataset();
  const topic = dataset.fineTopics[0]!;

  it('puts the representatives first', () => {
    const papers = topicPapers(dataset, topic.id, null);
    expect(papers.slice(0, topic.representatives.length).map((paper) => paper.id)).toEqual(
      topic.representatives,
    );
    expect(papers.length).toBe(Math.min(12, topic.size));
  });

  it('filters and counts by day range', () => {
    const range = { start: '2024-03-12', end: '2024-03-12' };
    const papers = topicPapers(dataset, topic.id, range, 100);
    for (const paper of papers) expect(appearedIn(paper, range)).toBe(true);
    expect(topicCountIn(dataset, topic.id, range)).toBe(papers.length);
    expect(topicCountIn(dataset, topic.id, null)).toBe(topic.size);
  });
});
