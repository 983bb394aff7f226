import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dedupeRecords } from '../../src/ingest/dedupe.ts';
import { httpUrl, MetadataReader } from '../../src/ingest/paper-metadata.ts';
import { parseHfApiJson } from '../../src/ingest/parse-hf-api-json.ts';
import { parseJsonl } from '../../src/ingest/parse-jsonl.ts';
import { parsePageText } from '../../src/ingest/parse-page-text.ts';
import type { PaperRecord } from '../../src/ingest/types.ts';

const lines = (...records: unknown[]) => records.map((r) => JSON.stringify(r)).join('\n');
const METADATA_KEYS = ['authors', 'upvotes', 'githubRepo', 'projectPage'];

describe('MetadataReader', () => {
  it('keeps authors, upvotes and http(s) links, as names and hrefs', () => {
    const reader = new MetadataReader('in.jsonl');
    expect(
      reader.read(
        {
          authors: [{ name: ' Zichen  Wen', hidden: false }, 'Shaobo Wang'],
          upvotes: 16,
          githubRepo: 'https://github.com/ZichenWen1/EPIC',
          projectPage: ' http://zichenwen1.github.io/EPIC ',
        },
        3,
      ),
    ).toEqual({
      authors: ['Zichen Wen', 'Shaobo Wang'],
      upvotes: 16,
      githubRepo: 'https://github.com/ZichenWen1/EPIC',
      projectPage: 'http://zichenwen1.github.io/EPIC',
    });
    expect(reader.warnings()).toEqual([]);
  });

  it('gives nothing, and says nothing, for missing, null or empty fields', () => {
    const reader = new MetadataReader('in.jsonl');
    expect(reader.read({}, 1)).toEqual({});
    expect(
      reader.read({ authors: [], upvotes: null, githubRepo: null, projectPage: '' }, 2),
    ).toEqual({});
    expect(reader.read('not an object', 3)).toEqual({});
    expect(reader.warnings()).toEqual([]);
  });

  it('drops a link that is not an absolute http(s) URL, with a warning naming the lines', () => {
    const reader = new MetadataReader('in.jsonl');
    const bad = [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.org/code',
      'github.com/a/b',
      '/relative/path',
      'https://',
    ];
    bad.forEach((url, i) =>
      expect(reader.read({ githubRepo: url, upvotes: 1 }, i + 1)).toEqual({ upvotes: 1 }),
    );
    expect(reader.read({ projectPage: 42 }, 9)).toEqual({});
    expect(reader.warnings()).toEqual([
      'in.jsonl:1: 6 records have a "githubRepo" that is not an http(s) URL (lines 1, 2, 3, 4, 5, ...); kept without it',
      'in.jsonl:9: 1 record has a "projectPage" that is not an http(s) URL (line 9); kept without it',
    ]);
  });

  it('drops upvotes that are not a whole number ≥ 0', () => {
    const reader = new MetadataReader('f');
    for (const [i, upvotes] of ['12', -1, 2.5, Number.NaN, true, [3]].entries()) {
      expect(reader.read({ upvotes, authors: ['A'] }, i + 1)).toEqual({ authors: ['A'] });
    }
    expect(reader.read({ upvotes: 0 }, 7)).toEqual({ upvotes: 0 });
    expect(reader.warnings()).toEqual([
      'f:1: 6 records have an "upvotes" that is not a whole number ≥ 0 (lines 1, 2, 3, 4, 5, ...); kept without it',
    ]);
  });

  it('drops an authors field that is not a list of names', () => {
    const reader = new MetadataReader('f');
    expect(reader.read({ authors: 'A. Author' }, 1)).toEqual({});
    expect(reader.read({ authors: [{ user: 'x' }] }, 2)).toEqual({});
    expect(reader.read({ authors: [' ', '\u200b'] }, 3)).toEqual({});
    expect(reader.warnings()).toEqual([
      'f:1: 2 records have an "authors" that is not a list of names (strings or {name}) (lines 1, 2); kept without it',
    ]);
  });

  it('tells http(s) URLs from the rest', () => {
    expect(httpUrl('https://github.com/a/b')).toBe('https://github.com/a/b');
    expect(httpUrl('HTTPS://Example.org')).toBe('https://example.org/');
    expect(httpUrl('javascript:alert(1)')).toBeNull();
    expect(httpUrl('mailto:a@b.c')).toBeNull();
    expect(httpUrl('not a url')).toBeNull();
  });
});

