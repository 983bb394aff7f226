import { describe, expect, it } from 'vitest';
import { buildDigest, flagEvidence, formatDigest } from '../../src/update/digest.ts';
import type {
  Paper,
  PapersFile,
  ThemesFile,
  TopicsFile,
  TrendFlag,
  TrendsFile,
} from '../../src/schema/artifacts.ts';
import { emptyTrends } from '../support/empty-trends.ts';
import { testTopic } from '../support/topics.ts';

const paper = (id: string, topic: number | null, day: string): Paper => ({
  id,
  title: `Title ${id}`,
  abstract: 'abstract',
  dates: [day],
  arxivId: null,
  url: null,
  sources: [],
  topic,
  nearestTopics: [],
  x: 0,
  y: 0,
  themes: [],
});

const flag = (key: string, status: TrendFlag['status'], pValue: number): TrendFlag => ({
  kind: key.startsWith('t-') ? 'theme' : 'topic',
  key: key.replace(/^t-/, ''),
  status,
  window: { start: '2025-07-15', end: '2025-07-21' },
  baseline: { start: '2025-06-01', end: '2025-07-14' },
  scale: 'week',
  recentCount: 12,
  baselineCount: 20,
  recentTotal: 80,
  baselineTotal: 400,
  effect: 2.95,
  effectLow: 1.5,
  effectHigh: 5.8,
  pValue,
  qValue: 0.012,
});

const papers: PapersFile = {
  schemaVersion: 1,
  papers: [
    paper('a', 1, '2025-07-20'),
    paper('b', 1, '2025-07-21'),
    paper('c', 1, '2025-07-21'),
    paper('d', 2, '2025-07-21'),
    paper('e', null, '2025-07-21'),
  ],
};
const topic = (id: number, label: string, size: number) => testTopic({ id, label, size });
const topics: TopicsFile = {
  schemaVersion: 1,
  topics: [topic(1, 'agents', 3), topic(2, 'diffusion', 1)],
  changes: { born: [2], merged: [], split: [], retired: [] },
};
const themes: ThemesFile = {
  schemaVersion: 1,
  themes: [
    {
      id: 'merging',
      label: 'Model merging',
      description: '',
      keywords: [],
      threshold: 0.4,
      size: 1,
    },
  ],
};
const trends: TrendsFile = {
  schemaVersion: 1,
  ...emptyTrends(),
  calendar: ['2025-07-20', '2025-07-21'],
  dayTotals: [1, 4],
  flags: [
    flag('1', 'steady', 0.5),
    flag('2', 'rising', 0.03),
    flag('t-merging', 'emerging', 0.001),
    flag('1', 'fading', 0.02),
  ],
  flagScale: 'week',
};

describe('buildDigest', () => {
  const digest = buildDigest({ previousIds: new Set(['a']), papers, topics, themes, trends });

  it('groups the papers the previous run lacked by topic, largest first', () => {
    expect(digest.newPapers).toBe(4);
    expect(digest.byTopic.map((g) => [g.label, g.count])).toEqual([
      ['agents', 2],
      ['(no topic)', 1],
      ['diffusion', 1],
    ]);
    expect(digest.byTopic[0]!.titles).toEqual(['Title b', 'Title c']);
  });

  it('names born topics, and rising and fading series by p-value with their labels', () => {
    expect(digest.born).toEqual([{ id: 2, label: 'diffusion', size: 1 }]);
    expect(digest.rising.map((f) => [f.status, f.label])).toEqual([
      ['emerging', 'theme Model merging'],
      ['rising', 'diffusion'],
    ]);
    expect(digest.fading.map((f) => f.label)).toEqual(['agents']);
  });

  it('on a first run counts every paper as new and no topic as born', () => {
    const first = buildDigest({ previousIds: null, papers, topics, themes, trends });
    expect(first.newPapers).toBe(5);
    expect(first.born).toEqual([]);
    expect(formatDigest(first)[0]).toBe(
      '── digest up to 2025-07-21: 5 papers (first run in this folder)',
    );
  });
});

describe('flagEvidence', () => {
  it('gives both windows with counts, shares, effect and q', () => {
    expect(flagEvidence(flag('2', 'rising', 0.03))).toBe(
      '12/80 papers (15.0 %) 2025-07-15…2025-07-21 against 20/400 (5.0 %) 2025-06-01…2025-07-14; ×2.95, p 0.03, q 0.012',
    );
  });
});

describe('formatDigest', () => {
  it('prints topics, births and flags', () => {
    const lines = formatDigest(
      buildDigest({ previousIds: new Set(['a']), papers, topics, themes, trends }),
    );
    expect(lines).toContain('     2  agents');
    expect(lines).toContain('topics born: diffusion (1)');
    expect(lines).toContain('  emerging theme Model merging');
    expect(lines).toContain('fading:');
  });
});
