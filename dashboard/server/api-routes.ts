/**
 * The search API:
 * - `GET /api/health` → `{ok, papers, model}`; `ok` is false (with `error`) when the server
 *   runs without search.
 * - `GET /api/search?q=<text>&k=<1..100>` → `{query, k, method, results}`, each result
 *   `{id, score, title, firstDay, topic: {id, label} | null, upvotes?}` (see `SearchHit`).
 * - `GET /api/similar?ids=<id,id,...>&k=<1..100>` → `{ids, k, method, results}`, the given
 *   papers excluded.
 * Bad parameters get 400 with `{error}` naming the parameter.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequest, parseSearchParams, parseSimilarParams } from './api-params.ts';
import { SEARCH_METHODS, type SearchEngine } from './search-engine.ts';

/** URL prefix of the API. */
export const API_PREFIX = '/api/';

/** The engine, or why there is none. */
export type EngineState = { engine: SearchEngine } | { engine: null; reason: string };

/** Sends a JSON answer. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Answers an `/api/` request. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  state: EngineState,
): Promise<void> {
  const route = url.pathname.slice(API_PREFIX.length);
  if (req.method !== 'GET') {
    res.setHeader('Allow', 'GET');
    return sendJson(res, 405, {
      error: `${req.method} is not supported: the API answers GET only`,
    });
  }
  if (route === 'health') {
    return state.engine
      ? sendJson(res, 200, { ok: true, papers: state.engine.size, model: state.engine.modelId })
      : sendJson(res, 200, { ok: false, error: state.reason });
  }
  if (route !== 'search' && route !== 'similar') {
    return sendJson(res, 404, {
      error: `no API route ${url.pathname}: use /api/search or /api/similar`,
    });
  }
  if (!state.engine) {
    return sendJson(res, 503, { error: `search is not available: ${state.reason}` });
  }
  const engine = state.engine;
  try {
    if (route === 'search') {
      const { q, k } = parseSearchParams(url.searchParams);
      const results = await engine.searchText(q, k);
      return sendJson(res, 200, { query: q, k, method: SEARCH_METHODS.text, results });
    }
    const { ids, k } = parseSimilarParams(url.searchParams, (id) => engine.hasPaper(id));
    const results = engine.similarTo(ids, k);
    return sendJson(res, 200, { ids, k, method: SEARCH_METHODS.similar, results });
  } catch (error) {
    if (error instanceof BadRequest) return sendJson(res, 400, { error: error.message });
    throw error;
  }
}
