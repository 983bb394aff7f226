import { describe, expect, it } from 'vitest';
import {
  EARLIEST_DAY,
  implausibleDay,
  plausibleDayRange,
  utcToday,
} from '../../src/ingest/plausible-day.ts';
import { jsonDepth } from '../../src/ingest/json-lines.ts';

describe('plausible days', () => {
  it('runs from 1991 to three days after today, across month and year ends', () => {
    expect(plausibleDayRange('2024-12-30')).toEqual({ first: EARLIEST_DAY, last: '2025-01-02' });
    expect(plausibleDayRange('2024-02-27')).toEqual({ first: EARLIEST_DAY, last: '2024-03-01' });
  });

  it('says why a day is outside, and nothing for a day inside or without a range', () => {
    const range = plausibleDayRange('2024-06-01');
    expect(implausibleDay('2024-06-04', range)).toBeNull();
    expect(implausibleDay('1991-01-01', range)).toBeNull();
    expect(implausibleDay('2024-06-05', range)).toMatch(/after 2024-06-04/);
    expect(implausibleDay('1990-12-31', range)).toMatch(/before 1991-01-01/);
    expect(implausibleDay('9999-12-31', undefined)).toBeNull();
  });

  it('takes today in UTC', () => {
    expect(utcToday(new Date('2024-03-17T23:59:59-05:00'))).toBe('2024-03-18');
  });
});

describe('jsonDepth', () => {
  it('counts nesting, not brackets inside strings, and stops past the limit', () => {
    expect(jsonDepth('{"a": [1, {"b": "[[[["}]}')).toBe(3);
    expect(jsonDepth('"[[[" ')).toBe(0);
    expect(jsonDepth('"\\"[[" ')).toBe(0);
    expect(jsonDepth('['.repeat(5000), 64)).toBe(65);
  });
});
