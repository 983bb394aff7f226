/**
 * A topic born between clusterings, through the real model and index: the seed pages hold one
 * survival-analysis paper, an outlier; a later day brings a second one (arXiv 2605.25399). The
 * run adds that day without clustering anew, and the two papers, which fit no topic but fit each
 * other, become a new topic.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import {
  type Manifest,
  type PapersFile,
  type TopicsFile,
  type TrendsFile,
} from '../../src/schema/artifacts.ts';
import { fitOf, QUIET_RUN, readCommitted, testRunOptions } from '../run/test-run-options.ts';

const SEEDS = 'seeds';
const NEW_PAPER = 'pipeline/test/fixtures/new-day/survival-censoring.jsonl';
const NEW_ID = '2605.25399';
const SEED_SURVIVAL = /Survival Analysis/;

describe('a topic born in an incremental run', () => {
  let out: string;
  let before: { papers: PapersFile; topics: TopicsFile };
  let after: { papers: PapersFile; topics: TopicsFile; trends: TrendsFile; manifest: Manifest };

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'birth-'));
    await runPipeline(testRunOptions([SEEDS], out), QUIET_RUN);
    before = {
      papers: await readCommitted(out, 'papers'),
      topics: await readCommitted(out, 'topics'),
    };
    await runPipeline(testRunOptions([SEEDS, NEW_PAPER], out), QUIET_RUN);
    after = {
      papers: await readCommitted(out, 'papers'),
      topics: await readCommitted(out, 'topics'),
      trends: await readCommitted(out, 'trends'),
      manifest: await readCommitted(out, 'manifest'),
    };
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('starts from a seed survival-analysis paper that fits no topic', () => {
    const seed = before.papers.papers.find((p) => SEED_SURVIVAL.test(p.title));
    expect(seed?.topic).toBeNull();
  });

  it('adds the day without clustering anew and records the birth', () => {
    expect(fitOf(after.manifest)).toMatchObject({
      mode: 'incremental',
      addedSinceFit: 1,
    });
    expect(after.topics.changes.born).toHaveLength(1);
    expect(after.topics.changes).toMatchObject({ merged: [], split: [], retired: [] });
  });

  it('puts both survival-analysis papers in the new topic, labelled by their words', () => {
    const bornId = after.topics.changes.born[0]!;
    const topicOf = new Map(after.papers.papers.map((p) => [p.id, p]));
    const seed = after.papers.papers.find((p) => SEED_SURVIVAL.test(p.title))!;
    expect(seed.topic).toBe(bornId);
    expect(topicOf.get(NEW_ID)!.topic).toBe(bornId);
    const born = after.topics.topics.find((t) => t.id === bornId)!;
    expect(born).toMatchObject({ level: 0, size: 2 });
    expect(born.label.toLowerCase()).toContain('survival');
    expect(Math.max(...before.topics.topics.map((t) => t.id))).toBeLessThan(bornId);
    const parent = after.topics.topics.find((t) => t.id === born.parent)!;
    expect(parent.children).toContain(bornId);
  });

  it('keeps every earlier topic and paper where it was', () => {
    const topicOf = new Map(after.papers.papers.map((p) => [p.id, p.topic]));
    for (const paper of before.papers.papers) {
      if (SEED_SURVIVAL.test(paper.title)) continue;
      expect(topicOf.get(paper.id), paper.title).toBe(paper.topic);
    }
    const kept = (file: TopicsFile) =>
      file.topics.filter((t) => t.level === 0).map((t) => [t.id, t.label, t.keywords]);
    expect(kept(after.topics).slice(0, -1)).toEqual(kept(before.topics));
  });

  it('counts the new topic in the trends, one per paper and page day', () => {
    const bornId = after.topics.changes.born[0]!;
    const series = after.trends.topics[String(bornId)];
    expect(series).toBeDefined();
    const pageDays = after.papers.papers
      .filter((p) => p.topic === bornId)
      .reduce((sum, p) => sum + p.dates.length, 0);
    expect(pageDays).toBeGreaterThanOrEqual(2);
    expect(series!.counts.reduce<number>((sum, n) => sum + (n ?? 0), 0)).toBe(pageDays);
  });
});
