/**
 * Dashboard benchmark in headless Chromium on a data folder: what the browser downloads until
 * the first map frame (raw and as sent, per file), the time to that frame (median of several
 * cold page loads), the frame rate while panning and zooming (requestAnimationFrame callbacks
 * counted during scripted wheel and drag input), the time from a click on a paper to its
 * abstract (one detail file fetched), the gzipped JS bundle without data, the sizes of the
 * browser data the pipeline wrote, and the search API's latency under concurrent load from a second process.
 *
 * Run: `npx tsx dashboard/bench/browser-bench.ts <data-dir>`, or with `--synthetic <count>`
 * for scaled-up fixture data (browser measures only).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { zoomIdentity } from 'd3';
import type { Browser, Page } from 'playwright-core';
import {
  BROWSER_DIR,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  FIXED_SCALE,
  type BrowserPapersFile,
} from '../src/lib/data/browser-format.ts';
import { fitMap, toScreen } from '../src/lib/map/map-geometry.ts';
import {
  loadRow,
  median,
  printReport,
  quantile,
  type Report,
} from '../../pipeline/bench/report.ts';
import { artifactPath, committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import { publicDir } from '../server/public-files.ts';
import {
  buildAppInto,
  launchBrowser,
  removeAll,
  startServer,
} from '../test/support/dashboard-harness.ts';
import { REPO_ROOT, runSeedPipeline } from '../test/support/seed-pipeline.ts';
import { writeScaledFixture } from './synthetic-data.ts';

/** Options of {@link benchDashboard}. */
export interface DashboardBenchOptions {
  /** A built app to use; default: build one into a temporary folder. */
  distDir?: string;
  /** Search requests sent (bounded); default 200. */
  searchRequests?: number;
  /** Requests in flight at once; default 8. */
  searchConcurrency?: number;
  /** Seconds of scripted panning and zooming per run; default 4. */
  interactionSeconds?: number;
  /** Cold page loads timed to the first map frame; default 5. */
  loads?: number;
  /** Pan and zoom runs; default 3. */
  interactionRuns?: number;
}

/** Records the time of the first map frame (the canvas gets `data-drawn-points`). */
const FIRST_DRAW_SCRIPT = `
  const observer = new MutationObserver(() => {
    const canvas = document.querySelector('[data-testid=map-canvas]');
    if (canvas && canvas.getAttribute('data-drawn-points')) {
      window.firstDrawMs = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-drawn-points'] });
`;

