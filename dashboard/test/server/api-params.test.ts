import { describe, expect, it } from 'vitest';
import {
  API_LIMITS,
  BadRequest,
  parseK,
  parseSearchParams,
  parseSimilarParams,
} from '../../server/api-params.ts';

const params = (query: string) => new URLSearchParams(query);
const message = (work: () => unknown): string => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequest);
    return (error as Error).message;
  }
  throw new Error('expected a BadRequest');
};

describe('API parameters', () => {
  it('defaults k and bounds it', () => {
    expect(parseK(params(''))).toBe(API_LIMITS.defaultK);
    expect(parseK(params('k=1'))).toBe(1);
    expect(parseK(params('k=100'))).toBe(100);
    expect(message(() => parseK(params('k=0')))).toContain('k must be from 1 to 100');
    expect(message(() => parseK(params('k=101')))).toContain('got 101');
    expect(message(() => parseK(params('k=2.5')))).toContain('whole number');
    expect(message(() => parseK(params('k=-3')))).toContain('whole number');
  });

  it('requires a query of at most 500 characters', () => {
    expect(parseSearchParams(params('q=%20model%20merging%20&k=5'))).toEqual({
      q: 'model merging',
      k: 5,
    });
    expect(message(() => parseSearchParams(params('')))).toContain('q is missing');
    expect(message(() => parseSearchParams(params('q=%20%20')))).toContain('q is missing');
    expect(message(() => parseSearchParams(params(`q=${'x'.repeat(501)}`)))).toContain(
      'limit is 500',
    );
  });

  it('requires known, distinct ids, at most 50', () => {
    const known = (id: string) => id.startsWith('p');
    expect(parseSimilarParams(params('ids=p1,p2,p1,&k=3'), known)).toEqual({
      ids: ['p1', 'p2'],
      k: 3,
    });
    expect(message(() => parseSimilarParams(params('k=3'), known))).toContain('ids is missing');
    expect(message(() => parseSimilarParams(params('ids=p1,x9'), known))).toContain(
      'unknown paper id "x9"',
    );
    const many = Array.from({ length: 51 }, (_, i) => `p${i}`).join(',');
    expect(message(() => parseSimilarParams(params(`ids=${many}`), known))).toContain(
      'limit is 50',
    );
  });
});
