/**
 * The dashboard in a real browser, on the real pipeline output of the seed pages, served by
 * the real server with the real model and index. Saves a screenshot of each view to
 * `test-results/screenshots/`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PapersFile, RelatedFile, TrendsFile } from '../../src/lib/data/artifacts.ts';
import { fitMap, toScreen } from '../../src/lib/map/map-geometry.ts';
import { zoomIdentity } from 'd3';
import { readArtifact, runSeedPipeline, type SeedRun } from '../support/seed-pipeline.ts';
import { DashboardHarness, type RunningServer } from '../support/dashboard-harness.ts';

const harness = new DashboardHarness();
let seeds: SeedRun;
let server: RunningServer;
let page: Page;
let papers: PapersFile['papers'];
let trends: TrendsFile;
let related: RelatedFile['related'];

beforeAll(async () => {
  [seeds] = await Promise.all([runSeedPipeline(), harness.build()]);
  papers = (await readArtifact<PapersFile>(seeds.dataDir, 'papers')).papers;
  trends = await readArtifact<TrendsFile>(seeds.dataDir, 'trends');
  related = (await readArtifact<RelatedFile>(seeds.dataDir, 'related')).related;
  server = await harness.serve(seeds.dataDir);
  page = await harness.openPage({ consoleErrors: true });
});

afterAll(async () => {
  await harness.close();
  await seeds?.dispose();
});

async function open(query = ''): Promise<void> {
  await page.goto(`${server.url}${query}`);
  await page.waitForSelector('[data-testid=dashboard]');
}

/** Waits until the map has drawn its first frame. */
async function waitForMap(): Promise<void> {
  await page.waitForFunction(() =>
    document.querySelector('[data-testid=map-canvas]')?.getAttribute('data-drawn-points'),
  );
}

/** Number of canvas pixels that are not transparent (drawn points). */
function paintedPixels(): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector('[data-testid=map-canvas]') as HTMLCanvasElement;
    const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
    return painted;
  });
}

/** Page position of a paper's point on the unzoomed map. */
async function pointOf(id: string): Promise<{ x: number; y: number }> {
  const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
  const paper = papers.find((p) => p.id === id)!;
  const [sx, sy] = toScreen(paper.x, paper.y, fitMap(box.width, box.height), zoomIdentity);
  return { x: box.x + sx, y: box.y + sy };
}

const merging = () => papers.filter((paper) => /merg/i.test(paper.title));

