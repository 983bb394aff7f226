/**
 * The contract between the pipeline and the dashboard.
 *
 * Every artifact the pipeline writes into its output folder (default `data/`) is described here,
 * and nothing else crosses between the two sides. Each JSON artifact carries `schemaVersion`;
 * a reader must refuse a version it does not know (see {@link checkSchemaVersion}).
 *
 * Conventions used by every artifact:
 * - Days are ISO `YYYY-MM-DD` strings, never timestamps.
 * - Similarities are cosine similarities in [-1, 1], rounded to 4 decimals.
 * - Map coordinates are normalized to [0, 1] on both axes and rounded to 4 decimals.
 * - Lists are sorted deterministically so that two runs on the same input are byte-identical;
 *   the only field allowed to differ between runs is `manifest.timingsMs`.
 *
 * Each artifact lives in one half of the run folder ({@link ARTIFACT_HALF}); the browser's own
 * files, written next to the public artifacts, are described in `browser-files.ts`.
 */
// Types only (erased at run time): the parameters and quality figures are defined by the stages
// that produce them, and recorded in the manifest as they are.
import type { TopicParams, TopicQuality } from '../topics/discover-topics.ts';
import type { LayoutParams } from '../layout/map-layout.ts';

/**
 * Version of every artifact below. Bump it on any incompatible change. An optional field that a
 * reader of the same version may ignore (such as {@link PaperMetadata}) is not one: artifacts
 * with and without it are both valid under this version.
 */
export const SCHEMA_VERSION = 1;

/** File names inside their half of the run folder. */
export const ARTIFACT_FILES = {
  manifest: 'manifest.json',
  papers: 'papers.json',
  related: 'related.json',
  topics: 'topics.json',
  themes: 'themes.json',
  trends: 'trends.json',
  rejects: 'rejects.json',
  /** Row-major float32 vectors (little-endian), one row per paper in `papers.json` order. */
  embeddings: 'embeddings.f32',
  /** hnswlib-node index file; labels are row numbers in `papers.json` order. */
  index: 'index.hnsw',
  /**
   * The k-NN graph topics and the map are built from: papers × `manifest.index.graphK` int32
   * neighbour rows (-1 pads), then as many float32 cosine scores (NaN pads), little-endian.
   */
  graph: 'knn-graph.bin',
} as const;

/** One artifact, by its key in {@link ARTIFACT_FILES}. */
export type ArtifactName = keyof typeof ARTIFACT_FILES;

/**
 * Which half of a run folder each artifact lives in. `public` is what a static host or the
 * dashboard server may serve (together with the browser data, see `browser-files.ts`);
 * `private` is read by the pipeline and the search API only.
 */
export const ARTIFACT_HALF = {
  manifest: 'public',
  papers: 'private',
  related: 'private',
  topics: 'public',
  themes: 'public',
  trends: 'private',
  rejects: 'public',
  embeddings: 'private',
  index: 'private',
  graph: 'private',
} as const satisfies Record<ArtifactName, 'public' | 'private'>;

/** One place a record was read from. */
export interface SourceRef {
  /** Input path as given on the command line, joined with the file name for directory inputs. */
  file: string;
  /** 1-based line number of the record in the (decompressed) file; 0 when the whole file is meant. */
  line: number;
}

/**
 * What an input may say about a paper besides its text: the Hugging Face `daily_papers` API and
 * JSONL records with the same field names carry it, page text does not. Every field is absent
 * when no record of the paper gave a usable value (see `ingest/paper-metadata.ts`), so a paper
 * read from page text has none of them.
 */
export interface PaperMetadata {
  /** Author names in the order given, whitespace-collapsed, NFC; never empty when present. */
  authors?: string[];
  /**
   * Hugging Face upvotes, a whole number ≥ 0, as the input recorded it (a snapshot of the day it
   * was saved); the most of any record of the paper.
   */
  upvotes?: number;
  /** The paper's code repository: an absolute `http:` or `https:` URL (`githubRepo` in the API). */
  githubRepo?: string;
  /** The paper's project page: an absolute `http:` or `https:` URL (`projectPage` in the API). */
  projectPage?: string;
}