describe('metadata through the parsers', () => {
  it('reads paper.authors[].name, upvotes and links from daily_papers JSON, Python-repr entries included', () => {
    const text = JSON.stringify(
      [
        {
          paper: {
            id: '2510.00515',
            title: 'Efficient MLLMs',
            summary: 'Visual tokens.',
            authors: [{ _id: 'x', name: 'Zichen Wen', hidden: false }],
            upvotes: 16,
            githubRepo: 'https://github.com/ZichenWen1/EPIC',
            projectPage: 'javascript:alert(1)',
          },
        },
        "{'paper': {'id': '2510.00516', 'title': 'T', 'summary': 'S.', 'authors': [{'name': 'B'}], 'upvotes': 3, 'githubRepo': None}}",
      ],
      null,
      1,
    );
    const result = parseHfApiJson(text, '2025-10-06.json');
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => [r.authors, r.upvotes, r.githubRepo, r.projectPage])).toEqual([
      [['Zichen Wen'], 16, 'https://github.com/ZichenWen1/EPIC', undefined],
      [['B'], 3, undefined, undefined],
    ]);
    expect(result.warnings).toEqual([
      '2025-10-06.json:2: 1 record has a "projectPage" that is not an http(s) URL (line 2); kept without it',
    ]);
  });

  it('keeps a JSONL record whose metadata is malformed, without the bad fields', () => {
    const text = lines(
      { id: '2401.00001', title: 'A', abstract: 'S.', authors: ['X', 'Y'], upvotes: '7' },
      { title: 'B', abstract: 'S.', githubRepo: 'file:///etc/passwd', upvotes: 2 },
    );
    const result = parseJsonl(text, 'x.jsonl');
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => [r.title, r.authors, r.upvotes, r.githubRepo])).toEqual([
      ['A', ['X', 'Y'], undefined, undefined],
      ['B', undefined, 2, undefined],
    ]);
    expect(result.warnings).toEqual([
      'x.jsonl:1: 1 record has an "upvotes" that is not a whole number ≥ 0 (line 1); kept without it',
      'x.jsonl:2: 1 record has a "githubRepo" that is not an http(s) URL (line 2); kept without it',
    ]);
  });

  it('gives records of inputs without metadata no metadata keys at all', () => {
    const jsonl = parseJsonl(lines({ id: '2401.00001', title: 'A', abstract: 'S.' }), 'x.jsonl');
    const page = parsePageText(
      readFileSync('seeds/000_fbd22c066664c8d8.txt', 'utf8'),
      'seeds/000_fbd22c066664c8d8.txt',
      { year: 2024 },
    );
    const api = parseHfApiJson(
      JSON.stringify([{ paper: { id: '2401.00002', title: 'T', summary: 'S.' } }]),
      '2024-01-02.json',
    );
    const records = [...jsonl.records, ...page.records, ...api.records];
    expect(page.records.length).toBeGreaterThan(0);
    for (const record of records) {
      expect(Object.keys(record).filter((key) => METADATA_KEYS.includes(key))).toEqual([]);
    }
    expect([...jsonl.warnings, ...api.warnings]).toEqual([]);
  });

  it('reads the metadata of a real daily_papers file', () => {
    const text = gunzipSync(
      readFileSync('pipeline/test/fixtures/ingest/2025-06-20.json.gz'),
    ).toString('utf8');
    const [first] = parseHfApiJson(text, '2025-06-20.json').records;
    expect(first!.authors!.length).toBeGreaterThan(0);
    expect(Number.isInteger(first!.upvotes)).toBe(true);
  });
});

describe('metadata of duplicates', () => {
  let line = 0;
  const record = (dates: string[], metadata: Partial<PaperRecord>): PaperRecord => ({
    source: { file: 'in.jsonl', line: ++line },
    dates,
    title: 'One paper',
    abstract: 'Its abstract.',
    arxivId: '2401.00001',
    ...metadata,
  });

  it('keeps the most upvotes and the latest record’s authors and links, in any reading order', () => {
    const records = [
      record(['2024-01-02'], {
        upvotes: 30,
        authors: ['A', 'B'],
        githubRepo: 'https://github.com/old/repo',
      }),
      record(['2024-01-05'], { upvotes: 12, authors: ['A', 'B', 'C'] }),
      record(['2024-01-03'], { projectPage: 'https://project.example/' }),
      record([], { upvotes: 2, githubRepo: 'https://github.com/undated/repo' }),
    ];
    const expected = {
      upvotes: 30,
      authors: ['A', 'B', 'C'],
      githubRepo: 'https://github.com/old/repo',
      projectPage: 'https://project.example/',
    };
    expect(dedupeRecords(records).papers).toEqual([expect.objectContaining(expected)]);
    expect(dedupeRecords([...records].reverse()).papers).toEqual([
      expect.objectContaining(expected),
    ]);
  });

  it('breaks a tie of days by the smaller value, and adds no keys when no record has metadata', () => {
    const tie = dedupeRecords([
      record(['2024-01-02'], { githubRepo: 'https://github.com/b/b' }),
      record(['2024-01-02'], { githubRepo: 'https://github.com/a/a' }),
    ]);
    expect(tie.papers[0]!.githubRepo).toBe('https://github.com/a/a');
    const plain = dedupeRecords([record(['2024-01-02'], {}), record(['2024-01-03'], {})]);
    expect(Object.keys(plain.papers[0]!).filter((key) => METADATA_KEYS.includes(key))).toEqual([]);
  });
});
