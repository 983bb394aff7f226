/**
 * Serves the browser's data from the data folder under `/data/<file>`: the small pipeline
 * artifacts the app reads as they are (manifest, topics, themes, and the rejects list), and
 * the browser data derived from the large ones (`browser/papers.json`, `browser/trends.json`,
 * `browser/details/<n>.json`, see `browser-data.ts`), made sure to match the current manifest
 * before it is served. Only these names are served, checked against a fixed list and one
 * digits-only pattern, so no request path is ever joined to a folder as given (no traversal
 * to guard against), and the full `papers.json`, `related.json` and `trends.json`, the vectors
 * and the index stay private. Responses are gzip-compressed once per file version and kept in memory, within
 * a byte budget.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { ARTIFACT_FILES, SchemaVersionError } from '../src/lib/data/artifacts.ts';
import {
  BROWSER_DIR,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
} from '../src/lib/data/browser-format.ts';
import { BrowserDataError, BrowserDataKeeper } from './browser-data.ts';
import { publicManifestText } from '../src/lib/data/public-manifest.ts';

const gzipAsync = promisify(gzip);

/** Pipeline artifacts served as they are: the small ones the app reads, and the rejects list. */
export const SERVED_ARTIFACTS: ReadonlySet<string> = new Set([
  ARTIFACT_FILES.manifest,
  ARTIFACT_FILES.topics,
  ARTIFACT_FILES.themes,
  ARTIFACT_FILES.rejects,
]);

const DETAIL_FILE = new RegExp(`^${BROWSER_DIR}/details/(0|[1-9]\\d{0,5})\\.json$`);

/** Whether `name` (a path inside the data folder) is part of the browser data. */
export function isBrowserDataFile(name: string): boolean {
  return name === BROWSER_PAPERS_FILE || name === BROWSER_TRENDS_FILE || DETAIL_FILE.test(name);
}

/** URL prefix of the data folder. */
export const DATA_PREFIX = '/data/';

/** Bytes of file contents (plain and compressed) kept in memory; least recently used go first. */
export const DATA_CACHE_BYTES = 96 * 1024 * 1024;

interface CachedFile {
  version: string;
  raw: Buffer;
  gzipped: Buffer | null;
}

/** Handles `/data/<file>` requests for one data folder. */
export class DataRoute {
  readonly #dir: string;
  readonly #browser: BrowserDataKeeper;
  readonly #cache = new Map<string, CachedFile>();
  #cached = 0;

  constructor(dataDir: string, browser = new BrowserDataKeeper(dataDir)) {
    this.#dir = dataDir;
    this.#browser = browser;
  }

  /** The file name a pathname asks for, or null when it is not served. */
  static fileFor(pathname: string): string | null {
    if (!pathname.startsWith(DATA_PREFIX)) return null;
    const name = pathname.slice(DATA_PREFIX.length);
    return SERVED_ARTIFACTS.has(name) || isBrowserDataFile(name) ? name : null;
  }

  /**
   * Derives the browser data when needed and compresses what every page load fetches, so
   * that the first visitor does not wait for it. Failures are left for the requests to report.
   */
  async warm(): Promise<void> {
    try {
      await this.#browser.ensure();
      for (const name of [BROWSER_PAPERS_FILE, BROWSER_TRENDS_FILE, ...SERVED_ARTIFACTS]) {
        const file = join(this.#dir, name);
        const info = await stat(file);
        const cached = await this.#load(name, file, versionOf(info));
        if (cached.raw.length > 1024) await this.#gzipped(cached);
      }
    } catch {
      // Reported to the browser by the requests themselves.
    }
  }

  /**
   * Answers the request when its path is under `/data/`: 200/304 for a served file, 404
   * otherwise. Returns false (and does nothing) for other paths.
   */
  async handle(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<boolean> {
    if (!pathname.startsWith(DATA_PREFIX)) return false;
    const name = DataRoute.fileFor(pathname);
    if (!name || (req.method !== 'GET' && req.method !== 'HEAD')) {
      sendText(res, 404, `Not found: ${pathname}`);
      return true;
    }
    if (isBrowserDataFile(name)) {
      try {
        await this.#browser.ensure();
      } catch (error) {
        if (error instanceof BrowserDataError && error.missing) {
          sendText(res, 404, error.message);
          return true;
        }
        if (error instanceof SchemaVersionError) {
          sendText(res, 409, error.message);
          return true;
        }
        if (error instanceof BrowserDataError) {
          sendText(res, 500, error.message);
          return true;
        }
        throw error;
      }
    }
    const file = join(this.#dir, name);
    let info;
    try {
      info = await stat(file);
    } catch {
      sendText(res, 404, `${name} is not in the data folder: run \`npm run pipeline\` first.`);
      return true;
    }
    const version = versionOf(info);
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
      body = await this.#gzipped(cached);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }

  async #gzipped(cached: CachedFile): Promise<Buffer> {
    if (!cached.gzipped) {
      cached.gzipped = await gzipAsync(cached.raw, { level: 6 });
      this.#account(cached.gzipped.length);
    }
    return cached.gzipped;
  }

  async #load(name: string, file: string, version: string): Promise<CachedFile> {
    const cached = this.#cache.get(name);
    if (cached) {
      this.#cache.delete(name);
      if (cached.version === version) {
        this.#cache.set(name, cached);
        return cached;
      }
      this.#cached -= cached.raw.length + (cached.gzipped?.length ?? 0);
    }
    const bytes = await readFile(file);
    const raw =
      name === ARTIFACT_FILES.manifest
        ? Buffer.from(publicManifestText(bytes.toString('utf8')))
        : bytes;
    const fresh: CachedFile = { version, raw, gzipped: null };
    this.#cache.set(name, fresh);
    this.#account(fresh.raw.length);
    return fresh;
  }

  /** Counts `bytes` more in the cache and drops the least recently used files over budget. */
  #account(bytes: number): void {
    this.#cached += bytes;
    for (const [name, entry] of this.#cache) {
      if (this.#cached <= DATA_CACHE_BYTES || this.#cache.size <= 1) break;
      this.#cache.delete(name);
      this.#cached -= entry.raw.length + (entry.gzipped?.length ?? 0);
    }
  }
}

/** A weak ETag from a file's size and modification time. */
function versionOf(info: { size: number; mtimeMs: number }): string {
  return `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
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
