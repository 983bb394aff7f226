/**
 * Encodes a run's papers, related papers and trends as the browser data files (format in
 * `schema/browser-files.ts`). A pure function of the artifacts: same input, same files. Nothing
 * the app shows is dropped; what is dropped (each record's sources, the first-seen lists) the
 * app never shows.
 */
import type { Neighbour, Paper, Theme, TopicsFile, TrendsFile } from '../schema/artifacts.ts';
import {
  DEFAULT_DETAIL_CHUNK,
  FIXED_SCALE,
  detailPlan,
  type BrowserDetailsFile,
  type BrowserFileHead,
  type BrowserPapersFile,
  type BrowserTrendsFile,
} from '../schema/browser-files.ts';
import { SharedTermFinder } from './shared-terms.ts';

/** What the browser data is made from: the run's artifacts, without schema versions. */
export interface BrowserSources {
  papers: readonly Paper[];
  /** Paper id → related papers, best first. */
  related: Record<string, Neighbour[]>;
  topics: Omit<TopicsFile, 'schemaVersion'>;
  themes: readonly Theme[];
  trends: Omit<TrendsFile, 'schemaVersion'>;
}

/** A browser data file before its head (schema version, format, manifest fingerprint). */
export type Headless<T extends BrowserFileHead> = Omit<T, keyof BrowserFileHead>;

/** The browser data files, without their heads. */
export interface EncodedBrowserData {
  papers: Headless<BrowserPapersFile>;
  /** Detail file `i` is `details[i]`. */
  details: Headless<BrowserDetailsFile>[];
  trends: Headless<BrowserTrendsFile>;
}

/** Options of {@link encodeBrowserData}. */
export interface EncodeOptions {
  /** Papers per detail file, ≥ 1; default {@link DEFAULT_DETAIL_CHUNK}. */
  detailChunk?: number;
  /**
   * Shared terms already known for these same sources, by {@link pairKey} (the previous run's,
   * see previous-terms.ts); the pairs not in it are found anew.
   */
  knownTerms?: ReadonlyMap<string, string[]>;
}

/** Key of the ordered pair (paper `a`, its related paper `b`) in {@link EncodeOptions.knownTerms}. */
export function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

const toFixed = (value: number) => Math.round(value * FIXED_SCALE);

/** The papers file's columns, its day list and its theme list. */
function encodePapers(papers: readonly Paper[], detailChunk: number): EncodedBrowserData['papers'] {
  const days = [...new Set(papers.flatMap((paper) => paper.dates))].sort();
  const dayIndex = new Map(days.map((day, i) => [day, i]));
  const themeIndex = new Map<string, number>();
  const indexOfTheme = (id: string) => {
    let index = themeIndex.get(id);
    if (index === undefined) themeIndex.set(id, (index = themeIndex.size));
    return index;
  };
  const columns: BrowserPapersFile['columns'] = {
    id: [],
    title: [],
    topic: [],
    x: [],
    y: [],
    dates: [],
    themes: [],
  };
  for (const paper of papers) {
    columns.id.push(paper.id);
    columns.title.push(paper.title);
    columns.topic.push(paper.topic ?? -1);
    columns.x.push(toFixed(paper.x));
    columns.y.push(toFixed(paper.y));
    columns.dates.push(paper.dates.map((day) => dayIndex.get(day)!));
    columns.themes.push(
      paper.themes.flatMap((score) => [indexOfTheme(score.theme), toFixed(score.score)]),
    );
  }
  if (papers.some((paper) => paper.upvotes !== undefined)) {
    columns.upvotes = papers.map((paper) => paper.upvotes ?? null);
  }
  return {
    count: papers.length,
    days,
    themes: [...themeIndex.keys()],
    detailChunk,
    columns,
  };
}

/**
 * The metadata columns of one detail file (authors, links), each only when some paper of the
 * file has the field, so that inputs without metadata give the files they gave before.
 */
function metadataColumns(
  papers: readonly Paper[],
): Pick<Headless<BrowserDetailsFile>, 'authors' | 'githubRepo' | 'projectPage'> {
  const columns: Pick<Headless<BrowserDetailsFile>, 'authors' | 'githubRepo' | 'projectPage'> = {};
  for (const field of ['authors', 'githubRepo', 'projectPage'] as const) {
    if (papers.some((paper) => paper[field] !== undefined)) {
      (columns as Record<string, unknown>)[field] = papers.map((paper) => paper[field] ?? null);
    }
  }
  return columns;
}

/** Builds the papers file, the detail files and the trends file. */
export function encodeBrowserData(
  sources: BrowserSources,
  options: EncodeOptions = {},
): EncodedBrowserData {
  const { papers } = sources;
  const detailChunk = options.detailChunk ?? DEFAULT_DETAIL_CHUNK;
  const papersFile = encodePapers(papers, detailChunk);

  const rowOf = new Map(papers.map((paper, row) => [paper.id, row]));
  // Made on the first pair whose terms are not known: building it tokenizes every paper.
  let finder: SharedTermFinder | undefined;
  const termsOf = (row: number, other: number): string[] => {
    const known = options.knownTerms?.get(pairKey(papers[row]!.id, papers[other]!.id));
    if (known) return known;
    finder ??= new SharedTermFinder(papers, sources.topics.topics, sources.themes);
    return finder.find(row, other);
  };
  const plan = detailPlan(papersFile.columns.topic, detailChunk);
  const details = plan.chunks.map((rows, chunk): Headless<BrowserDetailsFile> => {
    const file: Headless<BrowserDetailsFile> = {
      chunk,
      rows,
      abstract: [],
      arxivId: [],
      url: [],
      nearestTopics: [],
      related: [],
      terms: [],
    };
    Object.assign(file, metadataColumns(rows.map((row) => papers[row]!)));
    for (const row of rows) {
      const paper = papers[row]!;
      file.abstract.push(paper.abstract);
      file.arxivId.push(paper.arxivId);
      file.url.push(paper.url);
      file.nearestTopics.push(
        paper.nearestTopics.flatMap((near) => [near.topic, toFixed(near.similarity)]),
      );
      const pairs: number[] = [];
      const terms: string[][] = [];
      for (const neighbour of sources.related[paper.id] ?? []) {
        const other = rowOf.get(neighbour.id);
        if (other === undefined) continue;
        pairs.push(other, toFixed(neighbour.score));
        terms.push(termsOf(row, other));
      }
      file.related.push(pairs);
      file.terms.push(terms);
    }
    return file;
  });
  // Every field of trends.json passes through but its schema version (the file's head carries
  // it, and a trends artifact may be passed whole); the first-seen papers become rows.
  const { firstSeen, ...trendFields } = sources.trends as Omit<TrendsFile, 'schemaVersion'> & {
    schemaVersion?: number;
  };
  delete trendFields.schemaVersion;
  return {
    papers: papersFile,
    details,
    trends: {
      ...trendFields,
      firstSeen: firstSeen.map(({ date, papers: ids, topics }) => ({
        date,
        rows: ids.map((id) => rowOf.get(id)!).sort((a, b) => a - b),
        topics,
      })),
    },
  };
}
