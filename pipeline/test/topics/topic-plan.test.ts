import { describe, expect, it } from 'vitest';
import { planTopics, REFIT_SHARE, type PreviousTopicRun } from '../../src/topics/topic-plan.ts';
import type { IngestedPaper } from '../../src/ingest/types.ts';
import type { ManifestTopics, Topic } from '../../src/schema/artifacts.ts';

const paper = (id: string): IngestedPaper => ({
  id,
  title: id,
  abstract: id,
  dates: ['2024-03-11'],
  arxivId: null,
  url: null,
  sources: [],
});
const topic = { id: 0, level: 0 } as Topic;
const ids = Array.from({ length: 100 }, (_, i) => `p${String(i).padStart(3, '0')}`);

function previousRun(addedSinceFit = 0, seed = 42): PreviousTopicRun {
  return {
    manifest: {
      topics: {
        fit: { mode: 'full', papersAtFit: 100, addedSinceFit, reason: '' },
        params: { seed },
        quality: {},
      },
    } as unknown as { topics: ManifestTopics },
    ids,
    topics: [topic],
    members: new Map(),
    assignment: new Map(),
  };
}

const options = { refitTopics: false, seed: 42 };
const papers = (extra: number) => [
  ...ids.map(paper),
  ...Array.from({ length: extra }, (_, i) => paper(`new${i}`)),
];

describe('planTopics', () => {
  it('adds papers while those added since the last clustering stay within the share', () => {
    const plan = planTopics(previousRun(), papers(5), options);
    expect(plan).toMatchObject({ mode: 'update', added: 5 });
    expect(5 / 105).toBeLessThanOrEqual(REFIT_SHARE);
  });

  it('counts papers added in earlier runs towards the share', () => {
    expect(planTopics(previousRun(1), papers(4), options)).toMatchObject({ mode: 'update' });
    expect(planTopics(previousRun(2), papers(4), options)).toMatchObject({
      mode: 'refit',
      reason: expect.stringMatching(/^6 papers added since the last clustering/),
    });
  });

  it('clusters anew when asked, on a first run, after removals or a new seed', () => {
    expect(planTopics(previousRun(), papers(1), { ...options, refitTopics: true })).toEqual({
      mode: 'refit',
      reason: 'asked for (--refit-topics)',
    });
    expect(planTopics(undefined, papers(1), options)).toMatchObject({ mode: 'refit' });
    expect(planTopics(previousRun(), papers(1).slice(1), options)).toMatchObject({
      mode: 'refit',
      reason: '1 papers of the previous run are gone',
    });
    expect(planTopics(previousRun(0, 7), papers(1), options)).toMatchObject({
      mode: 'refit',
      reason: 'the seed changed',
    });
  });

  it("reads a previous run that called its broad topics themes under today's names", () => {
    const previous = previousRun();
    previous.manifest!.topics = {
      ...previous.manifest!.topics,
      params: { seed: 42, themeResolution: 'auto', ngramMax: 2 },
      quality: {
        npmi: 0.1,
        themes: 3,
        themeScores: { npmi: 0.2, diversity: 0.9 },
        standard: {
          method: 'm',
          npmi: 0.3,
          diversity: 0.8,
          themeScores: { npmi: 0.4, diversity: 1 },
        },
      },
    } as unknown as ManifestTopics;
    const plan = planTopics(previous, papers(1), options);
    if (plan.mode !== 'update') throw new Error(`expected an update, got ${plan.reason}`);
    expect(Object.keys(plan.params)).toEqual(['seed', 'broadTopicResolution', 'ngramMax']);
    expect(plan.quality).toEqual({
      npmi: 0.1,
      broadTopics: 3,
      broadTopicScores: { npmi: 0.2, diversity: 0.9 },
      standard: {
        method: 'm',
        npmi: 0.3,
        diversity: 0.8,
        broadTopicScores: { npmi: 0.4, diversity: 1 },
      },
    });
  });
});
