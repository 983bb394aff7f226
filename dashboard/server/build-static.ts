/**
 * `npm run build`: the app plus its data in one folder (default `dashboard/dist/`, data in
 * `dist/data/`) that works from any static file host. The data is what the browser reads: the
 * small pipeline artifacts (their schema version checked) and the browser data derived from
 * the large ones (`browser/`, derived first when the data folder's is missing or stale). The
 * full `papers.json` and `related.json`, the vectors and the index stay behind, so there
 * free-text search is off and the app says so.
 */
import { Command } from 'commander';
import { copyFile, cp, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACT_FILES, checkSchemaVersion } from '../src/lib/data/artifacts.ts';
import { BROWSER_DIR } from '../src/lib/data/browser-format.ts';
import { buildApp, DEFAULT_DIST_DIR } from './build-app.ts';
import { SERVED_ARTIFACTS } from './data-route.ts';
import { ensureBrowserData } from './browser-data.ts';
import { committedRunDir } from '../../pipeline/src/output/run-folder.ts';

/** Throws unless `dataDir` holds a pipeline run. */
export function assertHasData(dataDir: string): void {
  if (!existsSync(join(dataDir, ARTIFACT_FILES.manifest))) {
    throw new Error(`no data in ${dataDir}: run \`npm run pipeline\` first (or pass --data <dir>)`);
  }
}

/**
 * Copies what the browser reads from `dataDir` into `outDir/data`, checking each artifact and
 * deriving the browser data when needed. Returns the copied names (`browser/` for the folder).
 */
export async function copyArtifacts(dataDir: string, outDir: string): Promise<string[]> {
  assertHasData(dataDir);
  const target = join(outDir, 'data');
  await mkdir(target, { recursive: true });
  const copied: string[] = [];
  for (const name of [...SERVED_ARTIFACTS].sort()) {
    const source = join(dataDir, name);
    if (!existsSync(source)) {
      throw new Error(
        `${source} is missing: the last pipeline run did not finish; run \`npm run pipeline\` again`,
      );
    }
    checkSchemaVersion(source, JSON.parse(await readFile(source, 'utf8')));
    await copyFile(source, join(target, name));
    copied.push(name);
  }
  await ensureBrowserData(dataDir);
  await rm(join(target, BROWSER_DIR), { recursive: true, force: true });
  await cp(join(dataDir, BROWSER_DIR), join(target, BROWSER_DIR), {
    recursive: true,
    filter: (source) => !source.endsWith('.tmp'),
  });
  copied.push(`${BROWSER_DIR}/`);
  return copied;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('npm run build --')
    .description('Build the dashboard as static files, with the browser data copied in.')
    .option('-d, --data <dir>', 'the pipeline output folder', 'data')
    .option('-o, --out <dir>', 'output folder', DEFAULT_DIST_DIR)
    .parse(process.argv);
  const options = program.opts<{ data: string; out: string }>();
  const outDir = resolve(options.out);
  // One generation, resolved once: a run committed meanwhile does not mix into the copy.
  const runDir = committedRunDir(resolve(options.data));
  assertHasData(runDir);
  await buildApp(outDir, { quiet: true });
  const copied = await copyArtifacts(runDir, outDir);
  process.stderr.write(
    `built ${outDir} with ${copied.join(', ')}; serve it with any static file server\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = 1;
  });
}
