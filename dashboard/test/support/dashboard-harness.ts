/**
 * Everything the browser tests need: the app built from the sources into a temporary folder,
 * the real server (`dashboard/server/main.ts`) started on a free port over a data folder, and
 * Debian's headless Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT, run } from './seed-pipeline.ts';
import { compressAssets } from '../../server/build-app.ts';

/** Where the browser tests save their screenshots (git-ignored). */
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'screenshots');

/** Debian's Chromium; `.ci/run` installs it. */
export const CHROMIUM = '/usr/bin/chromium';

/** Builds the app into a new temporary folder, as `npm run build` does, and returns it. */
export async function buildAppInto(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'dashboard-dist-'));
  await run(process.execPath, [
    join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'dashboard/vite.config.ts',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ]);
  await compressAssets(outDir);
  return outDir;
}

/** A running dashboard server. */
export interface RunningServer {
  url: string;
  /** What the server wrote to stderr so far (its start lines, warnings). */
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `dashboard/server/main.ts` on a free port; resolves once it prints its address. */
export function startServer(args: string[]): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(
      process.execPath,
      ['--import', 'tsx', 'dashboard/server/main.ts', '--port', '0', '--no-build', ...args],
      { cwd: REPO_ROOT },
    );
    let stdout = '';
    let stderr = '';
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((text) => text.startsWith('{'));
      if (line)
        resolve({ url: (JSON.parse(line) as { url: string }).url, stderr: () => stderr, stop });
    });
    child.once('exit', (code) =>
      reject(new Error(`the dashboard server exited with ${code}:\n${stderr}`)),
    );
  });
}

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
}

/** Creates the screenshot folder. */
export async function screenshotDir(): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return SCREENSHOT_DIR;
}

/** Options of {@link DashboardHarness.openPage}. */
export interface PageOptions {
  /** Also record messages the page logs as console errors, not only uncaught exceptions. */
  consoleErrors?: boolean;
}

/**
 * What a browser test sets up, all ended by one {@link DashboardHarness.close}: the app built
 * into a temporary folder, dashboard servers serving it, temporary folders, and headless
 * Chromium with a desktop-sized page. Each part is recorded as soon as it exists, so a set-up
 * that fails half-way leaves nothing running.
 */
export class DashboardHarness {
  /** What the page reported (see {@link PageOptions}), for a test to expect none. */
  readonly errors: string[] = [];
  #dist: string | undefined;
  #browser: Browser | undefined;
  readonly #servers: RunningServer[] = [];
  readonly #dirs: string[] = [];

  /** Builds the app ({@link buildAppInto}) for the servers started after it. */
  async build(): Promise<void> {
    this.#dist = await buildAppInto();
    this.#dirs.push(this.#dist);
  }

  /** The folder of the built app; {@link build} first. */
  get dist(): string {
    if (!this.#dist) throw new Error('build() the app before serving it');
    return this.#dist;
  }

  /** Starts a dashboard server on the data folder `data` with the built app and `flags`. */
  async serve(data: string, ...flags: string[]): Promise<RunningServer> {
    const server = await startServer(['--data', data, '--dist', this.dist, ...flags]);
    this.#servers.push(server);
    return server;
  }

  /** A new temporary folder, removed by {@link close}. */
  async tempDir(prefix: string): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    this.#dirs.push(dir);
    return dir;
  }

  /** Headless Chromium; {@link openPage} first. */
  get browser(): Browser {
    if (!this.#browser) throw new Error('openPage() before using the browser');
    return this.#browser;
  }

  /**
   * Launches Chromium and opens a 1440×900 page whose errors go to {@link errors}; creates the
   * screenshot folder for {@link shot}.
   */
  async openPage(options: PageOptions = {}): Promise<Page> {
    await screenshotDir();
    this.#browser = await launchBrowser();
    const page = await this.#browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => this.errors.push(error.message));
    if (options.consoleErrors)
      page.on('console', (message) => {
        if (message.type() === 'error') this.errors.push(message.text());
      });
    return page;
  }

  /** The path to save the screenshot `name` at, in {@link SCREENSHOT_DIR}. */
  shot(name: string): string {
    return join(SCREENSHOT_DIR, name);
  }

  /** Closes the browser, stops the servers, and removes the built app and temporary folders. */
  async close(): Promise<void> {
    await this.#browser?.close();
    await Promise.all(this.#servers.map((server) => server.stop()));
    await removeAll(this.#dirs);
  }
}

/** Removes temporary folders, ignoring ones already gone. */
export async function removeAll(dirs: (string | undefined)[]): Promise<void> {
  await Promise.all(
    dirs
      .filter((dir): dir is string => !!dir)
      .map((dir) => rm(dir, { recursive: true, force: true })),
  );
}
