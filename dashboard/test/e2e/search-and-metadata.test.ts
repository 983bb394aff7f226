/**
 * The search panel's orders and day filter, and paper metadata, in a real browser on real
 * pipeline output: the seed papers given as JSONL with authors, upvotes and links (one link a
 * `javascript:` URL the pipeline must drop), run through the real pipeline (real model, real
 * index); and the unit-test fixture, which has no metadata, to show that nothing of it appears
 * then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Manifest, Paper, PapersFile } from '../../src/lib/data/artifacts.ts';
import { ingestInputs } from '../../../pipeline/src/ingest/ingest.ts';
import type { IngestedPaper } from '../../../pipeline/src/ingest/types.ts';
import { writeFixture } from '../fixtures/make-fixture.ts';
import { readArtifact, REPO_ROOT, runPipelineOnRecords } from '../support/seed-pipeline.ts';
import { DashboardHarness, type RunningServer } from '../support/dashboard-harness.ts';

/** Seven authors: the detail shows three and "et al.". */
const MANY_AUTHORS = ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'].concat([
  'Barbara Liskov',
  'Donald Knuth',
  'Frances Allen',
]);

/**
 * The metadata of the i-th seed paper (ingest order): most have upvotes, every third one author,
 * every fourth a repository; the first has everything, the second a `javascript:` project page,
 * the fifteenth nothing at all.
 */
function metadataOf(i: number): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (i % 5 !== 4) metadata.upvotes = (i * 37) % 97;
  if (i === 0) metadata.authors = MANY_AUTHORS;
  else if (i % 3 === 0) metadata.authors = [`Author ${i}`];
  if (i % 4 === 0) metadata.githubRepo = `https://github.com/example/repo-${i}`;
  if (i === 0) metadata.projectPage = 'https://example.org/project-0';
  if (i === 1) metadata.projectPage = 'javascript:alert(1)';
  return metadata;
}

const harness = new DashboardHarness();
let seedPapers: IngestedPaper[];
let papers: Paper[];
let manifest: Manifest;
/** The data folder of the run with metadata. */
let dataDir: string;
let server: RunningServer;
let fixtureServer: RunningServer;
let page: Page;

/** Writes the seed papers with metadata as JSONL and runs the pipeline on it; returns the run folder. */
async function runWithMetadata(dir: string): Promise<string> {
  return runPipelineOnRecords(
    dir,
    seedPapers.map((paper, i) => ({
      ...(paper.arxivId ? { id: paper.arxivId } : {}),
      title: paper.title,
      abstract: paper.abstract,
      dates: paper.dates,
      ...metadataOf(i),
    })),
  );
}

beforeAll(async () => {
  seedPapers = (await ingestInputs([join(REPO_ROOT, 'seeds')], { year: 2024 })).papers;
  const workDir = await harness.tempDir('dashboard-metadata-');
  const fixtureDir = await harness.tempDir('dashboard-fixture-');
  const [runDir] = await Promise.all([runWithMetadata(workDir), harness.build()]);
  dataDir = join(workDir, 'data');
  papers = (await readArtifact<PapersFile>(runDir, 'papers')).papers;
  manifest = await readArtifact<Manifest>(runDir, 'manifest');
  await writeFixture(fixtureDir);
  server = await harness.serve(dataDir, '--no-search');
  fixtureServer = await harness.serve(fixtureDir, '--no-search');
  page = await harness.openPage();
});

afterAll(() => harness.close());

async function open(query: string, base = server.url): Promise<void> {
  await page.goto(`${base}${query}`);
  await page.waitForSelector('[data-testid=dashboard]');
}

const paperById = (id: string) => papers.find((paper) => paper.id === id)!;
const paperByTitle = (title: string) => papers.find((paper) => paper.title === title.trim())!;
const seedId = (i: number) => papers.find((paper) => paper.title === seedPapers[i]!.title)!.id;

/** The papers of the title results, in the order shown. */
async function titleResults(): Promise<Paper[]> {
  const rows = page.locator('[data-testid=title-results] [data-testid=paper-row]');
  await rows.first().waitFor();
  return (await rows.locator('.title').allTextContents()).map(paperByTitle);
}

const lastDay = (paper: Paper) => paper.dates.at(-1) ?? '';
const ids = (list: Paper[]) => list.map((paper) => paper.id);

describe('the pipeline keeps the metadata', () => {
  it('writes authors, upvotes and http(s) links, and drops the javascript: link with a warning', () => {
    const first = paperById(seedId(0));
    expect(first).toMatchObject({
      authors: MANY_AUTHORS,
      upvotes: 0,
      githubRepo: 'https://github.com/example/repo-0',
      projectPage: 'https://example.org/project-0',
    });
    expect(paperById(seedId(1)).projectPage).toBeUndefined();
    expect(manifest.warnings.join('\n')).toMatch(
      /1 record has a "projectPage" that is not an http\(s\) URL \(line 2\); kept without it/,
    );
    const bare = paperById(seedId(14));
    for (const key of ['authors', 'upvotes', 'githubRepo', 'projectPage']) {
      expect(Object.keys(bare)).not.toContain(key);
    }
  });
});

