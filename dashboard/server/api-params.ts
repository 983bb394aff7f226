/**
 * Validation of the search API's query parameters. Every problem becomes a
 * {@link BadRequest} whose message names the parameter and what it accepts.
 */

/** Limits of the search API. */
export const API_LIMITS = {
  /** Longest free-text query, in characters. */
  maxQueryLength: 500,
  /** Results per query: 1 to 100, default 20. */
  minK: 1,
  maxK: 100,
  defaultK: 20,
  /** Papers in a "similar to this set" query: 1 to 50. */
  maxIds: 50,
} as const;

/** A request the API refuses (HTTP 400). */
export class BadRequest extends Error {
  override name = 'BadRequest';
  readonly status = 400;
}

/** Parses `k`: an integer from {@link API_LIMITS.minK} to {@link API_LIMITS.maxK}; default 20. */
export function parseK(params: URLSearchParams): number {
  const raw = params.get('k');
  if (raw === null || raw === '') return API_LIMITS.defaultK;
  if (!/^\d{1,4}$/.test(raw)) {
    throw new BadRequest(
      `k must be a whole number from ${API_LIMITS.minK} to ${API_LIMITS.maxK}, got "${raw.slice(0, 20)}"`,
    );
  }
  const k = Number(raw);
  if (k < API_LIMITS.minK || k > API_LIMITS.maxK) {
    throw new BadRequest(`k must be from ${API_LIMITS.minK} to ${API_LIMITS.maxK}, got ${k}`);
  }
  return k;
}

/** Parameters of `GET /api/search`. */
export interface SearchParams {
  /** Trimmed query text, 1 to 500 characters. */
  q: string;
  k: number;
}

export function parseSearchParams(params: URLSearchParams): SearchParams {
  const raw = params.get('q');
  const q = raw?.trim() ?? '';
  if (q.length === 0)
    throw new BadRequest('q is missing: pass the text to search for, for example ?q=model+merging');
  if (q.length > API_LIMITS.maxQueryLength) {
    throw new BadRequest(
      `q is ${q.length} characters long; the limit is ${API_LIMITS.maxQueryLength}`,
    );
  }
  return { q, k: parseK(params) };
}

/** Parameters of `GET /api/similar`. */
export interface SimilarParams {
  /** Distinct paper ids, in the order given. */
  ids: string[];
  k: number;
}

/** Parses `ids` (comma-separated) and checks each against `known`. */
export function parseSimilarParams(
  params: URLSearchParams,
  known: (id: string) => boolean,
): SimilarParams {
  const raw = params.get('ids') ?? '';
  const ids = [
    ...new Set(
      raw
        .split(',')
        .map((id) => id.trim())
        .filter((id) => id.length > 0),
    ),
  ];
  if (ids.length === 0) {
    throw new BadRequest(
      'ids is missing: pass comma-separated paper ids, for example ?ids=2403.12345,2404.00001',
    );
  }
  if (ids.length > API_LIMITS.maxIds) {
    throw new BadRequest(`ids names ${ids.length} papers; the limit is ${API_LIMITS.maxIds}`);
  }
  const unknown = ids.filter((id) => !known(id));
  if (unknown.length > 0) {
    const shown = unknown
      .slice(0, 3)
      .map((id) => `"${id.slice(0, 40)}"`)
      .join(', ');
    throw new BadRequest(
      `unknown paper id${unknown.length > 1 ? 's' : ''} ${shown}: use ids from papers.json`,
    );
  }
  return { ids, k: parseK(params) };
}
