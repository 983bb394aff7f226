/**
 * Re-runs into the same output folder through the real parts: with the same papers the previous
 * index, graph and topics carry over and every artifact comes out byte-identical; with one new
 * paper the index is extended and the paper joins the existing topics; a refit clusters anew.
 */
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { fitOf, QUIET_RUN, readCommitted, testRunOptions } from '../run/test-run-options.ts';
import {
  ARTIFACT_FILES,
  type Manifest,
  type PapersFile,
  type RelatedFile,
  type TopicsFile,
} from '../../src/schema/artifacts.ts';

const SEEDS = 'seeds';
const NEW_PAPER = 'pipeline/test/fixtures/new-day/della-merging.jsonl';
const NEW_ID = '2406.11617';
const MERGING = /Parameter Competition Balancing|Fisher-Weighted Averaging|AdaMerging/;

/** Every artifact but the manifest, which records timings and how the run went. */
const COMPARED = Object.entries(ARTIFACT_FILES).filter(([name]) => name !== 'manifest');

async function snapshot(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const [name, file] of COMPARED)
    files.set(
      file,
      await readFile(artifactPath(committedRunDir(dir), name as keyof typeof ARTIFACT_FILES)),
    );
  return files;
}

describe('pipeline re-run into the same output folder', () => {
  let out: string;
  let first: Map<string, Buffer>;
  let firstManifest: Manifest;
  let second: Map<string, Buffer>;
  let secondManifest: Manifest;
  let before: { papers: PapersFile; topics: TopicsFile };
  let after: { papers: PapersFile; topics: TopicsFile; related: RelatedFile; manifest: Manifest };
  let refit: Manifest;

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'extend-'));
    await runPipeline(testRunOptions([SEEDS], out), QUIET_RUN);
    first = await snapshot(out);
    firstManifest = await readCommitted(out, 'manifest');
    before = {
      papers: await readCommitted(out, 'papers'),
      topics: await readCommitted(out, 'topics'),
    };
    await runPipeline(testRunOptions([SEEDS], out), QUIET_RUN);
    second = await snapshot(out);
    secondManifest = await readCommitted(out, 'manifest');

    await runPipeline(testRunOptions([SEEDS, NEW_PAPER], out), QUIET_RUN);
    after = {
      papers: await readCommitted(out, 'papers'),
      topics: await readCommitted(out, 'topics'),
      related: await readCommitted(out, 'related'),
      manifest: await readCommitted(out, 'manifest'),
    };
    await runPipeline({ ...testRunOptions([SEEDS, NEW_PAPER], out), refitTopics: true }, QUIET_RUN);
    refit = await readCommitted(out, 'manifest');
  });
  afterAll(() => rm(out, { recursive: true, force: true }));

  it('builds and clusters everything on a first run', () => {
    expect(firstManifest.index.build).toEqual({
      mode: 'built',
      reason: 'no previous run in the output folder',
    });
    expect(fitOf(firstManifest)).toMatchObject({ mode: 'full', papersAtFit: 33, addedSinceFit: 0 });
  });

  it('reuses index, graph and topics when nothing changed, with byte-identical artifacts', () => {
    expect(secondManifest.index.build).toEqual({ mode: 'extended', added: 0 });
    expect(fitOf(secondManifest)).toMatchObject({
      mode: 'incremental',
      papersAtFit: 33,
      addedSinceFit: 0,
    });
    for (const [, file] of COMPARED)
      expect(second.get(file)!.equals(first.get(file)!), file).toBe(true);
    expect(secondManifest.topics!.quality).toEqual(firstManifest.topics!.quality);
  });

  it('appends a new paper, extends the index and keeps recall exact at seed scale', () => {
    const ids = after.papers.papers.map((p) => p.id);
    expect(ids.slice(0, 33)).toEqual(before.papers.papers.map((p) => p.id));
    expect(ids[33]).toBe(NEW_ID);
    expect(after.manifest.index.build).toEqual({ mode: 'extended', added: 1 });
    expect(after.manifest.index.recallAt10).toBe(1);
    expect(after.manifest.index.recallSample).toBe(34);
  });

  it('adds the new paper to the existing topics without touching the others', () => {
    expect(fitOf(after.manifest)).toMatchObject({
      mode: 'incremental',
      papersAtFit: 33,
      addedSinceFit: 1,
    });
    const topicOf = new Map(after.papers.papers.map((p) => [p.id, p.topic]));
    for (const paper of before.papers.papers)
      expect(topicOf.get(paper.id), paper.title).toBe(paper.topic);
    const labels = (file: TopicsFile) => file.topics.map((t) => [t.id, t.level, t.label]);
    expect(labels(after.topics)).toEqual(labels(before.topics));
    expect(after.topics.changes).toEqual({ born: [], merged: [], split: [], retired: [] });
    const grown = after.topics.topics.find((t) => t.id === topicOf.get(NEW_ID));
    const was = before.topics.topics.find((t) => t.id === topicOf.get(NEW_ID));
    expect(grown!.size).toBe(was!.size + 1);
  });

  it('puts the new merging paper with the three merging papers and relates them', () => {
    const merging = after.papers.papers.filter((p) => MERGING.test(p.title));
    expect(merging).toHaveLength(3);
    const added = after.papers.papers.find((p) => p.id === NEW_ID)!;
    expect(added.topic).toBe(merging[0]!.topic);
    // Its abstract is about pruning too, so a compression paper may rank among the merging ones.
    const related = after.related.related[NEW_ID]!.slice(0, 4).map((n) => n.id);
    for (const paper of merging) expect(related, paper.title).toContain(paper.id);
    // The previous papers' lists took the new paper in where it is close enough.
    for (const paper of merging)
      expect(after.related.related[paper.id]!.map((n) => n.id)).toContain(NEW_ID);
  });

  it('clusters anew when asked', () => {
    expect(fitOf(refit)).toMatchObject({
      mode: 'full',
      papersAtFit: 34,
      addedSinceFit: 0,
      reason: 'asked for (--refit-topics)',
    });
  });
});
