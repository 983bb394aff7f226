/**
 * The citations-dev evaluation set (`../shared/datasets/citations-dev`, evaluation only, never
 * shipped): NeurIPS/ICML papers and the citations among them. A paper's relevant neighbours are
 * the papers it cites or is cited by inside the set.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The dataset folder; override with `CITATIONS_DEV`. */
export const CITATIONS_DIR = process.env.CITATIONS_DEV ?? '/work/shared/datasets/citations-dev';

/** Papers and their citation links (undirected), rows in file order. */
export interface CitationSet {
  ids: string[];
  titles: string[];
  abstracts: string[];
  /** Per row: rows it cites or is cited by. */
  links: Set<number>[];
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

/** Reads the papers and the citation graph. */
export async function readCitationSet(dir = CITATIONS_DIR): Promise<CitationSet> {
  const papersFile = join(dir, 'papers.jsonl.gz');
  if (!existsSync(papersFile)) {
    throw new Error(`${papersFile} not found; set CITATIONS_DEV to the citations-dev folder`);
  }
  const lines = gunzipSync(await readFile(papersFile))
    .toString('utf8')
    .split('\n');
  const ids: string[] = [];
  const titles: string[] = [];
  const abstracts: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    const paper = JSON.parse(line) as { id: string; title: string; abstract: string };
    ids.push(paper.id);
    titles.push(clean(paper.title));
    abstracts.push(clean(paper.abstract));
  }
  const rowOf = new Map(ids.map((id, row) => [id, row]));
  const links = ids.map(() => new Set<number>());
  const graph = await readFile(join(dir, 'citation_graph.adjlist'), 'utf8');
  for (const line of graph.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    const [src, ...dsts] = line.trim().split(/\s+/);
    const a = rowOf.get(src!);
    for (const dst of dsts) {
      const b = rowOf.get(dst);
      if (a === undefined || b === undefined || a === b) continue;
      links[a]!.add(b);
      links[b]!.add(a);
    }
  }
  return { ids, titles, abstracts, links };
}

/**
 * Which half a paper's evaluation belongs to: the first bit of sha256 of its id. Parameters are
 * chosen on half `A` and reported on half `B`, so the reported figure was not fitted to.
 */
export function evaluationHalf(id: string): 'A' | 'B' {
  return (createHash('sha256').update(id).digest()[0]! & 1) === 0 ? 'A' : 'B';
}

/** Mean recall@k and nDCG@k over the query rows that have at least one link. */
export interface Scores {
  recall: number;
  ndcg: number;
  queries: number;
}

/**
 * recall@k = |top-k ∩ linked| / min(k, |linked|); nDCG@k with binary gains, the ideal ranking
 * putting min(k, |linked|) linked papers first. Averaged over `queries` rows with links.
 *
 * @param ranked per row, its ranked neighbour rows (the row itself excluded).
 */
export function scoreRankings(
  set: CitationSet,
  ranked: (row: number) => readonly number[],
  queries: readonly number[],
  k = 10,
): Scores {
  let recall = 0;
  let ndcg = 0;
  let n = 0;
  for (const row of queries) {
    const linked = set.links[row]!;
    if (linked.size === 0) continue;
    const top = ranked(row).slice(0, k);
    let hits = 0;
    let dcg = 0;
    top.forEach((other, i) => {
      if (linked.has(other)) {
        hits += 1;
        dcg += 1 / Math.log2(i + 2);
      }
    });
    const ideal = Math.min(k, linked.size);
    let idcg = 0;
    for (let i = 0; i < ideal; i++) idcg += 1 / Math.log2(i + 2);
    recall += hits / ideal;
    ndcg += dcg / idcg;
    n += 1;
  }
  return { recall: recall / n, ndcg: ndcg / n, queries: n };
}
