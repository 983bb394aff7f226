/**
 * Calls to the dashboard server's search API. The static build has no server: then
 * {@link checkServer} answers false and the views say that free-text search needs
 * `npm run dashboard`.
 */
import type { ScoredPaper } from '../state/app-state.svelte.ts';

/** Answer of `GET api/search` and `GET api/similar`. */
export interface SearchResponse {
  results: ScoredPaper[];
  /** How the server computed the neighbours. */
  method: string;
}

/** An error answer of the API, with the server's message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Whether the search API answers (`GET api/health`). */
export async function checkServer(base = ''): Promise<boolean> {
  try {
    const response = await fetch(`${base}api/health`, { headers: { accept: 'application/json' } });
    if (!response.ok) return false;
    const body = (await response.json()) as { ok?: unknown };
    return body.ok === true;
  } catch {
    return false;
  }
}

async function getJson(url: string, signal?: AbortSignal): Promise<SearchResponse> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as
    (SearchResponse & { error?: string }) | null;
  if (!response.ok || !body) {
    throw new ApiError(
      body?.error ?? `The search server answered HTTP ${response.status}.`,
      response.status,
    );
  }
  return body;
}

/** Free-text semantic search: the `k` papers nearest to the query's embedding. */
export function searchText(
  query: string,
  k: number,
  signal?: AbortSignal,
  base = '',
): Promise<SearchResponse> {
  const params = new URLSearchParams({ q: query, k: String(k) });
  return getJson(`${base}api/search?${params}`, signal);
}

/** The `k` papers nearest to the mean embedding of `ids` (the ids themselves excluded). */
export function similarTo(
  ids: readonly string[],
  k: number,
  signal?: AbortSignal,
  base = '',
): Promise<SearchResponse> {
  const params = new URLSearchParams({ ids: ids.join(','), k: String(k) });
  return getJson(`${base}api/similar?${params}`, signal);
}
