import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TOPIC_OPTIONS,
  discoverTopics,
  type TopicOptions,
  type TopicResult,
} from '../../src/topics/discover-topics.ts';
import type { Topic } from '../../src/schema/artifacts.ts';
import { FIXTURE_PAPERS, fixtureInput } from './topic-fixture.ts';
import { testTopic } from '../support/topics.ts';

const FIXTURE_OPTIONS: TopicOptions = {
  ...DEFAULT_TOPIC_OPTIONS,
  resolution: 2,
  minTopicSize: 3,
  neighbours: 6,
};

/** Members of each fine topic, by id. */
function membersOf(result: TopicResult, ids: readonly string[]): Map<number, string[]> {
  const members = new Map<number, string[]>();
  result.assignment.forEach((topic, row) => {
    if (topic === null) return;
    members.set(topic, [...(members.get(topic) ?? []), ids[row]!]);
  });
  return members;
}

/** Invariants every result must satisfy. */
function checkInvariants(result: TopicResult, ids: readonly string[]): void {
  const fine = result.topics.filter((t) => t.level === 0);
  const themes = result.topics.filter((t) => t.level === 1);
  const byId = new Map(result.topics.map((t) => [t.id, t]));
  const members = membersOf(result, ids);

  expect(new Set(result.topics.map((t) => t.id)).size).toBe(result.topics.length);
  expect(new Set(result.topics.map((t) => t.label.toLowerCase())).size).toBe(result.topics.length);
  expect(result.topics.map((t) => t.level)).toEqual([...themes, ...fine].map((t) => t.level));
  expect(result.assignment).toHaveLength(ids.length);
  expect(result.nearestTopics).toHaveLength(ids.length);

  result.assignment.forEach((topic, row) => {
    if (topic === null) {
      // An outlier names its two nearest topics (when there are two), best first.
      const near = result.nearestTopics[row]!;
      expect(near).toHaveLength(Math.min(2, fine.length));
      for (const n of near) expect(byId.get(n.topic)?.level).toBe(0);
      if (near.length === 2)
        expect(near[0]!.similarity).toBeGreaterThanOrEqual(near[1]!.similarity);
    } else {
      expect(byId.get(topic)?.level).toBe(0);
      expect(result.nearestTopics[row]).toEqual([]);
    }
  });

  for (const topic of fine) {
    const own = members.get(topic.id) ?? [];
    expect(topic.size).toBe(own.length);
    expect(topic.children).toEqual([]);
    expect(topic.representatives.length).toBe(Math.min(3, own.length));
    for (const paper of topic.representatives) expect(own).toContain(paper);
    const parent = byId.get(topic.parent!)!;
    expect(parent.level).toBe(1);
    expect(parent.children).toContain(topic.id);
    expect(topic.keywords.length).toBeGreaterThan(0);
  }
  for (const theme of themes) {
    expect(theme.parent).toBeNull();
    expect(theme.size).toBe(theme.children.reduce((sum, c) => sum + byId.get(c)!.size, 0));
    const own = theme.children.flatMap((c) => members.get(c) ?? []);
    for (const paper of theme.representatives) expect(own).toContain(paper);
  }
  const assigned = result.assignment.filter((t) => t !== null).length;
  expect(result.quality.outliers).toBe(ids.length - assigned);
  expect(result.quality.topics).toBe(fine.length);
  expect(result.quality.broadTopics).toBe(themes.length);
  for (const topic of result.topics) expect(result.centroids.get(topic.id)).toBeDefined();
}

/** Each topic as `[id, level, size, parent, children, representatives]`, for a golden table. */
const summary = (topics: Topic[]) =>
  topics.map(({ id, level, size, parent, children, representatives }) => [
    id,
    level,
    size,
    parent,
    children,
    representatives,
  ]);

