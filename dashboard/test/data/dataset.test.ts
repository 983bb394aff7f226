import { describe, expect, it } from 'vitest';
import { appearedIn } from '../../src/lib/data/dataset.ts';
import { formatDay, formatDayRange } from '../../src/lib/data/days.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('Dataset', () => {
  const { dataset, artifacts } = fixtureDataset();

  it('finds papers, rows and topics by id', () => {
    const first = artifacts.papers.papers[3]!;
    expect(dataset.paper(first.id)).toBe(dataset.papers[3]);
    expect(dataset.paper(first.id)?.title).toBe(first.title);
    expect(dataset.rowOf(first.id)).toBe(3);
    expect(dataset.paper('no-such-id')).toBeUndefined();
    expect(dataset.rowOf('no-such-id')).toBe(-1);
    for (const topic of artifacts.topics.topics) expect(dataset.topic(topic.id)).toBe(topic);
  });

  it('sorts topics of each level by size, largest first', () => {
    for (const list of [dataset.broadTopics, dataset.fineTopics]) {
      for (let i = 1; i < list.length; i++)
        expect(list[i - 1]!.size).toBeGreaterThanOrEqual(list[i]!.size);
    }
  });

  it('lists each assigned paper under its fine topic and that topic’s broad parent', () => {
    for (const topic of dataset.fineTopics) {
      const rows = dataset.membersOf(topic.id);
      expect(rows.length).toBe(topic.size);
      for (const row of rows) expect(dataset.papers[row]!.topic).toBe(topic.id);
    }
    for (const broad of dataset.broadTopics) {
      const expected = broad.children.reduce((sum, id) => sum + dataset.membersOf(id).length, 0);
      expect(dataset.membersOf(broad.id).length).toBe(expected);
    }
  });

  it('gives a paper its fine topic or the broad parent', () => {
    const paper = dataset.papers.find((p) => p.topic !== null)!;
    expect(dataset.topicOf(paper, 'fine')).toBe(paper.topic);
    expect(dataset.topicOf(paper, 'broad')).toBe(dataset.topic(paper.topic!)!.parent);
    const unassigned = dataset.papers.find((p) => p.topic === null)!;
    expect(dataset.topicOf(unassigned, 'broad')).toBeNull();
  });

  it('keeps steady flags out of movingFlag', () => {
    for (const flag of artifacts.trends.flags) {
      expect(dataset.flag(flag.kind, flag.key)).toEqual(flag);
      expect(dataset.movingFlag(flag.kind, flag.key)).toEqual(
        flag.status === 'steady' ? undefined : flag,
      );
    }
  });

  it('lists page days only', () => {
    expect(dataset.pageDays).toEqual(['2024-03-11', '2024-03-12', '2024-03-14', '2024-03-17']);
  });
});

describe('appearedIn', () => {
  const paper = { dates: ['2024-03-11', '2024-03-17'] } as Parameters<typeof appearedIn>[0];
  it('is true when any day is inside the inclusive range', () => {
    expect(appearedIn(paper, { start: '2024-03-17', end: '2024-03-17' })).toBe(true);
    expect(appearedIn(paper, { start: '2024-03-01', end: '2024-03-11' })).toBe(true);
    expect(appearedIn(paper, { start: '2024-03-12', end: '2024-03-16' })).toBe(false);
  });
  it('is false for undated papers', () => {
    expect(
      appearedIn({ dates: [] } as unknown as typeof paper, {
        start: '2000-01-01',
        end: '2999-01-01',
      }),
    ).toBe(false);
  });
});

describe('day formatting', () => {
  it('formats ISO days without a time zone', () => {
    expect(formatDay('2024-03-07')).toBe('Mar 7');
    expect(formatDay('2024-12-31', true)).toBe('Dec 31, 2024');
    expect(formatDayRange('2024-03-11', '2024-03-14')).toBe('Mar 11 – Mar 14, 2024');
    expect(formatDayRange('2024-12-30', '2025-01-02')).toBe('Dec 30, 2024 – Jan 2, 2025');
    expect(formatDayRange('2024-03-11', '2024-03-11')).toBe('Mar 11, 2024');
  });
});
