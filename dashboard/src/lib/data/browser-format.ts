/**
 * The browser data as the app reads it: the files' format is part of the contract
 * (`pipeline/src/schema/browser-files.ts`, written by the pipeline's emit stage); this module
 * decodes them into the papers and details the views use.
 */
import type { ThemeScore, TopicSimilarity } from './artifacts.ts';
import {
  BROWSER_PAPERS_FILE,
  FIXED_SCALE,
  type BrowserDetailsFile,
  type BrowserPapersFile,
} from '../../../../pipeline/src/schema/browser-files.ts';

export {
  BROWSER_DIR,
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  BROWSER_TRENDS_FILE,
  DEFAULT_DETAIL_CHUNK,
  FIXED_SCALE,
  detailFileName,
  detailPlan,
  fnv1a,
  manifestFingerprint,
} from '../../../../pipeline/src/schema/browser-files.ts';
export type {
  BrowserDetailsFile,
  BrowserFileHead,
  BrowserFirstSeenDay,
  BrowserPapersFile,
  BrowserTrends,
  BrowserTrendsFile,
  DetailPlan,
} from '../../../../pipeline/src/schema/browser-files.ts';

/**
 * A paper as the map and the lists know it: everything but the lazily loaded details. Lists
 * may be shared between papers: never change them.
 */
export interface PaperSummary {
  id: string;
  title: string;
  /** ISO days, ascending; empty when undated. */
  dates: readonly string[];
  topic: number | null;
  /** Map position, [0, 1]. */
  x: number;
  y: number;
  /** Watch-list memberships, highest score first. */
  themes: readonly ThemeScore[];
  /** Hugging Face upvotes; absent when the input gave none (page text, most JSONL). */
  upvotes?: number;
}

/** A related paper as stored: its row, similarity, and the terms both papers share. */
export interface RelatedEntry {
  row: number;
  score: number;
  terms: string[];
}

/** The lazily loaded part of a paper. */
export interface PaperDetails {
  abstract: string;
  arxivId: string | null;
  url: string | null;
  /** Author names in order; empty when the input gave none. */
  authors: readonly string[];
  /** Code repository and project page: http(s) URLs checked at ingest, or null. */
  githubRepo: string | null;
  projectPage: string | null;
  nearestTopics: TopicSimilarity[];
  related: RelatedEntry[];
}

const fixed = (value: number) => value / FIXED_SCALE;

/** Why a browser data file cannot be used; `file` is its path in the data folder. */
export class BrowserFormatError extends Error {
  override name = 'BrowserFormatError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** Throws unless every column of the papers file has one entry per paper. */
export function checkPapersFile(file: BrowserPapersFile): void {
  const name = BROWSER_PAPERS_FILE;
  if (!file.columns || !Number.isInteger(file.count))
    throw new BrowserFormatError(name, 'no columns');
  for (const [column, values] of Object.entries(file.columns)) {
    if (!Array.isArray(values) || values.length !== file.count) {
      throw new BrowserFormatError(
        name,
        `column ${column} has ${Array.isArray(values) ? values.length : 'no'} entries, expected ${file.count}`,
      );
    }
  }
  if (!(file.detailChunk >= 1)) throw new BrowserFormatError(name, 'no detail chunk size');
}

/** The papers of a checked papers file, in row order. */
export function decodePapers(file: BrowserPapersFile): PaperSummary[] {
  const { columns, days, themes } = file;
  // Most papers have one day and no theme: share the lists rather than allocate 75k of them.
  const oneDay = days.map((day) => [day]);
  const noThemes: ThemeScore[] = [];
  const papers: PaperSummary[] = new Array(file.count);
  for (let row = 0; row < file.count; row++) {
    const pairs = columns.themes[row]!;
    let scores = noThemes;
    if (pairs.length > 0) {
      scores = [];
      for (let i = 0; i < pairs.length; i += 2)
        scores.push({ theme: themes[pairs[i]!]!, score: fixed(pairs[i + 1]!) });
    }
    const dayIndices = columns.dates[row]!;
    const topic = columns.topic[row]!;
    papers[row] = {
      id: columns.id[row]!,
      title: columns.title[row]!,
      dates:
        dayIndices.length === 1 ? oneDay[dayIndices[0]!]! : dayIndices.map((day) => days[day]!),
      topic: topic < 0 ? null : topic,
      x: fixed(columns.x[row]!),
      y: fixed(columns.y[row]!),
      themes: scores,
    };
    const upvotes = columns.upvotes?.[row];
    if (upvotes !== undefined && upvotes !== null) papers[row]!.upvotes = upvotes;
  }
  return papers;
}

/** The papers of a details file by row. */
export function decodeDetails(file: BrowserDetailsFile): Map<number, PaperDetails> {
  const noAuthors: string[] = [];
  const byRow = new Map<number, PaperDetails>();
  file.rows.forEach((row, i) => {
    const near = file.nearestTopics[i]!;
    const nearestTopics: TopicSimilarity[] = [];
    for (let j = 0; j < near.length; j += 2)
      nearestTopics.push({ topic: near[j]!, similarity: fixed(near[j + 1]!) });
    const pairs = file.related[i]!;
    const terms = file.terms[i]!;
    const related: RelatedEntry[] = [];
    for (let j = 0; j < pairs.length; j += 2)
      related.push({ row: pairs[j]!, score: fixed(pairs[j + 1]!), terms: terms[j / 2] ?? [] });
    byRow.set(row, {
      abstract: file.abstract[i]!,
      arxivId: file.arxivId[i]!,
      url: file.url[i]!,
      authors: file.authors?.[i] ?? noAuthors,
      githubRepo: file.githubRepo?.[i] ?? null,
      projectPage: file.projectPage?.[i] ?? null,
      nearestTopics,
      related,
    });
  });
  return byRow;
}
