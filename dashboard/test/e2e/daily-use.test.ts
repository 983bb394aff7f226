/**
 * The dashboard as used every day, in a real browser on real pipeline output: every screen
 * size, zoom that round-trips through links, searches and day ranges restored from links, a
 * page that learns of a new pipeline run, dates with years, and the small things that made
 * the reader lose their place. Two runs of the real pipeline: the seed pages (served with the
 * real search API), and the same papers re-dated across a new year (served without search).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Manifest, PapersFile, TopicsFile, TrendsFile } from '../../src/lib/data/artifacts.ts';
import { manifestFingerprint } from '../../src/lib/data/browser-format.ts';
import {
  artifactPath,
  committedRunDir,
  runFolderParts,
} from '../../../pipeline/src/output/run-folder.ts';
import { fitMap, toScreen, transformFromView } from '../../src/lib/map/map-geometry.ts';
import type { MapView } from '../../src/lib/state/url-state.ts';
import { zoomIdentity } from 'd3';
import { writeFixture } from '../fixtures/make-fixture.ts';
import {
  readArtifact,
  runPipelineOnRecords,
  runSeedPipeline,
  type SeedRun,
} from '../support/seed-pipeline.ts';
import { DashboardHarness, type RunningServer } from '../support/dashboard-harness.ts';

const harness = new DashboardHarness();
let seeds: SeedRun;
let server: RunningServer;
let yearsServer: RunningServer;
let fixtureServer: RunningServer;
let page: Page;
let papers: PapersFile['papers'];
let trends: TrendsFile;
let yearPapers: PapersFile['papers'];

/** Day of the i-th seed paper in the re-dated corpus: the turn of 2024 into 2025. */
const yearDates = (i: number): string[] =>
  i % 3 === 0 ? ['2024-12-30'] : i % 3 === 1 ? ['2025-01-02'] : ['2024-12-31', '2025-01-02'];

/** Runs the pipeline on the seed papers re-dated across a year boundary (JSONL input). */
async function runAcrossYears(seedPapers: PapersFile['papers']): Promise<string> {
  const dir = await harness.tempDir('dashboard-years-');
  await runPipelineOnRecords(
    dir,
    seedPapers.map((paper, i) => ({
      title: paper.title,
      abstract: paper.abstract,
      dates: yearDates(i),
    })),
  );
  return dir;
}

beforeAll(async () => {
  [seeds] = await Promise.all([runSeedPipeline(), harness.build()]);
  papers = (await readArtifact<PapersFile>(seeds.dataDir, 'papers')).papers;
  trends = await readArtifact<TrendsFile>(seeds.dataDir, 'trends');
  const yearsDir = await runAcrossYears(papers);
  yearPapers = (await readArtifact<PapersFile>(committedRunDir(join(yearsDir, 'data')), 'papers'))
    .papers;
  server = await harness.serve(seeds.dataDir);
  yearsServer = await harness.serve(join(yearsDir, 'data'), '--no-search');
  const fixtureDir = await harness.tempDir('dashboard-fixture-');
  await writeFixture(fixtureDir);
  fixtureServer = await harness.serve(fixtureDir, '--no-search');
  page = await harness.openPage();
});

afterAll(async () => {
  await harness.close();
  await seeds?.dispose();
});

async function open(query = '', base = server.url): Promise<void> {
  await page.goto(`${base}${query}`);
  await page.waitForSelector('[data-testid=dashboard]');
}

async function waitForMap(): Promise<void> {
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=map-canvas]')?.getAttribute('data-drawn-points'),
  );
}

/** Page position of a map point under a view (null = whole map), from the canvas box. */
async function screenOf(
  point: { x: number; y: number },
  view: MapView | null = null,
): Promise<{ x: number; y: number }> {
  const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
  const fit = fitMap(box.width, box.height);
  const transform = view ? transformFromView(view, fit) : zoomIdentity;
  const [sx, sy] = toScreen(point.x, point.y, fit, transform);
  return { x: box.x + sx, y: box.y + sy };
}

/** Hovers a page position and returns the map tooltip's text (or null when none shows). */
async function tooltipAt(at: { x: number; y: number }): Promise<string | null> {
  await page.mouse.move(at.x - 30, at.y - 30);
  await page.mouse.move(at.x, at.y, { steps: 3 });
  const tooltip = page.locator('[data-testid=map-tooltip]');
  try {
    await tooltip.waitFor({ timeout: 2000 });
  } catch {
    return null;
  }
  return tooltip.textContent();
}

