/**
 * The trends views and the daily digest in a real browser on a pipeline run over the Hugging
 * Face daily papers (9,877 papers, 817 days), served by the real server. The run is made once
 * for the file: `npm run demo -- --no-serve` into a temporary folder (the real pipeline on the
 * shipped demo corpus, its embeddings seeded from the shipped vectors, so no abstract is
 * embedded). `HF_RUN=<output folder of an HF run>` uses that run instead and skips the minute or
 * two of the pipeline. Saves screenshots to `test-results/screenshots/hf-*.png`.
 */
import { artifactPath, committedRunDir } from '../../../pipeline/src/output/run-folder.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { TopicsFile, TrendsFile } from '../../src/lib/data/artifacts.ts';
import { DashboardHarness, type RunningServer } from '../support/dashboard-harness.ts';
import { readArtifact, runScript } from '../support/seed-pipeline.ts';

const GIVEN_RUN = process.env.HF_RUN;
if (GIVEN_RUN && !existsSync(artifactPath(committedRunDir(GIVEN_RUN), 'trends'))) {
  throw new Error(`HF_RUN=${GIVEN_RUN} holds no finished run (no trends artifact); unset it`);
}

/** Runs the demo pipeline into the folder `out`. */
async function runDemoPipeline(out: string): Promise<void> {
  await runScript('pipeline/src/cli/demo.ts', ['--no-serve', '--no-progress', '--out', out]);
}

