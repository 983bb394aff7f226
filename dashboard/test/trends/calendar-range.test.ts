import { describe, expect, it } from 'vitest';
import { dayBox, rangePositions } from '../../src/lib/trends/calendar-range.ts';
import { dayScale } from '../../src/lib/trends/trend-model.ts';

describe('calendar range', () => {
  const calendar = ['2025-01-01', '2025-01-02', '2025-01-03', '2025-01-04'];

  it('maps a day range to inclusive calendar positions', () => {
    expect(rangePositions(calendar, { start: '2025-01-02', end: '2025-01-04' })).toEqual([1, 3]);
    expect(rangePositions(calendar, { start: '2025-01-03', end: '2025-01-03' })).toEqual([2, 2]);
  });

  it('has no positions without a range or for a day off the calendar', () => {
    expect(rangePositions(calendar, null)).toBeNull();
    expect(rangePositions(calendar, { start: '2024-12-31', end: '2025-01-02' })).toBeNull();
    expect(rangePositions(calendar, { start: '2025-01-01', end: '2025-02-01' })).toBeNull();
  });

  it('boxes whole days: from the first day’s left edge to the last day’s right edge', () => {
    // Four days over 400 px: 100 px a day.
    const x = dayScale(calendar.length, 400);
    expect(dayBox(x, [1, 2])).toEqual({ x: 100, width: 200 });
    expect(dayBox(x, [0, 3])).toEqual({ x: 0, width: 400 });
  });
});
