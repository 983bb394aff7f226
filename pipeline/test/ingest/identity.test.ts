import { describe, expect, it } from 'vitest';
import { arxivUrl, normalizeArxivId, titleId, titleKey } from '../../src/ingest/identity.ts';

describe('normalizeArxivId', () => {
  it.each([
    ['2403.12345', '2403.12345'],
    ['2403.12345v2', '2403.12345'],
    ['1501.0001v1', '1501.0001'],
    ['arXiv:2403.12345v3', '2403.12345'],
    ['  ARXIV: 2403.12345 ', '2403.12345'],
    ['https://arxiv.org/abs/2403.12345v2', '2403.12345'],
    ['http://arxiv.org/pdf/2403.12345v1.pdf', '2403.12345'],
    ['https://huggingface.co/papers/2403.12345', '2403.12345'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math.GT/0309136'],
    ['arxiv.org/abs/cs/0112017', 'cs/0112017'],
  ])('reads %s as %s', (raw, id) => {
    expect(normalizeArxivId(raw)).toBe(id);
  });

  it.each([
    '',
    '12345',
    '2403.123',
    'paper-17',
    'https://example.org/abs/2403.12345',
    '2403.12345v',
  ])('refuses %j', (raw) => {
    expect(normalizeArxivId(raw)).toBeNull();
  });

  it('links to the abstract page', () => {
    expect(arxivUrl('2403.12345')).toBe('https://arxiv.org/abs/2403.12345');
  });
});

describe('titleKey and titleId', () => {
  it('collapses case, punctuation, spacing and accents', () => {
    const variants = [
      'PFGM++: Unlocking the Potential of Physics-Inspired Generative Models',
      'pfgm unlocking the potential of physics inspired generative models',
      '  PFGM++ —  Unlocking the Potential of Physics‐Inspired Generative Models. ',
      'ＰＦＧＭ++: Unlocking the Potential of Physics-Inspired Generative Models',
    ];
    const keys = new Set(variants.map(titleKey));
    expect([...keys]).toEqual([
      'pfgm unlocking the potential of physics inspired generative models',
    ]);
    expect(titleKey('Multi-marginal Schrödinger Bridges')).toBe(
      titleKey('Multi marginal Schrodinger bridges'),
    );
  });

  it('tells different titles apart', () => {
    expect(titleKey('Go Wider Instead of Deeper')).not.toBe(titleKey('Go Deeper Instead of Wider'));
  });

  it('makes a 16-hex-digit id from the key', () => {
    expect(titleId(titleKey('Go Wider Instead of Deeper'))).toMatch(/^t:[0-9a-f]{16}$/);
    expect(titleId('go wider instead of deeper')).toBe(
      titleId(titleKey('GO WIDER, instead of deeper!')),
    );
  });

  it('still keys a title made only of punctuation', () => {
    expect(titleKey('???')).toBe('???');
  });
});