/** A unique paper after deduplication. */
export interface Paper extends PaperMetadata {
  /**
   * Stable identity: the arXiv id (for example `2403.12345`) when known, otherwise
   * `t:` plus the first 16 hex digits of sha256 of the normalized title.
   */
  id: string;
  /** Title, whitespace-collapsed, NFC. */
  title: string;
  /** Abstract, whitespace-collapsed, NFC. */
  abstract: string;
  /** ISO days the paper appeared on, sorted ascending, unique. Empty when no source gave a date. */
  dates: string[];
  /** arXiv identifier without version, or null when unknown. */
  arxivId: string | null;
  /** `https://arxiv.org/abs/<arxivId>`, or null when the arXiv id is unknown. */
  url: string | null;
  /** Every record that contributed to this paper (duplicates included), in reading order. */
  sources: SourceRef[];
  /** Fine topic id (see `topics.json`), or null when the paper fits no topic. */
  topic: number | null;
  /**
   * For an unassigned paper (topic null): its two nearest fine topics by centroid similarity,
   * best first. Empty for assigned papers.
   */
  nearestTopics: TopicSimilarity[];
  /** Map x in [0, 1], 4 decimals. */
  x: number;
  /** Map y in [0, 1], 4 decimals. */
  y: number;
  /** Watch-list themes whose score passed the theme's threshold, highest score first. */
  themes: ThemeScore[];
}

/** A topic and a paper's (or topic's) cosine similarity to its centroid. */
export interface TopicSimilarity {
  topic: number;
  /** Cosine similarity, 4 decimals. */
  similarity: number;
}

/** A paper's membership of one watch-list theme. */
export interface ThemeScore {
  /** Theme id from `themes.json`. */
  theme: string;
  /** Cosine similarity of the paper to the theme's query embedding, 4 decimals. */
  score: number;
}

/** `papers.json`. */
export interface PapersFile {
  schemaVersion: number;
  /**
   * Undated papers first, then by first day, then by id: a run with a new day appends its papers.
   * Row i of `embeddings.f32`, of `knn-graph.bin` and label i of `index.hnsw` belong to papers[i].
   */
  papers: Paper[];
}

/** One related paper. */
export interface Neighbour {
  /** Paper id. */
  id: string;
  /**
   * Similarity, 4 decimals: in `related.json` the hybrid score (`manifest.related`), a blend of
   * the cosine of the embeddings and the cosine of the BM25 word vectors, averaged with the
   * neighbourhood term (see `manifest.related`); at most 1.
   */
  score: number;
}

/** `related.json`. */
export interface RelatedFile {
  schemaVersion: number;
  /** Neighbours per paper (the paper itself excluded). */
  k: number;
  /** Paper id to its neighbours, highest score first (ties broken by id). */
  related: Record<string, Neighbour[]>;
}

/** A record that did not become (part of) a paper. */
export interface Reject {
  source: SourceRef;
  /** Machine-readable reason, for example `no-abstract`, `bad-json`, `not-utf8`. */
  reason: string;
  /** Human-readable explanation naming the problem and the fix. */
  message: string;
  /** Up to 200 characters of the offending text, when there is any. */
  excerpt?: string;
}

/** `rejects.json`. */
export interface RejectsFile {
  schemaVersion: number;
  rejects: Reject[];
}

/** A weighted keyword of a topic label (c-TF-IDF weight). */
export interface Keyword {
  term: string;
  /**
   * Ranking weight: c-TF-IDF times the separation factors of `topics/keyword-selection.ts`.
   * Keywords are listed in the order they were picked (best first, coherence counted), so the
   * weights need not decrease along the list.
   */
  weight: number;
}

/** A topic discovered by clustering. */
export interface Topic {
  /** Stable id: kept across runs while the topic still matches the previous run. */
  id: number;
  /** 0 = fine topic (papers point at these), 1 = broad topic: a cluster of fine topics (not a watch-list theme). */
  level: 0 | 1;
  /** Short readable label, unique among topics. */
  label: string;
  /** Top keywords by c-TF-IDF weight, highest first. */
  keywords: Keyword[];
  /** Number of papers. */
  size: number;
  /** Id of the level-1 topic this topic belongs to; null for level-1 topics. */
  parent: number | null;
  /** Ids of the level-0 topics under a level-1 topic; empty for level-0 topics. */
  children: number[];
  /** Up to 3 paper ids closest to the centroid, closest first. */
  representatives: string[];
  /** Where to draw the label on the map: the members' median point, [0, 1]. */
  labelX: number;
  labelY: number;
}

/** How topics changed relative to the previous run in the same output folder. */
export interface TopicChanges {
  /** Topics with no counterpart in the previous run. */
  born: number[];
  /** A topic that absorbed several previous topics. */
  merged: { into: number; from: number[] }[];
  /** A previous topic that split into several current ones. */
  split: { from: number; into: number[] }[];
  /** Previous topic ids with no counterpart now. */
  retired: number[];
}

