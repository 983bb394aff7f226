import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3';
import {
  DEFAULT_URL_STATE,
  decodeUrlState,
  encodeUrlState,
  type UrlState,
} from '../../src/lib/state/url-state.ts';

describe('URL state', () => {
  it('writes nothing for the default state', () => {
    expect(encodeUrlState(DEFAULT_URL_STATE)).toBe('');
    expect(decodeUrlState('')).toEqual({ state: DEFAULT_URL_STATE, ignored: [] });
  });

  it('round-trips a full state', () => {
    const state: UrlState = {
      view: 'trends',
      paper: 't:0123456789abcdef',
      focus: { kind: 'theme', id: 'model-merging' },
      range: { start: '2024-03-11', end: '2024-03-14' },
      query: 'merging & pruning, 100%',
      meaning: true,
      lod: 'fine',
      zoom: { k: 2.5, cx: 0.25, cy: 0.75 },
      trendSeries: 'themes',
      trendChart: 'multiples',
      trendPeriod: 'week',
      day: '2024-03-12',
      set: ['2403.00001', 't:abc'],
    };
    const encoded = encodeUrlState(state);
    expect(decodeUrlState(`?${encoded}`)).toEqual({ state, ignored: [] });
  });

  it('round-trips random states (rounding zoom to the written precision)', () => {
    const random = randomLcg(11);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    for (let i = 0; i < 200; i++) {
      const start = `2024-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 10)}`;
      const query = random() < 0.5 ? '' : `q ${random().toFixed(3)} ü/?&=#`;
      const state: UrlState = {
        view: pick(['map', 'trends', 'themes', 'digest'] as const),
        paper: random() < 0.5 ? null : `t:${Math.floor(random() * 1e9).toString(16)}`,
        focus:
          random() < 0.3
            ? null
            : random() < 0.5
              ? { kind: 'topic', id: Math.floor(random() * 300) }
              : { kind: 'theme', id: 'x-y' },
        range: random() < 0.5 ? null : { start, end: start.replace(/-1(\d)$/, '-2$1') },
        query,
        meaning: query !== '' && random() < 0.5,
        lod: pick(['broad', 'fine'] as const),
        zoom: random() < 0.5 ? null : { k: 0.5 + random() * 60, cx: random(), cy: random() },
        trendSeries: pick(['broad', 'fine', 'themes'] as const),
        trendChart: pick(['stacked', 'multiples'] as const),
        trendPeriod: pick(['week', 'month'] as const),
        day: random() < 0.5 ? null : start,
        set: random() < 0.5 ? [] : ['a', 'b:c', `${Math.floor(random() * 100)}`],
      };
      const decoded = decodeUrlState(encodeUrlState(state));
      expect(decoded.ignored).toEqual([]);
      const { zoom, ...rest } = decoded.state;
      const { zoom: expectedZoom, ...expectedRest } = state;
      expect(rest).toEqual(expectedRest);
      if (expectedZoom === null) expect(zoom).toBeNull();
      else {
        expect(zoom!.k).toBeCloseTo(expectedZoom.k, 3);
        expect(zoom!.cx).toBeCloseTo(expectedZoom.cx, 4);
        expect(zoom!.cy).toBeCloseTo(expectedZoom.cy, 4);
      }
    }
  });

  it('drops values that do not parse and names them', () => {
    const { state, ignored } = decodeUrlState(
      'view=graph&topic=abc&from=2024-03-14&to=2024-03-11&z=100,0.5,0.5&lod=medium&chart=pie&set=',
    );
    expect(state).toEqual(DEFAULT_URL_STATE);
    expect(ignored).toEqual([
      'view=graph',
      'topic=abc',
      'from=2024-03-14&to=2024-03-11',
      'lod=medium',
      'z=100,0.5,0.5',
      'chart=pie',
      'set=',
    ]);
  });

  it('refuses an over-long query', () => {
    const { state, ignored } = decodeUrlState(`q=${'a'.repeat(501)}`);
    expect(state.query).toBe('');
    expect(ignored).toHaveLength(1);
  });
});
