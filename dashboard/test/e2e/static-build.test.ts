/**
 * The static bundle (`npm run build`) served by a plain static file server, with no search
 * API: the app loads its copied data, opens a paper from its detail file, says that search
 * by meaning needs the server, and still answers "similar to this set" from the precomputed
 * neighbours. Also: an app with no data explains how to get some. Uses the fixture data (no
 * model needed).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import type { Page } from 'playwright-core';
import { listen } from '../../server/create-server.ts';
import { writeFixture, type FixtureArtifacts } from '../fixtures/make-fixture.ts';
import { DashboardHarness } from '../support/dashboard-harness.ts';
import { run, runScript } from '../support/seed-pipeline.ts';

const harness = new DashboardHarness();
let root: string;
let fixture: FixtureArtifacts;
let bundle: string;
const servers: Server[] = [];
let page: Page;

/** Serves a folder with sirv only: what any static host would do. */
async function serveStatic(dir: string): Promise<string> {
  const handler = sirv(dir, { dev: true });
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.writeHead(404).end();
    }),
  );
  servers.push(server);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/`;
}

beforeAll(async () => {
  root = await harness.tempDir('dashboard-static-');
  fixture = await writeFixture(join(root, 'data'));
  bundle = join(root, 'site');
  await runScript('dashboard/server/build-static.ts', [
    '--data',
    join(root, 'data'),
    '--out',
    bundle,
  ]);
  page = await harness.openPage();
});

afterAll(async () => {
  await harness.close();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

describe('static bundle', () => {
  it('copies what the browser reads and nothing private or unused', () => {
    expect(existsSync(join(bundle, 'index.html'))).toBe(true);
    for (const name of [
      'manifest.json',
      'topics.json',
      'browser/papers.json',
      'browser/trends.json',
      'browser/details/0.json',
    ])
      expect(existsSync(join(bundle, 'data', name)), name).toBe(true);
    for (const name of [
      'papers.json',
      'related.json',
      'trends.json',
      'embeddings.f32',
      'index.hnsw',
    ])
      expect(existsSync(join(bundle, 'data', name)), name).toBe(false);
  });

  it('works without the server; search by meaning says it needs one', async () => {
    const url = await serveStatic(bundle);
    await page.goto(url);
    await page.waitForSelector('[data-testid=map-canvas][data-drawn-points]');
    await page.waitForSelector('.server:text("Static")');
    await page.fill('[data-testid=search-input]', 'merging');
    expect(
      await page.locator('[data-testid=title-results] [data-testid=paper-row]').count(),
    ).toBeGreaterThanOrEqual(3);
    await page.press('[data-testid=search-input]', 'Enter');
    const panel = (await page.textContent('[data-testid=search-panel]'))!;
    expect(panel).toContain('needs the search server: run npm run dashboard');
    // Said once, with the command as code rather than in literal backticks.
    expect(panel.split('needs the search server').length - 1).toBe(1);
    expect(panel).not.toContain('`');
    expect(await page.textContent('[data-testid=needs-server] code')).toBe('npm run dashboard');
  });

  it('opens a paper with its abstract from a static host', async () => {
    const paper = fixture.papers.papers.find((p) => /merg/i.test(p.title))!;
    await page.goto(`${await serveStatic(bundle)}?paper=${encodeURIComponent(paper.id)}`);
    await page.waitForSelector('[data-testid=paper-abstract]');
    expect((await page.textContent('[data-testid=paper-abstract]'))?.trim()).toBe(paper.abstract);
    expect(await page.locator('[data-testid=related-item]').count()).toBe(
      fixture.related.related[paper.id]!.length,
    );
  });

  it('answers "similar to this set" from the precomputed neighbours', async () => {
    const merging = fixture.papers.papers.filter((paper) => /merg/i.test(paper.title));
    await page.goto(
      `${await serveStatic(bundle)}?set=${encodeURIComponent(
        merging
          .slice(0, 2)
          .map((p) => p.id)
          .join(','),
      )}`,
    );
    await page.click('[data-testid=find-similar]');
    await page.waitForSelector('[data-testid=semantic-results] [data-testid=paper-row]');
    expect(await page.textContent('[data-testid=search-panel]')).toContain(
      'Approximate: from each paper’s precomputed neighbours',
    );
    await page.screenshot({ path: harness.shot('static-similar.png') });
  });

  it('shows the watch list read-only, saying that editing needs the server', async () => {
    await page.goto(`${await serveStatic(bundle)}?view=themes`);
    await page.waitForSelector('[data-testid=theme-card]');
    await page.waitForSelector('[data-testid=themes-readonly]');
    expect(await page.textContent('[data-testid=themes-readonly]')).toBe(
      'Editing the watch list needs npm run dashboard.',
    );
    expect(await page.textContent('[data-testid=themes-readonly] code')).toBe('npm run dashboard');
    for (const control of ['themes-add', 'themes-from-set', 'theme-edit', 'theme-delete'])
      expect(await page.locator(`[data-testid=${control}]`).count(), control).toBe(0);
    await page.screenshot({ path: harness.shot('static-watch-list.png') });
  });

  it('explains how to get data when there is none', async () => {
    const empty = join(root, 'empty-site');
    await run(process.execPath, [
      join('node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'dashboard/vite.config.ts',
      '--outDir',
      empty,
      '--logLevel',
      'warn',
    ]);
    await page.goto(await serveStatic(empty));
    await page.waitForSelector('[data-testid=data-problem]');
    expect(await page.getAttribute('[data-testid=data-problem]', 'data-kind')).toBe('missing');
    expect(await page.textContent('[data-testid=data-problem]')).toContain('npm run pipeline');
    await page.screenshot({ path: harness.shot('no-data.png') });
  });

  it('refuses to build a bundle without data', async () => {
    await expect(
      runScript('dashboard/server/build-static.ts', [
        '--data',
        join(root, 'nothing'),
        '--out',
        join(root, 'x'),
      ]),
    ).rejects.toThrow(/no data in .*run `npm run pipeline` first/);
  });
});
