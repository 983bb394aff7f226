import { describe, expect, it } from 'vitest';
import { hashUnits, SubstringIds } from '../../src/topics/substring-ids.ts';

describe('SubstringIds', () => {
  it('gives equal substrings one id, in order of first sight, wherever they sit', () => {
    const ids = new SubstringIds();
    const text = 'model merging; model, merging and models';
    expect(ids.id(text, 0, 5)).toBe(0); // "model"
    expect(ids.id(text, 6, 13)).toBe(1); // "merging"
    expect(ids.id(text, 15, 20)).toBe(0);
    expect(ids.id(text, 22, 29)).toBe(1);
    expect(ids.id(text, 34, 40)).toBe(2); // "models", a prefix of which is "model"
    expect(ids.id('xmodelx', 1, 6)).toBe(0);
    expect(ids.strings).toEqual(['model', 'merging', 'models']);
  });

  it('tells substrings apart when their hashes collide', () => {
    const ids = new SubstringIds();
    const words = ['alpha', 'beta', 'gamma', 'alphb', 'alpha'];
    const got = words.map((word) => ids.id(word, 0, word.length, 42));
    expect(got).toEqual([0, 1, 2, 3, 0]);
  });

  it('keeps every id through the table growing', () => {
    const ids = new SubstringIds();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
    words.forEach((word, i) => expect(ids.id(word, 0, word.length)).toBe(i));
    words.forEach((word, i) => expect(ids.id(`(${word})`, 1, word.length + 1)).toBe(i));
    expect(ids.strings.length).toBe(words.length);
  });

  it('hashes the same units the same way at any position', () => {
    expect(hashUnits('xx GPT-4.1', 3, 10)).toBe(hashUnits('GPT-4.1', 0, 7));
    expect(hashUnits('GPT-4.1', 0, 7)).not.toBe(hashUnits('GPT-4.2', 0, 7));
  });
});
