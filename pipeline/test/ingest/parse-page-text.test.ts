import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { looksLikeAbstract, parsePageText } from '../../src/ingest/parse-page-text.ts';
import type { ParseResult } from '../../src/ingest/types.ts';
import { sharedDataset } from './shared-datasets.ts';

const SEEDS = 'seeds';
const HF_PAPERS = sharedDataset('hf-daily-papers/papers.jsonl.gz');
const HEADER = [
  'new',
  '',
  'Get trending papers in your email inbox!',
  '',
  'Subscribe',
  '',
  'byAK and the research community',
  '',
];
const ABSTRACT_A =
  'We study a thing. It has two sentences and this one is long enough to look like an abstract.';
const ABSTRACT_B =
  'Another paragraph about a second method, which ends with a full stop as abstracts do.';

function page(...lines: string[]): string {
  return [...HEADER, ...lines].join('\n');
}

/** Every parse result must account for each record it read. */
function checked(result: ParseResult): ParseResult {
  expect(result.read).toBe(result.records.length + result.rejects.length);
  return result;
}

describe('parsePageText on the real seed pages', () => {
  const files = readdirSync(SEEDS).sort();
  const results = files.map((name) =>
    checked(
      parsePageText(readFileSync(join(SEEDS, name), 'utf8'), `seeds/${name}`, {
        year: 2024,
        yearSource: 'config',
      }),
    ),
  );

  it('finds every title and abstract pair and rejects nothing', () => {
    expect(files).toHaveLength(4);
    expect(results.map((r) => r.records.length)).toEqual([11, 10, 13, 6]);
    expect(results.flatMap((r) => r.rejects)).toEqual([]);
  });

  it('dates every record from the date line with the configured year', () => {
    expect(results.map((r) => [...new Set(r.records.flatMap((record) => record.dates))])).toEqual([
      ['2024-03-17'],
      ['2024-03-12'],
      ['2024-03-11'],
      ['2024-03-14'],
    ]);
  });

  it('warns once per page that the year was assumed', () => {
    expect(results[0]!.warnings).toEqual([
      'seeds/000_fbd22c066664c8d8.txt:9: page date "Mar 17" shows no year; assumed 2024 (from config; override with --year)',
    ]);
    for (const result of results) expect(result.warnings).toHaveLength(1);
  });

  it('keeps titles short and abstracts whole, with the title line as source', () => {
    const first = results[0]!.records[0]!;
    expect(first.title).toBe('Global Vision Transformer Pruning with Hessian-Aware Saliency');
    expect(first.abstract).toMatch(
      /^Transformers yield state-of-the-art results across many tasks\./,
    );
    expect(first.source).toEqual({ file: 'seeds/000_fbd22c066664c8d8.txt', line: 11 });
    expect(first.arxivId).toBeNull();
    for (const record of results.flatMap((r) => r.records)) {
      expect(record.title.split(' ').length).toBeLessThanOrEqual(20);
      expect(record.abstract.length).toBeGreaterThan(1000);
    }
    const titles = results.flatMap((r) => r.records.map((record) => record.title));
    expect(titles).toContain(
      'Multi-marginal Schrödinger Bridges with Iterative Reference Refinement',
    );
    expect(titles.at(-1)).toBe('Scaling Laws and Interpretability of Learning from Repeated Data');
  });
});

