/**
 * A local stand-in for the Daily Papers API, for tests: it replays recorded days
 * (`YYYY-MM-DD.json.gz` in the given folders) on `/api/daily_papers?date=...`, answers `[]` for a
 * day it has no recording of (a day without papers), and injects the faults scripted per day.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';

/** One scripted misbehaviour, used for one request of a day. */
export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string }
  /** Sends the headers and half the body, then destroys the socket. */
  | { kind: 'reset' }
  /** A complete 200 response whose body is the first half of the day's JSON. */
  | { kind: 'truncated' }
  /** A complete 200 response holding an HTML error page. */
  | { kind: 'html' }
  /** Sends half the body, then waits `ms` before sending the rest. */
  | { kind: 'slow'; ms: number };

/** A running replay server. */
export interface ReplayServer {
  baseUrl: string;
  /** Faults still to serve, per day, in order; `always` faults are served on every request. */
  script(day: string, faults: Fault[], always?: boolean): void;
  /** Days requested, in order of arrival. */
  requests: string[];
  /** Most requests in flight at one moment. */
  maxInFlight: number;
  /** The body the server serves for a day when it misbehaves not. */
  dayBody(day: string): Buffer;
  close(): Promise<void>;
}

const HTML_ERROR =
  '<!DOCTYPE html>\n<html><head><title>503 Service Temporarily Unavailable</title></head>' +
  '<body><h1>We are having trouble</h1><p>Please try again later.</p></body></html>\n';

/**
 * Starts the server on a free port of 127.0.0.1.
 *
 * @param recordingDirs folders of `YYYY-MM-DD.json.gz` recordings, searched in order.
 * @param delayMs delay before each normal answer, so concurrent requests overlap.
 * @param port port to listen on; 0 (default) picks a free one.
 */
export async function startReplayServer(
  recordingDirs: string[],
  delayMs = 0,
  port = 0,
): Promise<ReplayServer> {
  const faults = new Map<string, { list: Fault[]; always: boolean }>();
  let inFlight = 0;

  const dayBody = (day: string): Buffer => {
    for (const dir of recordingDirs) {
      const file = join(dir, `${day}.json.gz`);
      if (existsSync(file)) return gunzipSync(readFileSync(file));
    }
    return Buffer.from('[]');
  };

  const serve = async (day: string, res: ServerResponse): Promise<void> => {
    const scripted = faults.get(day);
    const fault = scripted?.always ? scripted.list[0] : scripted?.list.shift();
    const body = dayBody(day);
    const half = body.subarray(0, Math.floor(body.length / 2));
    const json = { 'content-type': 'application/json; charset=utf-8' };
    if (!fault) {
      await new Promise((r) => setTimeout(r, delayMs));
      res.writeHead(200, { ...json, 'content-length': body.length });
      res.end(body);
      return;
    }
    switch (fault.kind) {
      case 'status':
        res.writeHead(fault.status, {
          ...json,
          ...(fault.retryAfter !== undefined ? { 'retry-after': fault.retryAfter } : {}),
        });
        res.end(JSON.stringify({ error: `status ${fault.status}` }));
        return;
      case 'reset':
        res.writeHead(200, { ...json, 'content-length': body.length });
        res.write(half, () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case 'truncated':
        res.writeHead(200, { ...json, 'content-length': half.length });
        res.end(half);
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(HTML_ERROR);
        return;
      case 'slow':
        res.writeHead(200, { ...json, 'content-length': body.length });
        res.write(half);
        await new Promise((r) => setTimeout(r, fault.ms));
        if (!res.destroyed) res.end(body.subarray(half.length));
        return;
    }
  };

  const state = { requests: [] as string[], maxInFlight: 0 };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const day = url.searchParams.get('date');
    if (url.pathname !== '/api/daily_papers' || day === null) {
      res.writeHead(404).end();
      return;
    }
    state.requests.push(day);
    inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    const done = () => {
      inFlight -= 1;
    };
    res.once('close', done);
    serve(day, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${bound}`,
    script(day, list, always = false) {
      faults.set(day, { list: [...list], always });
    },
    get requests() {
      return state.requests;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    dayBody,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
