import { describe, expect, it } from 'vitest';
import { PairTable } from '../../src/topics/pair-table.ts';

describe('PairTable', () => {
  it('stores and finds pairs as a Map keyed by the pair does, through growth', () => {
    const table = new PairTable(4);
    const reference = new Map<string, number>();
    let state = 11;
    const next = (n: number) => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let i = 0; i < 5000; i++) {
      const [a, b, value] = [next(300), next(300), next(1_000_000)];
      table.set(a, b, value);
      reference.set(`${a},${b}`, value);
    }
    expect(table.size).toBe(reference.size);
    for (let a = 0; a < 300; a++) {
      for (let b = 0; b < 300; b++) expect(table.get(a, b)).toBe(reference.get(`${a},${b}`) ?? -1);
    }
  });

  it('tells (a, b) from (b, a) and keeps large ids apart', () => {
    const table = new PairTable();
    table.set(1, 2, 7);
    table.set(2_000_000_000, 3, 8);
    expect(table.get(2, 1)).toBe(-1);
    expect(table.get(1, 2)).toBe(7);
    expect(table.get(2_000_000_000, 3)).toBe(8);
    expect(table.get(3, 2_000_000_000)).toBe(-1);
  });
});
