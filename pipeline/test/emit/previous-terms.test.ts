import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  encodeBrowserData,
  pairKey,
  type BrowserSources,
} from '../../src/emit/encode-browser-data.ts';
import { readPreviousTerms, type PreviousTermsSource } from '../../src/emit/previous-terms.ts';
import { writeBrowserData } from '../../src/emit/write-browser-data.ts';
import { digestOf } from '../../src/output/checksums.ts';
import { runFolderParts } from '../../src/output/run-folder.ts';
import { artifactTexts } from '../../src/run/artifact-texts.ts';
import type { Manifest, Paper, Topic, TrendsFile } from '../../src/schema/artifacts.ts';
import { detailFileName, manifestFingerprint } from '../../src/schema/browser-files.ts';
import { MERGING_THEME, rankedKeywords, testTopic } from '../support/topics.ts';

const topic = (id: number, parent: number | null, terms: string[]): Topic =>
  testTopic({
    id,
    level: parent === null ? 1 : 0,
    keywords: rankedKeywords(terms),
    size: 2,
    parent,
  });

// Long enough for every detail file of two papers to pass 1 kB and get its .gz copy.
const FILLER =
  ' The approach is evaluated on several benchmarks and compared with baselines.'.repeat(8);

const paper = (id: string, title: string, abstract: string, topicId: number | null): Paper => ({
  id,
  title,
  abstract: abstract + FILLER,
  dates: ['2024-03-01'],
  arxivId: null,
  url: null,
  sources: [],
  topic: topicId,
  nearestTopics: [],
  x: 0.5,
  y: 0.5,
  themes: topicId === 1 ? [{ theme: 'merge', score: 0.5 }] : [],
});

/** Four papers in two topics, each related to the others, and one related id that is no paper. */
function sources(): BrowserSources {
  const papers = [
    paper('a', 'Model merging for LLMs', 'We merge task vectors of LLMs by weight averaging.', 1),
    paper('b', 'Merging an LLM', 'Model merging of task vectors, one strategy.', 1),
    paper('c', 'Structured pruning', 'We prune channels of LLMs for sparsity.', 2),
    paper('d', 'Sparsity in LLMs', 'Pruning and sparsity of language models.', 2),
  ];
  const ids = papers.map((p) => p.id);
  return {
    papers,
    related: Object.fromEntries(
      ids.map((id) => [
        id,
        [
          ...ids.filter((other) => other !== id).map((other) => ({ id: other, score: 0.5 })),
          { id: 'not-a-paper', score: 0.4 },
        ],
      ]),
    ),
    topics: {
      topics: [
        topic(1, 10, ['model merging', 'task vectors']),
        topic(2, 10, ['pruning', 'sparsity']),
        topic(10, null, ['compression']),
      ],
      changes: { born: [], merged: [], split: [], retired: [] },
    },
    themes: [MERGING_THEME],
    trends: { firstSeen: [] } as unknown as Omit<TrendsFile, 'schemaVersion'>,
  };
}

const TOOL = { name: 'paper-topics', version: '0.1.0' };

/** The manifest a run on `input` would record, for what the reuse looks at. */
function manifestOf(input: BrowserSources): Manifest {
  return {
    tool: TOOL,
    artifacts: {
      'papers.json': digestOf(artifactTexts.papers(input.papers)),
      'topics.json': digestOf(artifactTexts.topics(input.topics)),
      'themes.json': digestOf(artifactTexts.themes(input.themes)),
    },
  } as unknown as Manifest;
}

