/** Paper texts of the arxiv-cs-daily dataset, the corpus both embedding and index benchmarks use. */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { paperText } from '../src/embed/paper-text.ts';
import { sharedDataset } from './shared-datasets.ts';

/** The dataset file; override with the `ARXIV_CS_DAILY` environment variable. */
export const ARXIV_PAPERS =
  process.env.ARXIV_CS_DAILY ?? sharedDataset('arxiv-cs-daily/papers.jsonl.gz');

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/**
 * `paperText(title, abstract)` of the first `limit` papers (default all 74,728), in file order,
 * whitespace-collapsed and NFC like ingest does.
 */
export async function readArxivTexts(limit = Infinity): Promise<string[]> {
  if (!existsSync(ARXIV_PAPERS)) {
    throw new Error(
      `benchmark corpus ${ARXIV_PAPERS} not found; set ARXIV_CS_DAILY to the arxiv-cs-daily papers.jsonl.gz`,
    );
  }
  const lines = createInterface({ input: createReadStream(ARXIV_PAPERS).pipe(createGunzip()) });
  const texts: string[] = [];
  for await (const line of lines) {
    if (texts.length >= limit) break;
    if (line.trim() === '') continue;
    const paper = JSON.parse(line) as { title: string; abstract: string };
    texts.push(paperText(clean(paper.title), clean(paper.abstract)));
  }
  lines.close();
  return texts;
}