describe('trends and digest on the HF daily papers', () => {
  const harness = new DashboardHarness();
  let server: RunningServer;
  let page: Page;
  let trends: TrendsFile;
  let topics: TopicsFile['topics'];

  beforeAll(async () => {
    let dataDir = GIVEN_RUN;
    if (!dataDir) {
      dataDir = await harness.tempDir('dashboard-hf-');
      await runDemoPipeline(dataDir);
    }
    const runDir = committedRunDir(dataDir);
    trends = await readArtifact<TrendsFile>(runDir, 'trends');
    topics = (await readArtifact<TopicsFile>(runDir, 'topics')).topics;
    await harness.build();
    server = await harness.serve(dataDir, '--no-search');
    page = await harness.openPage({ consoleErrors: true });
  }, 1_200_000);

  afterAll(() => harness.close());

  async function open(query: string, selector: string): Promise<void> {
    await page.goto(`${server.url}${query}`);
    await page.waitForSelector(selector, { timeout: 60_000 });
  }

  it('draws months, not 817 days, and weeks on request', async () => {
    await open('?view=trends', '[data-testid=period-chart] svg');
    const layers = page.locator('[data-testid=period-chart] path.layer');
    expect(await layers.count()).toBeGreaterThan(5);
    // One point per month in each layer's outline: far fewer path commands than days.
    const d = (await layers.first().getAttribute('d'))!;
    expect((d.match(/[CL]/g) ?? []).length).toBeLessThan(trends.periods.month.starts.length * 4);
    await page.screenshot({ path: harness.shot('hf-trends-month.png') });
    await page.click('[data-testid=period-week]');
    expect(new URL(page.url()).searchParams.get('period')).toBe('week');
  });

  it('lists what moved in a brushed year, with evidence, and opens the topic', async () => {
    await open(
      '?view=trends&series=fine&from=2025-01-01&to=2025-12-31',
      '[data-testid=moving-panel]',
    );
    const movers = page.locator('[data-testid=mover]');
    expect(await movers.count()).toBeGreaterThan(3);
    const text = await page.textContent('[data-testid=moving-panel]');
    expect(text).toMatch(/q = /);
    expect(text).toMatch(/\d\.\d×–\d/);
    await page.screenshot({ path: harness.shot('hf-moving.png'), fullPage: true });
    await movers.first().locator('button.link').click();
    await page.waitForSelector('[data-testid=topic-timeline]');
  });

  it('sorts small multiples by movement, with bands', async () => {
    await open('?view=trends&chart=multiples&series=fine', '[data-testid=multiple-cell]');
    const changes = await page.locator('[data-testid=movement]').allTextContents();
    const size = (text: string) => {
      const m = /([×÷])([\d.]+)/.exec(text)!;
      return Math.abs(Math.log(Number(m[2])));
    };
    const sizes = changes.slice(0, -1).map(size);
    for (let i = 1; i < sizes.length; i++)
      expect(sizes[i]!).toBeLessThanOrEqual(sizes[i - 1]! + 0.051);
    await page.screenshot({ path: harness.shot('hf-multiples.png') });
  });

  it('shows a short range day by day, gaps hatched no higher than 100 %', async () => {
    await open('?view=trends&from=2025-02-01&to=2025-03-31', '[data-testid=daily-zoom] svg');
    const gaps = page.locator('[data-testid=daily-zoom] [data-testid=day-gap]');
    expect(await gaps.count()).toBeGreaterThan(5);
    const top = await page.evaluate(() => {
      const labels = [...document.querySelectorAll('[data-testid=daily-zoom] text.axis')];
      const full = labels.find((label) => label.textContent === '100%');
      return full ? Number(full.getAttribute('y')) : null;
    });
    expect(top).not.toBeNull();
    for (const y of await gaps.evaluateAll((rects) =>
      rects.map((r) => Number(r.getAttribute('y'))),
    ))
      expect(y).toBeGreaterThanOrEqual(top! - 0.5);
    await page.screenshot({ path: harness.shot('hf-daily-zoom.png') });
  });

  it('gives a topic its timeline with flags, bursts and keywords by quarter', async () => {
    const fine = new Set(topics.filter((t) => t.level === 0).map((t) => String(t.id)));
    const flagged = trends.history.find(
      (flag) =>
        flag.kind === 'topic' &&
        fine.has(flag.key) &&
        flag.status === 'rising' &&
        flag.scale === 'quarter',
    )!;
    const topic = topics.find((t) => String(t.id) === flagged.key)!;
    await open(`?view=trends&topic=${topic.id}`, '[data-testid=topic-timeline] svg');
    expect(await page.locator('[data-testid=timeline-flag]').count()).toBeGreaterThan(0);
    const quarters = trends.evolution.find((e) => e.topic === topic.id)!.quarters;
    expect(await page.locator('[data-testid=keyword-evolution] tr').count()).toBe(quarters.length);
    const bursts = trends.bursts.filter((b) => b.kind === 'topic' && b.key === flagged.key);
    expect(await page.locator('[data-testid=timeline-burst]').count()).toBe(bursts.length);
    await page.screenshot({ path: harness.shot('hf-topic-timeline.png') });
  });

  it('opens the digest on the latest day and keeps a picked day in a shareable URL', async () => {
    await open('?view=digest', '[data-testid=digest-papers]');
    const last = trends.firstSeen.at(-1)!;
    expect(await page.inputValue('[data-testid=digest-day]')).toBe(last.date);
    expect(await page.locator('[data-testid=digest-group] li').count()).toBe(last.papers.length);
    const busyDay = trends.firstSeen.find((d) => d.topics.length > 0 && d.date > '2025-01-01')!;
    await page.selectOption('[data-testid=digest-day]', busyDay.date);
    await page.waitForFunction(
      (day) => new URL(location.href).searchParams.get('day') === day,
      busyDay.date,
    );
    const shared = page.url();
    await open(new URL(shared).search, '[data-testid=digest-papers]');
    expect(await page.inputValue('[data-testid=digest-day]')).toBe(busyDay.date);
    expect(await page.locator('[data-testid=digest-born] li').count()).toBe(busyDay.topics.length);
    await page.screenshot({ path: harness.shot('hf-digest.png') });
  });

  it('logs no errors in the page', () => {
    expect(harness.errors).toEqual([]);
  });
});