/** `topics.json`. */
export interface TopicsFile {
  schemaVersion: number;
  /** Level-1 topics first, then level-0, each sorted by id. */
  topics: Topic[];
  changes: TopicChanges;
}

/** A watch-list theme as configured. */
export interface Theme {
  /** Slug id, for example `model-merging`. */
  id: string;
  label: string;
  description: string;
  keywords: string[];
  /** Minimum cosine score for a paper to belong to the theme. */
  threshold: number;
  /** Number of papers that passed the threshold. */
  size: number;
}

/** `themes.json`. */
export interface ThemesFile {
  schemaVersion: number;
  themes: Theme[];
}

/** Counts and shares of one topic or theme, aligned to `TrendsFile.calendar`. */
export interface TrendSeries {
  /** Papers per calendar day; null on a day with no page (missing data, not zero). */
  counts: (number | null)[];
  /** counts / dayTotals; null on a day with no page. */
  shares: (number | null)[];
}

/**
 * Calendar period of trend tests and per-period series: ISO weeks (Monday to Sunday), calendar
 * months, calendar quarters (January, April, July, October).
 */
export type TrendScale = 'week' | 'month' | 'quarter';

/** Trend status of a topic or theme. */
export type TrendStatus = 'emerging' | 'rising' | 'steady' | 'fading' | 'new';

/** A rising/fading flag with the evidence behind it. */
export interface TrendFlag {
  kind: 'topic' | 'theme';
  /** Topic id (as a string) or theme id. */
  key: string;
  status: TrendStatus;
  /** Scale of the tested period (see `TrendsFile.periods`). */
  scale: TrendScale;
  /** The tested period, inclusive ISO days, clipped to the calendar. */
  window: { start: string; end: string };
  /** Trailing baseline: the periods just before the tested one, inclusive ISO days, clipped. */
  baseline: { start: string; end: string };
  /** Papers of this series in the recent window / in the baseline window. */
  recentCount: number;
  baselineCount: number;
  /** All papers in the recent window / in the baseline window. */
  recentTotal: number;
  baselineTotal: number;
  /**
   * Ratio of recent share to baseline share, each smoothed by +0.5 paper per cell
   * (`((recentCount + 0.5) / (recentTotal + 1)) / ((baselineCount + 0.5) / (baselineTotal + 1))`);
   * 1 = no change, > 0, 4 decimals.
   */
  effect: number;
  /**
   * 95 % confidence interval of `effect` (Wald interval of the log ratio of the smoothed shares,
   * not adjusted for multiplicity), 4 decimals; `effectLow` ≤ `effect` ≤ `effectHigh`.
   */
  effectLow: number;
  effectHigh: number;
  /** Two-sided p-value of the test named in `TrendsFile.test`, in [0, 1], 4 significant digits. */
  pValue: number;
  /**
   * Adjusted p-value (discrete Benjamini–Hochberg, see `TrendsFile.test`) over the family of
   * every test of the same scale and level (fine topics; or broad topics and watch-list themes)
   * at every period boundary, in [0, 1], 4 significant digits; the status rules compare it with
   * the false discovery rate. Null for a `new` series with too few papers
   * to be tested (see `TrendsFile.test`).
   */
  qValue: number | null;
}

/** Counts and shares of every series aggregated to the periods of one scale. */
export interface PeriodSeries {
  /** First calendar day of each period (ISO), ascending; the first and last may be partial. */
  starts: string[];
  /** Last calendar day of each period, inclusive, clipped to the calendar. */
  ends: string[];
  /** Papers per period (paper-days); null when the period holds no page day. */
  totals: (number | null)[];
  /** Days with a page in each period. */
  pageDays: number[];
  /** Fine and broad topics by id: papers per period and share of the period's papers. */
  topics: Record<string, TrendSeries>;
  /** Themes by id. */
  themes: Record<string, TrendSeries>;
}

/**
 * A burst: a stretch of weeks in which a series' share sits in Kleinberg's high state (twice its
 * overall share), from the two-state batched burst model (Kleinberg 2002,
 * doi:10.1145/775047.775061).
 */
export interface TrendBurst {
  kind: 'topic' | 'theme';
  /** Topic id (as a string) or theme id. */
  key: string;
  /** First day of the first burst week and last day of the last (inclusive, clipped). */
  start: string;
  end: string;
  /**
   * Strength: Kleinberg's weight, the cost the high state saves over the base state across the
   * burst, in nats (> 0; larger is stronger), 2 decimals.
   */
  weight: number;
  /** Papers of the series / all papers during the burst. */
  count: number;
  total: number;
}

