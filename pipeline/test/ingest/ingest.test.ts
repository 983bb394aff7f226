/**
 * The ingest stage through real files: the seed pages, the real daily_papers fixtures, every kind
 * of bad input in one folder, and (when present) the shared real datasets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError, ingestInputs } from '../../src/ingest/ingest.ts';
import type { IngestResult } from '../../src/ingest/types.ts';
import { sharedDataset } from './shared-datasets.ts';

const FIXTURES = 'pipeline/test/fixtures/ingest';
const RAW_API = sharedDataset('hf-daily-papers/raw/Paper_metadata_download');
const HF_PAPERS = sharedDataset('hf-daily-papers/papers.jsonl.gz');
const ARXIV_PAPERS = sharedDataset('arxiv-cs-daily/papers.jsonl.gz');

/** The invariant every result must keep: nothing read is lost. */
function expectNothingLost(result: IngestResult): void {
  const { counts } = result;
  expect(counts.read).toBe(counts.accepted + counts.rejected);
  expect(counts.accepted).toBe(result.papers.reduce((sum, paper) => sum + paper.sources.length, 0));
  expect(counts.rejected).toBe(result.rejects.length);
  expect(counts.read).toBe(result.inputs.reduce((sum, input) => sum + input.records, 0));
  expect(counts.duplicates).toBe(counts.accepted - counts.papers);
  for (const warning of result.warnings) expect(warning).not.toMatch(/\n\s+at /);
}

