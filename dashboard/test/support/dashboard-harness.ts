/**
 * Everything the browser tests need: the app built from the sources into a temporary folder,
 * the real server (`dashboard/server/main.ts`) started on a free port over a data folder, and
 * Debian's headless Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
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

/** Removes temporary folders, ignoring ones already gone. */
export async function removeAll(dirs: (string | undefined)[]): Promise<void> {
  await Promise.all(
    dirs
      .filter((dir): dir is string => !!dir)
      .map((dir) => rm(dir, { recursive: true, force: true })),
  );
}
