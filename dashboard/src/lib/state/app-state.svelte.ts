/**
 * Shared app state: one instance per app, handed to components through context
 * ({@link setAppState} / {@link getAppState}). The URL-backed part round-trips through
 * {@link UrlState}; the rest (hover, search results, server status) lives only in the page.
 */
import { getContext, setContext } from 'svelte';
import type { DayRange, TopicLevel } from '../data/dataset.ts';
import type { Dataset } from '../data/dataset.ts';
import type { ResultOrder } from '../search/result-order.ts';
import {
  DEFAULT_URL_STATE,
  MAX_SET_SIZE,
  type Focus,
  type MapView,
  type TrendChart,
  type TrendPeriod,
  type TrendSeriesKind,
  type UrlState,
  type View,
} from './url-state.ts';

/** A paper found by the search API, with its cosine score. */
export interface ScoredPaper {
  id: string;
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

/** The result of a semantic query (free text or similar-to-set). */
export interface SemanticResult {
  kind: 'text' | 'similar';
  /** The text searched, or the ids the neighbours were computed for. */
  query: string;
  results: ScoredPaper[];
  /** How the neighbours were found, shown under the results. */
  method: string;
}

/** Papers asked for per search by meaning unless the reader picks another k. */
export const SEMANTIC_K_DEFAULT = 20;

/** Whether the search API is there. `unknown` until the first health check answers. */
export type ServerStatus = 'unknown' | 'available' | 'static';

export class AppState {
  view = $state<View>(DEFAULT_URL_STATE.view);
  paper = $state<string | null>(null);
  focus = $state<Focus | null>(null);
  range = $state<DayRange | null>(null);
  query = $state('');
  /** The query is (to be) searched by meaning as well; see {@link UrlState.meaning}. */
  meaning = $state(false);
  lod = $state<TopicLevel>(DEFAULT_URL_STATE.lod);
  zoom = $state<MapView | null>(null);
  trendSeries = $state<TrendSeriesKind>(DEFAULT_URL_STATE.trendSeries);
  trendChart = $state<TrendChart>(DEFAULT_URL_STATE.trendChart);
  trendPeriod = $state<TrendPeriod>(DEFAULT_URL_STATE.trendPeriod);
  /** Day of the daily digest; null = the latest page day. */
  day = $state<string | null>(DEFAULT_URL_STATE.day);
  set = $state<string[]>([]);

  /** Paper under the pointer on the map, by id. */
  hovered = $state<string | null>(null);
  semantic = $state<SemanticResult | null>(null);
  /** Papers asked for per search by meaning (1–100, default 20). */
  semanticK = $state(SEMANTIC_K_DEFAULT);
  /** Lowest similarity of a search-by-meaning result still shown, in [0, 1] (default 0). */
  minScore = $state(0);
  /** Search results in the panel: best first, newest first, or most upvoted first. */
  resultOrder = $state<ResultOrder>('score');
  /** Search results only from the selected days. */
  onlyRange = $state(false);
  /** A semantic query is running. */
  semanticBusy = $state(false);
  /** Why the last semantic query failed, for the reader. */
  semanticError = $state<string | null>(null);
  /** Cancels the semantic query in flight (not reactive). */
  semanticAbort: AbortController | null = null;
  server = $state<ServerStatus>('unknown');
  /** A new pipeline run replaced the data this page loaded (a reload shows it). */
  newRun = $state(false);
  /** Messages about the URL or the data worth showing once, newest last. */
  notices = $state<string[]>([]);

  /** The URL-backed part, as a plain value. */
  snapshot(): UrlState {
    return {
      view: this.view,
      paper: this.paper,
      focus: this.focus,
      range: this.range,
      query: this.query,
      meaning: this.meaning,
      lod: this.lod,
      zoom: this.zoom,
      trendSeries: this.trendSeries,
      trendChart: this.trendChart,
      trendPeriod: this.trendPeriod,
      day: this.day,
      set: [...this.set],
    };
  }

  /** Replaces the URL-backed part. */
  apply(state: UrlState): void {
    this.view = state.view;
    this.paper = state.paper;
    this.focus = state.focus;
    this.range = state.range;
    this.query = state.query;
    this.meaning = state.meaning;
    this.lod = state.lod;
    this.zoom = state.zoom;
    this.trendSeries = state.trendSeries;
    this.trendChart = state.trendChart;
    this.trendPeriod = state.trendPeriod;
    this.day = state.day;
    this.set = [...state.set];
  }

