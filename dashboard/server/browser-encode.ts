/**
 * Encodes the pipeline's artifacts as the browser data files (format in
 * `src/lib/data/browser-format.ts`). A pure function of the artifacts: same input, same
 * files. Nothing is dropped that the app shows; what is dropped (each record's sources) the
 * app never shows.
 */
import type {
  PapersFile,
  RelatedFile,
  ThemesFile,
  Topic,
  TopicsFile,
  TrendsFile,
} from '../src/lib/data/artifacts.ts';
import {
  BROWSER_FORMAT,
  DEFAULT_DETAIL_CHUNK,
  FIXED_SCALE,
  detailPlan,
  manifestFingerprint,
  type BrowserDetailsFile,
  type BrowserPapersFile,
  type BrowserTrendsFile,
} from '../src/lib/data/browser-format.ts';
import { SharedTermFinder } from '../src/lib/paper/why-related.ts';

/** The artifacts the browser data is derived from. */
export interface BrowserSources {
  /** `manifest.json` as read, for its fingerprint. */
  manifestText: string;
  papers: PapersFile;
  related: RelatedFile;
  topics: TopicsFile;
  themes: ThemesFile;
  trends: TrendsFile;
}

/** The files of the browser data. */
export interface EncodedBrowserData {
  papers: BrowserPapersFile;
  /** Detail file `i` is `details[i]`. */
  details: BrowserDetailsFile[];
  trends: BrowserTrendsFile;
}

/** Options of {@link encodeBrowserData}. */
export interface EncodeOptions {
  /** Papers per detail file; default {@link DEFAULT_DETAIL_CHUNK}. */
  detailChunk?: number;
}

const toFixed = (value: number) => Math.round(value * FIXED_SCALE);

/** Builds the papers file and the detail files from the artifacts. */
export function encodeBrowserData(
  sources: BrowserSources,
  options: EncodeOptions = {},
): EncodedBrowserData {
  const papers = sources.papers.papers;
  const detailChunk = options.detailChunk ?? DEFAULT_DETAIL_CHUNK;
  const head = {
    schemaVersion: sources.papers.schemaVersion,
    format: BROWSER_FORMAT,
    source: manifestFingerprint(sources.manifestText),
  };

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
  const papersFile: BrowserPapersFile = {
    ...head,
    count: papers.length,
    days,
    themes: [...themeIndex.keys()],
    detailChunk,
    columns,
  };

  const rowOf = new Map(papers.map((paper, row) => [paper.id, row]));
  const topics = new Map<number, Topic>(sources.topics.topics.map((topic) => [topic.id, topic]));
  const themeKeywords = new Map(sources.themes.themes.map((theme) => [theme.id, theme.keywords]));
  const vocabulary = [
    ...sources.topics.topics.flatMap((topic) => topic.keywords.map((keyword) => keyword.term)),
    ...sources.themes.themes.flatMap((theme) => theme.keywords),
  ];
  const finder = new SharedTermFinder(
    { topic: (id) => topics.get(id), themeKeywords: (id) => themeKeywords.get(id) ?? [] },
    vocabulary,
  );
  const plan = detailPlan(columns.topic, detailChunk);
  const details = plan.chunks.map((rows, chunk): BrowserDetailsFile => {
    const file: BrowserDetailsFile = {
      ...head,
      chunk,
      rows,
      abstract: [],
      arxivId: [],
      url: [],
      nearestTopics: [],
      related: [],
      terms: [],
    };
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
      // A neighbour missing from papers.json could not be shown; the app always skipped it.
      for (const neighbour of sources.related.related[paper.id] ?? []) {
        const other = rowOf.get(neighbour.id);
        if (other === undefined) continue;
        pairs.push(other, toFixed(neighbour.score));
        terms.push(finder.find(paper, papers[other]!));
      }
      file.related.push(pairs);
      file.terms.push(terms);
    }
    return file;
  });
  // Every field of trends.json passes through; the first-seen papers become rows.
  const { firstSeen, ...trendFields } = sources.trends;
  const trends: BrowserTrendsFile = {
    ...head,
    ...trendFields,
    firstSeen: firstSeen.map(({ date, papers: ids, topics }) => ({
      date,
      rows: ids.map((id) => rowOf.get(id)!).sort((a, b) => a - b),
      topics,
    })),
  };
  return { papers: papersFile, details, trends };
}
