/**
 * The browser's data files, written by the pipeline's last stage (`emit/`) into the public half
 * of the run folder: a compact, lossless re-encoding of `papers.json`, `related.json` and
 * `trends.json`, split by when the app needs them.
 *
 * - `browser/papers.json` holds what the map, the lists and the title search need at load,
 *   as columns: id, title, fine topic, x/y as integers (the contract's 4 decimals × 10⁴),
 *   days as indices into a day list, watch-list memberships, and upvotes when the input had
 *   them (so that lists can sort by them). No abstracts, no neighbours.
 * - `browser/details/<n>.json` holds the rest, loaded when a paper is opened: abstract, arXiv
 *   id and URL, authors and links when the input had them, nearest topics, and the related papers (as rows) with their similarity and
 *   the key terms both papers share (found with the pipeline's tokenizer when the files are
 *   written, so that opening a paper needs one file). Papers are grouped by fine topic, so a
 *   related paper is usually in a file already loaded.
 * - `browser/trends.json` is `trends.json` with its first-seen lists as paper rows instead of
 *   ids (the ids are half the file at 75k papers; the rows point into `browser/papers.json`).
 *
 * Every file carries the contract's `schemaVersion`, this format's version, and a fingerprint
 * of the `manifest.json` written with it ({@link manifestFingerprint}), so that the app can tell files of two runs apart
 * (a static host that copied half a run). Files over 1 kB also get a gzipped copy (`.gz`)
 * next to them, which the dashboard server and static hosts that look for one send instead.
 */
import { publicManifest } from './public-manifest.ts';
import type { Manifest, TrendsFile } from './artifacts.ts';

/** Version of the browser data format; bump it on any change of the files below. */
export const BROWSER_FORMAT = 5;

/** Folder of the browser data inside the public half of a run folder. */
export const BROWSER_DIR = 'browser';

/** Path of the papers file, relative to the public folder. */
export const BROWSER_PAPERS_FILE = `${BROWSER_DIR}/papers.json`;

/** Path of the trends file, relative to the public folder. */
export const BROWSER_TRENDS_FILE = `${BROWSER_DIR}/trends.json`;

/** Path of detail file `chunk`, relative to the public folder. */
export function detailFileName(chunk: number): string {
  return `${BROWSER_DIR}/details/${chunk}.json`;
}

/** Map coordinates and similarities are 4-decimal numbers, stored as integers × 10⁴. */
export const FIXED_SCALE = 10_000;

/** Papers per detail file, unless the papers file says otherwise. */
export const DEFAULT_DETAIL_CHUNK = 128;

/** What every browser data file starts with. */
export interface BrowserFileHead {
  /** Schema version of the pipeline artifacts the file was made from. */
  schemaVersion: number;
  /** {@link BROWSER_FORMAT} of the code that wrote the file. */
  format: number;
  /** {@link manifestFingerprint} of the manifest written with the file. */
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
    /**
     * `Paper.upvotes`, null for a paper without. The column is absent when no paper has
     * upvotes (page text, JSONL without them).
     */
    upvotes?: (number | null)[];
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
  /**
   * `Paper.authors`, `Paper.githubRepo` and `Paper.projectPage`, null for a paper without. Each
   * column is absent when no paper of the file has the field.
   */
  authors?: (string[] | null)[];
  githubRepo?: (string | null)[];
  projectPage?: (string | null)[];
  /** Flat pairs [topic id, similarity × 10⁴], for papers in no topic. */
  nearestTopics: number[][];
  /** Flat pairs [row, similarity × 10⁴], best first. */
  related: number[][];
  /**
   * Per related paper (same order), the key terms both papers share, most telling first, as
   * written in the paper of this row (or in the topic keyword that matched).
   */
  terms: string[][][];
}

/** One page day of `trends.json`'s first-seen lists, papers as rows of the papers file. */
export interface BrowserFirstSeenDay {
  date: string;
  /** Rows (`browser/papers.json` order) of the papers first seen that day, ascending. */
  rows: number[];
  /** Topics (fine and broad) whose first paper appeared that day, ascending. */
  topics: number[];
}

/** The trends as the app reads them: `trends.json`, first-seen papers as rows. */
export type BrowserTrends = Omit<TrendsFile, 'schemaVersion' | 'firstSeen'> & {
  firstSeen: BrowserFirstSeenDay[];
};

/** `browser/trends.json`. */
export interface BrowserTrendsFile extends BrowserFileHead, BrowserTrends {}

/**
 * What identifies the run a browser file belongs to: {@link fnv1a} of the manifest's public form
 * ({@link publicManifest}, as the server sends it) as JSON without its timings, the one field
 * that differs between two runs on the same input (so those runs write byte-identical browser
 * files, and runs on other input or parameters do not). The full and the public form of one
 * manifest give the same fingerprint.
 */
export function manifestFingerprint(manifest: Manifest): string {
  return fnv1a(JSON.stringify({ ...publicManifest(manifest), timingsMs: {} }));
}

/**
 * FNV-1a (32 bit) of a text's UTF-16 code units, as 8 hex digits: enough to tell two runs
 * apart, and computable in the browser without `crypto.subtle`, which plain-HTTP static hosts
 * do not offer.
 */
export function fnv1a(text: string): string {
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