/** How a fine topic's words changed: c-TF-IDF keywords of its papers in each quarter. */
export interface TopicEvolution {
  topic: number;
  quarters: {
    /** First day of the quarter (ISO). */
    start: string;
    /** Papers of the topic first seen in the quarter. */
    papers: number;
    /** Top keywords of those papers against every topic-quarter, best first, 4 decimals. */
    keywords: Keyword[];
  }[];
}

/** `trends.json`. */
export interface TrendsFile {
  schemaVersion: number;
  /** Every calendar day from the first to the last page, inclusive. */
  calendar: string[];
  /** Papers per calendar day; null on a day with no page. */
  dayTotals: (number | null)[];
  /** Fine and broad topics by id (as a string). */
  topics: Record<string, TrendSeries>;
  /** Themes by id. */
  themes: Record<string, TrendSeries>;
  /** Description of the statistical test behind the flags. */
  test: string;
  /**
   * One flag per tested or new series in the latest period of `flagScale` (the one holding the
   * last page day) against its baseline: topics first, then themes; each kind ordered new,
   * emerging, rising, fading, steady, then by p-value and key. Empty when a window holds no page.
   */
  flags: TrendFlag[];
  /**
   * Scale of `flags`: the shortest scale whose median period holds enough papers for the test to
   * see a change (see `test`).
   */
  flagScale: TrendScale;
  /**
   * Every non-steady flag of every period boundary at every scale: by scale (week, month,
   * quarter), then window start, then as `flags`.
   */
  history: TrendFlag[];
  /** Per-period counts and shares of every series, by scale. */
  periods: Record<TrendScale, PeriodSeries>;
  /** Bursts of every series, by kind (topics, themes), key, then start. */
  bursts: TrendBurst[];
  /** Keywords of every fine topic per quarter, by topic id; quarters ascending. */
  evolution: TopicEvolution[];
  /** Per page day: papers seen for the first time, and topics whose first paper appeared that day. */
  firstSeen: { date: string; papers: string[]; topics: number[] }[];
}

/** One input given to a run. */
export interface InputSummary {
  /** Path of the file as read. */
  file: string;
  /** Detected format. */
  format: 'page-text' | 'hf-api-json' | 'jsonl' | 'unknown';
  /** sha256 of the raw (still compressed) bytes. */
  sha256: string;
  /** Records read from the file. */
  records: number;
  /** Records rejected. */
  rejected: number;
}

/** What became of the records read from the inputs: the first fields of `Manifest.counts`. */
export interface RecordCounts {
  /** Records read from all inputs (a file that failed as a whole counts as one). */
  read: number;
  /** Records that became part of a paper. */
  accepted: number;
  /** Records rejected; read = accepted + rejected. */
  rejected: number;
  /** Accepted records that merged into an already seen paper, any day (accepted − papers). */
  duplicates: number;
  /** Of those, the ones that add no new day to their paper (a repeat on a day already seen). */
  duplicatesSameDay: number;
  /** Unique papers. */
  papers: number;
  /** Papers seen on more than one day. */
  multiDay: number;
  /** Papers with no date (kept, indexed, excluded from trends). */
  undated: number;
}

/**
 * `manifest.themes`: the watch-list file the run's themes were scored from. The dashboard's
 * watch-list editor edits this file by default (`dashboard/server/watch-list-file.ts`).
 */
export interface ManifestThemes {
  /**
   * The file's path: relative to the working directory of the command that scored the themes
   * (the repository root under `npm run`) when the file is inside it, else absolute.
   */
  file: string;
  /** Lowercase hex sha256 of the file's bytes as they were read for scoring. */
  sha256: string;
}