/** Logs the time of every animation frame until \`frameLog.running\` is false. */
const FRAME_COUNTER_SCRIPT = `(() => {
  const log = { frames: [], running: true };
  window.frameLog = log;
  const tick = (time) => {
    log.frames.push(time);
    if (log.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? MB(bytes) : kB(bytes));
const ms = (value: number) => `${Math.round(value)} ms`;
const spread = (values: number[]) =>
  `median ${ms(median(values))} (min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}, n=${values.length})`;

function gzippedSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 6 }).length;
}

/** Gzipped bytes of the built JS and CSS (the app without data). */
function bundleSizes(distDir: string): { js: number; css: number } {
  const assets = join(distDir, 'assets');
  let js = 0;
  let css = 0;
  for (const name of readdirSync(assets)) {
    if (name.endsWith('.js')) js += gzippedSize(join(assets, name));
    if (name.endsWith('.css')) css += gzippedSize(join(assets, name));
  }
  return { js, css };
}

/** One file the page downloaded: decoded bytes and bytes on the wire (body only). */
interface Download {
  path: string;
  raw: number;
  sent: number;
}

/**
 * Opens the app in a fresh context (empty cache) and resolves once the map drew its first
 * frame, with that time (from navigation) and every file downloaded until then.
 */
async function coldLoad(
  browser: Browser,
  url: string,
): Promise<{
  page: Page;
  firstDrawMs: number;
  marks: Record<string, number>;
  downloads: Download[];
}> {
  // The measuring scripts are strings, which the app's Content-Security-Policy would refuse.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    bypassCSP: true,
  });
  const page = await context.newPage();
  const pending: Promise<Download | null>[] = [];
  page.on('requestfinished', (request) => {
    pending.push(
      (async () => {
        const response = await request.response();
        const body = await response?.body();
        const sizes = await request.sizes();
        return {
          path: new URL(request.url()).pathname,
          raw: body?.length ?? 0,
          sent: sizes.responseBodySize,
        };
      })().catch(() => null),
    );
  });
  // Page scripts are passed as text: tsx would wrap functions in helpers the page lacks.
  await page.addInitScript(FIRST_DRAW_SCRIPT);
  await page.goto(url);
  await page.waitForFunction('window.firstDrawMs !== undefined', null, { timeout: 300_000 });
  const firstDrawMs = (await page.evaluate('window.firstDrawMs')) as number;
  // The app marks when its data arrived and when it was decoded (App.svelte).
  const marks = Object.fromEntries(
    (await page.evaluate(
      "performance.getEntriesByType('mark').map((mark) => [mark.name, mark.startTime])",
    )) as [string, number][],
  );
  const settled = pending.length;
  const downloads = (await Promise.all(pending.slice(0, settled))).filter(
    (download): download is Download => download !== null,
  );
  return { page, firstDrawMs, marks, downloads };
}

/** Frames per second while wheeling and dragging over the map for `seconds`. */
async function panZoomFps(page: Page, seconds: number): Promise<{ fps: number; p95: number }> {
  const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate(FRAME_COUNTER_SCRIPT);
  const until = performance.now() + seconds * 1000;
  let step = 0;
  while (performance.now() < until) {
    if (step % 2 === 0) {
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, step % 4 === 0 ? -60 : 60);
    } else {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + 180, cy + 90, { steps: 20 });
      await page.mouse.move(cx - 60, cy - 40, { steps: 20 });
      await page.mouse.up();
    }
    step++;
  }
  const frames = (await page.evaluate(
    '(window.frameLog.running = false, window.frameLog.frames)',
  )) as number[];
  const intervals = frames.slice(1).map((time, i) => time - frames[i]!);
  const elapsed = frames[frames.length - 1]! - frames[0]!;
  return { fps: (intervals.length / elapsed) * 1000, p95: quantile(intervals, 0.95) };
}

/**
 * Clicks the paper nearest the map's centre (on a map freshly loaded, unzoomed) and times the
 * click to its abstract, with the files fetched meanwhile.
 */
async function openPaper(
  page: Page,
  papers: BrowserPapersFile,
): Promise<{ ms: number; downloads: Download[] }> {
  const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
  const fit = fitMap(box.width, box.height);
  let best = 0;
  let bestDistance = Infinity;
  papers.columns.x.forEach((x, row) => {
    const distance =
      (x / FIXED_SCALE - 0.5) ** 2 + (papers.columns.y[row]! / FIXED_SCALE - 0.5) ** 2;
    if (distance < bestDistance && papers.columns.topic[row]! >= 0) {
      best = row;
      bestDistance = distance;
    }
  });
  const [sx, sy] = toScreen(
    papers.columns.x[best]! / FIXED_SCALE,
    papers.columns.y[best]! / FIXED_SCALE,
    fit,
    zoomIdentity,
  );
  const downloads: Download[] = [];
  const onResponse = (response: import('playwright-core').Response) => {
    void response.body().then(
      (body) =>
        downloads.push({ path: new URL(response.url()).pathname, raw: body.length, sent: 0 }),
      () => undefined,
    );
  };
  page.on('response', onResponse);
  const started = performance.now();
  await page.mouse.click(box.x + sx, box.y + sy);
  await page.waitForSelector('[data-testid=paper-abstract]', { timeout: 60_000 });
  const elapsed = performance.now() - started;
  page.off('response', onResponse);
  return { ms: elapsed, downloads };
}

/** Runs the load generator in its own process and returns its measurements. */
function searchLoad(
  url: string,
  count: number,
  concurrency: number,
): Promise<{ latenciesMs: number[]; failures: number; wallMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'dashboard/bench/search-requests.ts',
        url,
        String(count),
        String(concurrency),
      ],
      {
        cwd: REPO_ROOT,
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) =>
      code === 0
        ? resolvePromise(JSON.parse(stdout) as never)
        : reject(new Error(`search load failed (${code}): ${stderr}`)),
    );
  });
}

/** Bytes of a file and of its gzip, or null when it is missing. */
function fileSizes(file: string): { raw: number; gzip: number } | null {
  return existsSync(file) ? { raw: statSync(file).size, gzip: gzippedSize(file) } : null;
}

const both = (sizes: { raw: number; gzip: number }) =>
  `${size(sizes.raw)} (gzip ${size(sizes.gzip)})`;

/** Measures the dashboard on `dataDir` and returns the report (does not print it). */
export async function benchDashboard(
  dataDir: string,
  options: DashboardBenchOptions = {},
): Promise<Report> {
  const rows: Report['rows'] = [];
  const ownDist = options.distDir ? undefined : await buildAppInto();
  const distDir = options.distDir ?? ownDist!;
  // A pipeline output folder holds its run under `current`; a synthetic one is the run itself.
  const runDir = committedRunDir(dataDir);
  const papers = (
    JSON.parse(readFileSync(artifactPath(runDir, 'manifest'), 'utf8')) as {
      counts: { papers: number };
    }
  ).counts.papers;
  rows.push({ label: 'papers', value: papers.toLocaleString('en') });

  const bundle = bundleSizes(distDir);
  rows.push({ label: 'JS bundle, gzip (target < 250 kB)', value: kB(bundle.js) });
  rows.push({ label: 'CSS, gzip', value: kB(bundle.css) });

  const served = publicDir(dataDir);
  // What the browser data replaces (the app used to load these three whole).
  const full = (['papers', 'related', 'trends'] as const).map(
    (name) => fileSizes(artifactPath(runDir, name)) ?? { raw: 0, gzip: 0 },
  );
  rows.push({
    label: 'pipeline papers.json + related.json + trends.json',
    value: both({
      raw: full.reduce((sum, f) => sum + f.raw, 0),
      gzip: full.reduce((sum, f) => sum + f.gzip, 0),
    }),
  });
  rows.push({
    label: `  ${BROWSER_TRENDS_FILE}`,
    value: both(fileSizes(join(served, BROWSER_TRENDS_FILE))!),
  });
  rows.push({
    label: `  ${BROWSER_PAPERS_FILE}`,
    value: both(fileSizes(join(served, BROWSER_PAPERS_FILE))!),
  });
  const detailsDir = join(served, BROWSER_DIR, 'details');
  const details = readdirSync(detailsDir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => fileSizes(join(detailsDir, name))!);
  rows.push({
    label: `  ${BROWSER_DIR}/details/*.json, each`,
    value: `median ${both({ raw: median(details.map((d) => d.raw)), gzip: median(details.map((d) => d.gzip)) })}`,
  });
  rows.push({
    label: `  ${BROWSER_DIR}/details/*.json, all`,
    value: both({
      raw: details.reduce((sum, d) => sum + d.raw, 0),
      gzip: details.reduce((sum, d) => sum + d.gzip, 0),
    }),
  });
  const browserPapers = JSON.parse(
    readFileSync(join(served, BROWSER_PAPERS_FILE), 'utf8'),
  ) as BrowserPapersFile;

  const searchable =
    existsSync(artifactPath(runDir, 'index')) && existsSync(artifactPath(runDir, 'embeddings'));
  const serverStarted = performance.now();
  const server = await startServer([
    '--data',
    dataDir,
    '--dist',
    distDir,
    ...(searchable ? [] : ['--no-search']),
  ]);
  rows.push({
    label: 'server start (model + index load)',
    value: ms(performance.now() - serverStarted),
  });
  const browser = await launchBrowser();
  try {
    const firstDraws: number[] = [];
    const stages = { loaded: [] as number[], decoded: [] as number[] };
    let first: Download[] = [];
    for (let i = 0; i < (options.loads ?? 5); i++) {
      const load = await coldLoad(browser, server.url);
      firstDraws.push(load.firstDrawMs);
      stages.loaded.push(load.marks['data-loaded'] ?? NaN);
      stages.decoded.push(load.marks['dataset-ready'] ?? NaN);
      first = load.downloads;
      await load.page.context().close();
    }
    const isData = (download: Download) => download.path.startsWith('/data/');
    const isApp = (download: Download) => !isData(download) && !download.path.startsWith('/api/');
    for (const [label, part] of [
      ['data', first.filter(isData)],
      ['app (HTML, JS, CSS)', first.filter(isApp)],
    ] as const) {
      rows.push({
        label: `downloaded before the first frame: ${label}`,
        value: `${size(part.reduce((sum, d) => sum + d.raw, 0))} (sent ${size(part.reduce((sum, d) => sum + d.sent, 0))})`,
      });
    }
    for (const download of first.filter(isData).sort((a, b) => b.raw - a.raw)) {
      rows.push({
        label: `  ${download.path}`,
        value: `${size(download.raw)} (sent ${size(download.sent)})`,
      });
    }
    rows.push({ label: 'first map frame (target < 2 s)', value: spread(firstDraws) });
    rows.push({
      label: '  data fetched and parsed / decoded / drawn',
      value: `median ${ms(median(stages.loaded))} / ${ms(median(stages.decoded))} / ${ms(median(firstDraws))} from navigation`,
    });

    const load = await coldLoad(browser, server.url);
    const fps: number[] = [];
    const p95s: number[] = [];
    for (let i = 0; i < (options.interactionRuns ?? 3); i++) {
      const run = await panZoomFps(load.page, options.interactionSeconds ?? 4);
      fps.push(run.fps);
      p95s.push(run.p95);
    }
    rows.push({
      label: 'pan/zoom frame rate (target ≥ 50)',
      value: `median ${median(fps).toFixed(1)} fps (runs ${fps.map((f) => f.toFixed(1)).join(', ')})`,
    });
    rows.push({
      label: 'frame interval p95, median of runs',
      value: `${median(p95s).toFixed(1)} ms`,
    });
    await load.page.context().close();
    const fresh = await coldLoad(browser, server.url);
    const opened = await openPaper(fresh.page, browserPapers);
    rows.push({
      label: 'click on a paper → abstract shown',
      value: `${ms(opened.ms)}, fetched ${opened.downloads.map((d) => `${d.path} (${size(d.raw)})`).join(', ') || 'nothing'}`,
    });
    await fresh.page.context().close();
  } finally {
    await browser.close();
  }

  try {
    if (searchable) {
      const count = options.searchRequests ?? 200;
      const concurrency = options.searchConcurrency ?? 8;
      const load = await searchLoad(server.url, count, concurrency);
      rows.push({
        label: `search API, ${count} requests × ${concurrency} concurrent`,
        value: `p50 ${median(load.latenciesMs).toFixed(1)} ms, p99 ${quantile(load.latenciesMs, 0.99).toFixed(1)} ms, ${((count / load.wallMs) * 1000).toFixed(0)} req/s, ${load.failures} failed`,
      });
    } else {
      rows.push({
        label: 'search API',
        value: 'not measured: the data folder has no index.hnsw / embeddings.f32',
      });
    }
  } finally {
    await server.stop();
    await removeAll([ownDist]);
  }
  rows.push(loadRow());
  return { title: `Dashboard in headless Chromium: ${dataDir}`, rows };
}

/**
 * The dashboard benchmark of `npm run bench`: {@link benchDashboard} on each folder of
 * `DASHBOARD_BENCH_DATA` (comma-separated pipeline output folders) when set; otherwise on the
 * seed pages run through the real pipeline (real search API) and on 75,000 synthetic papers
 * (browser only, see `synthetic-data.ts`).
 */
