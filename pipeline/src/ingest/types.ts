import type {
  InputSummary,
  PaperMetadata,
  RecordCounts,
  Reject,
  SourceRef,
} from '../schema/artifacts.ts';
import type { DayRange } from './plausible-day.ts';

/** Input formats the parsers understand; `unknown` marks a file that failed before detection. */
export type InputFormat = InputSummary['format'];

/**
 * One paper record as read from an input, before deduplication; with the metadata the input
 * gave (see `paper-metadata.ts`), only the fields it gave.
 */
export interface PaperRecord extends PaperMetadata {
  source: SourceRef;
  /**
   * ISO days (`YYYY-MM-DD`) the record puts the paper on: one for a page or an API file, any
   * number for a JSONL record with a `dates` list. Sorted, unique; empty when the input gave none.
   */
  dates: string[];
  /** Normalized title (whitespace collapsed, NFC). Never empty. */
  title: string;
  /** Normalized abstract. Never empty. */
  abstract: string;
  /** arXiv id without version (`2403.12345`, `hep-th/9901001`), when the input names one. */
  arxivId: string | null;
}

/**
 * What a parser makes of one file. `read` counts the records the parser found (including the
 * rejected ones, and 1 for a file that failed as a whole), so `read === records.length +
 * rejects.length` always holds; ingest checks it.
 */
export interface ParseResult {
  read: number;
  records: PaperRecord[];
  rejects: Reject[];
  /** Assumptions worth a reader's attention, one line each, naming file and line. Rejects are not repeated here. */
  warnings: string[];
}

/** Options that decide how inputs are read. */
export interface IngestOptions {
  /**
   * Year given to page dates that show none (`Mar 17`), four digits. When undefined and a page
   * needs one, the page's records are rejected with a message asking for `--year`.
   */
  year?: number;
  /** Where `year` came from, for the warning and the manifest. */
  yearSource?: 'option' | 'config';
  /**
   * Today as an ISO day, the end of the plausible dates (see `plausible-day.ts`). Default: the
   * system clock's UTC day. Passed in so that tests do not depend on the clock.
   */
  today?: string;
  /**
   * Days a record may be dated; a record dated outside is rejected (`implausible-date`). Set by
   * `ingestInputs` from `today`; when undefined, parsers check no range.
   */
  dayRange?: DayRange;
}

/**
 * A deduplicated paper as ingest produces it (the later stages add topic, map and themes), with
 * the metadata merged from its records (see `dedupe.ts`).
 */
export interface IngestedPaper extends PaperMetadata {
  /** The arXiv id when known, otherwise `t:` + 16 hex digits of sha256 of the normalized title. */
  id: string;
  title: string;
  abstract: string;
  /** Sorted, unique ISO days; empty for an undated paper. */
  dates: string[];
  arxivId: string | null;
  url: string | null;
  /** Every record that contributed to this paper, in reading order. */
  sources: SourceRef[];
}

/** Ingest counts: the record counts the manifest carries (`Manifest.counts`). */
export type IngestCounts = RecordCounts;

/** Everything ingest hands to the next stages. */
export interface IngestResult {
  /** Undated first, then by first day, then by id (see `comparePapers` in dedupe.ts). */
  papers: IngestedPaper[];
  /** In reading order: by input file, then by line. */
  rejects: Reject[];
  /** One per file read, in reading order. */
  inputs: InputSummary[];
  counts: IngestCounts;
  /** Assumptions and problems worth printing, one line each, naming file and line. */
  warnings: string[];
}
