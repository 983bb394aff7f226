/**
 * Builds the app with Vite, and decides whether a build is needed: the build is stale when
 * any source of the app (the dashboard's `src/`, `index.html`, the Vite config, the contract in
 * `pipeline/src/schema/`) is newer than the built `index.html`. Next to each text file of the build goes a
 * gzipped copy (`.gz`), which the server (and static hosts that look for one) send instead.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';

/** The dashboard folder. */
export const DASHBOARD_DIR = fileURLToPath(new URL('..', import.meta.url));
/** Default build folder. */
export const DEFAULT_DIST_DIR = join(DASHBOARD_DIR, 'dist');

const SOURCES = [
  join(DASHBOARD_DIR, 'src'),
  join(DASHBOARD_DIR, 'index.html'),
  join(DASHBOARD_DIR, 'vite.config.ts'),
  resolve(DASHBOARD_DIR, '../pipeline/src/schema'),
];

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Whether `distDir` lacks a build or is older than the app's sources. */
export function buildIsStale(distDir: string): boolean {
  let built: number;
  try {
    built = statSync(join(distDir, 'index.html')).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((source) => newestMtime(source) > built);
}

const gzipAsync = promisify(gzip);

/** Writes `<file>.gz` next to every HTML, JS, CSS and SVG file of a build over 1 kB. */
export async function compressAssets(outDir: string): Promise<void> {
  const entries = await readdir(outDir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(html|js|css|svg)$/.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = await readFile(file);
    if (bytes.length > 1024) await writeFile(`${file}.gz`, await gzipAsync(bytes, { level: 9 }));
  }
}

/** Builds the app into `outDir` (emptied first). */
export async function buildApp(outDir: string, options: { quiet?: boolean } = {}): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: join(DASHBOARD_DIR, 'vite.config.ts'),
    logLevel: options.quiet ? 'warn' : 'info',
    build: { outDir: resolve(outDir), emptyOutDir: true },
  });
  await compressAssets(outDir);
}