export async function benchDashboards(): Promise<Report[]> {
  const configured = process.env.DASHBOARD_BENCH_DATA?.split(',').filter((dir) => dir.length > 0);
  const distDir = await buildAppInto();
  const reports: Report[] = [];
  try {
    if (configured && configured.length > 0) {
      for (const dir of configured) reports.push(await benchDashboard(resolve(dir), { distDir }));
      return reports;
    }
    const seeds = await runSeedPipeline();
    try {
      const report = await benchDashboard(seeds.dataDir, { distDir });
      reports.push({
        ...report,
        title: 'Dashboard in headless Chromium: seed pages (real pipeline output)',
      });
    } finally {
      await seeds.dispose();
    }
    const synthetic = await mkdtemp(join(tmpdir(), 'dashboard-synthetic-'));
    try {
      await writeScaledFixture(synthetic, SYNTHETIC_PAPERS);
      const report = await benchDashboard(synthetic, { distDir });
      reports.push({
        ...report,
        title: `Dashboard in headless Chromium: ${SYNTHETIC_PAPERS.toLocaleString('en')} synthetic papers (copies of the seeds; gzip sizes are unrealistically small)`,
      });
    } finally {
      await removeAll([synthetic]);
    }
    return reports;
  } finally {
    await removeAll([distDir]);
  }
}

/** Papers in the synthetic data set: the size of the arxiv-cs-daily corpus. */
const SYNTHETIC_PAPERS = 75_000;

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const syntheticAt = args.indexOf('--synthetic');
  let dataDir = args.find(
    (arg, i) => !arg.startsWith('--') && (syntheticAt < 0 || i !== syntheticAt + 1),
  );
  if (syntheticAt >= 0) {
    const count = Number(args[syntheticAt + 1]);
    dataDir = await mkdtemp(join(tmpdir(), `dashboard-synthetic-${count}-`));
    await writeScaledFixture(dataDir, count);
  }
  if (!dataDir) {
    process.stderr.write(
      'usage: tsx dashboard/bench/browser-bench.ts <data-dir> | --synthetic <count>\n',
    );
    process.exit(2);
  }
  printReport(await benchDashboard(resolve(dataDir)));
  if (syntheticAt >= 0) await removeAll([dataDir]);
}
