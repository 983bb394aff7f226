/**
 * The checks a write request passes before its body is read: the only writes the server takes
 * are the watch-list edits, and a page on another site must not be able to make them. The Host
 * check (`host-check.ts`) already refuses rebinding pages; here a write must also be
 * `Content-Type: application/json` (a cross-site form or a "simple" `fetch` cannot send that
 * without a CORS preflight, which this server never grants), and its `Origin`, which browsers
 * send with every POST, PUT and DELETE, must be this server's own. The body is bounded.
 */
import type { IncomingMessage } from 'node:http';

/** Largest write body read, bytes (64 KiB: a theme is a few hundred). */
export const MAX_WRITE_BODY_BYTES = 64 * 1024;

/** A refused write: the HTTP status and the message for the JSON answer. */
export class WriteRefused extends Error {
  override name = 'WriteRefused';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Throws {@link WriteRefused} (403) when the request carries an `Origin` other than the one the
 * page was served from (`http://` + the request's own Host header, already checked), and (415)
 * when it has a body (`hasBody`) not declared as JSON. A DELETE has no body: no form or simple
 * request can send one across sites, and browsers send `Origin` with it.
 */
export function checkWriteRequest(req: IncomingMessage, hasBody: boolean): void {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      const url = new URL(origin);
      host = url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
    } catch {
      host = null;
    }
    if (host === null || host.toLowerCase() !== String(req.headers.host ?? '').toLowerCase()) {
      throw new WriteRefused(
        403,
        `cross-origin write refused: Origin ${origin.slice(0, 100)} is not this dashboard; edit the watch list from the dashboard's own page`,
      );
    }
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (hasBody && type !== 'application/json') {
    throw new WriteRefused(
      415,
      `Content-Type must be application/json (got ${type || 'none'}); send the theme as JSON`,
    );
  }
}

/**
 * Reads the body as JSON, at most `limit` bytes.
 *
 * @throws {WriteRefused} 413 when it is longer, 400 when it is not JSON.
 */
export async function readJsonBody(
  req: IncomingMessage,
  limit = MAX_WRITE_BODY_BYTES,
): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  const tooLong = () =>
    new WriteRefused(413, `the request body is over ${limit} bytes; a theme needs far less`);
  if (Number.isFinite(declared) && declared > limit) throw tooLong();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > limit) throw tooLong();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new WriteRefused(400, `the body is not valid JSON (${(error as Error).message})`);
  }
}
