/**
 * The shipped flags on data with known truth: planted rises and falls must be caught soon after
 * their onset, and days in shuffled order (no time structure left) must raise almost no flag.
 */
import { describe, expect, it } from 'vitest';
import type { TrendScale } from '../../src/schema/artifacts.ts';
import { periodsOf, sumByPeriod, TREND_SCALES } from '../../src/trends/periods.ts';
import { DEFAULT_FLAG_OPTIONS, flagEveryPeriod } from '../../src/trends/trend-flags.ts';
import {
  DEFAULT_SYNTHETIC,
  detections,
  scoreDetections,
  shuffleDays,
  syntheticStreams,
  type SyntheticStreams,
} from './planted-series.ts';

function flagsAt(streams: SyntheticStreams, scale: TrendScale, options = DEFAULT_FLAG_OPTIONS) {
  const periods = periodsOf(streams.index, scale);
  const rows = new Map([...streams.rows].map(([key, row]) => [key, sumByPeriod(row, periods)]));
  return flagEveryPeriod(streams.index, periods, [{ kind: 'topic', rows }], options).flat();
}

describe('planted rises and falls (about 15 papers a page day, shares of 1–5 %, ×3 or ÷3)', () => {
  const streams = syntheticStreams(DEFAULT_SYNTHETIC);
  const history = TREND_SCALES.flatMap((scale) => flagsAt(streams, scale));
  const found = detections(history);
  const part = (prefix: string) =>
    streams.truth.filter((t) => t.key.startsWith(prefix) || t.onset === null);

  it('catches step rises and falls within 180 days, most within about a month', () => {
    for (const prefix of ['rise-', 'fall-']) {
      const score = scoreDetections(part(prefix), found);
      expect(score.planted).toBe(DEFAULT_SYNTHETIC.plantedPerKind);
      expect(score.missRate, prefix).toBeLessThanOrEqual(0.1);
      expect(score.medianDelay!, prefix).toBeLessThanOrEqual(45);
    }
  });

  it('catches slow ramps (×3 over 120 days) too, later', () => {
    const score = scoreDetections(part('ramp-'), found);
    expect(score.missRate).toBeLessThanOrEqual(0.15);
    expect(score.medianDelay!).toBeLessThanOrEqual(120);
  });

  it('misses no more and flags no later with the discrete correction than with plain BH', () => {
    const bh = detections(
      TREND_SCALES.flatMap((scale) =>
        flagsAt(streams, scale, { ...DEFAULT_FLAG_OPTIONS, correction: 'bh' }),
      ),
    );
    expect(DEFAULT_FLAG_OPTIONS.correction).toBe('discrete-bh');
    for (const prefix of ['rise-', 'fall-', 'ramp-']) {
      const shipped = scoreDetections(part(prefix), found);
      const plain = scoreDetections(part(prefix), bh);
      expect(shipped.missed, prefix).toBeLessThanOrEqual(plain.missed);
      expect(shipped.medianDelay!, prefix).toBeLessThanOrEqual(plain.medianDelay!);
    }
  });

  it('flags at most 5 % of the null series-periods', () => {
    const nullKeys = new Set(streams.truth.filter((t) => t.onset === null).map((t) => t.key));
    const nullTests = history.filter((f) => nullKeys.has(f.key) && f.status !== 'new');
    const nullFlags = nullTests.filter((f) => f.status !== 'steady');
    expect(nullTests.length).toBeGreaterThan(1000);
    expect(nullFlags.length / nullTests.length).toBeLessThanOrEqual(0.05);
  });
});

describe('shuffled-days null', () => {
  const streams = syntheticStreams(DEFAULT_SYNTHETIC);
  for (const seed of [1, 2]) {
    it(`flags at most 5 % of series-periods at every scale once the days are shuffled (seed ${seed})`, () => {
      const shuffled = shuffleDays(streams, seed);
      for (const scale of TREND_SCALES) {
        const tests = flagsAt(shuffled, scale).filter((f) => f.status !== 'new');
        const moving = tests.filter((f) => f.status !== 'steady');
        expect(tests.length, scale).toBeGreaterThan(100);
        expect(moving.length / tests.length, scale).toBeLessThanOrEqual(0.05);
      }
      // The same data in calendar order is flagged: the check can fail.
      const ordered = TREND_SCALES.flatMap((scale) => flagsAt(streams, scale));
      expect(
        ordered.filter((f) => f.status !== 'steady' && f.status !== 'new').length,
      ).toBeGreaterThan(50);
    });
  }
});