const noSidewaysScroll = () =>
  page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

const merging = () => papers.filter((paper) => /merg/i.test(paper.title));

describe('every screen size', () => {
  const sizes = [
    { name: 'phone', width: 390, height: 844 },
    { name: 'tablet', width: 768, height: 1024 },
    { name: 'desktop', width: 1440, height: 900 },
  ];
  for (const size of sizes) {
    it(`shows the map, trends, watch list, search and a paper at ${size.width}×${size.height}`, async () => {
      await page.setViewportSize({ width: size.width, height: size.height });
      try {
        await open();
        await waitForMap();
        const canvas = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
        expect(canvas.width).toBeGreaterThanOrEqual(size.width * 0.6);
        expect(canvas.height).toBeGreaterThanOrEqual(200);
        expect(await noSidewaysScroll()).toBe(true);
        const search = (await page.locator('[data-testid=search-input]').boundingBox())!;
        expect(search.width).toBeGreaterThanOrEqual(Math.min(300, size.width - 40));
        expect(search.x + search.width).toBeLessThanOrEqual(size.width);
        await page.screenshot({ path: harness.shot(`size-${size.name}-map.png`) });

        await page.click('[data-testid=tab-trends]');
        const chart = (await page.locator('[data-testid=stacked-chart] svg').boundingBox())!;
        expect(chart.width).toBeGreaterThanOrEqual(size.width * 0.6);
        expect(await noSidewaysScroll()).toBe(true);
        await page.screenshot({ path: harness.shot(`size-${size.name}-trends.png`) });

        await page.click('[data-testid=tab-themes]');
        const card = (await page.locator('[data-testid=theme-card]').first().boundingBox())!;
        expect(card.width).toBeGreaterThanOrEqual(Math.min(300, size.width * 0.6));
        expect(card.x + card.width).toBeLessThanOrEqual(size.width);
        expect(await noSidewaysScroll()).toBe(true);

        // Typing finds papers; opening one shows its title on screen.
        await page.click('[data-testid=tab-map]');
        await page.fill('[data-testid=search-input]', 'merging');
        await page.locator('[data-testid=title-results] [data-testid=paper-row]').first().click();
        const title = page.locator('[data-testid=paper-title]');
        await title.waitFor();
        const box = (await title.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height).toBeLessThanOrEqual(size.height);
        expect(box.x + box.width).toBeLessThanOrEqual(size.width);
        expect(await noSidewaysScroll()).toBe(true);
        const map = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
        expect(map.height).toBeGreaterThan(100);
        await page.screenshot({ path: harness.shot(`size-${size.name}-paper.png`) });
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    });
  }
});

describe('labels', () => {
  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    it(`labels every broad topic inside the map, without overlaps, at ${size.width}×${size.height}`, async () => {
      const topics = (await readArtifact<TopicsFile>(seeds.dataDir, 'topics')).topics;
      const broad = topics.filter((topic) => topic.level === 1 && topic.size > 0);
      expect(broad.length).toBeGreaterThan(1);
      await page.setViewportSize(size);
      try {
        await open();
        await waitForMap();
        // Labels are placed once the view rests.
        await page.waitForTimeout(300);
        const canvas = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
        const labels = page.locator('[data-testid=topic-label]');
        const ids = await labels.evaluateAll((elements) =>
          elements.map((element) => Number(element.getAttribute('data-topic-id'))),
        );
        expect(new Set(ids)).toEqual(new Set(broad.map((topic) => topic.id)));
        const boxes = await Promise.all(
          (await labels.all()).map(async (label) => (await label.boundingBox())!),
        );
        for (const box of boxes) {
          expect(box.x).toBeGreaterThanOrEqual(canvas.x);
          expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width + 0.5);
          expect(box.y).toBeGreaterThanOrEqual(canvas.y);
          expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height + 0.5);
        }
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const [a, b] = [boxes[i]!, boxes[j]!];
            const apart =
              a.x + a.width <= b.x + 0.5 ||
              b.x + b.width <= a.x + 0.5 ||
              a.y + a.height <= b.y + 0.5 ||
              b.y + b.height <= a.y + 0.5;
            expect(apart, JSON.stringify([a, b])).toBe(true);
          }
      } finally {
        await page.setViewportSize({ width: 1440, height: 900 });
      }
    });
  }
});

