/** The shipped demo corpus: readable by the pipeline as it is, and rebuilt byte for byte from its source. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEMO_CORPUS } from '../../src/demo/demo-files.ts';
import { encodeCorpus, reduceCorpus } from '../../src/demo/build-demo-corpus.ts';
import { ingestInputs } from '../../src/ingest/ingest.ts';
import { sharedDataset } from '../ingest/shared-datasets.ts';

const SOURCE = sharedDataset('hf-daily-papers/papers.jsonl.gz');

describe('the demo corpus', () => {
  it('holds 9,877 dated papers over two years, every record and its metadata accepted', async () => {
    const ingest = await ingestInputs([DEMO_CORPUS], {});
    expect(ingest.counts).toMatchObject({ read: 9877, rejected: 0, papers: 9877, undated: 0 });
    expect(ingest.warnings).toEqual([]);
    const having = (key: 'authors' | 'upvotes' | 'githubRepo' | 'projectPage') =>
      ingest.papers.filter((paper) => paper[key] !== undefined).length;
    // The shared corpus's own counts (PROVENANCE.md): every paper has upvotes, 3,688 a repository.
    expect(having('upvotes')).toBe(9877);
    expect(having('githubRepo')).toBe(3688);
    expect(having('authors')).toBeGreaterThan(9800);
    expect(having('projectPage')).toBeGreaterThan(2800);
    const days = ingest.papers.flatMap((p) => p.dates).sort();
    expect([days[0], days.at(-1)]).toEqual(['2024-05-27', '2026-08-21']);
    expect(new Set(days).size).toBe(580);
  });

  it('keeps only id, title, abstract, dates and the metadata the dashboard shows', async () => {
    const lines = gunzipSync(await readFile(DEMO_CORPUS))
      .toString('utf8')
      .trimEnd()
      .split('\n');
    const keys = new Set(lines.flatMap((line) => Object.keys(JSON.parse(line) as object)));
    expect([...keys].sort()).toEqual(
      [
        'abstract',
        'authors',
        'dates',
        'githubRepo',
        'id',
        'projectPage',
        'title',
        'upvotes',
      ].sort(),
    );
    expect(Object.keys(JSON.parse(lines[0]!) as object).slice(0, 4)).toEqual([
      'id',
      'title',
      'abstract',
      'dates',
    ]);
  });

  it.skipIf(!existsSync(SOURCE))(
    'is rebuilt byte for byte from the shared HF corpus (skipped when ../shared is absent)',
    async () => {
      const rows = reduceCorpus(gunzipSync(await readFile(SOURCE)).toString('utf8'));
      expect(encodeCorpus(rows).equals(await readFile(DEMO_CORPUS))).toBe(true);
    },
  );
});

describe('reduceCorpus', () => {
  it('drops other fields, dedupes and sorts dates, and orders rows by first day then id', () => {
    const jsonl = [
      { id: 'b', dates: ['2025-01-02'], title: 'B', abstract: 'b', upvotes: 3, numComments: 1 },
      {
        id: 'a',
        dates: ['2025-01-03', '2025-01-02', '2025-01-03'],
        title: 'A',
        abstract: 'a',
        githubRepo: null,
        projectPage: 'https://a.example/',
        ai_keywords: ['k'],
      },
      {
        id: 'c',
        dates: ['2025-01-01'],
        title: 'C',
        abstract: 'c',
        authors: ['x'],
        githubRepo: 'https://github.com/c/c',
      },
      { id: 'd', dates: ['2025-01-01'], title: 'D', abstract: 'd', authors: [], upvotes: null },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n');
    expect(reduceCorpus(jsonl)).toEqual([
      {
        id: 'c',
        title: 'C',
        abstract: 'c',
        dates: ['2025-01-01'],
        authors: ['x'],
        githubRepo: 'https://github.com/c/c',
      },
      { id: 'd', title: 'D', abstract: 'd', dates: ['2025-01-01'] },
      {
        id: 'a',
        title: 'A',
        abstract: 'a',
        dates: ['2025-01-02', '2025-01-03'],
        projectPage: 'https://a.example/',
      },
      { id: 'b', title: 'B', abstract: 'b', dates: ['2025-01-02'], upvotes: 3 },
    ]);
  });
});
