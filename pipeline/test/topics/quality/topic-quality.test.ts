import { describe, expect, it } from 'vitest';
import { npmiCoherence } from '../../../src/topics/quality/npmi.ts';
import {
  OWN_METHOD,
  sizeSummary,
  topicQuality,
} from '../../../src/topics/quality/topic-quality.ts';

describe('topicQuality', () => {
  it('reports outliers, sizes, diversity and NPMI', () => {
    const quality = topicQuality({
      topWords: [
        [0, 1],
        [2, 3],
      ],
      texts: [
        [0, 1],
        [2, 3],
      ],
      sizes: [3, 1, 2],
      broadTopics: 1,
      papers: 8,
    });
    expect(quality).toEqual({
      npmi: 1,
      diversity: 0.2,
      method: OWN_METHOD,
      standard: null,
      topics: 3,
      broadTopics: 1,
      broadTopicScores: { npmi: null, diversity: null },
      reference: { npmi: null, diversity: null, runs: [] },
      outliers: 2,
      outlierRate: 0.25,
      size: { min: 1, median: 2, max: 3 },
    });
  });

  it('scores the broad topics and every reduction from one count of the windows, and averages the runs', () => {
    // Words 0–5; texts of window 10 make 0/1 and 2/3 always co-occur, 4 and 5 never with them.
    const texts = [[0, 1], [2, 3], [0, 1, 4], [2, 3, 5], [4], [5]];
    const fine = [
      [0, 1],
      [2, 3],
      [4, 5],
    ];
    const quality = topicQuality({
      topWords: fine,
      broadTopWords: [[0, 1, 2, 3]],
      reduced: [
        { target: 1, topWords: [[0, 1, 2, 3, 4]] },
        {
          target: 2,
          topWords: [
            [0, 1],
            [2, 3, 4, 5],
          ],
        },
        { target: 5, topWords: fine },
      ],
      texts,
      sizes: [2, 2, 2],
      broadTopics: 1,
      papers: 6,
    });
    const npmi = (topics: number[][]) => npmiCoherence(texts, topics).mean;
    const round = (x: number) => Math.round(x * 10_000) / 10_000;
    expect(quality.npmi).toBe(round(npmi(fine)));
    expect(quality.broadTopicScores).toEqual({ npmi: round(npmi([[0, 1, 2, 3]])), diversity: 0.4 });
    const runs = [
      npmi([[0, 1, 2, 3, 4]]),
      npmi([
        [0, 1],
        [2, 3, 4, 5],
      ]),
      npmi(fine),
    ];
    expect(quality.reference.runs).toEqual([
      { target: 1, topics: 1, npmi: round(runs[0]!), diversity: 0.5 },
      { target: 2, topics: 2, npmi: round(runs[1]!), diversity: 0.3 },
      { target: 5, topics: 3, npmi: round(npmi(fine)), diversity: 0.2 },
    ]);
    expect(quality.reference.npmi).toBe(round((runs[0]! + runs[1]! + runs[2]!) / 3));
    expect(quality.reference.diversity).toBe(round((0.5 + 0.3 + 0.2) / 3));
  });

  it('skips NPMI without texts and handles an empty corpus', () => {
    const quality = topicQuality({ topWords: [], sizes: [], broadTopics: 0, papers: 0 });
    expect(quality.npmi).toBeNull();
    expect(quality.diversity).toBeNull();
    expect(quality.outlierRate).toBe(0);
    expect(quality.reference).toEqual({ npmi: null, diversity: null, runs: [] });
    expect(sizeSummary([])).toEqual({ min: 0, median: 0, max: 0 });
  });

  it('takes the lower middle as the median of an even count', () => {
    expect(sizeSummary([4, 1, 3, 2])).toEqual({ min: 1, median: 2, max: 4 });
  });
});