describe('zoom and links', () => {
  it('writes the zoom buttons to the link, and "whole map" undoes them', async () => {
    await open('?lod=fine');
    await waitForMap();
    await page.click('[aria-label="Zoom in"]');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('z'));
    const zoomed = new URL(page.url()).searchParams.get('z')!;
    expect(Number(zoomed.split(',')[0])).toBeCloseTo(1.6, 2);
    await page.click('[aria-label="Zoom in"]');
    await page.waitForFunction(
      (before) => new URL(location.href).searchParams.get('z') !== before,
      zoomed,
    );
    expect(Number(new URL(page.url()).searchParams.get('z')!.split(',')[0])).toBeCloseTo(2.56, 2);

    await page.click('[aria-label="Show the whole map"]');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('z'));
    await page.waitForTimeout(600);
    const paper = merging()[0]!;
    expect(await tooltipAt(await screenOf(paper))).toContain(paper.title);
  });

  it('restores a shared zoom with every point where it was', async () => {
    const paper = merging()[0]!;
    const round = (value: number) => Number(value.toFixed(4));
    const view: MapView = { k: 2.297, cx: round(paper.x + 0.06), cy: round(paper.y - 0.04) };
    await open(`?lod=fine&z=${view.k},${view.cx},${view.cy}`);
    await waitForMap();
    await page.waitForTimeout(300);
    expect(await tooltipAt(await screenOf(paper, view))).toContain(paper.title);
    expect(new URL(page.url()).searchParams.get('z')).toBe(`${view.k},${view.cx},${view.cy}`);
  });

  it('restores a search by meaning from a link and shows its results on the map', async () => {
    const query = 'merging fine-tuned models without retraining';
    await open(`?q=${encodeURIComponent(query)}&meaning=1`);
    const rows = page.locator('[data-testid=semantic-results] [data-testid=paper-row]');
    await rows.first().waitFor();
    expect(await rows.first().textContent()).toMatch(/merg/i);
    // Every paper not found is dimmed: the count names the matches only.
    const count = await page.textContent('[data-testid=map-count]');
    const shown = Number(/(\d+) of/.exec(count ?? '')?.[1]);
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(papers.length);
    expect(shown).toBeGreaterThanOrEqual(await rows.count());
    await page.screenshot({ path: harness.shot('search-on-map.png') });

    // A score cut-off keeps fewer results.
    await page.locator('[data-testid=min-score]').evaluate((input: HTMLInputElement) => {
      input.value = '0.5';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const kept = await rows.count();
    expect(kept).toBeLessThan(20);
    const scores = await page.locator('[data-testid=semantic-results] .score').allTextContents();
    expect(scores.every((score) => Number(score) >= 0.5)).toBe(true);

    // Editing the text drops "by meaning" from the link.
    await page.fill('[data-testid=search-input]', 'merging');
    await page.waitForFunction(() => !new URL(location.href).searchParams.has('meaning'));
  });

  it('redraws the brush of a day range restored from a link', async () => {
    const [from, to] = [trends.calendar[1]!, trends.calendar[3]!];
    for (const view of ['map', 'trends']) {
      await open(`?view=${view}&from=${from}&to=${to}`);
      const brush = view === 'map' ? '[data-testid=timeline] .brush' : '[data-testid=trend-brush]';
      await page.waitForSelector(`${brush} .selection`, { state: 'attached' });
      await page.waitForFunction(
        (selector) => {
          const rect = document.querySelector(`${selector} .selection`);
          return (
            rect &&
            rect.getAttribute('display') !== 'none' &&
            Number(rect.getAttribute('width')) > 0
          );
        },
        brush,
        { timeout: 5000 },
      );
    }
  });

  it('says so when a linked day range lies outside the data, and shows every day', async () => {
    await open('?from=2099-01-01&to=2099-01-02');
    await waitForMap();
    expect(await page.textContent('.notices')).toContain('2099-01-01 – 2099-01-02 lies outside');
    expect(await page.locator('[data-testid=range-chip]').count()).toBe(0);
    expect(await page.textContent('[data-testid=map-count]')).toContain(`${papers.length} papers`);
    expect(new URL(page.url()).searchParams.has('from')).toBe(false);
  });
});

