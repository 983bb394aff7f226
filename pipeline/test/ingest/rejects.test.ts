import { describe, expect, it } from 'vitest';
import { reject, rejectWarnings } from '../../src/ingest/rejects.ts';

describe('reject', () => {
  it('keeps an excerpt of the offending text only when there is some', () => {
    expect(reject('a.txt', 3, 'no-abstract', 'title with no abstract', '  A   Title ')).toEqual({
      source: { file: 'a.txt', line: 3 },
      reason: 'no-abstract',
      message: 'title with no abstract',
      excerpt: 'A Title',
    });
    expect(reject('a.txt', 0, 'empty', 'empty file')).not.toHaveProperty('excerpt');
  });
});

describe('rejectWarnings', () => {
  it('writes file:line: problem, what happened (see rejects.json)', () => {
    expect(
      rejectWarnings([
        reject('seeds/foo.txt', 41, 'no-abstract', 'title with no abstract'),
        reject('junk.bin', 0, 'binary', 'binary data'),
      ]),
    ).toEqual([
      'seeds/foo.txt:41: title with no abstract, skipped (see rejects.json)',
      'junk.bin: binary data, file skipped (see rejects.json)',
    ]);
  });

  it('sums up past five rejects of one reason in one file', () => {
    const many = Array.from({ length: 8 }, (_, i) => reject('p.txt', i + 1, 'no-year', 'no year'));
    const lines = rejectWarnings([...many, reject('p.txt', 20, 'no-title', 'no title')]);
    expect(lines).toHaveLength(7);
    expect(lines.at(-1)).toBe(
      'p.txt: 3 more "no-year" rejects like the ones above (see rejects.json)',
    );
  });
});
