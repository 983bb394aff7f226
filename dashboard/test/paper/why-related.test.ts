import { describe, expect, it } from 'vitest';
import { topicRelation } from '../../src/lib/paper/why-related.ts';
import type { Topic } from '../../src/lib/data/artifacts.ts';

const topic = (id: number, parent: number | null): Topic => ({
  id,
  level: parent === null && id >= 10 ? 1 : 0,
  label: `topic ${id}`,
  keywords: [],
  size: 3,
  parent,
  children: [],
  representatives: [],
  labelX: 0,
  labelY: 0,
});
const topics = new Map<number, Topic>([
  [1, topic(1, 10)],
  [2, topic(2, 10)],
  [3, topic(3, null)],
  [10, topic(10, null)],
]);
const lookup = { topic: (id: number) => topics.get(id) };

describe('topicRelation', () => {
  it('names the shared fine topic', () => {
    expect(topicRelation({ topic: 1 }, { topic: 1 }, lookup)).toEqual({
      relation: 'same-topic',
      sharedTopic: topics.get(1),
    });
  });

  it('names the shared broad topic of two fine topics', () => {
    expect(topicRelation({ topic: 1 }, { topic: 2 }, lookup)).toEqual({
      relation: 'same-broad',
      sharedTopic: topics.get(10),
    });
  });

  it('tells different topics and papers in no topic apart', () => {
    expect(topicRelation({ topic: 1 }, { topic: 3 }, lookup).relation).toBe('different');
    expect(topicRelation({ topic: null }, { topic: 3 }, lookup).relation).toBe('unassigned');
  });
});
