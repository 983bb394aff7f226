import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseHfApiJson } from '../../src/ingest/parse-hf-api-json.ts';
import type { ParseResult } from '../../src/ingest/types.ts';

const FIXTURES = 'pipeline/test/fixtures/ingest';

function fixture(name: string): string {
  return gunzipSync(readFileSync(`${FIXTURES}/${name}`)).toString('utf8');
}

function checked(result: ParseResult): ParseResult {
  expect(result.read).toBe(result.records.length + result.rejects.length);
  return result;
}

const entry = (paper: Record<string, unknown>) => ({ paper, numComments: 0 });

describe('parseHfApiJson on real daily_papers files', () => {
  it('reads a list of API objects, dated by the file name, with each entry line', () => {
    const result = checked(parseHfApiJson(fixture('2025-06-20.json.gz'), 'raw/2025-06-20.json.gz'));
    expect(result.rejects).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.records.map((r) => [r.arxivId, r.dates, r.source.line])).toEqual([
      ['2506.15154', ['2025-06-20'], 2],
      ['2506.14837', ['2025-06-20'], 78],
    ]);
    expect(result.records[0]!.title).toBe(
      'SonicVerse: Multi-Task Learning for Music Feature-Informed Captioning',
    );
    // The API wraps long titles with a line break; it must read as one line.
    expect(result.records[1]!.title).toBe(
      'Improved Iterative Refinement for Chart-to-Code Generation via Structured Instruction',
    );
    expect(result.records[1]!.abstract).not.toMatch(/\n|\s{2}/);
  });

  it('reads entries saved as Python-repr strings', () => {
    const result = checked(parseHfApiJson(fixture('2025-01-02.json.gz'), '2025-01-02.json.gz'));
    expect(result.rejects).toEqual([]);
    expect(result.records.map((r) => [r.arxivId, r.dates, r.source.line])).toEqual([
      ['2412.19723', ['2025-01-02'], 2],
      ['2412.19638', ['2025-01-02'], 3],
      ['2412.20735', ['2025-01-02'], 4],
    ]);
    expect(result.records[1]!.title).toBe('Xmodel-2 Technical Report');
    expect(result.records[0]!.abstract).toMatch(/^Graphical User Interface \(GUI\) agents/);
  });

  it('reads the {status, date, count, data} wrapper', () => {
    const result = checked(parseHfApiJson(fixture('2025-01-10.json.gz'), '2025-01-10.json.gz'));
    expect(result.rejects).toEqual([]);
    expect(result.records).toHaveLength(9);
    expect(result.records.map((r) => r.source.line)).toEqual([6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(result.records[0]).toMatchObject({
      arxivId: '2501.05441',
      dates: ['2025-01-10'],
      title: 'The GAN is dead; long live the GAN! A Modern GAN Baseline',
    });
  });

  it('takes the day from the wrapper when the file name has none', () => {
    const result = checked(parseHfApiJson(fixture('2025-01-10.json.gz'), 'uploads/today.json'));
    expect(new Set(result.records.flatMap((r) => r.dates))).toEqual(new Set(['2025-01-10']));
  });
});

describe('parseHfApiJson on bad input', () => {
  const good = entry({ id: '2501.00001v2', title: 'A Title', summary: 'An abstract.' });

  it('rejects an entry without a title or a summary, with its line, and keeps the rest', () => {
    const text = JSON.stringify(
      [
        good,
        entry({ id: '2501.00002', summary: 'No title here.' }),
        entry({ id: '2501.00003', title: 'No summary' }),
        'plain string',
        7,
      ],
      null,
      2,
    );
    const result = checked(parseHfApiJson(text, '2025-01-05.json'));
    expect(result.records.map((r) => [r.arxivId, r.source.line])).toEqual([['2501.00001', 2]]);
    expect(result.rejects.map((r) => [r.reason, r.source.line, r.message])).toEqual([
      ['no-title', 10, 'entry has no paper.title (a string)'],
      ['no-abstract', 17, 'entry has no paper.summary (a string), so no abstract'],
      [
        'bad-python-literal',
        24,
        'entry is a string but not a Python literal ("plain" is not a Python literal at character 1); give the entry as a JSON object',
      ],
      [
        'bad-record',
        25,
        'entry is not {paper: {id, title, summary}} (Invalid input: expected object, received number at the entry)',
      ],
    ]);
  });

  it('rejects blank texts', () => {
    const text = JSON.stringify([
      entry({ id: '2501.00001', title: ' ', summary: 'x.' }),
      entry({ id: '2', title: 'T', summary: '\n' }),
    ]);
    const result = checked(parseHfApiJson(text, '2025-01-05.json'));
    expect(result.rejects.map((r) => r.reason)).toEqual(['no-title', 'no-abstract']);
  });

  it('rejects an unparseable file as a whole, naming the position', () => {
    const result = checked(
      parseHfApiJson('[\n  {"paper": {"id": "1"}},\n  {"paper": \n', '2025-01-05.json'),
    );
    expect(result.read).toBe(1);
    expect(result.rejects.map((r) => [r.reason, r.source.line, r.message])).toEqual([
      [
        'bad-json',
        0,
        'not valid JSON (ValueExpected at line 4, column 1); fix or re-download the file',
      ],
    ]);
  });

  it('rejects JSON of another shape', () => {
    const result = checked(parseHfApiJson('{"papers": []}', '2025-01-05.json'));
    expect(result.rejects.map((r) => r.reason)).toEqual(['bad-shape']);
  });

  it('rejects a file with no day in its name or its content', () => {
    const result = checked(parseHfApiJson(JSON.stringify([good]), 'latest.json'));
    expect(result.rejects.map((r) => [r.reason, r.source.line])).toEqual([['no-date', 0]]);
    expect(result.rejects[0]!.message).toMatch(/name it after the page day \(YYYY-MM-DD\.json\)/);
  });

  it('rejects an empty list as a whole', () => {
    expect(checked(parseHfApiJson('[]', '2025-01-05.json')).rejects.map((r) => r.reason)).toEqual([
      'no-papers',
    ]);
  });

  it('prefers the file name day and warns when the wrapper disagrees', () => {
    const text = JSON.stringify({ status: 'success', date: '2025-01-04', data: [good] });
    const result = checked(parseHfApiJson(text, 'raw/2025-01-05.json'));
    expect(result.records[0]!.dates).toEqual(['2025-01-05']);
    expect(result.warnings).toEqual([
      'raw/2025-01-05.json: file name says 2025-01-05 but its "date" says 2025-01-04; used 2025-01-05 (the file name)',
    ]);
  });

  it('keeps an entry whose id is not an arXiv id, to be matched by title', () => {
    const text = JSON.stringify([
      entry({ id: 'not-arxiv', title: 'T', summary: 'S.' }),
      entry({ title: 'U', summary: 'S.' }),
    ]);
    const result = checked(parseHfApiJson(text, '2025-01-05.json'));
    expect(result.records.map((r) => r.arxivId)).toEqual([null, null]);
    expect(result.warnings).toEqual([
      '2025-01-05.json: 2 entries have no arXiv id in paper.id; they are matched to other records by title',
    ]);
  });
});