describe('parsePageText on damaged pages', () => {
  it('rejects the last title of a cut-off page as no-abstract, with its line', () => {
    const result = checked(
      parsePageText(
        page('Mar 17', '', 'First Title', '', ABSTRACT_A, '', 'Cut Off Title'),
        'cut.txt',
        { year: 2024 },
      ),
    );
    expect(result.records.map((r) => r.title)).toEqual(['First Title']);
    expect(result.rejects).toEqual([
      {
        source: { file: 'cut.txt', line: 15 },
        reason: 'no-abstract',
        message:
          'title with no abstract (the page ends after it; it may be cut off, so copy the whole page)',
        excerpt: 'Cut Off Title',
      },
    ]);
  });

  it('rejects a title followed by another title', () => {
    const result = checked(
      parsePageText(
        page('Mar 17', '', 'Lonely Title', '', 'Second Title', '', ABSTRACT_A),
        'two.txt',
        { year: 2024 },
      ),
    );
    expect(result.records.map((r) => [r.title, r.source.line])).toEqual([['Second Title', 13]]);
    expect(result.rejects.map((r) => [r.reason, r.source.line, r.message])).toEqual([
      ['no-abstract', 11, 'title with no abstract (another title follows it)'],
    ]);
  });

  it('rejects an abstract with no title above it', () => {
    const result = checked(
      parsePageText(page('Mar 17', '', ABSTRACT_A, '', 'A Title', '', ABSTRACT_B), 'x.txt', {
        year: 2024,
      }),
    );
    expect(result.records).toHaveLength(1);
    expect(result.rejects.map((r) => [r.reason, r.source.line])).toEqual([['no-title', 11]]);
  });

  it('keeps the papers of a page with no date line, undated, with one warning', () => {
    const result = checked(
      parsePageText(
        page('A Title', '', ABSTRACT_A, '', 'B Title', '', ABSTRACT_B),
        'nodate.txt',
        {},
      ),
    );
    expect(result.records.map((r) => r.dates)).toEqual([[], []]);
    expect(result.rejects).toEqual([]);
    expect(result.warnings).toEqual([
      'nodate.txt:9: no date line (like "Mar 17") above 2 papers; kept without a date, so they are left out of trends',
    ]);
  });

  it('rejects every paper of a page whose date shows no year when no year is given', () => {
    const result = checked(
      parsePageText(
        page('Mar 17', '', 'A Title', '', ABSTRACT_A, '', 'B Title', '', ABSTRACT_B),
        'p.txt',
        {},
      ),
    );
    expect(result.records).toEqual([]);
    expect(result.rejects.map((r) => r.reason)).toEqual(['no-year', 'no-year']);
    expect(result.rejects[0]!.message).toBe(
      'page date "Mar 17" (line 9) shows no year and none was given; run again with --year YYYY (or set "year" in the config)',
    );
  });

  it('says where the assumed year came from', () => {
    const result = parsePageText(page('Mar 17', '', 'A Title', '', ABSTRACT_A), 'p.txt', {
      year: 2025,
      yearSource: 'option',
    });
    expect(result.warnings).toEqual([
      'p.txt:9: page date "Mar 17" shows no year; assumed 2025 (from --year)',
    ]);
    expect(result.records[0]!.dates).toEqual(['2025-03-17']);
  });

  it('uses a year written on the page without a warning', () => {
    for (const line of ['Mar 17, 2023', 'March 17 2023', '2023-03-17']) {
      const result = parsePageText(page(line, '', 'A Title', '', ABSTRACT_A), 'p.txt', {
        year: 2025,
      });
      expect(result.records[0]!.dates).toEqual(['2023-03-17']);
      expect(result.warnings).toEqual([]);
    }
  });

  it('rejects papers under a date that does not exist', () => {
    const result = checked(
      parsePageText(page('Feb 29', '', 'A Title', '', ABSTRACT_A), 'p.txt', { year: 2023 }),
    );
    expect(result.rejects.map((r) => [r.reason, r.message])).toEqual([
      ['bad-date', 'page date "Feb 29" (line 9) is not a real day in 2023; correct the date line'],
    ]);
  });

  it('lets a later date line date the papers below it', () => {
    const text = page(
      'Mar 17',
      '',
      'A Title',
      '',
      ABSTRACT_A,
      '',
      'Mar 16',
      '',
      'B Title',
      '',
      ABSTRACT_B,
    );
    const result = checked(parsePageText(text, 'p.txt', { year: 2024 }));
    expect(result.records.map((r) => r.dates)).toEqual([['2024-03-17'], ['2024-03-16']]);
    expect(result.warnings).toHaveLength(1);
  });

  it('joins a title and an abstract wrapped over several lines', () => {
    const text = page(
      'Mar 17',
      '',
      'Global Vision Transformer Pruning',
      'with Hessian-Aware Saliency',
      '',
      'Transformers yield state-of-the-art results across many tasks. However, their',
      'heuristically designed architecture impose huge computational costs during',
      'inference.',
    );
    const result = checked(parsePageText(text, 'p.txt', { year: 2024 }));
    expect(result.records.map((r) => [r.title, r.abstract, r.source.line])).toEqual([
      [
        'Global Vision Transformer Pruning with Hessian-Aware Saliency',
        'Transformers yield state-of-the-art results across many tasks. However, their heuristically designed architecture impose huge computational costs during inference.',
        11,
      ],
    ]);
  });

  it('reads CRLF and CR line ends, tabs and non-breaking spaces', () => {
    const text = page('Mar 17', '', 'A\u00A0Title\t', '', ABSTRACT_A).replace(/\n/g, '\r\n');
    const result = checked(parsePageText(text, 'p.txt', { year: 2024 }));
    expect(result.records.map((r) => [r.title, r.source.line])).toEqual([['A Title', 11]]);
    expect(
      checked(parsePageText(text.replace(/\r\n/g, '\r'), 'p.txt', { year: 2024 })).records,
    ).toHaveLength(1);
  });

  it('reads header lines and the date line written without blank lines', () => {
    const text = [
      'new',
      'Subscribe',
      'byAK and the research community',
      'Mar 17',
      '',
      'A Title',
      '',
      ABSTRACT_A,
    ].join('\n');
    const result = checked(parsePageText(text, 'p.txt', { year: 2024 }));
    expect(result.records.map((r) => [r.title, r.dates])).toEqual([['A Title', ['2024-03-17']]]);
  });

  it('rejects a page with no papers as a whole', () => {
    const result = checked(parsePageText(page('Mar 17', ''), 'empty.txt', { year: 2024 }));
    expect(result.read).toBe(1);
    expect(result.rejects.map((r) => [r.reason, r.source.line])).toEqual([['no-papers', 0]]);
  });
});

describe('looksLikeAbstract', () => {
  it('takes short paragraphs without a final full stop for titles', () => {
    expect(looksLikeAbstract('Go Wider Instead of Deeper')).toBe(false);
    expect(looksLikeAbstract('Is Attention All You Need? A Study of GEB-1.3B')).toBe(false);
    expect(looksLikeAbstract('We introduce a new model.')).toBe(true);
    expect(looksLikeAbstract('word '.repeat(41).trim())).toBe(true);
  });
});

describe.skipIf(!existsSync(HF_PAPERS))(
  'parsePageText on every real Hugging Face paper laid out as a page',
  () => {
    it('recovers all 9,877 title and abstract pairs', () => {
      const rows = gunzipSync(readFileSync(HF_PAPERS))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { title: string; abstract: string });
      const text = page('Mar 17', '', ...rows.flatMap((row) => [row.title, '', row.abstract, '']));
      const result = checked(parsePageText(text, 'all.txt', { year: 2024 }));
      expect(result.rejects).toEqual([]);
      expect(result.records.map((r) => [r.title, r.abstract])).toEqual(
        rows.map((row) => [row.title.replace(/\s+/g, ' ').trim(), row.abstract]),
      );
    });
  },
);
