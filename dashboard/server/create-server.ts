/**
 * The dashboard's HTTP server: the built app (sirv over the build folder, whose file list is
 * fixed at start), the data the browser reads (`/data/`, by exact name), and the
 * search API (`/api/`). Paths are normalized by the WHATWG URL parser (so `..` and `%2e%2e`
 * segments collapse) before any route sees them, and no route reads outside its folder.
 */
import { createServer, type Server } from 'node:http';
import sirv from 'sirv';
import { DataRoute, sendText } from './data-route.ts';
import type { BrowserDataKeeper } from './browser-data.ts';
import { API_PREFIX, handleApi, sendJson, type EngineState } from './api-routes.ts';
import { PinnedRun } from './pinned-run.ts';

/** What the server serves. */
export interface DashboardServerOptions {
  /** The built app (`vite build` output). */
  distDir: string;
  /**
   * The pipeline's output folder: each request is answered from the run `current` points at
   * then (see `pinned-run.ts`). A folder without `current` is served as one run folder.
   */
  dataDir: string;
  /** Keeps the committed run's browser data up to date; default: one of its own. */
  browser?: BrowserDataKeeper;
  /** The search engine, or why there is none (the app then runs as on a static host). */
  engine: EngineState;
  /** Called with each request line and status, for the log. Default: silent. */
  log?: (line: string) => void;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
};

/** Creates (does not start) the server. */
export function createDashboardServer(options: DashboardServerOptions): Server {
  let first = true;
  const data = new PinnedRun(options.dataDir, (runDir) => {
    const route = new DataRoute(runDir, first ? options.browser : undefined);
    first = false;
    void route.warm();
    return route;
  });
  const app = sirv(options.distDir, {
    dev: false,
    etag: true,
    // The build writes a `.gz` next to each text file (see build-app.ts).
    gzip: true,
    setHeaders(res, pathname) {
      // Vite puts content hashes in asset names, so they never change.
      if (pathname.startsWith('/assets/'))
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      else res.setHeader('Cache-Control', 'no-cache');
    },
  });

  return createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.on('finish', () => options.log?.(`${req.method} ${req.url} ${res.statusCode}`));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      return sendText(res, 400, 'Bad request URL');
    }
    const fail = (error: unknown) => {
      options.log?.(`error: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent)
        sendJson(res, 500, { error: `internal error: ${(error as Error).message}` });
      else res.destroy();
    };
    if (url.pathname.startsWith(API_PREFIX)) {
      handleApi(req, res, url, options.engine).catch(fail);
      return;
    }
    data
      .current()
      .state.handle(req, res, url.pathname)
      .then((handled) => {
        if (handled) return;
        req.url = url.pathname + url.search;
        app(req, res, () => sendText(res, 404, `Not found: ${url.pathname}`));
      })
      .catch(fail);
  });
}

/** Starts listening; resolves with the bound port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