describe('opening papers', () => {
  it('starts a newly opened paper at its title, even when its details were loaded', async () => {
    const first = merging()[0]!;
    await open(`?paper=${encodeURIComponent(first.id)}`);
    await page.waitForSelector('[data-testid=related-item]');
    await page.evaluate(() => {
      const side = document.querySelector('[data-testid=side-panel]')!;
      side.scrollTop = side.scrollHeight;
    });
    expect(
      await page.evaluate(() => document.querySelector('[data-testid=side-panel]')!.scrollTop),
    ).toBeGreaterThan(0);
    const relatedTitle = page.locator('[data-testid=related-item] .title-link').last();
    const next = await relatedTitle.textContent();
    await relatedTitle.click();
    await page.waitForFunction(
      (title) => document.querySelector('[data-testid=paper-title]')?.textContent === title,
      next,
    );
    expect(
      await page.evaluate(() => document.querySelector('[data-testid=side-panel]')!.scrollTop),
    ).toBe(0);
    const title = (await page.locator('[data-testid=paper-title]').boundingBox())!;
    expect(title.y).toBeGreaterThanOrEqual(0);
    expect(title.y + title.height).toBeLessThanOrEqual(900);
  });

  it('moves the map to a paper opened out of view and rings its related papers', async () => {
    const paper = merging()[0]!;
    // Zoomed in on the far corner from the paper.
    const view: MapView = {
      k: 8,
      cx: paper.x < 0.5 ? 0.95 : 0.05,
      cy: paper.y < 0.5 ? 0.95 : 0.05,
    };
    await open(`?lod=fine&z=${view.k},${view.cx},${view.cy}`);
    await waitForMap();
    await page.fill('[data-testid=search-input]', paper.title.split(' ').slice(0, 4).join(' '));
    await page.locator('[data-testid=title-results] [data-testid=paper-row]').first().click();
    await page.waitForFunction(
      ([x, y]) => {
        const z = new URL(location.href).searchParams.get('z');
        if (!z) return false;
        const [, cx, cy] = z.split(',').map(Number);
        return Math.abs(cx! - x!) < 0.01 && Math.abs(cy! - y!) < 0.01;
      },
      [paper.x, paper.y],
    );
    await page.waitForTimeout(700);
    const z = new URL(page.url()).searchParams.get('z')!.split(',').map(Number);
    const at = await screenOf(paper, { k: z[0]!, cx: z[1]!, cy: z[2]! });
    await page.fill('[data-testid=search-input]', '');
    expect(await tooltipAt(at)).toContain(paper.title);
    // The related papers' rings, on the whole map: pixels of the ring colour (#ea580c).
    await page.waitForSelector('[data-testid=related-item]');
    await page.click('[aria-label="Show the whole map"]');
    await page.waitForTimeout(700);
    const ringPixels = await page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=map-canvas]') as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 0; i < data.length; i += 4)
        if (data[i]! > 200 && data[i + 1]! > 60 && data[i + 1]! < 120 && data[i + 2]! < 50) count++;
      return count;
    });
    expect(ringPixels).toBeGreaterThan(20);
  });

  it('colours the tooltip swatch as the point is coloured at the broad level', async () => {
    await open('?lod=broad');
    await waitForMap();
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    const fit = fitMap(box.width, box.height);
    let checked = 0;
    for (const paper of papers.filter((p) => p.topic !== null).slice(0, 6)) {
      const [sx, sy] = toScreen(paper.x, paper.y, fit, zoomIdentity);
      // The point's own colour, read before the hover ring is drawn around it.
      const pixel = await page.evaluate(
        ([x, y]) => {
          const canvas = document.querySelector('[data-testid=map-canvas]') as HTMLCanvasElement;
          const ratio = canvas.width / canvas.clientWidth;
          const data = canvas
            .getContext('2d')!
            .getImageData(Math.round(x! * ratio), Math.round(y! * ratio), 1, 1).data;
          return `rgb(${data[0]}, ${data[1]}, ${data[2]})`;
        },
        [sx, sy],
      );
      const text = await tooltipAt({ x: box.x + sx, y: box.y + sy });
      if (!text?.includes(paper.title)) continue;
      const swatch = await page
        .locator('[data-testid=tooltip-swatch]')
        .evaluate((element) => getComputedStyle(element).backgroundColor);
      expect(swatch).toBe(pixel);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('keeps the flag evidence whole on screen, above the timeline strip', async () => {
    // The seed pages are too few days for a trend test; the fixture has a flag on every theme.
    // On a phone the last card's badge scrolls to just above the timeline strip.
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await checkFlagEvidence();
    } finally {
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});

/** Hovers the last theme card's flag and checks that its evidence shows whole and on top. */
async function checkFlagEvidence(): Promise<void> {
  await open('?view=themes', fixtureServer.url);
  const flags = page.locator('[data-testid=theme-card] [data-testid=trend-flag]');
  expect(await flags.count()).toBeGreaterThan(0);
  const last = flags.last();
  await last.scrollIntoViewIfNeeded();
  await last.hover();
  const tip = page.locator('[data-testid=flag-evidence]');
  await tip.waitFor();
  const box = (await tip.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(844);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: harness.shot('flag-evidence-phone.png') });
  // Nothing (the timeline strip, a scrolling parent) covers any corner of it.
  const corners = [
    [box.x + 4, box.y + 4],
    [box.x + box.width - 4, box.y + box.height - 4],
    [box.x + 4, box.y + box.height - 4],
  ];
  for (const [x, y] of corners) {
    const inside = await page.evaluate(
      ([px, py]) => !!document.elementFromPoint(px!, py!)?.closest('[data-testid=flag-evidence]'),
      [x, y],
    );
    expect(inside).toBe(true);
  }
}

describe('lasso and table', () => {
  it('adds the papers a lasso loop circles to the set, which finds similar papers', async () => {
    await open('?lod=fine');
    await waitForMap();
    const [a, b] = merging();
    // A loop around the two merging papers (a thin ellipse through both, padded).
    const pa = await screenOf(a!);
    const pb = await screenOf(b!);
    const cx = (pa.x + pb.x) / 2;
    const cy = (pa.y + pb.y) / 2;
    const rx = Math.abs(pa.x - pb.x) / 2 + 14;
    const ry = Math.abs(pa.y - pb.y) / 2 + 14;
    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    const expected = papers.filter((paper) => {
      const [sx, sy] = toScreen(paper.x, paper.y, fitMap(box.width, box.height), zoomIdentity);
      const dx = (box.x + sx - cx) / rx;
      const dy = (box.y + sy - cy) / ry;
      return dx * dx + dy * dy < 0.97;
    });
    await page.click('[data-testid=lasso-toggle]');
    await page.mouse.move(cx + rx, cy);
    await page.mouse.down();
    for (let step = 1; step <= 40; step++) {
      const angle = (step / 40) * 2 * Math.PI;
      await page.mouse.move(cx + rx * Math.cos(angle), cy + ry * Math.sin(angle));
    }
    await page.mouse.up();
    await page.waitForSelector('[data-testid=set-tray]');
    const set = new URL(page.url()).searchParams.get('set')!.split(',');
    for (const paper of expected) expect(set).toContain(paper.id);
    expect(set).toContain(a!.id);
    expect(set).toContain(b!.id);
    expect(set.length).toBeLessThanOrEqual(expected.length + 2);
    // The map pans again after the lasso.
    expect(await page.getAttribute('[data-testid=lasso-toggle]', 'aria-pressed')).toBe('false');
    await page.click('[data-testid=find-similar]');
    await page.waitForSelector('[data-testid=semantic-results] [data-testid=paper-row]');
  });

  it('lists the papers shown as a sortable table and exports them as CSV and BibTeX', async () => {
    await open('?q=merging');
    await waitForMap();
    const count = await page.textContent('[data-testid=map-count]');
    const shown = Number(/(\d+) of/.exec(count ?? '')?.[1]);
    expect(shown).toBeGreaterThanOrEqual(3);
    await page.click('[data-testid=open-table]');
    const rows = page.locator('[data-testid=table-row]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(shown);
    const firstDaysShown = async () => {
      const shownTitles = await page.locator('[data-testid=table-row] .title').allTextContents();
      return shownTitles.map((title) => papers.find((p) => p.title === title.trim())!.dates[0]!);
    };
    // Newest first on the first click, oldest first on the second.
    await page.click('[data-testid=sort-firstDay]');
    const newest = await firstDaysShown();
    expect(newest).toEqual([...newest].sort().reverse());
    await page.click('[data-testid=sort-firstDay]');
    const oldest = await firstDaysShown();
    expect(oldest).toEqual([...oldest].sort());
    const titles = await page.locator('[data-testid=table-row] .title').allTextContents();
    await page.screenshot({ path: harness.shot('table.png') });

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-csv]'),
    ]);
    const csv = await readFile((await csvDownload.path())!, 'utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^id,arxiv_id,title,first_day/);
    expect(lines).toHaveLength(shown + 1);
    expect(csvDownload.suggestedFilename()).toBe('papers.csv');

    const [bibDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid=export-bibtex]'),
    ]);
    const bib = await readFile((await bibDownload.path())!, 'utf8');
    expect(bib.match(/@misc\{/g)).toHaveLength(shown);
    const shownPapers = titles.map((title) => papers.find((p) => p.title === title.trim())!);
    for (const paper of shownPapers) {
      if (paper.arxivId) expect(bib).toContain(`eprint = {${paper.arxivId}}`);
    }
  });
});

