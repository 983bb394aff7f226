import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay, parsePageDate } from '../../src/ingest/iso-day.ts';

describe('isoDay', () => {
  it('pads and checks the calendar', () => {
    expect(isoDay(2024, 3, 7)).toBe('2024-03-07');
    expect(isoDay(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDay(2023, 2, 29)).toBeNull();
    expect(isoDay(1900, 2, 29)).toBeNull();
    expect(isoDay(2000, 2, 29)).toBe('2000-02-29');
    expect(isoDay(2024, 4, 31)).toBeNull();
    expect(isoDay(2024, 13, 1)).toBeNull();
    expect(isoDay(24, 3, 1)).toBeNull();
  });
});

describe('parseIsoDay', () => {
  it('reads a day or the day part of a timestamp, as written', () => {
    expect(parseIsoDay('2024-03-17')).toBe('2024-03-17');
    expect(parseIsoDay('2024-05-24T23:34:15.000-05:00')).toBe('2024-05-24');
    expect(parseIsoDay('2024-02-30')).toBeNull();
    expect(parseIsoDay('17/03/2024')).toBeNull();
    expect(parseIsoDay('2024-03-170')).toBeNull();
  });
});

describe('parsePageDate', () => {
  it.each([
    ['Mar 17', { month: 3, day: 17, year: null }],
    ['mar 17', { month: 3, day: 17, year: null }],
    ['March 17', { month: 3, day: 17, year: null }],
    ['Mar 17, 2024', { month: 3, day: 17, year: 2024 }],
    ['March 17 2024', { month: 3, day: 17, year: 2024 }],
    ['Sept. 3rd', { month: 9, day: 3, year: null }],
    ['17 March 2024', { month: 3, day: 17, year: 2024 }],
    ['2024-03-17', { month: 3, day: 17, year: 2024 }],
  ])('reads %j', (line, date) => {
    expect(parsePageDate(line)).toEqual(date);
  });

  it.each([
    'Subscribe',
    'Mar',
    'Marching 17',
    'Mar 17 and more',
    'May the force be with you',
    '17',
  ])('does not take %j for a date line', (line) => {
    expect(parsePageDate(line)).toBeNull();
  });
});
