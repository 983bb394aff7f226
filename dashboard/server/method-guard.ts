/**
 * The app and its data are read-only: a request with any method but GET or HEAD gets 405 with
 * an `Allow` header, rather than the page (which would tell a client its POST succeeded). The
 * watch-list routes (`theme-routes.ts`) are the only writes, and never reach this guard.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Methods the app routes answer. */
export const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD']);

/**
 * Answers 405 and returns false when `req` uses a method the app routes do not take; returns
 * true (and does nothing) otherwise.
 */
export function allowReadOnly(req: IncomingMessage, res: ServerResponse): boolean {
  if (READ_METHODS.has(req.method ?? 'GET')) return true;
  const text = `${req.method} is not allowed here: the app and its data are read with GET`;
  res.writeHead(405, {
    Allow: 'GET, HEAD',
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
  return false;
}