describe('discoverTopics on the hand-made fixture', () => {
  const input = fixtureInput();
  const ids = FIXTURE_PAPERS.map((p) => p.id);
  const result = discoverTopics(input, FIXTURE_OPTIONS);

  it('finds the four topics, two broad topics and the outlier (golden)', () => {
    expect(summary(result.topics)).toEqual([
      [4, 1, 8, null, [0, 1], ['p1', 'p2', 'p3']],
      [5, 1, 8, null, [2, 3], ['r1', 'r2', 'r3']],
      [0, 0, 4, 4, [], ['p1', 'p2', 'p3']],
      [1, 0, 4, 4, [], ['q1', 'q2', 'q3']],
      [2, 0, 4, 5, [], ['r1', 'r2', 'r3']],
      [3, 0, 4, 5, [], ['s1', 's2', 's3']],
    ]);
    expect(result.topics.map((topic) => topic.label)).toEqual([
      'structured pruning, sparsity, weights, 4-bit',
      'RLHF, reward models, human preferences, jailbreak prompts',
      'structured pruning, sparsity, weights',
      'quantization, 4-bit, integers',
      'RLHF, reward models, human preferences',
      'jailbreak prompts, safety, harmful outputs',
    ]);
    expect(result.assignment).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, null]);
    expect(result.nearestTopics[16]).toEqual([
      { topic: 0, similarity: 0.0604 },
      { topic: 1, similarity: 0.0604 },
    ]);
    expect(result.topics.find((t) => t.id === 2)!.keywords.slice(0, 3)).toEqual([
      { term: 'RLHF', weight: 0.671 },
      { term: 'reward models', weight: 0.671 },
      { term: 'human preferences', weight: 0.671 },
    ]);
    expect(result.changes).toEqual({ born: [], merged: [], split: [], retired: [] });
    expect(result.quality).toMatchObject({
      topics: 4,
      broadTopics: 2,
      outliers: 1,
      outlierRate: 0.0588,
    });
    expect(result.params).toMatchObject({
      resolution: 2,
      minTopicSize: 3,
      neighbours: 6,
      communities: 5,
    });
  });

  it('satisfies the invariants', () => {
    checkInvariants(result, ids);
  });

  it('scores the broad topics, and scores the four topics themselves for every reference count', () => {
    const { npmi, diversity, broadTopicScores, reference } = result.quality;
    expect(npmi).toBeGreaterThan(0);
    expect(broadTopicScores.npmi).not.toBeNull();
    expect(broadTopicScores.diversity).toBeGreaterThan(0);
    // 10–50 topics are more than the fixture's 4, which no reduction can add to.
    expect(reference.runs).toEqual(
      [10, 20, 30, 40, 50].map((target) => ({ target, topics: 4, npmi, diversity })),
    );
    expect(reference).toMatchObject({ npmi, diversity });
    const unmeasured = discoverTopics(input, { ...FIXTURE_OPTIONS, measureCoherence: false });
    expect(unmeasured.quality).toMatchObject({
      npmi: null,
      diversity,
      broadTopicScores: { npmi: null },
      reference: { npmi: null, diversity },
    });
  });

  it('gives the same result for the same input', () => {
    const again = discoverTopics(fixtureInput(), FIXTURE_OPTIONS);
    expect(JSON.stringify({ ...again, centroids: [...again.centroids] })).toBe(
      JSON.stringify({ ...result, centroids: [...result.centroids] }),
    );
  });

  it('handles an empty corpus and a single paper', () => {
    const empty = discoverTopics(
      {
        vectors: new Float32Array(),
        dim: 4,
        graph: { k: 1, count: 0, rows: new Int32Array(), scores: new Float32Array() },
        docs: [],
      },
      DEFAULT_TOPIC_OPTIONS,
    );
    expect(empty.topics).toEqual([]);
    expect(empty.quality).toMatchObject({ topics: 0, outliers: 0, outlierRate: 0, npmi: null });
    const single = discoverTopics(
      {
        vectors: Float32Array.from([1, 0, 0, 0]),
        dim: 4,
        graph: {
          k: 1,
          count: 1,
          rows: Int32Array.from([-1]),
          scores: Float32Array.from([Number.NaN]),
        },
        docs: [{ id: 'a', title: 'Alone', abstract: 'Nothing to compare with.' }],
      },
      DEFAULT_TOPIC_OPTIONS,
    );
    expect(single.assignment).toEqual([null]);
    expect(single.nearestTopics).toEqual([[]]);
    expect(single.quality.outlierRate).toBe(1);
  });

  it('refuses input whose parts disagree in size', () => {
    expect(() => discoverTopics({ ...input, docs: input.docs.slice(1) }, FIXTURE_OPTIONS)).toThrow(
      /vector values do not make 16 rows/,
    );
    expect(() =>
      discoverTopics({ ...input, graph: { ...input.graph, count: 3 } }, FIXTURE_OPTIONS),
    ).toThrow(/k-NN graph has 3 rows but there are 17 papers/);
    expect(() => discoverTopics(input, { ...FIXTURE_OPTIONS, outlierSimilarity: 2 })).toThrow(
      /outlierSimilarity = 2/,
    );
    expect(() => discoverTopics(input, { ...FIXTURE_OPTIONS, keywordPapersScale: -1 })).toThrow(
      /keywordPapersScale = -1/,
    );
  });
});