describe('shared terms of the previous run', () => {
  let dir: string;
  let previous: PreviousTermsSource;
  const input = sources();
  const current = (changed: Partial<BrowserSources> = {}) => {
    const merged = { ...input, ...changed };
    return { papers: merged.papers, topics: merged.topics, themes: merged.themes, tool: TOOL };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'previous-terms-'));
    const manifest = manifestOf(input);
    // Two papers per detail file, so the terms come from several files.
    const encoded = encodeBrowserData(input, { detailChunk: 2 });
    await writeBrowserData(runFolderParts(dir).public, encoded, manifestFingerprint(manifest));
    previous = { dir, manifest, ids: input.papers.map((p) => p.id) };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('gives every related pair of an unchanged run, and the same browser data as finding them', async () => {
    const found = await readPreviousTerms(previous, current());
    expect(found.reason).toBeUndefined();
    // 4 papers × 3 related papers (the id that is no paper has no terms).
    expect(found.terms!.size).toBe(12);
    // As written in the paper asked about: "LLMs" in a, "LLM" in b.
    expect(found.terms!.get(pairKey('a', 'b'))).toEqual(['model merging', 'task vectors', 'LLMs']);
    expect(found.terms!.get(pairKey('b', 'a'))).toEqual(['model merging', 'task vectors', 'LLM']);
    const fresh = encodeBrowserData(input, { detailChunk: 2 });
    const reused = encodeBrowserData(input, { detailChunk: 2, knownTerms: found.terms! });
    expect(JSON.stringify(reused)).toBe(JSON.stringify(fresh));
  });

  it('uses the known terms it is given and finds the others', () => {
    const fresh = encodeBrowserData(input);
    const known = new Map([[pairKey('a', 'b'), ['known']]]);
    const encoded = encodeBrowserData(input, { knownTerms: known });
    const rowOf = (details: typeof fresh.details, row: number) => {
      const file = details.find((d) => d.rows.includes(row))!;
      return file.terms[file.rows.indexOf(row)]!;
    };
    // Paper a's first related paper is b: the known terms; the rest as found.
    expect(rowOf(encoded.details, 0)[0]).toEqual(['known']);
    expect(rowOf(encoded.details, 0).slice(1)).toEqual(rowOf(fresh.details, 0).slice(1));
    for (const row of [1, 2, 3])
      expect(rowOf(encoded.details, row)).toEqual(rowOf(fresh.details, row));
  });

  it('reuses nothing when papers, topics or themes changed', async () => {
    const retitled = input.papers.map((p, i) => (i === 0 ? { ...p, title: 'Merging' } : p));
    expect((await readPreviousTerms(previous, current({ papers: retitled }))).reason).toBe(
      "papers.json differs from the previous run's",
    );
    const topics = { ...input.topics, topics: input.topics.topics.slice(0, 2) };
    expect((await readPreviousTerms(previous, current({ topics }))).reason).toMatch(/topics\.json/);
    const themes = [{ ...input.themes[0]!, keywords: ['averaging'] }];
    expect((await readPreviousTerms(previous, current({ themes }))).reason).toMatch(/themes\.json/);
  });

  it('reuses nothing from another release or without a previous run', async () => {
    expect((await readPreviousTerms(undefined, current())).reason).toBe('no previous run');
    const other = { ...current(), tool: { ...TOOL, version: '0.2.0' } };
    expect((await readPreviousTerms(previous, other)).reason).toMatch(/another release/);
  });

  it('reuses nothing from a damaged detail file or one of another run', async () => {
    const gz = join(runFolderParts(dir).public, `${detailFileName(1)}.gz`);
    const bytes = await readFile(gz);
    // One flipped byte inside the compressed body: gzip's CRC-32 (or inflate) catches it.
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 0x01;
    await writeFile(gz, flipped);
    expect((await readPreviousTerms(previous, current())).reason).toMatch(/is damaged/);

    const original = JSON.parse(gunzipSync(bytes).toString('utf8')) as { source: string };
    await writeFile(gz, gzipSync(JSON.stringify({ ...original, source: 'ffffffff' })));
    expect((await readPreviousTerms(previous, current())).reason).toMatch(/another run/);

    await rm(join(runFolderParts(dir).public, `${detailFileName(0)}.gz`));
    expect((await readPreviousTerms(previous, current())).reason).toMatch(/lost its \.gz copy/);
  });

  it('reuses the files before a missing one; the pairs of the others are found anew', async () => {
    await rm(join(runFolderParts(dir).public, `${detailFileName(1)}.gz`));
    await rm(join(runFolderParts(dir).public, detailFileName(1)));
    const found = await readPreviousTerms(previous, current());
    // Detail file 0 holds two papers with 3 related papers each.
    expect(found.terms!.size).toBe(6);
    expect(JSON.stringify(encodeBrowserData(input, { knownTerms: found.terms! }))).toBe(
      JSON.stringify(encodeBrowserData(input)),
    );
  });
});