describe('a corpus across a new year', () => {
  it('shows the year in lists, the detail and the tooltip, and says "+1 day"', async () => {
    // The run was given an absolute input path; the page loads with the served manifest,
    // which names only the file.
    const served = (await (await fetch(`${yearsServer.url}data/manifest.json`)).json()) as {
      inputs: { file: string }[];
    };
    expect(served.inputs.map((input) => input.file)).toEqual(['papers.jsonl']);
    await open('', yearsServer.url);
    await waitForMap();
    await page.fill('[data-testid=search-input]', 'merging');
    const days = await page
      .locator('[data-testid=title-results] [data-testid=paper-row] .day')
      .allTextContents();
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(day).toMatch(/^(Dec 3[01], 2024|Jan 2, 2025)$/);

    await page.click('[data-testid=tab-themes]');
    const themeDays = await page
      .locator('[data-testid=theme-card] [data-testid=paper-row] .day')
      .allTextContents();
    for (const day of themeDays) expect(day).toMatch(/, 202[45]$/);

    // A paper seen on two days.
    const twice = yearPapers.find((paper) => paper.dates.length === 2)!;
    await open('?lod=fine', yearsServer.url);
    await waitForMap();
    expect(await tooltipAt(await screenOf(twice))).toContain('+1 day');
    expect(await page.textContent('[data-testid=map-tooltip]')).not.toContain('+1 days');
  });
});

