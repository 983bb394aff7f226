/**
 * The watch list edited in the browser against the real server (`npm run dashboard`): a theme
 * added, edited and deleted through the page, each time saved to the theme file (a copy; the
 * tracked one is never written), re-scored with the real model into a new run, and shown with
 * its new scores without a page reload. Also: a theme drafted from the reader's set of papers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DashboardHarness, type RunningServer } from '../support/dashboard-harness.ts';
import { readArtifact, runPipeline } from '../support/seed-pipeline.ts';
import { committedGeneration } from '../../../pipeline/src/output/generation.ts';
import { committedRunDir } from '../../../pipeline/src/output/run-folder.ts';
import type { PapersFile } from '../../../pipeline/src/schema/artifacts.ts';

const harness = new DashboardHarness();
let outDir: string;
let themesFile: string;
let server: RunningServer;
let page: Page;

const themeIds = async () =>
  (JSON.parse(await readFile(themesFile, 'utf8')) as { themes: { id: string }[] }).themes.map(
    (theme) => theme.id,
  );

/** The card of the theme labelled `label`. */
const card = (label: string) =>
  page.locator('[data-testid=theme-card]', { has: page.locator(`h3:text-is("${label}")`) });

/** The "N papers in all" count of a card. */
async function sizeOf(label: string): Promise<number> {
  const text = (await card(label).locator('.stats').textContent()) ?? '';
  const match = /([\d,]+)\s*papers in all/.exec(text);
  if (!match) throw new Error(`no size in "${text}"`);
  return Number(match[1]!.replace(/,/g, ''));
}

beforeAll(async () => {
  const root = await harness.tempDir('watch-list-edit-');
  outDir = join(root, 'data');
  themesFile = join(root, 'themes.json');
  await writeFile(themesFile, await readFile('pipeline/config/themes.json'));
  await runPipeline(['--out', outDir, '--themes', themesFile]);
  await harness.build();
  server = await harness.serve(outDir, '--themes', themesFile);
  page = await harness.openPage();
});

afterAll(() => harness.close());

describe('watch list editing', () => {
  it('adds, edits and deletes a theme, each scored and shown without a reload', async () => {
    await page.goto(`${server.url}?view=themes`);
    await page.waitForSelector('[data-testid=themes-add]');
    // A reload of the page would reset this marker; a reload of the data keeps it.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    const generation = committedGeneration(outDir)!.number;

    await page.click('[data-testid=themes-add]');
    await page.fill('[data-testid=theme-label]', 'Continual learning');
    await page.fill(
      '[data-testid=theme-description]',
      'Learning a sequence of tasks without forgetting the earlier ones.',
    );
    await page.fill(
      '[data-testid=theme-keywords]',
      'continual learning, catastrophic forgetting, lifelong learning',
    );
    await page.fill('[data-testid=theme-threshold]', '0.35');
    await page.click('[data-testid=theme-save]');
    await card('Continual learning').waitFor();
    // The saved theme is highlighted and in view.
    await page.waitForSelector('[data-testid=theme-card].focused h3:text-is("Continual learning")');
    expect(await card('Continual learning').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=notices], .notice').count()).toBe(0);
    expect(await sizeOf('Continual learning')).toBeGreaterThan(0);
    expect(await card('Continual learning').locator('[data-testid=paper-row]').count()).toBe(
      Math.min(5, await sizeOf('Continual learning')),
    );
    expect(await themeIds()).toContain('continual-learning');
    expect(committedGeneration(outDir)!.number).toBeGreaterThan(generation);
    // The page's scores are the new run's.
    const papers = await readArtifact<PapersFile>(committedRunDir(outDir), 'papers');
    const members = papers.papers.filter((paper) =>
      paper.themes.some((score) => score.theme === 'continual-learning'),
    );
    expect(await sizeOf('Continual learning')).toBe(members.length);
    await page.screenshot({ path: harness.shot('watch-list-added.png') });

    // A threshold no paper reaches empties the theme.
    await card('Continual learning').locator('[data-testid=theme-edit]').click();
    await page.fill('[data-testid=theme-label]', 'Lifelong learning');
    await page.fill('[data-testid=theme-threshold]', '0.95');
    await page.click('[data-testid=theme-save]');
    await card('Lifelong learning').waitFor();
    expect(await sizeOf('Lifelong learning')).toBe(0);
    expect(await card('Continual learning').count()).toBe(0);

    // A bad value is refused with the field named, and nothing changes.
    await card('Lifelong learning').locator('[data-testid=theme-edit]').click();
    await page.fill('[data-testid=theme-threshold]', '3');
    await page.click('[data-testid=theme-save]');
    await page.waitForSelector('[data-testid=theme-error]');
    expect(await page.textContent('[data-testid=theme-error]')).toMatch(
      /threshold: must be a cosine/,
    );
    await page.click('[data-testid=theme-editor] button:text("Cancel")');

    await card('Lifelong learning').locator('[data-testid=theme-delete]').click();
    await card('Lifelong learning').locator('[data-testid=theme-delete-confirm]').click();
    await card('Lifelong learning').waitFor({ state: 'detached' });
    // The highlight of the deleted theme went with it, without a notice about a broken link.
    expect(await page.locator('.notice').count()).toBe(0);
    expect(await page.locator('[data-testid=focus-chip]').count()).toBe(0);
    expect(await themeIds()).not.toContain('continual-learning');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  });

  it('fits the edit controls and the form on a phone', async () => {
    const phone = await harness.browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(`${server.url}?view=themes`);
      await phone.waitForSelector('[data-testid=theme-edit]');
      await phone.locator('[data-testid=theme-edit]').first().click();
      await phone.waitForSelector('[data-testid=theme-editor]');
      for (const selector of [
        '[data-testid=theme-card] header',
        '[data-testid=theme-editor]',
        '[data-testid=theme-save]',
      ]) {
        const box = (await phone.locator(selector).first().boundingBox())!;
        expect(box.x + box.width, selector).toBeLessThanOrEqual(390);
      }
      // Nothing in a card reaches past its edge.
      const overflowing = await phone.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid=theme-card] header')].filter(
            (header) => header.scrollWidth > header.clientWidth,
          ).length,
      );
      expect(overflowing).toBe(0);
      await phone.screenshot({ path: harness.shot('watch-list-edit-phone.png') });
    } finally {
      await phone.close();
    }
  });

  it('drafts a theme from the set of papers', async () => {
    const papers = await readArtifact<PapersFile>(committedRunDir(outDir), 'papers');
    const set = papers.papers.filter((paper) => /merg/i.test(paper.title)).slice(0, 2);
    expect(set.length).toBe(2);
    await page.goto(
      `${server.url}?view=themes&set=${encodeURIComponent(set.map((p) => p.id).join(','))}`,
    );
    await page.click('[data-testid=themes-from-set]');
    const label = await page.inputValue('[data-testid=theme-label]');
    expect(label.length).toBeGreaterThan(0);
    expect(await page.inputValue('[data-testid=theme-description]')).toContain(set[0]!.title);
    expect((await page.inputValue('[data-testid=theme-keywords]')).length).toBeGreaterThan(0);
    await page.fill('[data-testid=theme-label]', 'Like my set');
    await page.click('[data-testid=theme-save]');
    await card('Like my set').waitFor();
    // The set's own papers are near their theme's vector.
    const rows = await card('Like my set').locator('[data-testid=paper-row]').allTextContents();
    expect(rows.some((row) => row.includes(set[0]!.title) || row.includes(set[1]!.title))).toBe(
      true,
    );
    expect(await themeIds()).toContain('like-my-set');
  });
});
