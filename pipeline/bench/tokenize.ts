/**
 * The pipeline tokenizer (`topics/tokenize.ts`) against its former pattern-based version (the
 * equality test's reference) on the titles and abstracts of the 74,728 arxiv-cs-daily papers:
 * CPU and wall medians of runs alternated between the two, their ratio, throughput, and whether
 * the two corpora are identical.
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import { createGunzip } from 'node:zlib';
import { tokenizeCorpus, type TokenizedCorpus } from '../src/topics/tokenize.ts';
import { referenceTokenizeCorpus } from '../test/topics/reference-tokenize.ts';
import { ARXIV_PAPERS } from './arxiv-texts.ts';
import { loadRow, median, peakRssMiB, type Report } from './report.ts';

/** Runs of each tokenizer, alternated so that a change of machine load hits both. */
const RUNS = 3;

type Doc = { title: string; abstract: string };

async function readArxivDocs(): Promise<Doc[]> {
  if (!existsSync(ARXIV_PAPERS)) throw new Error(`benchmark corpus ${ARXIV_PAPERS} not found`);
  const lines = createInterface({ input: createReadStream(ARXIV_PAPERS).pipe(createGunzip()) });
  const docs: Doc[] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const { title, abstract } = JSON.parse(line) as Doc;
    docs.push({ title, abstract });
  }
  return docs;
}

interface Runs {
  wall: number[];
  cpu: number[];
  last?: TokenizedCorpus;
}

function timeRun(runs: Runs, tokenize: (docs: Doc[]) => TokenizedCorpus, docs: Doc[]): void {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  runs.last = tokenize(docs);
  const used = process.cpuUsage(startCpu);
  runs.wall.push(performance.now() - start);
  runs.cpu.push((used.user + used.system) / 1000);
}

/** Old and new tokenizer on the arXiv corpus. */
export async function benchTokenize(): Promise<Report> {
  const docs = await readArxivDocs();
  const chars = docs.reduce((sum, d) => sum + d.title.length + d.abstract.length, 0);
  const before: Runs = { wall: [], cpu: [] };
  const after: Runs = { wall: [], cpu: [] };
  for (let run = 0; run < RUNS; run++) {
    timeRun(before, referenceTokenizeCorpus, docs);
    timeRun(after, tokenizeCorpus, docs);
  }
  const tokens = after.last!.docs.reduce((sum, d) => sum + d.length, 0);
  const cell = (runs: Runs) => {
    const cpu = median(runs.cpu);
    return `${(cpu / 1000).toFixed(2)} s CPU, ${(median(runs.wall) / 1000).toFixed(2)} s wall; ${(chars / 1e3 / cpu).toFixed(1)} M chars/s CPU`;
  };
  return {
    title: `tokenizer on arxiv-cs-daily titles and abstracts (${docs.length} papers, ${(chars / 1e6).toFixed(1)} M chars, ${tokens} tokens; medians of ${RUNS} alternated runs)`,
    rows: [
      { label: 'former tokenizer (word pattern, reference)', value: cell(before) },
      { label: 'tokenizer (char-code scanner)', value: cell(after) },
      {
        label: 'speed-up (former / current, CPU medians)',
        value: `×${(median(before.cpu) / median(after.cpu)).toFixed(2)} (wall ×${(median(before.wall) / median(after.wall)).toFixed(2)})`,
      },
      {
        label: 'identical corpora',
        value: isDeepStrictEqual(before.last, after.last) ? 'yes' : 'NO: the outputs differ',
      },
      { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      loadRow(),
    ],
  };
}
