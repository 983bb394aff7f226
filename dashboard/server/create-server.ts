/**
 * The dashboard's HTTP server: the built app (sirv over the build folder, whose file list is
 * fixed at start), the public half of the committed run under `/data/` (sirv, see
 * `public-files.ts`), and the search API (`/api/`). Paths are normalized by the WHATWG URL
 * parser (so `..` and `%2e%2e` segments collapse) before any route sees them, and no route
 * reads outside its folder.
 */
import { createServer, type ServerResponse, type Server } from 'node:http';
import sirv from 'sirv';
import { DATA_PREFIX, publicFiles } from './public-files.ts';
import { API_PREFIX, handleApi, sendJson, type EngineState } from './api-routes.ts';
import type { SearchEngineHolder } from './engine-holder.ts';
import { allowReadOnly } from './method-guard.ts';
import { QueueFullError, RequestQueue, type RequestQueueOptions } from './request-queue.ts';
import { staysInside } from './served-path.ts';
import { allowedHostNames, isAllowedHost, refusedHostBody } from './host-check.ts';
import { answerOversizedRequests } from './oversized-request.ts';
import { handleThemes, isThemesRoute } from './theme-routes.ts';
import type { ThemeEditor } from './theme-editor.ts';

/** What the server serves. */
export interface DashboardServerOptions {
  /** The built app (`vite build` output). */
  distDir: string;
  /** The pipeline's output folder; its committed run's `public/` half is served. */
  dataDir: string;
  /**
   * The search engine, or why there is none (the app then runs as on a static host); or a
   * holder that reloads it when a new run lands in the data folder.
   */
  engine: EngineState | SearchEngineHolder;
  /** Bounds of the queue of searches; see {@link RequestQueue}. */
  queue?: RequestQueueOptions;
  /** The address the server binds to; requests for other host names are refused. Default 127.0.0.1. */
  host?: string;
  /**
   * The watch-list editor (`/api/themes`), or null (the default) for a server that does not
   * edit; the app then shows the watch list read-only.
   */
  themes?: ThemeEditor | null;
  /** Called with each request line and status, for the log. Default: silent. */
  log?: (line: string) => void;
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'",
};

/** Sends a short plain-text answer. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Seconds a client is told to wait when the search queue is full. */
const RETRY_AFTER_SECONDS = 1;

/** API routes that run the model or the index, and so go through the queue. */
const QUEUED_ROUTES = new Set([`${API_PREFIX}search`, `${API_PREFIX}similar`]);

/** Creates (does not start) the server. */
export function createDashboardServer(options: DashboardServerOptions): Server {
  const data = publicFiles(options.dataDir);
  const queue = new RequestQueue(options.queue);
  const engineNow = (): EngineState => {
    const source = options.engine;
    if (!('check' in source)) return source;
    void source.check();
    return source.state;
  };
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
    // The only routes that take writes; each checks its method, origin and body itself.
    if (isThemesRoute(url.pathname)) {
      handleThemes(req, res, url, options.themes ?? null).catch(fail);
      return;
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      const answer = () => handleApi(req, res, url, engineNow());
      (QUEUED_ROUTES.has(url.pathname) ? queue.run(answer) : answer()).catch((error: unknown) => {
        if (!(error instanceof QueueFullError)) return fail(error);
        res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
        sendJson(res, 503, { error: `${error.message}; try again in a moment` });
      });
      return;
    }
    if (!allowReadOnly(req, res)) return;
    req.url = url.pathname + url.search;
    const notFound = () => sendText(res, 404, `Not found: ${url.pathname}`);
    // Data paths never fall through to the build folder (a static build holds a copy of old data).
    if (url.pathname.startsWith(DATA_PREFIX)) return data(req, res, notFound);
    staysInside(options.distDir, safeDecode(url.pathname))
      .then((inside) => (inside ? app(req, res, notFound) : notFound()))
      .catch(fail);
  });
  answerOversizedRequests(server);
  return server;
}

/** A URL path decoded for the file system; undecodable text is kept as it is. */
function safeDecode(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
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
