/**
 * The browser's data files: a compact, lossless re-encoding of the pipeline's `papers.json`,
 * `related.json` and `trends.json`, split by when the app needs them.
 *
 * - `browser/papers.json` holds what the map, the lists and the title search need at load,
 *   as columns: id, title, fine topic, x/y as integers (the contract's 4 decimals × 10⁴),
 *   days as indices into a day list, watch-list memberships. No abstracts, no neighbours.
 * - `browser/details/<n>.json` holds the rest, loaded when a paper is opened: abstract, arXiv
 *   id and URL, nearest topics, and the related papers (as rows) with their similarity and
 *   the key terms both papers share (computed from both abstracts when the files are made, so
 *   that opening a paper needs one file). Papers are grouped by fine topic, so a related
 *   paper is usually in a file already loaded.
 * - `browser/trends.json` is `trends.json` without its first-seen lists (half the file at 75k
 *   papers, and no view shows them).
 *
 * Every file carries the contract's `schemaVersion`, this format's version, and a fingerprint
 * of the `manifest.json` it was derived from, so that the app can tell stale or mismatched
 * browser data from a fresh run. Server-side derivation: `dashboard/server/browser-data.ts`.
 */
import type { ThemeScore, TopicSimilarity, TrendsFile } from './artifacts.ts';
import { publicManifestText } from './public-manifest.ts';

/** Version of the browser data format; bump it on any change of the files below. */
export const BROWSER_FORMAT = 2;

/** Folder of the browser data inside the data folder. */
export const BROWSER_DIR = 'browser';

/** Path of the papers file, relative to the data folder. */
export const BROWSER_PAPERS_FILE = `${BROWSER_DIR}/papers.json`;

/** Path of the trends file, relative to the data folder. */
export const BROWSER_TRENDS_FILE = `${BROWSER_DIR}/trends.json`;

/** Path of detail file `chunk`, relative to the data folder. */
export function detailFileName(chunk: number): string {
  return `${BROWSER_DIR}/details/${chunk}.json`;
}

/** Map coordinates and similarities are 4-decimal numbers, stored as integers × 10⁴. */
export const FIXED_SCALE = 10_000;

/** Papers per detail file, unless the papers file says otherwise. */
export const DEFAULT_DETAIL_CHUNK = 128;

/** What every browser data file starts with. */
export interface BrowserFileHead {
  /** Schema version of the pipeline artifacts the file was derived from. */
  schemaVersion: number;
  /** {@link BROWSER_FORMAT} of the code that wrote the file. */
  format: number;
  /** {@link manifestFingerprint} of the `manifest.json` the file was derived from. */
  source: string;
}

/** `browser/papers.json`: one entry per paper in each column, in `papers.json` order. */
export interface BrowserPapersFile extends BrowserFileHead {
  count: number;
  /** Every day a paper appeared on, ascending. */
  days: string[];
  /** Watch-list theme ids that some paper belongs to, in first-seen order. */
  themes: string[];
  /** Papers per detail file; see {@link detailPlan}. */
  detailChunk: number;
  columns: {
    id: string[];
    title: string[];
    /** Fine topic id, or -1 for a paper in no topic. */
    topic: number[];
    /** Map x and y × 10⁴ (integers 0 to 10000). */
    x: number[];
    y: number[];
    /** Indices into `days`, ascending. */
    dates: number[][];
    /** Flat pairs [index into `themes`, score × 10⁴], highest score first. */
    themes: number[][];
  };
}

/** `browser/details/<n>.json`: the papers of one detail chunk, in the plan's order. */
export interface BrowserDetailsFile extends BrowserFileHead {
  chunk: number;
  /** Rows (positions in the papers file) of the papers in this file. */
  rows: number[];
  abstract: string[];
  arxivId: (string | null)[];
  url: (string | null)[];
  /** Flat pairs [topic id, similarity × 10⁴], for papers in no topic. */
  nearestTopics: number[][];
  /** Flat pairs [row, similarity × 10⁴], best first. */
  related: number[][];
  /** Per related paper (same order), the key terms both papers share. */
  terms: string[][][];
}

/** The trends as the app reads them: `trends.json` but the first-seen lists. */
export type BrowserTrends = Omit<TrendsFile, 'schemaVersion' | 'firstSeen'>;

/** `browser/trends.json`. */
export interface BrowserTrendsFile extends BrowserFileHead, BrowserTrends {}

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
  nearestTopics: TopicSimilarity[];
  related: RelatedEntry[];
}

/**
 * FNV-1a (32 bit) of the manifest text, as 8 hex digits: enough to tell two runs apart (the
 * manifest records inputs, counts and timings), and computable in the browser without
 * `crypto.subtle`, which plain-HTTP static hosts do not offer. Hashes the manifest's public
 * form ({@link publicManifestText}), so the file on disk and the file the server sends the
 * browser have the same fingerprint.
 */
export function manifestFingerprint(manifestText: string): string {
  const text = publicManifestText(manifestText);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Which detail file holds each paper, and where in it. */
export interface DetailPlan {
  /** Row → detail file. */
  chunkOf: Uint32Array;
  /** Rows of each detail file, in file order. */
  chunks: number[][];
}

/**
 * Groups papers into detail files of `size`: ordered by fine topic (papers in no topic last),
 * then by row. Both sides compute it from the topic column, so the papers file needs no
 * column for it.
 */
export function detailPlan(topics: readonly number[], size: number): DetailPlan {
  const order = topics.map((_, row) => row);
  const key = (row: number) => (topics[row]! < 0 ? Number.MAX_SAFE_INTEGER : topics[row]!);
  order.sort((a, b) => key(a) - key(b) || a - b);
  const chunkOf = new Uint32Array(topics.length);
  const chunks: number[][] = [];
  for (let i = 0; i < order.length; i += size) {
    const rows = order.slice(i, i + size);
    for (const row of rows) chunkOf[row] = chunks.length;
    chunks.push(rows);
  }
  return { chunkOf, chunks };
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
  }
  return papers;
}

/** The papers of a details file by row. */
export function decodeDetails(file: BrowserDetailsFile): Map<number, PaperDetails> {
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
      nearestTopics,
      related,
    });
  });
  return byRow;
}
