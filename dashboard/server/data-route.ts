/**
 * Serves the pipeline's browser artifacts from the data folder under `/data/<file>`. Only the
 * JSON artifacts the app reads are served, by exact name, so no request path is ever joined
 * to a folder (no traversal to guard against), and the vectors and the index stay private.
 * Responses are gzip-compressed once per file version and kept in memory.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ARTIFACT_FILES } from '../../pipeline/src/schema/artifacts.ts';

const gzipAsync = promisify(gzip);

/** File names served under `/data/`: the browser artifacts and the rejects list. */
export const SERVED_DATA_FILES: ReadonlySet<string> = new Set([
  ARTIFACT_FILES.manifest,
  ARTIFACT_FILES.papers,
  ARTIFACT_FILES.related,
  ARTIFACT_FILES.topics,
  ARTIFACT_FILES.themes,
  ARTIFACT_FILES.trends,
  ARTIFACT_FILES.rejects,
]);

/** URL prefix of the data folder. */
export const DATA_PREFIX = '/data/';

interface CachedFile {
  version: string;
  raw: Buffer;
  gzipped: Buffer | null;
}

/** Handles `/data/<file>` requests for one data folder. */
export class DataRoute {
  readonly #dir: string;
  readonly #cache = new Map<string, CachedFile>();

  constructor(dataDir: string) {
    this.#dir = dataDir;
  }

  /** The artifact name a pathname asks for, or null when it is not a served artifact. */
  static fileFor(pathname: string): string | null {
    if (!pathname.startsWith(DATA_PREFIX)) return null;
    const name = pathname.slice(DATA_PREFIX.length);
    return SERVED_DATA_FILES.has(name) ? name : null;
  }

  /**
   * Answers the request when its path is under `/data/`: 200/304 for a served artifact, 404
   * otherwise. Returns false (and does nothing) for other paths.
   */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith(DATA_PREFIX)) return false;
    const name = DataRoute.fileFor(pathname);
    if (!name || (req.method !== 'GET' && req.method !== 'HEAD')) {
      sendText(res, 404, `Not found: ${pathname}`);
      return true;
    }
    const file = join(this.#dir, name);
    let info;
    try {
      info = await stat(file);
    } catch {
      sendText(res, 404, `${name} is not in the data folder: run \`npm run pipeline\` first.`);
      return true;
    }
    const version = `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-cache',
      ETag: version,
      Vary: 'Accept-Encoding',
    };
    if (req.headers['if-none-match'] === version) {
      res.writeHead(304, headers).end();
      return true;
    }
    const cached = await this.#load(name, file, version);
    const acceptsGzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    let body = cached.raw;
    if (acceptsGzip && cached.raw.length > 1024) {
      cached.gzipped ??= await gzipAsync(cached.raw, { level: 6 });
      body = cached.gzipped;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  async #load(name: string, file: string, version: string): Promise<CachedFile> {
    const cached = this.#cache.get(name);
    if (cached?.version === version) return cached;
    const fresh = { version, raw: await readFile(file), gzipped: null };
    this.#cache.set(name, fresh);
    return fresh;
  }
}

/** Sends a short plain-text answer. */
export function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Connect-style middleware serving the data folder, for `vite dev`. */
export function dataMiddleware(dataDir: string) {
  const route = new DataRoute(dataDir);
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    route.handle(req, res, pathname).then(
      (handled) => handled || next(),
      () => next(),
    );
  };
}
