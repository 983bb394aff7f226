import { describe, expect, it } from 'vitest';
import { roundScore } from '../../src/index/related.ts';

describe('roundScore', () => {
  it('rounds to 4 decimals without negative zero', () => {
    expect(roundScore(0.123456)).toBe(0.1235);
    expect(roundScore(0.91236)).toBe(0.9124);
    expect(Object.is(roundScore(-0.00001), 0)).toBe(true);
  });
});
