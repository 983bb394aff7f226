import { describe, expect, it } from 'vitest';
import { parseJsonl } from '../../src/ingest/parse-jsonl.ts';
import type { ParseResult } from '../../src/ingest/types.ts';

function checked(result: ParseResult): ParseResult {
  expect(result.read).toBe(result.records.length + result.rejects.length);
  return result;
}

const lines = (...records: unknown[]) =>
  records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');

describe('parseJsonl', () => {
  it('reads the shared papers.jsonl shape: id, date, dates, title, abstract, authors', () => {
    const text = lines({
      id: '2405.15738',
      date: '2024-05-27',
      dates: ['2024-05-28', '2024-05-27'],
      title: 'ConvLLaVA:  Hierarchical Backbones',
      abstract: 'High-resolution Large\nMultimodal Models.',
      authors: ['Chunjiang Ge'],
    });
    const result = checked(parseJsonl(text, 'papers.jsonl'));
    expect(result.records).toEqual([
      {
        source: { file: 'papers.jsonl', line: 1 },
        dates: ['2024-05-27', '2024-05-28'],
        title: 'ConvLLaVA: Hierarchical Backbones',
        abstract: 'High-resolution Large Multimodal Models.',
        arxivId: '2405.15738',
        authors: ['Chunjiang Ge'],
      },
    ]);
  });

  it('accepts summary for abstract, arxiv_id and arxivId, and no date at all', () => {
    const text = lines(
      { arxiv_id: 'arXiv:2401.00001v2', title: 'A', summary: 'S.' },
      { arxivId: 'https://arxiv.org/abs/2401.00002', id: 17, title: 'B', abstract: 'S.' },
      { id: 'row-3', title: 'C', abstract: 'S.', date: null },
    );
    const result = checked(parseJsonl(text, 'x.jsonl'));
    expect(result.records.map((r) => [r.arxivId, r.dates, r.abstract])).toEqual([
      ['2401.00001', [], 'S.'],
      ['2401.00002', [], 'S.'],
      [null, [], 'S.'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('warns when an arXiv id field holds something else', () => {
    const result = checked(
      parseJsonl(lines({ arxiv_id: 'n/a', title: 'A', abstract: 'S.' }), 'x.jsonl'),
    );
    expect(result.records[0]!.arxivId).toBeNull();
    expect(result.warnings).toEqual([
      'x.jsonl: 1 records name an arXiv id field that is not an arXiv id (for example 2403.12345); they are matched by title',
    ]);
  });

  it('rejects a broken line with its number and reads on', () => {
    const text = lines({ title: 'A', abstract: 'S.' }, '{"title": "B", "abstract": ', '', {
      title: 'C',
      abstract: 'S.',
    });
    const result = checked(parseJsonl(text, 'broken.jsonl'));
    expect(result.records.map((r) => [r.title, r.source.line])).toEqual([
      ['A', 1],
      ['C', 4],
    ]);
    expect(result.rejects).toHaveLength(1);
    expect(result.rejects[0]).toMatchObject({
      source: { file: 'broken.jsonl', line: 2 },
      reason: 'bad-json',
      message: expect.stringMatching(/^line is not valid JSON \(/),
      excerpt: '{"title": "B", "abstract":',
    });
  });

  it.each([
    ['[1, 2]', 'bad-record', 'line is JSON but not an object {title, abstract, ...}'],
    ['{"abstract": "S."}', 'no-title', 'record has no "title"'],
    ['{"title": "A", "abstract": "  "}', 'no-abstract', 'record has no "abstract" (or "summary")'],
    [
      '{"title": 5, "abstract": "S."}',
      'bad-record',
      'field "title" has the wrong type (Invalid input: expected string, received number)',
    ],
    [
      '{"title": "A", "abstract": "S.", "date": "Mar 17"}',
      'bad-date',
      'date "Mar 17" is not a real ISO day (YYYY-MM-DD)',
    ],
    [
      '{"title": "A", "abstract": "S.", "dates": ["2024-02-30"]}',
      'bad-date',
      'date "2024-02-30" is not a real ISO day (YYYY-MM-DD)',
    ],
  ])('rejects %s', (line, reason, message) => {
    const result = checked(parseJsonl(line, 'x.jsonl'));
    expect(result.rejects.map((r) => [r.reason, r.source.line, r.message])).toEqual([
      [reason, 1, message],
    ]);
  });

  it('rejects a file with no records as a whole', () => {
    const result = checked(parseJsonl('\n\n', 'x.jsonl'));
    expect(result.rejects.map((r) => [r.reason, r.source.line])).toEqual([['no-papers', 0]]);
  });
});