describe('dashboard on the seed pages', () => {
  it('draws every paper on the map with topic labels', async () => {
    await open();
    await waitForMap();
    expect(await page.getAttribute('[data-testid=map-canvas]', 'data-drawn-points')).toBe(
      String(papers.length),
    );
    expect(await paintedPixels()).toBeGreaterThan(papers.length * 20);
    expect(await page.locator('[data-testid=topic-label]').count()).toBeGreaterThan(0);
    expect(await page.textContent('[data-testid=map-count]')).toContain(`${papers.length} papers`);
    await page.screenshot({ path: harness.shot('map.png') });
  });

  it('shows the title on hover and opens a merging paper with the other merging papers as related', async () => {
    await open('?lod=fine');
    await waitForMap();
    const [first, ...others] = merging();
    expect(others.length).toBeGreaterThanOrEqual(2);
    const point = await pointOf(first!.id);
    await page.mouse.move(point.x, point.y);
    await page.waitForSelector('[data-testid=map-tooltip]');
    expect(await page.textContent('[data-testid=map-tooltip]')).toContain(first!.title);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector('[data-testid=paper-detail]');
    expect(await page.textContent('[data-testid=paper-title]')).toBe(first!.title);
    const related = await page.locator('[data-testid=related-item]').allTextContents();
    for (const other of others)
      expect(related.some((text) => text.includes(other.title))).toBe(true);
    const reasons = await page.locator('[data-testid=related-why]').allTextContents();
    expect(reasons.every((text) => text.trim().length > 0)).toBe(true);
    expect(new URL(page.url()).searchParams.get('paper')).toBe(first!.id);
    await page.screenshot({ path: harness.shot('paper.png') });
  });

  it('loads a paper’s abstract and related papers lazily, from one detail file', async () => {
    const requested: string[] = [];
    const onRequest = (request: { url(): string }) =>
      requested.push(new URL(request.url()).pathname);
    page.on('request', onRequest);
    try {
      await open('?lod=fine');
      await waitForMap();
      const isDetails = (path: string) => path.startsWith('/data/browser/details/');
      expect(requested).toContain('/data/browser/papers.json');
      expect(requested.filter(isDetails)).toEqual([]);
      for (const full of ['/data/papers.json', '/data/related.json'])
        expect(requested).not.toContain(full);

      const paper = merging()[1]!;
      const point = await pointOf(paper.id);
      await page.mouse.click(point.x, point.y);
      await page.waitForSelector('[data-testid=paper-abstract]');
      expect((await page.textContent('[data-testid=paper-abstract]'))?.trim()).toBe(paper.abstract);
      const links = page.locator('[data-testid=paper-detail] a.arxiv');
      if (paper.url) expect(await links.getAttribute('href')).toBe(paper.url);
      else expect(await links.count()).toBe(0);
      const items = await page.locator('[data-testid=related-item]').allTextContents();
      const expected = related[paper.id]!.map((neighbour) =>
        papers.find((other) => other.id === neighbour.id),
      );
      expect(items).toHaveLength(expected.length);
      expected.forEach((other, i) => expect(items[i]).toContain(other!.title));
      expect(requested.filter(isDetails)).toHaveLength(1);
    } finally {
      page.off('request', onRequest);
    }
  });

  it('brushes a day range on the trends chart, which filters the map', async () => {
    await open();
    await page.click('[data-testid=tab-trends]');
    await page.waitForSelector('[data-testid=stacked-chart] svg');
    const overlay = (await page.locator('[data-testid=trend-brush] .overlay').boundingBox())!;
    const days = trends.calendar.length;
    const dayX = (day: number) => overlay.x + ((day + 0.5) / days) * overlay.width;
    await page.mouse.move(dayX(1) - 5, overlay.y + overlay.height / 2);
    await page.mouse.down();
    await page.mouse.move(dayX(3), overlay.y + overlay.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.waitForSelector('[data-testid=range-chip]');
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe(trends.calendar[1]);
    expect(url.searchParams.get('to')).toBe(trends.calendar[3]);
    await page.mouse.move(dayX(2), overlay.y + 20);
    await page.screenshot({ path: harness.shot('trends.png') });

    const inRange = papers.filter((paper) =>
      paper.dates.some((day) => day >= trends.calendar[1]! && day <= trends.calendar[3]!),
    );
    await page.click('[data-testid=tab-map]');
    await page.waitForSelector('[data-testid=map-count] strong');
    expect(await page.textContent('[data-testid=map-count]')).toContain(
      `${inRange.length} of ${papers.length} papers`,
    );
  });

  it('shows small multiples with gaps and the watch list', async () => {
    await open('?view=trends&chart=multiples&series=fine');
    await page.waitForSelector('[data-testid=small-multiples]');
    expect(await page.locator('[data-testid=multiple-cell]').count()).toBeGreaterThan(1);
    await page.screenshot({ path: harness.shot('trends-multiples.png') });
    await page.click('[data-testid=tab-themes]');
    await page.waitForSelector('[data-testid=theme-card]');
    expect(await page.locator('[data-testid=theme-card]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: harness.shot('watch-list.png') });
  });

  it('searches by meaning through the server: a merging paper comes first', async () => {
    await open();
    await page.waitForSelector('.server.on');
    await page.fill('[data-testid=search-input]', 'merging fine-tuned models without retraining');
    await page.press('[data-testid=search-input]', 'Enter');
    await page.waitForSelector('[data-testid=semantic-results] [data-testid=paper-row]');
    const first = await page
      .locator('[data-testid=semantic-results] [data-testid=paper-row]')
      .first()
      .textContent();
    expect(first).toMatch(/merg/i);
    await page.screenshot({ path: harness.shot('search.png') });
  });

  it('finds papers similar to a collected set through the server', async () => {
    const [a, b] = merging();
    await open(`?set=${encodeURIComponent(`${a!.id},${b!.id}`)}`);
    await page.click('[data-testid=find-similar]');
    await page.waitForSelector('[data-testid=semantic-results] [data-testid=paper-row]');
    const rows = await page
      .locator('[data-testid=semantic-results] [data-testid=paper-row]')
      .allTextContents();
    expect(rows.some((text) => text.includes(a!.title))).toBe(false);
    expect(rows[0]).toMatch(/merg/i);
  });

  it('lands on the same view from a shared link', async () => {
    const paper = merging()[0]!;
    const link = `?view=trends&chart=multiples&series=fine&paper=${encodeURIComponent(paper.id)}&from=${trends.calendar[0]}&to=${trends.calendar[3]}`;
    await open(link);
    await page.waitForSelector('[data-testid=small-multiples]');
    expect(await page.getAttribute('[data-testid=dashboard]', 'data-view')).toBe('trends');
    expect(await page.textContent('[data-testid=paper-title]')).toBe(paper.title);
    expect(await page.textContent('[data-testid=range-chip]')).toContain('Mar 11');
    const sorted = (search: string) => [...new URLSearchParams(search)].sort().join('&');
    expect(sorted(new URL(page.url()).search)).toBe(sorted(link));

    await open('?lod=fine&z=3,0.5,0.5&topic=0');
    await page.waitForSelector('[data-testid=focus-chip]');
    expect(await page.getAttribute('.segmented [aria-checked=true]', 'aria-checked')).toBe('true');
    expect(await page.textContent('.segmented [aria-checked=true]')).toContain('Fine topics');
    await page.screenshot({ path: harness.shot('shared-link.png') });
  });

  it('shows the daily digest of the latest page day, and of a day from a shared link', async () => {
    await open('?view=digest');
    await page.waitForSelector('[data-testid=digest-papers]');
    const last = trends.firstSeen.at(-1)!;
    expect(await page.inputValue('[data-testid=digest-day]')).toBe(last.date);
    const listed = await page.locator('[data-testid=digest-group] li').count();
    expect(listed).toBe(last.papers.length);
    const first = trends.firstSeen[0]!;
    await open(`?view=digest&day=${first.date}`);
    await page.waitForSelector('[data-testid=digest-papers]');
    expect(await page.inputValue('[data-testid=digest-day]')).toBe(first.date);
    expect(await page.locator('[data-testid=digest-group] li').count()).toBe(first.papers.length);
    expect(await page.locator('[data-testid=digest-born] li').count()).toBe(first.topics.length);
    await page.screenshot({ path: harness.shot('digest.png') });
  });

  it('logs no errors in the page', () => {
    expect(harness.errors).toEqual([]);
  });
});
