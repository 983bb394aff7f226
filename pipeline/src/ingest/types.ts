import type { InputSummary, Reject, SourceRef } from '../schema/artifacts.ts';

/** One paper record as read from an input, before deduplication. */
export interface PaperRecord {
  source: SourceRef;
  /** ISO day of the page the record was on, or null when the input gave none. */
  date: string | null;
  /** Normalized title (whitespace collapsed, NFC). Never empty. */
  title: string;
  /** Normalized abstract. Never empty. */
  abstract: string;
  /** arXiv id without version, when the input names one. */
  arxivId: string | null;
}

/** Options that decide how inputs are read. */
export interface IngestOptions {
  /**
   * Year given to page dates that show none (`Mar 17`). When undefined and a page needs one,
   * the page is rejected with a message asking for `--year`.
   */
  year?: number;
  /** Where `year` came from, for the warning and the manifest. */
  yearSource?: 'option' | 'config';
}

/** A deduplicated paper as ingest produces it (the later stages add topic, map and themes). */
export interface IngestedPaper {
  id: string;
  title: string;
  abstract: string;
  /** Sorted, unique ISO days. */
  dates: string[];
  arxivId: string | null;
  url: string | null;
  sources: SourceRef[];
}

/** Everything ingest hands to the next stages. */
export interface IngestResult {
  /** Sorted by id. */
  papers: IngestedPaper[];
  rejects: Reject[];
  inputs: InputSummary[];
  counts: {
    read: number;
    accepted: number;
    rejected: number;
    duplicates: number;
    duplicatesSameDay: number;
    papers: number;
    multiDay: number;
    undated: number;
  };
  /** Assumptions and problems worth printing, one line each, naming file and line. */
  warnings: string[];
}