describe('the search panel', () => {
  it('sorts the results by date, newest first, and back to best match', async () => {
    await open('?q=learning');
    const best = await titleResults();
    // Without results on several days in an order other than by date, this would prove little.
    expect(new Set(best.map(lastDay)).size).toBeGreaterThan(1);
    expect(best.map(lastDay)).not.toEqual([...best.map(lastDay)].sort().reverse());

    await page.click('[data-testid=order-date]');
    expect(await page.getAttribute('[data-testid=order-date]', 'aria-checked')).toBe('true');
    const newest = await titleResults();
    expect(newest.map(lastDay)).toEqual([...best.map(lastDay)].sort().reverse());
    expect(ids(newest).sort()).toEqual(ids(best).sort());
    // Equal days keep the best-match order.
    for (const day of new Set(newest.map(lastDay))) {
      const onDay = (list: Paper[]) => ids(list.filter((paper) => lastDay(paper) === day));
      expect(onDay(newest)).toEqual(onDay(best));
    }
    await page.screenshot({ path: harness.shot('search-newest.png') });

    await page.click('[data-testid=order-score]');
    expect(ids(await titleResults())).toEqual(ids(best));
  });

  it('keeps only the papers of the selected days on request', async () => {
    const range = { start: '2024-03-12', end: '2024-03-14' };
    await open(`?q=learning&from=${range.start}&to=${range.end}`);
    const all = await titleResults();
    const inRange = (paper: Paper) =>
      paper.dates.some((day) => day >= range.start && day <= range.end);
    // Under the list's cap of 30, so the filtered list is the shown one filtered.
    expect(all.length).toBeLessThan(30);
    expect(all.some(inRange)).toBe(true);
    expect(all.every(inRange)).toBe(false);

    const only = page.locator('[data-testid=only-range]');
    expect(await only.isChecked()).toBe(false);
    await only.check();
    const kept = await titleResults();
    expect(ids(kept)).toEqual(ids(all.filter(inRange)));

    // The filter and the order work together.
    await page.click('[data-testid=order-date]');
    expect(ids(await titleResults())).toEqual(
      ids(
        all
          .filter(inRange)
          .sort((a, b) => (lastDay(a) < lastDay(b) ? 1 : lastDay(a) > lastDay(b) ? -1 : 0)),
      ),
    );
    await only.uncheck();
    expect((await titleResults()).length).toBe(all.length);
  });

  it('sorts the results by upvotes, most first, papers without upvotes last', async () => {
    await open('?q=learning');
    const best = await titleResults();
    expect(best.some((paper) => paper.upvotes === undefined)).toBe(true);
    await page.click('[data-testid=order-upvotes]');
    const most = await titleResults();
    const votes = (list: Paper[]) => list.map((paper) => paper.upvotes ?? -1);
    expect(votes(most)).toEqual([...votes(best)].sort((a, b) => b - a));
    expect(votes(most)).not.toEqual(votes(best));
    // Each row shows the upvotes it was sorted by.
    const shown = await page
      .locator('[data-testid=title-results] [data-testid=paper-row]')
      .evaluateAll((rows) =>
        rows.map((row) => row.querySelector('[data-testid=row-upvotes]')?.textContent ?? null),
      );
    expect(shown).toEqual(
      most.map((paper) => (paper.upvotes === undefined ? null : `▲ ${paper.upvotes}`)),
    );
    await page.screenshot({ path: harness.shot('search-upvotes.png') });
  });
});

describe('the paper detail', () => {
  it('shows three authors and "et al.", the whole list on request, upvotes and both links', async () => {
    const paper = paperById(seedId(0));
    await open(`?paper=${encodeURIComponent(paper.id)}`);
    const names = page.locator('[data-testid=author-names]');
    await names.waitFor();
    expect(await names.textContent()).toBe('Ada Lovelace, Alan Turing, Grace Hopper et al.');
    await page.click('[data-testid=all-authors]');
    expect(await names.textContent()).toBe(MANY_AUTHORS.join(', '));
    await page.click('[data-testid=fewer-authors]');
    expect(await names.textContent()).toMatch(/et al\.$/);

    expect((await page.textContent('[data-testid=paper-upvotes]'))?.trim()).toBe('▲ 0');
    const code = page.locator('[data-testid=paper-code]');
    expect(await code.getAttribute('href')).toBe('https://github.com/example/repo-0');
    expect(await code.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await code.getAttribute('target')).toBe('_blank');
    const project = page.locator('[data-testid=paper-project]');
    expect(await project.getAttribute('href')).toBe('https://example.org/project-0');
    expect(await project.getAttribute('rel')).toBe('noopener noreferrer');
    await page.screenshot({ path: harness.shot('paper-metadata.png') });
  });

  it('shows a short author list whole, and no link the input did not give as http(s)', async () => {
    const three = paperById(seedId(3));
    await open(`?paper=${encodeURIComponent(three.id)}`);
    await page.locator('[data-testid=paper-abstract]').waitFor();
    expect(await page.textContent('[data-testid=author-names]')).toBe('Author 3');
    expect(await page.locator('[data-testid=all-authors]').count()).toBe(0);

    const second = paperById(seedId(1));
    await open(`?paper=${encodeURIComponent(second.id)}`);
    await page.locator('[data-testid=paper-abstract]').waitFor();
    expect(await page.locator('[data-testid=paper-project]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:"]').count()).toBe(0);
    expect((await page.textContent('[data-testid=paper-upvotes]'))?.trim()).toBe(
      `▲ ${second.upvotes}`,
    );
  });

  it('shows no metadata for a paper without it', async () => {
    await open(`?paper=${encodeURIComponent(seedId(14))}`);
    await page.locator('[data-testid=paper-abstract]').waitFor();
    for (const id of ['paper-authors', 'paper-upvotes', 'paper-code', 'paper-project']) {
      expect(await page.locator(`[data-testid=${id}]`).count(), id).toBe(0);
    }
  });
});

