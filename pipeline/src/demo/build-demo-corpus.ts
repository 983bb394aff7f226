/**
 * Maintainer script, not part of any run: rebuilds `pipeline/demo/hf-daily-papers.jsonl.gz` from
 * the shared HF Daily Papers corpus, keeping only the fields the pipeline reads: id, title,
 * abstract and dates, and the paper metadata the dashboard shows (authors, upvotes, githubRepo,
 * projectPage) where the source has it. Rows are sorted by first day, then id, and gzip is
 * deterministic, so the same source gives the same bytes. The texts are the source's, so the
 * shipped vectors (made from title and abstract) stay valid whatever metadata is kept.
 *
 *   npx tsx pipeline/src/demo/build-demo-corpus.ts [source.jsonl.gz] [target.jsonl.gz]
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { z } from 'zod';
import { writeFileAtomic } from '../output/atomic-write.ts';
import { DEMO_CORPUS } from './demo-files.ts';

const SourceRecord = z.object({
  id: z.string(),
  dates: z.array(z.string()).min(1),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string()).nullish(),
  upvotes: z.number().nullish(),
  githubRepo: z.string().nullish(),
  projectPage: z.string().nullish(),
});

/**
 * One demo row, in the JSONL shape the pipeline's reader takes. The metadata fields are as the
 * source gives them (the pipeline checks them when it reads the corpus), left out when the
 * source has none.
 */
export interface DemoRecord {
  id: string;
  title: string;
  abstract: string;
  dates: string[];
  authors?: string[];
  upvotes?: number;
  githubRepo?: string;
  projectPage?: string;
}

/** Reduces source JSONL text to demo rows, sorted by first day, then id. */
export function reduceCorpus(jsonl: string): DemoRecord[] {
  const rows = jsonl
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const record = SourceRecord.parse(JSON.parse(line));
      const row: DemoRecord = {
        id: record.id,
        title: record.title,
        abstract: record.abstract,
        dates: [...new Set(record.dates)].sort(),
      };
      if (record.authors && record.authors.length > 0) row.authors = record.authors;
      if (typeof record.upvotes === 'number') row.upvotes = record.upvotes;
      if (record.githubRepo) row.githubRepo = record.githubRepo;
      if (record.projectPage) row.projectPage = record.projectPage;
      return row;
    });
  return rows.sort((a, b) => {
    const day = (a.dates[0] as string).localeCompare(b.dates[0] as string);
    return day !== 0 ? day : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/** Gzipped JSONL of `rows`, one object a line, at the highest compression level. */
export function encodeCorpus(rows: DemoRecord[]): Buffer {
  const text = rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
  return gzipSync(text, { level: constants.Z_BEST_COMPRESSION });
}

async function main(): Promise<void> {
  const source = process.argv[2] ?? '../shared/datasets/hf-daily-papers/papers.jsonl.gz';
  const target = process.argv[3] ?? DEMO_CORPUS;
  const rows = reduceCorpus(gunzipSync(await readFile(source)).toString('utf8'));
  const bytes = encodeCorpus(rows);
  await writeFileAtomic(target, bytes);
  process.stderr.write(`${target}: ${rows.length} papers, ${bytes.length} bytes\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