/**
 * Makes the run folder `runDir` look like the output of another pipeline run: a manifest with
 * other content (so another fingerprint) and browser files stamped with it, their `.gz` copies
 * removed so the plain files are served.
 */
async function simulateNewRun(runDir: string): Promise<void> {
  const manifestFile = artifactPath(runDir, 'manifest');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
  manifest.warnings = [...manifest.warnings, `another run ${Date.now()}`];
  await writeFile(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
  const source = manifestFingerprint(manifest);
  const browserDir = join(runFolderParts(runDir).public, 'browser');
  for (const name of await readdir(browserDir, { recursive: true })) {
    const file = join(browserDir, String(name));
    if (file.endsWith('.gz')) await rm(file);
    else if (file.endsWith('.json')) {
      const value = JSON.parse(await readFile(file, 'utf8')) as { source: string };
      await writeFile(file, `${JSON.stringify({ ...value, source })}\n`);
    }
  }
}

describe('a new pipeline run under an open page', () => {
  let copy: string;
  let copyServer: RunningServer;

  beforeAll(async () => {
    copy = await harness.tempDir('dashboard-rerun-');
    await cp(seeds.dataDir, copy, { recursive: true });
    copyServer = await harness.serve(copy, '--no-search');
  });

  it('offers a reload that shows the new run, instead of failing to open papers', async () => {
    await open('?lod=fine', copyServer.url);
    await waitForMap();
    // The pipeline runs again on other input: a new manifest, and browser files stamped with it.
    await simulateNewRun(copy);

    const paper = merging()[0]!;
    const at = await screenOf(paper);
    await page.mouse.click(at.x, at.y);
    const error = page.locator('[data-testid=details-error]');
    await error.waitFor();
    expect(await error.textContent()).toContain('The pipeline ran again');
    expect(await error.textContent()).not.toContain('Restart');
    await page.waitForSelector('[data-testid=new-run]');
    await page.click('[data-testid=details-error] [data-testid=reload-run]');
    await page.waitForSelector('[data-testid=paper-abstract]');
    expect((await page.textContent('[data-testid=paper-abstract]'))?.trim()).toBe(paper.abstract);
    expect(await page.locator('[data-testid=new-run]').count()).toBe(0);
  });

  it('notices a new run when the page comes back into view', async () => {
    await open('', copyServer.url);
    await waitForMap();
    await simulateNewRun(copy);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await page.waitForSelector('[data-testid=new-run]');
    expect(await page.textContent('[data-testid=new-run]')).toContain('The pipeline ran again');
  });
});

describe('the page', () => {
  it('logs no errors', () => {
    expect(harness.errors).toEqual([]);
  });
});
