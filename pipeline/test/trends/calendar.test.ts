import { afterEach, describe, expect, it } from 'vitest';
import { addDays, calendarDays, dayNumber, isoDay } from '../../src/trends/calendar.ts';

describe('calendar', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('numbers days from 1970-01-01 and back', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2024-03-11')).toBe(19793);
    expect(isoDay(19793)).toBe('2024-03-11');
    for (let n = 19000; n < 21000; n += 37) expect(dayNumber(isoDay(n))).toBe(n);
  });

  it('crosses month, leap-day and year boundaries', () => {
    expect(calendarDays('2024-02-27', '2024-03-02')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
      '2024-03-02',
    ]);
    expect(calendarDays('2025-12-30', '2026-01-02')).toEqual([
      '2025-12-30',
      '2025-12-31',
      '2026-01-01',
      '2026-01-02',
    ]);
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(calendarDays('2024-03-02', '2024-03-01')).toEqual([]);
  });

  it('gives the same days in every time zone, across daylight-saving changes', () => {
    const results = ['UTC', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago'].map(
      (tz) => {
        process.env.TZ = tz;
        return [calendarDays('2024-03-09', '2024-03-12'), calendarDays('2024-10-26', '2024-10-28')];
      },
    );
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]![0]).toHaveLength(4);
    expect(results[0]![1]).toHaveLength(3);
  });

  it('rejects anything that is not a real ISO day', () => {
    for (const bad of ['2024-02-30', '2023-02-29', '2024-3-1', '2024-13-01', 'Mar 17', '']) {
      expect(() => dayNumber(bad), bad).toThrow(/not an ISO day/);
    }
  });
});
