/**
 * `npm run dashboard`: builds the app when its sources changed, loads the model and the index
 * once, and serves the app, the data folder and the search API on 127.0.0.1.
 */
import { Command, InvalidArgumentError } from 'commander';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARTIFACT_FILES } from '../../pipeline/src/schema/artifacts.ts';
import { buildApp, buildIsStale, DEFAULT_DIST_DIR } from './build-app.ts';
import { createDashboardServer, listen } from './create-server.ts';
import { loadSearchEngine } from './search-engine.ts';
import { BrowserDataKeeper } from './browser-data.ts';
import type { EngineState } from './api-routes.ts';

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
  build: boolean;
  search: boolean;
  log: boolean;
}

const program = new Command()
  .name('npm run dashboard --')
  .description(
    'Serve the dashboard on the pipeline output: the app, the data folder and the semantic search API\n' +
      '(GET /api/search?q=..&k=.., GET /api/similar?ids=a,b&k=..). Builds the app first when needed.',
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

/**
 * Derives the browser data now rather than on the first page load. A failure is only reported:
 * the page explains it too, and the data route tries again on each request.
 */
async function prepareBrowserData(
  browser: BrowserDataKeeper,
  say: (line: string) => void,
): Promise<void> {
  try {
    const state = await browser.refresh();
    if (state?.derived) {
      say(
        `browser data derived: ${state.detailFiles} detail files in ${(state.ms / 1000).toFixed(1)} s`,
      );
    }
  } catch (error) {
    say(`warning: no browser data: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  program.parse(process.argv);
  const options = program.opts<ServeOptions>();
  const dataDir = resolve(options.data);
  const distDir = resolve(options.dist);
  const say = (line: string) => process.stderr.write(`${line}\n`);

  if (options.build && buildIsStale(distDir)) {
    say(`building the app into ${distDir} …`);
    await buildApp(distDir, { quiet: true });
  } else if (!existsSync(join(distDir, 'index.html'))) {
    say(`error: no build in ${distDir}: run without --no-build, or run \`npm run build\``);
    process.exitCode = 1;
    return;
  }

  const browser = new BrowserDataKeeper(dataDir);
  const hasData = existsSync(join(dataDir, ARTIFACT_FILES.manifest));
  if (hasData) await prepareBrowserData(browser, say);
  let engine: EngineState;
  if (!hasData) {
    say(`warning: no data in ${dataDir}: run \`npm run pipeline\` first; the page will say so too`);
    engine = { engine: null, reason: `no data in ${dataDir}` };
  } else if (!options.search) {
    engine = { engine: null, reason: 'the server was started with --no-search' };
  } else {
    say('loading the model and the index …');
    try {
      const loaded = await loadSearchEngine(dataDir, options.model ? { model: options.model } : {});
      engine = { engine: loaded };
      say(`search ready: ${loaded.size.toLocaleString('en')} papers`);
    } catch (error) {
      const reason = (error as Error).message;
      say(`warning: search is off: ${reason}`);
      engine = { engine: null, reason };
    }
  }

  const server = createDashboardServer({
    distDir,
    dataDir,
    browser,
    engine,
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
  process.exitCode = 1;
});
