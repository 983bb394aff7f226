/**
 * Runs the semantic queries and stores their outcome in the app state: free-text search
 * (server only) and "similar to this set" (server, or precomputed neighbours without one).
 */
import type { AppState } from '../state/app-state.svelte.ts';
import type { Dataset } from '../data/dataset.ts';
import { searchText, similarTo } from './api-client.ts';
import { STATIC_SIMILAR_METHOD, similarFromRelated } from './static-similar.ts';

/** The choices of k offered in the search panel. */
export const SEMANTIC_K_CHOICES = [20, 50, 100] as const;

/** Message shown when free-text search is asked for on a static host. */
export const NEEDS_SERVER =
  'Search by meaning needs the search server: run `npm run dashboard` and open the page it prints. Title and keyword search works here.';

async function run(app: AppState, work: (signal: AbortSignal) => Promise<void>): Promise<void> {
  app.semanticAbort?.abort();
  const current = new AbortController();
  app.semanticAbort = current;
  app.semanticBusy = true;
  app.semanticError = null;
  try {
    await work(current.signal);
  } catch (error) {
    if (current.signal.aborted) return;
    app.semanticError = (error as Error).message;
  } finally {
    if (app.semanticAbort === current) app.semanticBusy = false;
  }
}

/**
 * Free-text search for `app.query` through the server. Marks the query as searched by meaning
 * (so a link restores it); while the server check has not answered, the search waits for it
 * (see {@link resumeMeaningSearch}), and on a static host the search panel says what it needs.
 */
export function runTextSearch(app: AppState): Promise<void> {
  const query = app.query.trim();
  if (!query) return Promise.resolve();
  app.meaning = true;
  if (app.server !== 'available') return Promise.resolve();
  return run(app, async (signal) => {
    const response = await searchText(query, app.semanticK, signal);
    app.semantic = { kind: 'text', query, results: response.results, method: response.method };
  });
}

/**
 * Runs the search by meaning a link (or an Enter pressed before the server answered) asked
 * for, once the server is there. Does nothing when its result is already shown.
 */
export function resumeMeaningSearch(app: AppState): void {
  const query = app.query.trim();
  if (!app.meaning || !query || app.server !== 'available' || app.semanticBusy) return;
  if (app.semantic?.kind === 'text' && app.semantic.query === query) return;
  void runTextSearch(app);
}

/** Nearest papers to the collected set, through the server when there is one. */
export function runSimilar(app: AppState, data: Dataset): Promise<void> {
  const ids = [...app.set];
  if (ids.length === 0) return Promise.resolve();
  const label = ids.map((id) => data.paper(id)?.title ?? id).join(' · ');
  if (app.server !== 'available') {
    return run(app, async () => {
      // The members' neighbours live in their detail files.
      const details = await Promise.all(ids.map((id) => data.details(id)));
      const neighbours = new Map(
        ids.map((id, i) => [
          id,
          details[i]!.related.map((entry) => ({
            id: data.papers[entry.row]!.id,
            score: entry.score,
          })),
        ]),
      );
      app.semantic = {
        kind: 'similar',
        query: label,
        results: similarFromRelated(ids, (id) => neighbours.get(id) ?? [], app.semanticK),
        method: STATIC_SIMILAR_METHOD,
      };
    });
  }
  return run(app, async (signal) => {
    const response = await similarTo(ids, app.semanticK, signal);
    app.semantic = {
      kind: 'similar',
      query: label,
      results: response.results,
      method: response.method,
    };
  });
}