  /**
   * Drops the parts of the state that name things the data does not have (a paper, topic or
   * theme from another run) and records a notice for each.
   */
  reconcile(dataset: Dataset): void {
    if (this.paper && !dataset.paper(this.paper)) {
      this.notices.push(`The link names paper ${this.paper}, which is not in this data.`);
      this.paper = null;
    }
    const focus = this.focus;
    if (focus?.kind === 'topic' && !dataset.topic(focus.id)) {
      this.notices.push(`The link names topic ${focus.id}, which is not in this data.`);
      this.focus = null;
    }
    if (focus?.kind === 'theme' && !dataset.theme(focus.id)) {
      this.notices.push(`The link names theme “${focus.id}”, which is not in this data.`);
      this.focus = null;
    }
    const unknown = this.set.filter((id) => !dataset.paper(id));
    if (unknown.length > 0) {
      this.notices.push(`${unknown.length} paper(s) of the linked set are not in this data.`);
      this.set = this.set.filter((id) => dataset.paper(id));
    }
    if (this.range) this.#reconcileRange(dataset);
    if (this.lod === 'broad' && !dataset.hasBroadTopics) this.lod = 'fine';
  }

  /** A linked day range outside the data is dropped, one reaching past it is trimmed. */
  #reconcileRange(dataset: Dataset): void {
    const range = this.range!;
    const full = dataset.fullRange;
    const named = `${range.start} – ${range.end}`;
    if (!full || range.end < full.start || range.start > full.end) {
      this.notices.push(
        full
          ? `The link's day range ${named} lies outside the data (${full.start} – ${full.end}): showing all days.`
          : `The link's day range ${named} was ignored: no paper in this data has a date.`,
      );
      this.range = null;
      return;
    }
    if (range.start < full.start || range.end > full.end) {
      const start = range.start < full.start ? full.start : range.start;
      const end = range.end > full.end ? full.end : range.end;
      this.notices.push(
        `The link's day range ${named} reaches past the data (${full.start} – ${full.end}): showing ${start} – ${end}.`,
      );
      this.range = { start, end };
    }
  }

  /** Opens a paper in the detail panel (null closes it). */
  openPaper(id: string | null): void {
    this.paper = id;
  }

  /** Highlights a topic or theme; focusing the focused one again clears it. */
  toggleFocus(focus: Focus): void {
    const same = this.focus?.kind === focus.kind && this.focus.id === focus.id;
    this.focus = same ? null : focus;
  }

  setRange(range: DayRange | null): void {
    const same =
      range !== null &&
      this.range !== null &&
      range.start === this.range.start &&
      range.end === this.range.end;
    if (!same) this.range = range;
  }

  /** Adds a paper to the set, or removes it when already there. Capped at {@link MAX_SET_SIZE}. */
  toggleInSet(id: string): void {
    if (this.set.includes(id)) this.set = this.set.filter((other) => other !== id);
    else if (this.set.length < MAX_SET_SIZE) this.set = [...this.set, id];
  }

  dismissNotice(index: number): void {
    this.notices = this.notices.filter((_, i) => i !== index);
  }
}

const STATE_KEY = Symbol('app-state');
const DATA_KEY = Symbol('dataset');
const COLORS_KEY = Symbol('colors');

/** Colours of topics (by id) and watch-list themes (by id). */
export interface Colors {
  topics: ReadonlyMap<number, string>;
  themes: ReadonlyMap<string, string>;
}

/** Makes the state available to descendants; call once in the root component. */
export function setAppState(state: AppState): AppState {
  return setContext(STATE_KEY, state);
}

export function getAppState(): AppState {
  const state = getContext<AppState | undefined>(STATE_KEY);
  if (!state) throw new Error('AppState missing from context: render inside <App>.');
  return state;
}

/** Makes the loaded data available to descendants. */
export function setDataset(dataset: Dataset): Dataset {
  return setContext(DATA_KEY, dataset);
}

export function getDataset(): Dataset {
  const dataset = getContext<Dataset | undefined>(DATA_KEY);
  if (!dataset) throw new Error('Dataset missing from context: render after loading the data.');
  return dataset;
}

/** Makes the topic and theme colours available to descendants. */
export function setColors(colors: Colors): Colors {
  return setContext(COLORS_KEY, colors);
}

export function getColors(): Colors {
  const colors = getContext<Colors | undefined>(COLORS_KEY);
  if (!colors) throw new Error('Colors missing from context: render after loading the data.');
  return colors;
}