function readJsonlGz(path: string): Record<string, unknown>[] {
  return gunzipSync(readFileSync(path))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('ingestInputs on the seed pages', () => {
  let result: IngestResult;
  beforeAll(async () => {
    result = await ingestInputs(['seeds'], { year: 2024, yearSource: 'config' });
  });

  it('reads 40 records into 33 papers, 7 of them on two days, rejecting none', () => {
    expectNothingLost(result);
    expect(result.counts).toEqual({
      read: 40,
      accepted: 40,
      rejected: 0,
      duplicates: 7,
      duplicatesSameDay: 0,
      papers: 33,
      multiDay: 7,
      undated: 0,
    });
  });

  it('dates every paper in March 2024 and identifies it by title', () => {
    for (const paper of result.papers) {
      for (const day of paper.dates) expect(day).toMatch(/^2024-03-(11|12|14|17)$/);
      expect(paper.id).toMatch(/^t:[0-9a-f]{16}$/);
      expect(paper.url).toBeNull();
    }
    const merging = result.papers.find(
      (paper) => paper.title === 'Parameter Competition Balancing for Model Merging',
    );
    expect(merging?.dates).toEqual(['2024-03-11', '2024-03-17']);
    expect(merging?.sources).toEqual([
      { file: 'seeds/000_fbd22c066664c8d8.txt', line: 15 },
      { file: 'seeds/002_eccff313e224ae67.txt', line: 15 },
    ]);
  });

  it('lists each file with its format, hash and counts, and warns once per page about the year', () => {
    expect(
      result.inputs.map((input) => [input.file, input.format, input.records, input.rejected]),
    ).toEqual([
      ['seeds/000_fbd22c066664c8d8.txt', 'page-text', 11, 0],
      ['seeds/001_308ffe09e75e67e3.txt', 'page-text', 10, 0],
      ['seeds/002_eccff313e224ae67.txt', 'page-text', 13, 0],
      ['seeds/003_d52d7cdff0ca3bd1.txt', 'page-text', 6, 0],
    ]);
    for (const input of result.inputs) expect(input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.warnings).toHaveLength(4);
    expect(result.warnings[0]).toBe(
      'seeds/000_fbd22c066664c8d8.txt:9: page date "Mar 17" shows no year; assumed 2024 (from config; override with --year)',
    );
  });

  it('gives the same papers whatever the order of the inputs', async () => {
    const files = result.inputs.map((input) => input.file);
    const reversed = await ingestInputs([...files].reverse(), { year: 2024 });
    const strip = (r: IngestResult) =>
      r.papers.map(({ id, title, abstract, dates }) => ({ id, title, abstract, dates }));
    expect(strip(reversed)).toEqual(strip(result));
    expect(
      JSON.stringify((await ingestInputs(['seeds'], { year: 2024, yearSource: 'config' })).papers),
    ).toBe(JSON.stringify(result.papers));
  });

  it('rejects every record, asking for --year, when no year is given', async () => {
    const noYear = await ingestInputs(['seeds'], {});
    expectNothingLost(noYear);
    expect(noYear.counts).toMatchObject({ read: 40, accepted: 0, rejected: 40, papers: 0 });
    expect(new Set(noYear.rejects.map((r) => r.reason))).toEqual(new Set(['no-year']));
    expect(noYear.warnings[0]).toBe(
      'seeds/000_fbd22c066664c8d8.txt:11: page date "Mar 17" (line 9) shows no year and none was given; run again with --year YYYY (or set "year" in the config), skipped (see rejects.json)',
    );
  });
});

describe('ingestInputs on real daily_papers fixtures', () => {
  it('reads a plain list, a Python-repr file and the wrapped 2025-01-10 file', async () => {
    const result = await ingestInputs([FIXTURES], {});
    expectNothingLost(result);
    expect(result.counts).toMatchObject({
      read: 14,
      accepted: 14,
      rejected: 0,
      papers: 14,
      undated: 0,
    });
    expect(result.inputs.map((input) => [input.file, input.format, input.records])).toEqual([
      [`${FIXTURES}/2025-01-02.json.gz`, 'hf-api-json', 3],
      [`${FIXTURES}/2025-01-10.json.gz`, 'hf-api-json', 9],
      [`${FIXTURES}/2025-06-20.json.gz`, 'hf-api-json', 2],
    ]);
    const paper = result.papers.find((p) => p.id === '2412.19638');
    expect(paper).toMatchObject({
      title: 'Xmodel-2 Technical Report',
      dates: ['2025-01-02'],
      arxivId: '2412.19638',
      url: 'https://arxiv.org/abs/2412.19638',
      sources: [{ file: `${FIXTURES}/2025-01-02.json.gz`, line: 3 }],
    });
    expect(result.warnings).toEqual([]);
  });
});

describe('ingestInputs on bad input', () => {
  let dir: string;
  let result: IngestResult;
  const abstract = 'An abstract that is long enough and ends with a full stop.';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ingest-bad-'));
    const page = (...lines: string[]) => ['new', '', 'Subscribe', '', ...lines].join('\n');
    await writeFile(join(dir, 'a-empty.txt'), '');
    await writeFile(
      join(dir, 'b-junk.txt'),
      Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 37) % 256)),
    );
    await writeFile(
      join(dir, 'c-latin1.txt'),
      Buffer.concat([
        Buffer.from(page('Mar 17', '', 'Schr')),
        Buffer.from([0xf6]),
        Buffer.from(`dinger Bridges\n\n${abstract}\n`),
      ]),
    );
    await writeFile(
      join(dir, 'd-crlf-bom.txt'),
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from(
          page('Mar 12', '', 'Go Wider Instead of Deeper', '', abstract, '').replace(/\n/g, '\r\n'),
        ),
      ]),
    );
    await writeFile(
      join(dir, 'e-truncated.txt'),
      page('Mar 13', '', 'Kept Paper', '', abstract, '', 'Cut Paper'),
    );
    await writeFile(
      join(dir, 'f-title-no-abstract.txt'),
      page('Mar 14', '', 'Lonely Title', '', 'Go wider, instead of deeper!', '', abstract),
    );
    await writeFile(join(dir, 'g-no-date.txt'), page('Undated Paper', '', abstract));
    await writeFile(
      join(dir, 'h-broken.jsonl'),
      [
        JSON.stringify({
          id: '2107.11817v1',
          date: '2024-03-12',
          title: 'Go Wider Instead of Deeper',
          abstract,
        }),
        '{"title": "Broken", "abstract": ',
        JSON.stringify({
          id: '2107.11817',
          date: '2024-03-12',
          title: 'GO WIDER INSTEAD OF DEEPER',
          abstract,
        }),
        JSON.stringify({ title: 'Undated Paper', abstract }),
      ].join('\n'),
    );
    await writeFile(join(dir, 'i-not-json.json'), '[{"paper": ');
    await writeFile(join(dir, 'README.md'), '# notes');
    await mkdir(join(dir, 'sub'));
    await copyFile(`${FIXTURES}/2025-01-02.json.gz`, join(dir, 'j-2025-01-02.json.gz'));
    await writeFile(
      join(dir, 'k-page.txt.gz'),
      gzipSync(page('Mar 15', '', 'Zipped Paper', '', abstract)),
    );
    result = await ingestInputs([dir], { year: 2024, yearSource: 'option' });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const rejectsOf = (name: string) =>
    result.rejects
      .filter((r) => r.source.file === join(dir, name))
      .map((r) => [r.reason, r.source.line]);

  it('keeps the invariant read = accepted + rejected', () => {
    expectNothingLost(result);
    expect(result.counts).toMatchObject({ read: 18, accepted: 12, rejected: 6 });
  });

  it('rejects an empty file, binary junk and unparseable JSON as whole files, and reads Latin-1 text', () => {
    expect(rejectsOf('a-empty.txt')).toEqual([['empty', 0]]);
    expect(rejectsOf('b-junk.txt')).toEqual([['binary', 0]]);
    expect(rejectsOf('c-latin1.txt')).toEqual([]);
    expect(result.papers.map((paper) => paper.title)).toContain('Schrödinger Bridges');
    expect(rejectsOf('i-not-json.json')).toEqual([['bad-json', 0]]);
    const formats = Object.fromEntries(
      result.inputs.map((input) => [input.file.slice(dir.length + 1), input.format]),
    );
    expect(formats).toMatchObject({
      'a-empty.txt': 'unknown',
      'b-junk.txt': 'unknown',
      'c-latin1.txt': 'page-text',
    });
  });

  it('rejects the cut-off title and the title with no abstract, with their lines', () => {
    expect(rejectsOf('e-truncated.txt')).toEqual([['no-abstract', 11]]);
    expect(rejectsOf('f-title-no-abstract.txt')).toEqual([['no-abstract', 7]]);
    expect(rejectsOf('h-broken.jsonl')).toEqual([['bad-json', 2]]);
  });

  it('reads CRLF, a BOM and gzip, and merges duplicates by arXiv id and by title', () => {
    const wider = result.papers.find((paper) => paper.id === '2107.11817');
    expect(wider?.dates).toEqual(['2024-03-12', '2024-03-14']);
    expect(wider?.sources.map((s) => [s.file.slice(dir.length + 1), s.line])).toEqual([
      ['d-crlf-bom.txt', 7],
      ['f-title-no-abstract.txt', 9],
      ['h-broken.jsonl', 1],
      ['h-broken.jsonl', 3],
    ]);
    expect(result.counts.duplicatesSameDay).toBe(2);
    expect(result.papers.find((paper) => paper.title === 'Zipped Paper')?.dates).toEqual([
      '2024-03-15',
    ]);
  });

  it('keeps the papers of a page with no date line and of undated JSONL, undated', () => {
    const undated = result.papers.find((paper) => paper.title === 'Undated Paper');
    expect(undated?.dates).toEqual([]);
    expect(undated?.sources).toHaveLength(2);
    expect(result.counts.undated).toBe(1);
  });

  it('says what was skipped and what was rejected, one clear line each', () => {
    const w = result.warnings;
    expect(w[0]).toBe(
      `${dir}: skipped 2 entries that are not .txt/.json/.jsonl/.ndjson files (optionally .gz) or are subfolders: README.md, sub/`,
    );
    expect(w).toContain(
      `${join(dir, 'a-empty.txt')}: empty file; it holds no papers, file skipped (see rejects.json)`,
    );
    expect(w).toContain(
      `${join(dir, 'c-latin1.txt')}:7: not UTF-8 but Windows-1252 (Latin-1) text; decoded as Windows-1252 (non-ASCII characters on lines 7): check those characters, or re-save the file as UTF-8`,
    );
    expect(w).toContain(
      `${join(dir, 'e-truncated.txt')}:11: title with no abstract (the page ends after it; it may be cut off, so copy the whole page), skipped (see rejects.json)`,
    );
    expect(w).toContain(
      `${join(dir, 'g-no-date.txt')}:5: no date line (like "Mar 17") above 1 paper; kept without a date, so they are left out of trends`,
    );
    expect(w).toContain(
      `${join(dir, 'd-crlf-bom.txt')}:5: page date "Mar 12" shows no year; assumed 2024 (from --year)`,
    );
    expect(
      w.filter((line) => line.includes('h-broken.jsonl:2: line is not valid JSON')),
    ).toHaveLength(1);
  });
});

