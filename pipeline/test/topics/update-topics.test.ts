import { describe, expect, it } from 'vitest';
import type { Topic } from '../../src/schema/artifacts.ts';
import {
  DEFAULT_TOPIC_OPTIONS,
  discoverTopics,
  type TopicDoc,
} from '../../src/topics/discover-topics.ts';
import { bornTopics } from '../../src/topics/born-topics.ts';
import { updateTopics, type PreviousAssignment } from '../../src/topics/update-topics.ts';
import { exactKnn } from '../../src/index/exact-knn.ts';
import { FIXTURE_PAPERS, fixtureInput } from './topic-fixture.ts';
import { testTopic } from '../support/topics.ts';

const OPTIONS = { ...DEFAULT_TOPIC_OPTIONS, resolution: 2, minTopicSize: 3, neighbours: 6 };
const UPDATE = { neighbours: 6, outlierSimilarity: 0.5, minTopicSize: 3, topics: OPTIONS };

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

  it('records no birth when the new papers fit the topics or are lone outliers', () => {
    expect(update.born).toEqual([]);
  });
});

/** Papers on a subject no previous topic covers (fixture group 4, a theme of its own). */
const PROTEIN: (TopicDoc & { group: number })[] = [
  {
    id: 'f1',
    group: 4,
    title: 'Protein structure prediction',
    abstract: 'Protein folding models predict structure from amino acid sequences.',
  },
  {
    id: 'f2',
    group: 4,
    title: 'Folding with diffusion',
    abstract: 'Diffusion generates protein backbones; folding accuracy improves.',
  },
  {
    id: 'f3',
    group: 4,
    title: 'Protein language models',
    abstract: 'Amino acid sequences train protein language models for folding.',
  },
];

/** Updates `previousPapers`' topics with `added` papers appended. */
function updateWith(before: readonly (TopicDoc & { group: number })[], added: typeof PROTEIN) {
  const earlier = discoverTopics(fixtureInput([...before]), OPTIONS);
  const assignment = new Map<string, PreviousAssignment>(
    before.map((paper, row) => [
      paper.id,
      { topic: earlier.assignment[row] ?? null, nearestTopics: earlier.nearestTopics[row] ?? [] },
    ]),
  );
  const papers = [...before, ...added];
  const result = updateTopics(
    { ...fixtureInput(papers), topics: earlier.topics, previous: assignment },
    UPDATE,
  );
  const topicOf = (id: string) => result.assignment[papers.findIndex((p) => p.id === id)];
  return { earlier, result, papers, topicOf };
}

