import { describe, expect, it } from 'vitest';
import {
  arxivIdOf,
  sortRows,
  toBibtex,
  toCsv,
  type TableRow,
} from '../../src/lib/table/selection-table.ts';
import { lassoRows } from '../../src/lib/map/lasso.ts';

const row = (overrides: Partial<TableRow>): TableRow => ({
  id: '2405.00001',
  arxivId: '2405.00001',
  title: 'A title',
  firstDay: '2024-05-02',
  days: ['2024-05-02'],
  topic: 'merging',
  broad: 'language models',
  themes: [],
  score: null,
  upvotes: null,
  ...overrides,
});

describe('selection table', () => {
  it('knows arXiv ids from title-hash ids', () => {
    expect(arxivIdOf('2405.14906')).toBe('2405.14906');
    expect(arxivIdOf('t:0123456789abcdef')).toBeNull();
  });

  it('sorts by a column both ways, missing values last, ties by id', () => {
    const rows = [
      row({ id: 'b', firstDay: '2024-05-03' }),
      row({ id: 'a', firstDay: null }),
      row({ id: 'c', firstDay: '2024-05-01' }),
      row({ id: 'd', firstDay: '2024-05-03' }),
    ];
    expect(sortRows(rows, 'firstDay', true).map((r) => r.id)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortRows(rows, 'firstDay', false).map((r) => r.id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('sorts by upvotes, most first, papers without upvotes last', () => {
    const rows = [
      row({ id: 'a', upvotes: 3 }),
      row({ id: 'b', upvotes: null }),
      row({ id: 'c', upvotes: 120 }),
      row({ id: 'd', upvotes: 0 }),
    ];
    expect(sortRows(rows, 'upvotes', false).map((r) => r.id)).toEqual(['c', 'a', 'd', 'b']);
    expect(sortRows(rows, 'upvotes', true).map((r) => r.id)).toEqual(['d', 'a', 'c', 'b']);
  });

  it('writes RFC 4180 CSV: quotes, doubled quotes, CRLF, one line per row', () => {
    const csv = toCsv([
      row({
        title: 'Merging, "fast" and\nsafe',
        days: ['2024-05-02', '2024-05-03'],
        themes: ['A', 'B'],
      }),
      row({ id: 't:abc', arxivId: null, title: 'Plain', score: 0.61234, upvotes: 17 }),
    ]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'id,arxiv_id,title,first_day,days,topic,broad_topic,watch_list,score,upvotes',
    );
    expect(csv).toContain('"Merging, ""fast"" and\nsafe"');
    expect(csv).toContain('2024-05-02; 2024-05-03');
    expect(lines.at(-2)).toBe(
      't:abc,,Plain,2024-05-02,2024-05-02,merging,language models,,0.6123,17',
    );
    // No score and no upvotes: both fields empty.
    expect(lines[1]).toMatch(
      /safe",2024-05-02,2024-05-02; 2024-05-03,merging,language models,A; B,,$/,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('writes BibTeX with arXiv eprints where known, escaped braces and unique keys', () => {
    const bib = toBibtex([
      row({ title: 'On {sets} \\ and LLMs' }),
      row({ id: 't:abc', arxivId: null, title: 'No arXiv' }),
    ]);
    expect(bib).toContain('@misc{arxiv2405.00001,');
    expect(bib).toContain('title = {{On \\{sets\\} \\\\ and LLMs}}');
    expect(bib).toContain('eprint = {2405.00001}');
    expect(bib).toContain('archivePrefix = {arXiv}');
    expect(bib).toContain('url = {https://arxiv.org/abs/2405.00001}');
    expect(bib).toContain('@misc{paperabc,');
    const second = bib.slice(bib.indexOf('@misc{paperabc'));
    expect(second).not.toContain('eprint');
    expect(bib.match(/@misc\{/g)).toHaveLength(2);
    expect(bib).not.toContain('author');
  });

  it('names the authors the caller knows, joined by "and", with braces escaped', () => {
    const authors = new Map([['p1', ['Ada Lovelace', 'Alan {M.} Turing']]]);
    const bib = toBibtex([row({ id: 'p1' }), row({ id: 'p2', arxivId: null })], (id) =>
      authors.get(id),
    );
    expect(bib).toContain('author = {Ada Lovelace and Alan \\{M.\\} Turing}');
    expect(bib.match(/author = /g)).toHaveLength(1);
  });
});

describe('lassoRows', () => {
  it('keeps the points inside the loop, nearest to its middle first', () => {
    const points = [
      { x: 0.5, y: 0.5 },
      { x: 0.1, y: 0.1 },
      { x: 0.55, y: 0.5 },
      { x: 0.9, y: 0.9 },
    ];
    const square: [number, number][] = [
      [40, 40],
      [60, 40],
      [60, 60],
      [40, 60],
    ];
    const toScreen = (x: number, y: number): [number, number] => [x * 100, y * 100];
    expect(lassoRows(points, square, toScreen)).toEqual([0, 2]);
    expect(lassoRows(points, square, toScreen, (row) => row !== 0)).toEqual([2]);
    expect(lassoRows(points, square.slice(0, 2), toScreen)).toEqual([]);
  });
});