describe('discoverTopics on a generated corpus with default options', () => {
  // Six groups of twelve papers under three themes, words drawn from each group's vocabulary.
  const vocabulary = [
    ['pruning', 'sparsity', 'masks', 'channels', 'heads', 'magnitude'],
    ['quantization', 'integers', 'bit-width', 'rounding', 'calibration', 'outliers'],
    ['RLHF', 'reward', 'preferences', 'PPO', 'annotators', 'rankings'],
    ['jailbreak', 'guardrails', 'red-teaming', 'harmful', 'refusals', 'filters'],
    ['diffusion', 'denoising', 'sampler', 'noise', 'schedule', 'latents'],
    ['LiDAR', 'point-cloud', 'voxels', 'driving', 'occupancy', 'lanes'],
  ];
  const papers = Array.from({ length: 72 }, (_, i) => {
    const group = i % 6;
    const words = vocabulary[group]!;
    const pick = (k: number) => words[(i * 7 + k * 3) % words.length]!;
    return {
      id: `g${group}-${i}`,
      group,
      title: `${pick(0)} and ${pick(1)}`,
      abstract: `We study ${pick(2)} with ${pick(3)}. The ${pick(4)} improves ${pick(5)} and ${pick(0)}.`,
    };
  });
  const input = fixtureInput(papers);
  const ids = papers.map((p) => p.id);
  const result = discoverTopics(input, DEFAULT_TOPIC_OPTIONS);

  it('satisfies the invariants', () => {
    checkInvariants(result, ids);
  });

  it('never mixes two groups in one topic', () => {
    const groupsOf = new Map<number, Set<number>>();
    result.assignment.forEach((topic, row) => {
      if (topic === null) return;
      groupsOf.set(topic, (groupsOf.get(topic) ?? new Set()).add(papers[row]!.group));
    });
    for (const groups of groupsOf.values()) expect(groups.size).toBe(1);
  });
});