describe('updateTopics: topics born between clusterings', () => {
  const { earlier, result, topicOf } = updateWith(previousPapers, PROTEIN);
  const born = result.topics.find((topic) => topic.id === result.born[0]);

  it('makes a topic of new papers that fit no topic but fit one another', () => {
    expect(result.born).toHaveLength(1);
    for (const id of ['f1', 'f2', 'f3']) expect(topicOf(id)).toBe(result.born[0]);
    expect(Math.min(...result.born)).toBeGreaterThan(Math.max(...earlier.topics.map((t) => t.id)));
  });

  it('describes the born topic as the clustering would: keywords, unique label, parent, size', () => {
    expect(born).toBeDefined();
    expect(born!.level).toBe(0);
    expect(born!.size).toBe(3);
    expect(born!.keywords.map((k) => k.term)).toContain('protein');
    expect(born!.label.toLowerCase()).toMatch(/protein|folding|amino/);
    const labels = result.topics.map((topic) => topic.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
    expect(born!.representatives.sort()).toEqual(['f1', 'f2', 'f3']);
    const parent = result.topics.find((topic) => topic.id === born!.parent);
    expect(parent?.level).toBe(1);
    expect(parent!.children).toContain(born!.id);
  });

  it('leaves the earlier topics as they were', () => {
    const strip = (t: Topic) => [t.id, t.label, t.keywords, t.size];
    const before = earlier.topics.filter((t) => t.level === 0).map(strip);
    expect(result.topics.filter((t) => t.level === 0 && t.id !== born!.id).map(strip)).toEqual(
      before,
    );
  });

  it('lets a new topic take in an earlier outlier of the same subject', () => {
    const before = [...previousPapers, PROTEIN[0]!];
    const earlierRun = discoverTopics(fixtureInput(before), OPTIONS);
    expect(earlierRun.assignment[before.length - 1]).toBeNull();
    const withOne = updateWith(before, PROTEIN.slice(1));
    expect(withOne.result.born).toHaveLength(1);
    for (const id of ['f1', 'f2', 'f3']) expect(withOne.topicOf(id)).toBe(withOne.result.born[0]);
  });

  it('needs the smallest topic size: two such papers stay outliers', () => {
    const two = updateWith(previousPapers, PROTEIN.slice(0, 2));
    expect(two.result.born).toEqual([]);
    expect(two.topicOf('f1')).toBeNull();
    expect(two.topicOf('f2')).toBeNull();
  });
});

describe('bornTopics', () => {
  const papers = [...previousPapers, ...PROTEIN];
  const { vectors, dim, graph } = fixtureInput(papers);
  const rows = PROTEIN.map((p) => papers.indexOf(p));
  const options = { neighbours: 6, minTopicSize: 3, outlierSimilarity: 0.5, seed: 42 };

  it('finds the group among outliers when one of them is new', () => {
    const isNew = new Uint8Array(papers.length);
    isNew[rows[2]!] = 1;
    expect(bornTopics(vectors, dim, graph, rows, isNew, options)).toEqual([rows]);
  });

  it('leaves earlier outliers that make a topic without the new paper to the next clustering', () => {
    const isNew = new Uint8Array(papers.length);
    isNew[rows[2]!] = 1;
    expect(bornTopics(vectors, dim, graph, rows, isNew, { ...options, minTopicSize: 2 })).toEqual(
      [],
    );
  });

  it('keeps a paper in the topic it joined when that topic fits it better than the group', () => {
    const isNew = new Uint8Array(papers.length);
    rows.forEach((row) => (isNew[row] = 1));
    const fitsTopic = new Map(rows.map((row) => [row, 0.999]));
    expect(bornTopics(vectors, dim, graph, rows, isNew, options, fitsTopic)).toEqual([]);
    const fitsGroup = new Map(rows.map((row) => [row, 0.2]));
    expect(bornTopics(vectors, dim, graph, rows, isNew, options, fitsGroup)).toEqual([rows]);
  });

  it('never makes a topic of earlier outliers alone', () => {
    expect(bornTopics(vectors, dim, graph, rows, new Uint8Array(papers.length), options)).toEqual(
      [],
    );
  });
});

describe('updateTopics: a new subject next to an existing topic', () => {
  // Six earlier papers around e0 form topic 0 (theme 1). Four new papers around 0.6·e0 + 0.8·e1
  // reach the topic's centroid (cosine 0.6) but are far closer to one another (about 0.99).
  const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
  const earlier = [0, 1, 2, 3, 4, 5].map((i) => unit([1, 0, 0.05 * i, 0]));
  const added = [0, 1, 2, 3].map((j) => unit([0.6, 0.8, 0, 0.05 * j]));
  const vectors = Float32Array.from([...earlier, ...added].flat());
  const docs = [
    ...earlier.map((_, i) => ({
      id: `a${i}`,
      title: 'Pruning sparse weights',
      abstract: 'Pruning.',
    })),
    ...added.map((_, j) => ({
      id: `b${j}`,
      title: 'Protein folding models',
      abstract: 'Protein.',
    })),
  ];
  const topic = (id: number, level: 0 | 1, parent: number | null, children: number[]): Topic =>
    testTopic({
      id,
      level,
      label: level === 0 ? 'pruning' : 'efficiency',
      size: 6,
      parent,
      children,
    });
  const previous = new Map<string, PreviousAssignment>(
    earlier.map((_, i) => [`a${i}`, { topic: 0, nearestTopics: [] }]),
  );
  const run = () =>
    updateTopics(
      {
        vectors,
        dim: 4,
        graph: exactKnn(vectors, 4, 6),
        docs,
        topics: [topic(1, 1, null, [0]), topic(0, 0, 1, [])],
        previous,
      },
      UPDATE,
    );

  it('takes the new papers out of the topic they joined loosely and makes them a topic', () => {
    const result = run();
    expect(result.born).toEqual([2]);
    expect(result.assignment.slice(6)).toEqual([2, 2, 2, 2]);
    expect(result.assignment.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.topics.find((t) => t.id === 2)).toMatchObject({ size: 4, parent: 1 });
  });
});
