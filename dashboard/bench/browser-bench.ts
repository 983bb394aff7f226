/**
 * Dashboard benchmark in headless Chromium on a data folder: time to the first map frame,
 * frame rate while panning and zooming (requestAnimationFrame callbacks counted during
 * scripted wheel and drag input), the gzipped JS bundle without data, the size of each data
 * artifact, and the search API's latency under concurrent load from a second process.
 *
 * Run: `npx tsx dashboard/bench/browser-bench.ts <data-dir>`, or with `--synthetic <count>`
 * for scaled-up fixture data (browser measures only).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ARTIFACT_FILES } from '../../pipeline/src/schema/artifacts.ts';
import { median, printReport, quantile, type Report } from '../../pipeline/bench/report.ts';
import { SERVED_DATA_FILES } from '../server/data-route.ts';
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
  /** Seconds of scripted panning and zooming; default 4. */
  interactionSeconds?: number;
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
const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? MB(bytes) : kB(bytes));

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
        'dashboard/bench/search-load.ts',
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

/** Measures the dashboard on `dataDir` and returns the report (does not print it). */
export async function benchDashboard(
  dataDir: string,
  options: DashboardBenchOptions = {},
): Promise<Report> {
  const rows: Report['rows'] = [];
  const ownDist = options.distDir ? undefined : await buildAppInto();
  const distDir = options.distDir ?? ownDist!;
  const papers = (
    JSON.parse(readFileSync(join(dataDir, ARTIFACT_FILES.manifest), 'utf8')) as {
      counts: { papers: number };
    }
  ).counts.papers;
  rows.push({ label: 'papers', value: papers.toLocaleString('en') });

  const bundle = bundleSizes(distDir);
  rows.push({ label: 'JS bundle, gzip (target < 250 kB)', value: kB(bundle.js) });
  rows.push({ label: 'CSS, gzip', value: kB(bundle.css) });
  let dataRaw = 0;
  let dataGzip = 0;
  for (const name of [...SERVED_DATA_FILES].sort()) {
    const file = join(dataDir, name);
    if (!existsSync(file)) continue;
    const raw = statSync(file).size;
    const gz = gzippedSize(file);
    dataRaw += raw;
    dataGzip += gz;
    rows.push({ label: `  ${name}`, value: `${size(raw)} (gzip ${size(gz)})` });
  }
  rows.push({ label: 'browser data total', value: `${size(dataRaw)} (gzip ${size(dataGzip)})` });

  const searchable =
    existsSync(join(dataDir, ARTIFACT_FILES.index)) &&
    existsSync(join(dataDir, ARTIFACT_FILES.embeddings));
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
    value: `${Math.round(performance.now() - serverStarted)} ms`,
  });
  const browser = await launchBrowser();
  try {
    // The measuring scripts are strings, which the app's Content-Security-Policy would refuse.
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
    // Page scripts are passed as text: tsx would wrap functions in helpers the page lacks.
    await page.addInitScript(FIRST_DRAW_SCRIPT);
    await page.goto(server.url);
    await page.waitForFunction('window.firstDrawMs !== undefined', null, { timeout: 300_000 });
    const firstDraw = (await page.evaluate('window.firstDrawMs')) as number;
    rows.push({ label: 'first map frame (from navigation)', value: `${Math.round(firstDraw)} ms` });

    const box = (await page.locator('[data-testid=map-canvas]').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.evaluate(FRAME_COUNTER_SCRIPT);
    const seconds = options.interactionSeconds ?? 4;
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
    rows.push({
      label: 'pan/zoom frame rate (target ≥ 50)',
      value: `${((intervals.length / elapsed) * 1000).toFixed(1)} fps`,
    });
    rows.push({
      label: 'frame interval median / p95',
      value: `${median(intervals).toFixed(1)} / ${quantile(intervals, 0.95).toFixed(1)} ms`,
    });
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
      writeScaledFixture(synthetic, SYNTHETIC_PAPERS);
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
    writeScaledFixture(dataDir, count);
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
