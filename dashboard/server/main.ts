/**
 * `npm run dashboard`: builds the app when its sources changed, loads the model and the index
 * once, and serves the app, the public half of the pipeline's output, the search API and the
 * watch-list editor (`/api/themes`, which saves to the file the run was scored from, or to the
 * `--themes` file; see `watch-list-file.ts`) on 127.0.0.1.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACT_FILES } from '../../pipeline/src/schema/artifacts.ts';
import { EXIT } from '../../pipeline/src/cli/exit-codes.ts';
import { buildApp, buildIsStale, DEFAULT_DIST_DIR } from './build-app.ts';
import { createDashboardServer, listen } from './create-server.ts';
import { publicDir } from './public-files.ts';
import { loadSearchEngine } from './search-engine.ts';
import type { EngineState } from './api-routes.ts';
import { runFingerprint, SearchEngineHolder } from './engine-holder.ts';
import { ThemeEditor } from './theme-editor.ts';
import { chooseWatchListFile } from './watch-list-file.ts';
import { resolveOptionPath } from '../../pipeline/src/cli/caller-paths.ts';
import type { Embedder } from '../../pipeline/src/embed/embedder.ts';
import { loadTransformersEmbedder } from '../../pipeline/src/embed/transformers-embedder.ts';

/**
 * The pipeline's default watch-list (`pipeline/config/pipeline.json` names no other), edited when
 * neither `--themes` nor the run names a file.
 */
const DEFAULT_THEMES_FILE = 'pipeline/config/themes.json';

function port(value: string): number {
  const n = Number(value);
  if (!/^\d{1,5}$/.test(value) || n > 65535)
    throw new InvalidArgumentError('port must be a number from 0 to 65535.');
  return n;
}

interface ServeOptions {
  port: number;
  host: string;
  data: string;
  dist: string;
  model?: string;
  themes?: string;
  build: boolean;
  search: boolean;
  log: boolean;
}

const program = new Command()
  .name('npm run dashboard --')
  .description(
    // One paragraph: commander wraps it to the terminal's width.
    'Serve the dashboard on the pipeline output: the app, the public half of the data folder, ' +
      'the semantic search API (GET /api/search?q=..&k=.., GET /api/similar?ids=a,b&k=..), ' +
      'and the watch-list editor (/api/themes), which saves to the watch-list file the run was ' +
      'scored from (or --themes) and re-scores the run. ' +
      'Builds the app first when needed.',
  )
  .option('-p, --port <n>', 'port (0 = any free port)', port, 5173)
  .option(
    '--host <address>',
    'address to bind; anything but 127.0.0.1 exposes the data to the network',
    '127.0.0.1',
  )
  .option('-d, --data <dir>', 'the pipeline output folder', 'data')
  .option('--dist <dir>', 'the built app', DEFAULT_DIST_DIR)
  .option('--model <dir>', 'embedding model directory, when the pipeline ran with --model')
  .option(
    '--themes <file>',
    'the watch-list file that edits in the page are saved to (default: the file the run was ' +
      `scored from, as its manifest records it; for runs that record none, ${DEFAULT_THEMES_FILE})`,
  )
  .option('--no-build', 'serve the existing build even when the sources are newer')
  .option('--no-search', 'do not load the model and the index (title search only)')
  .option('--log', 'log every request', false)
  .addHelpText(
    'after',
    `
Examples:
  npm run dashboard
  npm run dashboard -- --data /tmp/run --port 8080`,
  );

async function main(): Promise<void> {
  // A bad command line exits 2, as the pipeline's does (`pipeline/src/cli/exit-codes.ts`).
  program.exitOverride();
  try {
    program.parse(process.argv);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    return;
  }
  const options = program.opts<ServeOptions>();
  // Typed paths are the caller's (`INIT_CWD` under npm), as the pipeline's --out, so the same
  // --data names the same folder in both commands.
  const typed = (name: string) => program.getOptionValueSource(name) === 'cli';
  const dataDir = resolveOptionPath(options.data, typed('data'));
  const distDir = resolveOptionPath(options.dist, typed('dist'));
  const say = (line: string) => process.stderr.write(`${line}\n`);

  if (options.build && buildIsStale(distDir)) {
    say(`building the app into ${distDir} …`);
    await buildApp(distDir, { quiet: true });
  } else if (!existsSync(join(distDir, 'index.html'))) {
    say(`error: no build in ${distDir}: run without --no-build, or run \`npm run build\``);
    process.exitCode = EXIT.failed;
    return;
  }

  const hasData = existsSync(join(publicDir(dataDir), ARTIFACT_FILES.manifest));
  let engine: EngineState;
  const fingerprint = await runFingerprint(dataDir);
  const loadEngine = (dir: string) =>
    loadSearchEngine(dir, options.model ? { model: options.model } : {});
  if (!hasData) {
    say(`warning: no data in ${dataDir}: run \`npm run pipeline\` first; the page will say so too`);
    engine = { engine: null, reason: `no data in ${dataDir}` };
  } else if (!options.search) {
    engine = { engine: null, reason: 'the server was started with --no-search' };
  } else {
    say('loading the model and the index …');
    try {
      const loaded = await loadEngine(dataDir);
      engine = { engine: loaded };
      say(`search ready: ${loaded.size.toLocaleString('en')} papers`);
    } catch (error) {
      const reason = (error as Error).message;
      say(`warning: search is off: ${reason}`);
      engine = { engine: null, reason };
    }
  }

  // With search on, a new run in the data folder is picked up without a restart.
  const engines = options.search
    ? new SearchEngineHolder(dataDir, loadEngine, { state: engine, fingerprint }, { log: say })
    : null;
  engines?.watch();
  // The watch-list editor embeds theme texts with the search engine's model when it is loaded,
  // else loads the model on the first edit.
  let ownEmbedder: Promise<Embedder> | null = null;
  const themeEmbedder = (): Promise<Embedder> => {
    const loaded = (engines?.state ?? engine).engine?.embedder;
    if (loaded) return Promise.resolve(loaded);
    ownEmbedder ??= loadTransformersEmbedder(options.model ? { model: options.model } : {});
    ownEmbedder.catch(() => (ownEmbedder = null));
    return ownEmbedder;
  };
  const watchList = await chooseWatchListFile({
    // The same --themes names the same file in both commands (see dataDir above).
    given: options.themes === undefined ? undefined : resolveOptionPath(options.themes, true),
    dataDir,
    workDir: process.cwd(),
    defaultFile: resolve(DEFAULT_THEMES_FILE),
  });
  for (const line of watchList.notices) say(line);
  const server = createDashboardServer({
    distDir,
    dataDir,
    engine: engines ?? engine,
    themes: new ThemeEditor(dataDir, watchList.file, themeEmbedder),
    host: options.host,
    ...(options.log ? { log: say } : {}),
  });
  const bound = await listen(server, options.port, options.host);
  say(`dashboard on http://${options.host}:${bound}/  (data: ${dataDir})`);
  // One line on stdout, for scripts that start the server and need its address.
  process.stdout.write(
    `${JSON.stringify({ url: `http://${options.host}:${bound}/`, port: bound })}\n`,
  );
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${(error as Error).message}\n`);
  process.exitCode = EXIT.failed;
});
