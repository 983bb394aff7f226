import { describe, expect, it } from 'vitest';
import { AUTHORS_SHOWN, authorLine } from '../../src/lib/paper/author-list.ts';

const names = (n: number) => Array.from({ length: n }, (_, i) => `Author ${i + 1}`);

describe('authorLine', () => {
  it('shows short lists whole, one more than the cut included', () => {
    expect(authorLine([])).toEqual({ text: '', hidden: 0 });
    expect(authorLine(['Ada Lovelace'])).toEqual({ text: 'Ada Lovelace', hidden: 0 });
    expect(authorLine(names(AUTHORS_SHOWN + 1))).toEqual({
      text: names(AUTHORS_SHOWN + 1).join(', '),
      hidden: 0,
    });
  });

  it('cuts longer lists to the first names and "et al.", counting the rest', () => {
    expect(authorLine(names(12))).toEqual({
      text: 'Author 1, Author 2, Author 3 et al.',
      hidden: 12 - AUTHORS_SHOWN,
    });
  });

  it('gives the whole list when asked', () => {
    expect(authorLine(names(12), true)).toEqual({ text: names(12).join(', '), hidden: 0 });
  });
});
