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
import { allowedHostNames, isAllowedHost, refusedHostBody } from './host-check.ts';
import { answerOversizedRequests } from './oversized-request.ts';

/** What the server serves. */
export interface DashboardServerOptions {
  /** The built app (`vite build` output). */
  distDir: string;
  /** The pipeline's output folder. */
  dataDir: string;
  /** Keeps the folder's browser data up to date; default: one of its own. */
  browser?: BrowserDataKeeper;
  /** The search engine, or why there is none (the app then runs as on a static host). */
  engine: EngineState;
  /** The address the server binds to; requests for other host names are refused. Default 127.0.0.1. */
  host?: string;
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
  const data = new DataRoute(options.dataDir, options.browser);
  void data.warm();
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

  const hosts = allowedHostNames(options.host ?? '127.0.0.1');
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    res.on('finish', () => options.log?.(`${req.method} ${req.url} ${res.statusCode}`));
    if (!isAllowedHost(req, hosts)) return sendJson(res, 403, refusedHostBody(req));
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
      .handle(req, res, url.pathname)
      .then((handled) => {
        if (handled) return;
        req.url = url.pathname + url.search;
        app(req, res, () => sendText(res, 404, `Not found: ${url.pathname}`));
      })
      .catch(fail);
  });
  answerOversizedRequests(server);
  return server;
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