/** `manifest.json`. */
export interface Manifest {
  schemaVersion: number;
  /** Tool name and version from package.json. */
  tool: { name: string; version: string };
  inputs: InputSummary[];
  /** Year given to pages that show none, and where it came from. */
  year: { value: number; source: 'option' | 'config' } | null;
  counts: RecordCounts & {
    /** Texts cut to the model's token limit. */
    truncated: number;
    /** Texts over the model's token limit embedded whole, in overlapping windows. */
    chunked?: number;
    /** Embeddings taken from the cache / computed in this run. */
    cacheHits: number;
    embedded: number;
  };
  model: {
    /** Model id or directory as given. */
    id: string;
    dtype: string;
    /** `mean` (one window, longer texts cut) or `mean+chunks/<overlap>/<pooling>` (whole texts, see `pipeline/src/embed/chunks.ts`). */
    pooling: string;
    normalize: boolean;
    /** Token cap per text. */
    maxTokens: number;
    /** Embedding dimension; the row length of `embeddings.f32`. */
    dim: number;
    /** sha256 of the model files, by relative path. */
    files: Record<string, string>;
  };
  index: {
    space: 'cosine';
    M: number;
    efConstruction: number;
    efSearch: number;
    seed: number;
    /** Neighbours per paper in `related.json`. */
    k: number;
    /** Neighbours per paper in `knn-graph.bin`. */
    graphK: number;
    /**
     * How this run got its index and graph: built from all papers (and why), or the previous
     * run's extended by the `added` papers appended since (0 when the papers did not change).
     */
    build: { mode: 'built'; reason: string } | { mode: 'extended'; added: number };
    /** Mean recall@10 of the index against exact search over all papers (or a sample, see below). */
    recallAt10: number;
    /** Papers the recall was measured on. */
    recallSample: number;
  };
  /**
   * How `related.json` was ranked: the hybrid of dense and lexical (BM25) cosines, see
   * `pipeline/src/index/hybrid.ts` and `related-stage.ts`.
   */
  related?: {
    method: 'hybrid';
    /** Weight of the dense cosine in the score (0..1); the lexical cosine has 1 − alpha. */
    alpha: number;
    /** Lexical neighbours per paper added to its dense neighbours as candidates. */
    lexicalCandidates: number;
    /**
     * The neighbourhood term added to the blend with weight `weight` (≥ 0): the mean blend of
     * the two papers' `size` best candidates to the other paper (see `hybrid.ts`). Absent:
     * the blend only.
     */
    neighbourhood?: { weight: number; size: number };
    /** Neighbours per paper. */
    k: number;
    /** Papers (the first rows) the lexical statistics were counted over. */
    lexicalStatsPapers: number;
    /**
     * `computed` for all papers (and why), or the previous lists `extended` by the `added`
     * papers appended since (0 when the papers did not change).
     */
    build: { mode: 'computed'; reason: string } | { mode: 'extended'; added: number };
  };
  /** How the topics came about, their parameters and quality, and the map's parameters. */
  topics?: ManifestTopics;
  /**
   * The watch-list file the themes were scored from, kept current by a re-score
   * (`pipeline/src/themes/rescore-run.ts`). Absent in manifests written before it was recorded,
   * and after a re-score given no file.
   */
  themes?: ManifestThemes;
  /** Wall time per stage in milliseconds. The only field that differs between identical runs. */
  timingsMs: Record<string, number>;
  /** Everything worth a reader's attention: assumptions, skipped files, counted rejects. */
  warnings: string[];
  /**
   * Size and lowercase hex sha256 of every other artifact of the run, by file name
   * (`papers.json`, `index.hnsw`, …). A later run verifies them before it reuses a file. Absent
   * in manifests written before checksums were recorded, which are then not reused.
   */
  artifacts?: Record<string, { bytes: number; sha256: string }>;
}

/** How this run's topics came about, as recorded in `manifest.topics.fit`. */
export interface TopicFit {
  /** `full`: all papers clustered in this run; `incremental`: new papers added to earlier topics. */
  mode: 'full' | 'incremental';
  /** Papers in the last full clustering. */
  papersAtFit: number;
  /** Papers added to the topics since then (0 after a full clustering). */
  addedSinceFit: number;
  /** Why this mode was chosen. */
  reason: string;
}

/** `manifest.topics`: the topic fit, the clustering's parameters and quality, the map's parameters. */
export interface ManifestTopics {
  fit: TopicFit;
  params: TopicParams;
  quality: TopicQuality;
  layout: LayoutParams;
}

/** Thrown when an artifact's schemaVersion is not {@link SCHEMA_VERSION}. */
export class SchemaVersionError extends Error {
  constructor(
    readonly file: string,
    readonly found: unknown,
  ) {
    const hint =
      typeof found === 'number' && found < SCHEMA_VERSION
        ? 'the data is older than this tool: run `npm run pipeline` again'
        : typeof found === 'number'
          ? 'the data is newer than this tool: update the tool'
          : 'the file is not a pipeline artifact: run `npm run pipeline`';
    super(`${file}: schemaVersion ${String(found)}, expected ${SCHEMA_VERSION}; ${hint}`);
    this.name = 'SchemaVersionError';
  }
}

/** Throws {@link SchemaVersionError} unless `value.schemaVersion` is {@link SCHEMA_VERSION}. */
export function checkSchemaVersion(file: string, value: unknown): void {
  const found =
    typeof value === 'object' && value !== null
      ? (value as { schemaVersion?: unknown }).schemaVersion
      : undefined;
  if (found !== SCHEMA_VERSION) throw new SchemaVersionError(file, found);
}
