import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_OPTIONS, discoverTopics } from '../../src/topics/discover-topics.ts';
import { updateTopics, type PreviousAssignment } from '../../src/topics/update-topics.ts';
import { FIXTURE_PAPERS, fixtureInput } from './topic-fixture.ts';

const OPTIONS = { ...DEFAULT_TOPIC_OPTIONS, resolution: 2, minTopicSize: 3, neighbours: 6 };
const UPDATE = { neighbours: 6, outlierSimilarity: 0.5, representatives: 3 };

/** The fixture without its last RLHF paper and its outlier, clustered: the "previous run". */
const previousPapers = FIXTURE_PAPERS.filter((p) => p.id !== 'r4' && p.id !== 'x1');
const previousResult = discoverTopics(fixtureInput(previousPapers), OPTIONS);
const previousAssignment = new Map<string, PreviousAssignment>(
  previousPapers.map((paper, row) => [
    paper.id,
    {
      topic: previousResult.assignment[row] ?? null,
      nearestTopics: previousResult.nearestTopics[row] ?? [],
    },
  ]),
);

/** All papers, the two held back appended as new. */
const ordered = [
  ...previousPapers,
  ...FIXTURE_PAPERS.filter((p) => p.id === 'r4' || p.id === 'x1'),
];
const input = fixtureInput(ordered);
const update = updateTopics(
  { ...input, topics: previousResult.topics, previous: previousAssignment },
  UPDATE,
);
const topicOf = (id: string) => update.assignment[ordered.findIndex((p) => p.id === id)];

describe('updateTopics', () => {
  it('keeps every previous paper in its topic and counts the new ones', () => {
    expect(update.added).toBe(2);
    previousPapers.forEach((paper, row) =>
      expect(update.assignment[row], paper.id).toBe(previousResult.assignment[row]),
    );
  });

  it('adds a new paper to the topic of its neighbours', () => {
    expect(topicOf('r4')).not.toBeNull();
    expect(topicOf('r4')).toBe(topicOf('r1'));
  });

  it('leaves a new paper that fits no topic unassigned, with its two nearest topics', () => {
    const row = ordered.findIndex((p) => p.id === 'x1');
    expect(update.assignment[row]).toBeNull();
    expect(update.nearestTopics[row]).toHaveLength(2);
    for (const near of update.nearestTopics[row]!) expect(near.similarity).toBeLessThan(0.5);
  });

  it('keeps ids, labels, keywords and parents, and updates sizes of both levels', () => {
    const strip = (t: (typeof update.topics)[number]) => [
      t.id,
      t.level,
      t.label,
      t.parent,
      t.keywords,
    ];
    expect(update.topics.map(strip)).toEqual(previousResult.topics.map(strip));
    const grown = update.topics.find((t) => t.id === topicOf('r4'))!;
    const was = previousResult.topics.find((t) => t.id === grown.id)!;
    expect(grown.size).toBe(was.size + 1);
    const parent = update.topics.find((t) => t.id === grown.parent)!;
    const parentWas = previousResult.topics.find((t) => t.id === grown.parent)!;
    expect(parent.size).toBe(parentWas.size + 1);
  });

  it('gives the previous topics back unchanged when no paper is new', () => {
    const same = updateTopics(
      {
        ...fixtureInput(previousPapers),
        topics: previousResult.topics,
        previous: previousAssignment,
      },
      UPDATE,
    );
    expect(same.added).toBe(0);
    expect(same.topics).toEqual(previousResult.topics);
    expect(same.assignment).toEqual(previousResult.assignment);
    expect(same.nearestTopics).toEqual(previousResult.nearestTopics);
  });

  it('refuses a previous paper whose topic is missing', () => {
    const broken = new Map(previousAssignment);
    broken.set('p1', { topic: 999, nearestTopics: [] });
    expect(() =>
      updateTopics({ ...input, topics: previousResult.topics, previous: broken }, UPDATE),
    ).toThrow(/topic 999/);
  });
});
