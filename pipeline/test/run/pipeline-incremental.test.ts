/**
 * A new day arriving: the seed pages run as three days, then again with the fourth day added,
 * into the same output folder. Existing topics keep their ids and papers keep their map places.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { QUIET_RUN, readCommitted, testRunOptions } from './test-run-options.ts';
import type { Manifest, PapersFile, TopicsFile } from '../../src/schema/artifacts.ts';

const FIRST_DAYS = [
  'seeds/001_308ffe09e75e67e3.txt',
  'seeds/002_eccff313e224ae67.txt',
  'seeds/003_d52d7cdff0ca3bd1.txt',
];
const NEW_DAY = 'seeds/000_fbd22c066664c8d8.txt';

describe('pipeline with one more day', () => {
  let out: string;
  let before: { papers: PapersFile; topics: TopicsFile };
  let after: { papers: PapersFile; topics: TopicsFile; manifest: Manifest };

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'incremental-'));
    await runPipeline(testRunOptions(FIRST_DAYS, out), QUIET_RUN);
    before = {
      papers: await readCommitted(out, 'papers'),
      topics: await readCommitted(out, 'topics'),
    };
    await runPipeline(testRunOptions([...FIRST_DAYS, NEW_DAY], out), QUIET_RUN);
    after = {
      papers: await readCommitted(out, 'papers'),
      topics: await readCommitted(out, 'topics'),
      manifest: await readCommitted(out, 'manifest'),
    };
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('embeds only the papers of the new day', () => {
    const newPapers = after.papers.papers.length - before.papers.papers.length;
    expect(newPapers).toBeGreaterThan(0);
    expect(after.manifest.counts.embedded).toBe(newPapers);
    expect(after.manifest.counts.cacheHits).toBe(before.papers.papers.length);
  });

  it('keeps every existing paper at its place on the map', () => {
    const place = new Map(after.papers.papers.map((p) => [p.id, [p.x, p.y]]));
    for (const paper of before.papers.papers)
      expect(place.get(paper.id), paper.title).toEqual([paper.x, paper.y]);
  });

  it('keeps the id and label of topics that still match, and records the rest', () => {
    const beforeTopic = new Map(before.papers.papers.map((p) => [p.id, p.topic]));
    const afterTopic = new Map(after.papers.papers.map((p) => [p.id, p.topic]));
    const oldIds = new Set(before.topics.topics.filter((t) => t.level === 0).map((t) => t.id));
    const kept = after.topics.topics.filter((t) => t.level === 0 && oldIds.has(t.id));
    expect(kept.length).toBeGreaterThan(0);
    // A kept topic holds most of the papers it held before.
    for (const topic of kept) {
      const formerMembers = [...beforeTopic].filter(([, t]) => t === topic.id).map(([id]) => id);
      const stayed = formerMembers.filter((id) => afterTopic.get(id) === topic.id);
      expect(stayed.length / formerMembers.length, topic.label).toBeGreaterThanOrEqual(0.3);
    }
    // Every new topic id is recorded as born, as part of a split or as the result of a merge;
    // every lost id is recorded as retired, split or merged.
    const { changes } = after.topics;
    const recordedNew = new Set([
      ...changes.born,
      ...changes.split.flatMap((s) => s.into),
      ...changes.merged.map((m) => m.into),
    ]);
    for (const topic of after.topics.topics.filter((t) => t.level === 0))
      if (!oldIds.has(topic.id)) expect([...recordedNew], topic.label).toContain(topic.id);
    const newIds = new Set(after.topics.topics.map((t) => t.id));
    const recordedGone = new Set([
      ...changes.retired,
      ...changes.merged.flatMap((m) => m.from),
      ...changes.split.map((s) => s.from),
    ]);
    for (const id of oldIds) if (!newIds.has(id)) expect([...recordedGone]).toContain(id);
  });

  it('keeps the three model-merging papers together after the new day', () => {
    const merging = after.papers.papers.filter((p) =>
      /Parameter Competition Balancing|Fisher-Weighted Averaging|AdaMerging/.test(p.title),
    );
    expect(merging).toHaveLength(3);
    expect(new Set(merging.map((p) => p.topic)).size).toBe(1);
  });
});