describe('discoverTopics with a previous run', () => {
  const first = discoverTopics(fixtureInput(), FIXTURE_OPTIONS);
  const firstMembers = membersOf(
    first,
    FIXTURE_PAPERS.map((p) => p.id),
  );

  it('keeps ids and labels of old topics when papers are added, and gives new topics fresh ids', () => {
    const extra = [
      {
        id: 'p5',
        group: 0,
        title: 'Pruning by magnitude',
        abstract: 'Magnitude pruning raises sparsity in structured layers.',
      },
      {
        id: 'd1',
        group: 4,
        title: 'Diffusion samplers',
        abstract: 'Diffusion samplers remove noise in few steps.',
      },
      {
        id: 'd2',
        group: 4,
        title: 'Noise schedules for diffusion',
        abstract: 'Noise schedules shape diffusion samplers.',
      },
      {
        id: 'd3',
        group: 4,
        title: 'Latent diffusion',
        abstract: 'Latent diffusion denoises noise with samplers.',
      },
      {
        id: 'd4',
        group: 4,
        title: 'Distilled diffusion samplers',
        abstract: 'Distillation makes diffusion samplers faster with less noise.',
      },
    ];
    const papers = [...FIXTURE_PAPERS, ...extra];
    const second = discoverTopics(
      { ...fixtureInput(papers), previous: { topics: first.topics, members: firstMembers } },
      FIXTURE_OPTIONS,
    );
    checkInvariants(
      second,
      papers.map((p) => p.id),
    );
    const byId = new Map(second.topics.map((t) => [t.id, t]));
    for (const old of first.topics.filter((t) => t.level === 0)) {
      expect(byId.get(old.id)?.label).toBe(old.label);
    }
    const row = (id: string) => papers.findIndex((p) => p.id === id);
    expect(second.assignment[row('p5')]).toBe(second.assignment[row('p1')]);
    const diffusion = second.assignment[row('d1')]!;
    expect(diffusion).toBeGreaterThan(Math.max(...first.topics.map((t) => t.id)));
    expect(second.changes.born).toContain(diffusion);
    expect(second.changes.retired).toEqual([]);
  });

  it('records a merge and a split against a previous run that grouped papers otherwise', () => {
    // Previously pruning was two topics (10, 11), and all alignment papers plus two quantization
    // papers were one topic (12).
    const previousTopics: Topic[] = [
      testTopic({ id: 20, level: 1, label: 'efficiency', size: 8, children: [10, 11] }),
      testTopic({ id: 21, level: 1, label: 'alignment', size: 8, children: [12] }),
      testTopic({ id: 10, label: 'pruning heads', size: 2, parent: 20 }),
      testTopic({ id: 11, label: 'sparsity', size: 2, parent: 20 }),
      testTopic({ id: 12, label: 'alignment of LLMs', size: 10, parent: 21 }),
    ];
    const members = new Map([
      [10, ['p1', 'p2']],
      [11, ['p3', 'p4']],
      [12, ['r1', 'r2', 'r3', 'r4', 's1', 's2', 's3', 's4', 'q1', 'q2']],
    ]);
    const result = discoverTopics(
      { ...fixtureInput(), previous: { topics: previousTopics, members } },
      FIXTURE_OPTIONS,
    );
    checkInvariants(
      result,
      FIXTURE_PAPERS.map((p) => p.id),
    );
    const topicOf = (paper: string) =>
      result.assignment[FIXTURE_PAPERS.findIndex((p) => p.id === paper)]!;
    const pruning = topicOf('p1');
    expect([10, 11]).toContain(pruning);
    expect(result.changes.merged).toContainEqual({ into: pruning, from: [10, 11] });
    const rlhf = topicOf('r1');
    const safety = topicOf('s1');
    expect(result.changes.split).toContainEqual({
      from: 12,
      into: [rlhf, safety].sort((a, b) => a - b),
    });
    expect([rlhf, safety]).toContain(12);
    // The quantization topic is new; no previous fine topic retired.
    expect(result.changes.born).toContain(topicOf('q1'));
    expect(result.changes.retired).toEqual([]);
    // A kept topic whose membership changed a lot (Jaccard 0.4 < 0.5) gets a fresh label.
    expect(result.topics.find((t) => t.id === 12)!.label).not.toBe('alignment of LLMs');
    // Fresh ids start above the previous maximum.
    expect(topicOf('q1')).toBeGreaterThan(21);
  });
});
