/**
 * `npm run build`: the app plus its data in one folder (default `dashboard/dist/`, data in
 * `dist/data/`) that works from any static file host. The data is the public half of the
 * committed run as the pipeline wrote it (manifest, topics, themes, rejects and the browser
 * data, with their `.gz` copies); the private half (full papers and related lists, vectors,
 * index) stays behind, so there free-text search is off and the app says so.
 */
import { Command } from 'commander';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { publicManifestText } from '../../pipeline/src/schema/public-manifest.ts';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ARTIFACT_FILES, checkSchemaVersion } from '../src/lib/data/artifacts.ts';
import { BROWSER_PAPERS_FILE } from '../src/lib/data/browser-format.ts';
import { EXIT } from '../../pipeline/src/cli/exit-codes.ts';
import { buildApp, DEFAULT_DIST_DIR } from './build-app.ts';
import { publicDir } from './public-files.ts';
import { committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import { resolveOptionPath } from '../../pipeline/src/cli/caller-paths.ts';

/** Throws unless `dataDir` holds a pipeline run that wrote its public half. */
export function assertHasData(dataDir: string): void {
  const dir = publicDir(dataDir);
  if (!existsSync(join(dir, ARTIFACT_FILES.manifest))) {
    throw new Error(`no data in ${dataDir}: run \`npm run pipeline\` first (or pass --data <dir>)`);
  }
  if (!existsSync(join(dir, BROWSER_PAPERS_FILE))) {
    throw new Error(
      `${dir} has no browser data: it was written by an older pipeline; run \`npm run pipeline\` again`,
    );
  }
}

/**
 * Copies the public half of `dataDir`'s committed run into `outDir/data` (replacing what was
 * there), its manifest's schema version checked. Returns the folder copied.
 */
export async function copyPublicData(dataDir: string, outDir: string): Promise<string> {
  assertHasData(dataDir);
  const source = publicDir(dataDir);
  const manifest = join(source, ARTIFACT_FILES.manifest);
  checkSchemaVersion(manifest, JSON.parse(await readFile(manifest, 'utf8')));
  const target = join(outDir, 'data');
  await rm(target, { recursive: true, force: true });
  // Hidden names are the pipeline's temporary files.
  await cp(source, target, { recursive: true, filter: (path) => !basename(path).startsWith('.') });
  // The manifest in its public form, as the server sends it (absolute paths reduced to names);
  // its gzip copy would hold the full paths.
  const copied = join(target, ARTIFACT_FILES.manifest);
  await writeFile(copied, publicManifestText(await readFile(copied, 'utf8')));
  await rm(`${copied}.gz`, { force: true });
  return source;
}

async function main(): Promise<void> {
  const program = new Command()
    .name('npm run build --')
    .description('Build the dashboard as static files, with the public data copied in.')
    .option('-d, --data <dir>', 'the pipeline output folder', 'data')
    .option('-o, --out <dir>', 'output folder', DEFAULT_DIST_DIR)
    .exitOverride();
  try {
    program.parse(process.argv);
  } catch (error) {
    // --help exits 0; a bad command line exits 2, as the pipeline's does.
    process.exitCode = (error as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  const options = program.opts<{ data: string; out: string }>();
  // Typed paths are the caller's (`INIT_CWD` under npm), as in the pipeline's and server's.
  const typed = (name: string) => program.getOptionValueSource(name) === 'cli';
  const outDir = resolveOptionPath(options.out, typed('out'));
  // One generation, resolved once: a run committed meanwhile does not mix into the copy.
  const runDir = committedRunDir(resolveOptionPath(options.data, typed('data')));
  assertHasData(runDir);
  await buildApp(outDir, { quiet: true });
  const copied = await copyPublicData(runDir, outDir);
  process.stderr.write(
    `built ${outDir} with the data of ${copied}; serve it with any static file server\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${(error as Error).message}\n`);
    process.exitCode = EXIT.failed;
  });
}
