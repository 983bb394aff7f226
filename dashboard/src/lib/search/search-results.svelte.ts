/**
 * What the current search found, shared by the search panel (the lists) and the map (which
 * dims everything else and rings the closest papers by score): title and topic-keyword
 * matches for the search text, and the results of the last search by meaning, cut at the
 * reader's lowest score, filtered to the selected days on request and sorted by score, date or
 * upvotes (result-order.ts).
 */
import { getContext, setContext } from 'svelte';
import type { PaperSummary } from '../data/browser-format.ts';
import type { Dataset } from '../data/dataset.ts';
import type { AppState, ScoredPaper } from '../state/app-state.svelte.ts';
import { orderResults } from './result-order.ts';
import { TextSearch, type TextSearchResult } from './text-search.ts';

/** Title results listed in the panel. */
export const TITLE_LIST_LIMIT = 30;

const EMPTY: TextSearchResult = { papers: [], all: [], total: 0, topics: [] };

/** A search-by-meaning result with its paper and row. */
export interface MeaningHit extends ScoredPaper {
  row: number;
  paper: PaperSummary;
}

/** The search results of the page; one per app, in context. */
export class SearchResults {
  readonly #app: AppState;
  readonly #data: Dataset;
  #index: TextSearch | null = null;

  constructor(app: AppState, data: Dataset) {
    this.#app = app;
    this.#data = data;
  }

  /** Title and topic matches of the search text (all of them; the panel lists the first few). */
  readonly title: TextSearchResult = $derived.by(() => {
    const query = this.#app.query;
    if (!query.trim()) return EMPTY;
    // Built on the first search, not before the first map frame.
    this.#index ??= new TextSearch(this.#data.papers, [
      ...this.#data.broadTopics,
      ...this.#data.fineTopics,
    ]);
    return this.#index.search(query, TITLE_LIST_LIMIT);
  });

  /** Search-by-meaning results at or above the lowest score, in the server's order. */
  readonly meaning: readonly MeaningHit[] = $derived.by(() => {
    const results = this.#app.semantic?.results ?? [];
    const min = this.#app.minScore;
    return results.flatMap((hit) => {
      const row = this.#data.rowOf(hit.id);
      return row >= 0 && hit.score >= min ? [{ ...hit, row, paper: this.#data.papers[row]! }] : [];
    });
  });

  /** Whether a search is showing (its matches are what the map emphasizes). */
  readonly active: boolean = $derived.by(() => this.title.total > 0 || this.#app.semantic !== null);

  /** Rows the map shows in full colour while a search is active; null when none is. */
  readonly mapRows: ReadonlySet<number> | null = $derived.by(() => {
    if (!this.active) return null;
    // A fresh value per change (not a reactive set): the map rebuilds its layers from it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    return new Set<number>([
      ...this.title.all.map((hit) => hit.row),
      ...this.meaning.map((hit) => hit.row),
    ]);
  });

  /** The search-by-meaning list as shown: filtered to the days on request, then sorted. */
  readonly meaningList: readonly MeaningHit[] = $derived.by(() =>
    this.#ordered(this.meaning, (hit) => hit.paper),
  );

  /** The title list as shown (at most {@link TITLE_LIST_LIMIT}). */
  readonly titleList: readonly PaperSummary[] = $derived.by(() =>
    this.#ordered(
      this.title.all.map((hit) => this.#data.papers[hit.row]!),
      (paper) => paper,
    ).slice(0, TITLE_LIST_LIMIT),
  );

  #ordered<T>(items: readonly T[], paperOf: (item: T) => PaperSummary): T[] {
    const range = this.#app.onlyRange ? this.#app.range : null;
    return orderResults(items, paperOf, this.#app.resultOrder, range);
  }
}

const KEY = Symbol('search-results');

/** Makes the search results available to descendants; call once in the root component. */
export function setSearchResults(results: SearchResults): SearchResults {
  return setContext(KEY, results);
}

export function getSearchResults(): SearchResults {
  const results = getContext<SearchResults | undefined>(KEY);
  if (!results) throw new Error('SearchResults missing from context: render inside <Dashboard>.');
  return results;
}
