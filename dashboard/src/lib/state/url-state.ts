/**
 * The shareable part of the app state, and its round trip through the URL query string.
 * Defaults are left out of the URL, keys are written in a fixed order, and a value that does
 * not parse is dropped and named in `ignored` so that the app can say so.
 */
import type { DayRange, TopicLevel } from '../data/dataset.ts';

/** The main views. */
export type View = 'map' | 'trends' | 'themes' | 'digest';
export const VIEWS: readonly View[] = ['map', 'trends', 'themes', 'digest'];

/** A highlighted topic (fine or broad, by id) or watch-list theme (by id). */
export type Focus = { kind: 'topic'; id: number } | { kind: 'theme'; id: string };

/**
 * Map zoom independent of the screen size: scale factor `k` (1 = whole map fits, range
 * 0.5–64) and the map point at the centre of the view, `cx`/`cy` in [0, 1].
 */
export interface MapView {
  k: number;
  cx: number;
  cy: number;
}

/** Which series the trends view shows. */
export type TrendSeriesKind = 'broad' | 'fine' | 'themes';
/** How the trends view draws them. */
export type TrendChart = 'stacked' | 'multiples';
/** Periods the trends view aggregates days into. */
export type TrendPeriod = 'week' | 'month';

/** Everything a link restores. */
export interface UrlState {
  view: View;
  /** Open paper id. */
  paper: string | null;
  focus: Focus | null;
  /** Day-range filter, inclusive. */
  range: DayRange | null;
  /** Search box text. */
  query: string;
  /** The search text was also searched by meaning (needs the search server). */
  meaning: boolean;
  /** Map level of detail. */
  lod: TopicLevel;
  /** Map zoom; null = whole map. */
  zoom: MapView | null;
  trendSeries: TrendSeriesKind;
  trendChart: TrendChart;
  trendPeriod: TrendPeriod;
  /** Day of the daily digest (ISO); null = the latest page day. */
  day: string | null;
  /** Papers collected for "similar to this set", in the order they were added. */
  set: string[];
}

/** The state of a fresh visit. */
export const DEFAULT_URL_STATE: UrlState = {
  view: 'map',
  paper: null,
  focus: null,
  range: null,
  query: '',
  meaning: false,
  lod: 'broad',
  zoom: null,
  trendSeries: 'broad',
  trendChart: 'stacked',
  trendPeriod: 'month',
  day: null,
  set: [],
};

/** Longest search text kept from a URL, in characters. */
export const MAX_QUERY_LENGTH = 500;
/** Most papers kept in a set from a URL. */
export const MAX_SET_SIZE = 50;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The query string (without `?`) for a state; empty for the default state. */
export function encodeUrlState(state: UrlState): string {
  const params = new URLSearchParams();
  if (state.view !== 'map') params.set('view', state.view);
  if (state.paper) params.set('paper', state.paper);
  if (state.focus) params.set(state.focus.kind, String(state.focus.id));
  if (state.range) {
    params.set('from', state.range.start);
    params.set('to', state.range.end);
  }
  if (state.query) params.set('q', state.query);
  if (state.query && state.meaning) params.set('meaning', '1');
  if (state.lod !== 'broad') params.set('lod', state.lod);
  if (state.zoom) {
    const { k, cx, cy } = state.zoom;
    params.set('z', `${round(k, 3)},${round(cx, 4)},${round(cy, 4)}`);
  }
  if (state.trendSeries !== 'broad') params.set('series', state.trendSeries);
  if (state.trendChart !== 'stacked') params.set('chart', state.trendChart);
  if (state.trendPeriod !== 'month') params.set('period', state.trendPeriod);
  if (state.day) params.set('day', state.day);
  if (state.set.length > 0) params.set('set', state.set.join(','));
  return params.toString();
}

/** A decoded URL: the state, and the parameters that were dropped because they did not parse. */
export interface DecodedUrlState {
  state: UrlState;
  /** `name=value` of each dropped parameter. */
  ignored: string[];
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Parses a query string (with or without `?`). Unknown parameters are ignored silently. */
export function decodeUrlState(search: string): DecodedUrlState {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const state: UrlState = { ...DEFAULT_URL_STATE, set: [] };
  const ignored: string[] = [];
  const take = <T>(
    name: string,
    parse: (raw: string) => T | undefined,
    apply: (value: T) => void,
  ) => {
    const raw = params.get(name);
    if (raw === null) return;
    const value = parse(raw);
    if (value === undefined) ignored.push(`${name}=${raw}`);
    else apply(value);
  };

  take(
    'view',
    (raw) => oneOf(raw, VIEWS),
    (value) => (state.view = value),
  );
  take(
    'paper',
    (raw) => (raw.length > 0 && raw.length <= 64 ? raw : undefined),
    (value) => (state.paper = value),
  );
  take(
    'topic',
    (raw) => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined),
    (id) => (state.focus = { kind: 'topic', id }),
  );
  take(
    'theme',
    (raw) => (/^[a-z0-9][a-z0-9-]{0,63}$/i.test(raw) ? raw : undefined),
    (id) => (state.focus = { kind: 'theme', id }),
  );
  const from = params.get('from');
  const to = params.get('to');
  if (from !== null || to !== null) {
    if (from && to && ISO_DAY.test(from) && ISO_DAY.test(to) && from <= to) {
      state.range = { start: from, end: to };
    } else {
      ignored.push(`from=${from ?? ''}&to=${to ?? ''}`);
    }
  }
  take(
    'q',
    (raw) => (raw.length <= MAX_QUERY_LENGTH ? raw : undefined),
    (value) => (state.query = value),
  );
  take(
    'meaning',
    (raw) => (raw === '1' ? true : undefined),
    (value) => (state.meaning = value && state.query.length > 0),
  );
  take(
    'lod',
    (raw) => oneOf(raw, ['broad', 'fine'] as const),
    (value) => (state.lod = value),
  );
  take(
    'z',
    (raw) => {
      const parts = raw.split(',').map(Number);
      const [k, cx, cy] = parts;
      if (parts.length !== 3 || k === undefined || cx === undefined || cy === undefined)
        return undefined;
      if (!(k >= 0.5 && k <= 64) || !(cx >= -1 && cx <= 2) || !(cy >= -1 && cy <= 2))
        return undefined;
      return { k, cx, cy };
    },
    (value) => (state.zoom = value),
  );
  take(
    'series',
    (raw) => oneOf(raw, ['broad', 'fine', 'themes'] as const),
    (value) => (state.trendSeries = value),
  );
  take(
    'chart',
    (raw) => oneOf(raw, ['stacked', 'multiples'] as const),
    (value) => (state.trendChart = value),
  );
  take(
    'period',
    (raw) => oneOf(raw, ['week', 'month'] as const),
    (value) => (state.trendPeriod = value),
  );
  take(
    'day',
    (raw) => (ISO_DAY.test(raw) ? raw : undefined),
    (value) => (state.day = value),
  );
  take(
    'set',
    (raw) => {
      const ids = [...new Set(raw.split(',').filter((id) => id.length > 0 && id.length <= 64))];
      return ids.length > 0 && ids.length <= MAX_SET_SIZE ? ids : undefined;
    },
    (value) => (state.set = value),
  );
  return { state, ignored };
}