describe('the table', () => {
  it('sorts by upvotes, most first, and exports them as a CSV column', async () => {
    await open('?q=learning');
    await page.click('[data-testid=open-table]');
    await page.locator('[data-testid=table-row]').first().waitFor();
    await page.click('[data-testid=sort-upvotes]');
    const titles = await page.locator('[data-testid=table-row] .title').allTextContents();
    const votes = titles.map((title) => paperByTitle(title).upvotes ?? -1);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
    expect(await page.locator('[data-testid=table-upvotes]').allTextContents()).toEqual(
      votes.map((v) => (v < 0 ? '' : String(v))),
    );

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    const lines = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/,broad_topic,watch_list,score,upvotes$/);
    expect(lines.slice(1).map((line) => line.split(',').at(-1))).toEqual(
      votes.map((v) => (v < 0 ? '' : String(v))),
    );
  });
});

describe('the search API', () => {
  let searchServer: RunningServer;
  beforeAll(async () => {
    searchServer = await harness.serve(dataDir);
  }, 120_000);

  it('gives each hit its upvotes where the input had them', async () => {
    const response = await fetch(
      `${searchServer.url}api/search?q=${encodeURIComponent('learning')}&k=33`,
    );
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as {
      results: { id: string; upvotes?: number }[];
    };
    expect(results.length).toBeGreaterThan(10);
    for (const hit of results) expect(hit.upvotes, hit.id).toBe(paperById(hit.id).upvotes);
    expect(results.some((hit) => hit.upvotes === undefined)).toBe(true);
    expect(results.some((hit) => typeof hit.upvotes === 'number')).toBe(true);
  });
});

describe('the BibTeX export', () => {
  it('names the authors of every paper that has them, loaded from the detail files', async () => {
    // The whole map: every paper, from every detail file.
    await open('');
    await page.click('[data-testid=open-table]');
    await page.locator('[data-testid=table-row]').first().waitFor();
    const shown = (await page.locator('[data-testid=table-row] .title').allTextContents()).map(
      paperByTitle,
    );
    expect(shown.some((paper) => (paper.authors?.length ?? 0) > 1)).toBe(true);
    expect(shown.some((paper) => paper.authors === undefined)).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-bibtex]'),
    ]);
    const entries = (await readFile((await download.path())!, 'utf8')).trimEnd().split('\n\n');
    expect(entries).toHaveLength(papers.length);
    expect(shown).toHaveLength(papers.length);
    for (const paper of shown) {
      const entry = entries.find((text) => text.includes(`title = {{${paper.title}}}`));
      expect(entry, paper.title).toBeDefined();
      if (paper.authors) expect(entry).toContain(`author = {${paper.authors.join(' and ')}}`);
      else expect(entry).not.toContain('author =');
    }
  });
});

describe('data without metadata', () => {
  it('offers no upvotes order or column, and shows no authors', async () => {
    await open('?q=merging', fixtureServer.url);
    await page.locator('[data-testid=title-results] [data-testid=paper-row]').first().waitFor();
    await page.locator('[data-testid=order-date]').waitFor();
    expect(await page.locator('[data-testid=order-upvotes]').count()).toBe(0);
    expect(await page.locator('[data-testid=row-upvotes]').count()).toBe(0);
    await page.click('[data-testid=open-table]');
    await page.locator('[data-testid=table-row]').first().waitFor();
    expect(await page.locator('[data-testid=sort-upvotes]').count()).toBe(0);

    await open('?q=merging', fixtureServer.url);
    await page.locator('[data-testid=title-results] [data-testid=paper-row]').first().click();
    await page.locator('[data-testid=paper-abstract]').waitFor();
    expect(await page.locator('[data-testid=paper-authors]').count()).toBe(0);
    expect(await page.locator('[data-testid=paper-upvotes]').count()).toBe(0);
  });

  it('raised no page errors', () => {
    expect(harness.errors).toEqual([]);
  });
});
