import { describe, expect, it } from 'vitest';
import { excerptOf, joinWrappedLines, normalizeText } from '../../src/ingest/normalize.ts';

describe('normalizeText', () => {
  it('collapses every kind of whitespace to one space and trims', () => {
    expect(normalizeText('  a\tb\u00A0\u00A0c\r\nd\u2009e\u3000 ')).toBe('a b c d e');
  });

  it('composes to NFC', () => {
    expect(normalizeText('Schro\u0308dinger')).toBe('Schr\u00F6dinger');
  });

  it('drops invisible characters and turns control characters into spaces', () => {
    expect(normalizeText('zero\u200Bwidth soft\u00ADhyphen \uFEFFbom')).toBe(
      'zerowidth softhyphen bom',
    );
    expect(normalizeText('bell\u0007here and \u200B there')).toBe('bell here and there');
  });

  it('leaves tidy text unchanged', () => {
    const tidy = 'Parameter Competition Balancing for Model Merging';
    expect(normalizeText(tidy)).toBe(tidy);
  });
});

describe('joinWrappedLines', () => {
  it('joins a wrapped paragraph with single spaces', () => {
    expect(
      joinWrappedLines(['Global Vision Transformer Pruning  ', '  with Hessian-Aware', 'Saliency']),
    ).toBe('Global Vision Transformer Pruning with Hessian-Aware Saliency');
  });

  it('keeps a line-end hyphen and joins without a space', () => {
    expect(joinWrappedLines(['state-of-', 'the-art results'])).toBe('state-of-the-art results');
    expect(joinWrappedLines(['Vision-', 'Language Models and GPT-', '4'])).toBe(
      'Vision-Language Models and GPT-4',
    );
  });

  it('keeps a space after a hyphen that does not end a word', () => {
    expect(joinWrappedLines(['results -', 'and more'])).toBe('results - and more');
    expect(joinWrappedLines(['pre- and', 'post-training'])).toBe('pre- and post-training');
  });
});

describe('excerptOf', () => {
  it('cuts to 200 characters', () => {
    expect(excerptOf('x'.repeat(500))).toHaveLength(200);
    expect(excerptOf('  short\ntext ')).toBe('short text');
  });
});