describe('ingestInputs on paths that cannot be used', () => {
  it('throws an InputError naming a missing path', async () => {
    const missing = join(tmpdir(), 'no-such-input-folder', 'page.txt');
    await expect(ingestInputs([missing], {})).rejects.toThrow(InputError);
    await expect(ingestInputs([missing], {})).rejects.toThrow(`input ${missing} does not exist`);
  });

  it('reads a file named twice once', async () => {
    const file = 'seeds/003_d52d7cdff0ca3bd1.txt';
    const result = await ingestInputs([file, 'seeds'], { year: 2024 });
    expect(result.counts.read).toBe(40);
    expect(result.warnings[0]).toBe(
      'seeds/003_d52d7cdff0ca3bd1.txt: named more than once; read once',
    );
  });
});

describe.skipIf(!existsSync(RAW_API) || !existsSync(HF_PAPERS))(
  'ingestInputs on all 580 real daily_papers files',
  () => {
    let result: IngestResult;
    beforeAll(async () => {
      result = await ingestInputs([RAW_API], {});
    });

    it('reads 9,881 paper-day entries into 9,877 papers with no reject', () => {
      expectNothingLost(result);
      expect(result.inputs).toHaveLength(580);
      expect(result.counts).toEqual({
        read: 9881,
        accepted: 9881,
        rejected: 0,
        duplicates: 4,
        duplicatesSameDay: 0,
        papers: 9877,
        multiDay: 4,
        undated: 0,
      });
      expect(result.warnings).toEqual([]);
    });

    it('agrees with the derived papers.jsonl.gz on ids, days and abstracts', () => {
      const reference = new Map(readJsonlGz(HF_PAPERS).map((row) => [row.id as string, row]));
      expect(result.papers.map((paper) => paper.id).sort()).toEqual([...reference.keys()].sort());
      const titleDiffs: string[] = [];
      for (const paper of result.papers) {
        const row = reference.get(paper.id)!;
        expect(paper.dates).toEqual(row.dates);
        expect(paper.abstract).toBe(row.abstract);
        if (paper.title !== row.title) titleDiffs.push(row.title as string);
      }
      // The derived file took the entry's top-level title, which keeps TeX markup; paper.title has it stripped.
      expect(titleDiffs).toHaveLength(18);
      for (const title of titleDiffs) expect(title).toMatch(/[$\\]/);
    });
  },
);

describe.skipIf(!existsSync(ARXIV_PAPERS))('ingestInputs on the 74,728-paper arXiv JSONL', () => {
  it('reads every record into its own paper with all its days', async () => {
    const result = await ingestInputs([ARXIV_PAPERS], {});
    expectNothingLost(result);
    expect(result.counts).toMatchObject({ read: 74728, rejected: 0, papers: 74728, undated: 0 });
    expect(result.inputs[0]!.format).toBe('jsonl');
    for (const paper of result.papers) expect(paper.arxivId).toBe(paper.id);
  });
});
