import { describe, expect, it } from 'vitest';
import { hashUnits } from '../../src/topics/substring-ids.ts';
import { WordScanner } from '../../src/topics/word-scanner.ts';

/** Each word of `text` with the marks of the gap before it: `.` sentence, `,` phrase. */
function scan(text: string): string[] {
  const scanner = new WordScanner();
  scanner.reset(text);
  const out: string[] = [];
  while (scanner.next()) {
    const word = text.slice(scanner.start, scanner.end);
    expect(scanner.hash).toBe(hashUnits(text, scanner.start, scanner.end));
    out.push(`${scanner.sentenceMark ? '.' : ''}${scanner.phraseMark ? ',' : ''}${word}`);
  }
  return out;
}

describe('WordScanner', () => {
  it('keeps hyphenated compounds, apostrophes and decimal versions inside words', () => {
    expect(scan("Fine-tuning GPT-4.1 on ReaLHF’s and x's data-")).toEqual([
      'Fine-tuning',
      'GPT-4.1',
      'on',
      'ReaLHF’s',
      'and',
      "x's",
      'data',
    ]);
  });

  it('ends a word at a dot unless digits stand on both sides; any gap dot marks a sentence', () => {
    expect(scan('in 2024. We use v2.5 and a.b')).toEqual([
      'in',
      '2024',
      '.,We',
      'use',
      'v2.5',
      'and',
      'a',
      '.,b',
    ]);
  });

  it('marks sentence and phrase ends between words, not white space', () => {
    expect(scan('one\u00a0two\u200bthree! four (five)')).toEqual([
      'one',
      'two',
      ',three',
      '.,four',
      ',five',
    ]);
  });

  it('reads letters and digits beyond the Basic Multilingual Plane as one code point', () => {
    expect(scan('𝑥-axis 𝟏.𝟐 🚀 go')).toEqual(['𝑥-axis', '𝟏.𝟐', ',go']);
  });
});
