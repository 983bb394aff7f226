import { describe, expect, it } from 'vitest';
import type { PaperSummary } from '../../src/lib/data/browser-format.ts';
import { orderResults } from '../../src/lib/search/result-order.ts';

const paper = (id: string, dates: string[], upvotes?: number): PaperSummary => ({
  id,
  title: id,
  dates,
  topic: null,
  x: 0,
  y: 0,
  themes: [],
  ...(upvotes === undefined ? {} : { upvotes }),
});

// In the order found (best match first).
const found = [
  paper('a', ['2024-03-11'], 5),
  paper('b', ['2024-03-12', '2024-03-15'], 40),
  paper('c', []),
  paper('d', ['2024-03-14'], 5),
  paper('e', ['2024-03-15']),
];
const ids = (papers: PaperSummary[]) => papers.map((p) => p.id);
const same = (p: PaperSummary) => p;

describe('orderResults', () => {
  it('keeps the order found for best match', () => {
    expect(ids(orderResults(found, same, 'score', null))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('puts the newest last day first, equal days in the order found, undated last', () => {
    expect(ids(orderResults(found, same, 'date', null))).toEqual(['b', 'e', 'd', 'a', 'c']);
  });

  it('puts the most upvoted first, ties in the order found, papers without upvotes last', () => {
    expect(ids(orderResults(found, same, 'upvotes', null))).toEqual(['b', 'a', 'd', 'c', 'e']);
  });

  it('keeps only the papers seen in the selected days, whichever order', () => {
    const range = { start: '2024-03-12', end: '2024-03-14' };
    expect(ids(orderResults(found, same, 'score', range))).toEqual(['b', 'd']);
    expect(ids(orderResults(found, same, 'date', range))).toEqual(['b', 'd']);
  });

  it('orders items by the paper they carry, and leaves the input as it was', () => {
    const hits = found.map((p, i) => ({ paper: p, score: 1 - i / 10 }));
    const ordered = orderResults(hits, (hit) => hit.paper, 'upvotes', null);
    expect(ordered.map((hit) => hit.score)).toEqual([0.9, 1, 0.7, 0.8, 0.6]);
    expect(ids(found)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
