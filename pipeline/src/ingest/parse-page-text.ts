/**
 * Parser for the text of a daily-papers page copied from a browser: site header lines, a date
 * line (`Mar 17`), then a title paragraph and an abstract paragraph per paper, separated by
 * blank lines.
 */
import type { Reject } from '../schema/artifacts.ts';
import { isoDay, parsePageDate, type PageDate } from './iso-day.ts';
import { joinWrappedLines } from './normalize.ts';
import { looksLikeAbstract, notPaperShaped, pageBlocks } from './page-paragraphs.ts';
import { implausibleDay } from './plausible-day.ts';
import { reject, type RejectReason } from './rejects.ts';
import type { IngestOptions, PaperRecord, ParseResult } from './types.ts';

/** Site header lines of the Hugging Face papers page, compared lowercase. */
const SITE_CHROME = new Set([
  'new',
  'get trending papers in your email inbox!',
  'subscribe',
  'byak and the research community',
]);

/** The page date in force for the papers below a date line. */
type DateState =
  | { kind: 'none' }
  | { kind: 'day'; iso: string }
  | { kind: 'no-year'; label: string; line: number }
  | { kind: 'bad-date'; label: string; line: number; year: number }
  | { kind: 'implausible'; label: string; line: number; why: string };

/** Why the papers under `date` are rejected, as a reason and a message; null when they are kept. */
function dateProblem(date: DateState): { reason: RejectReason; message: string } | null {
  if (date.kind === 'none' || date.kind === 'day') return null;
  const at = `page date "${date.label}" (line ${date.line})`;
  switch (date.kind) {
    case 'implausible':
      return {
        reason: 'implausible-date',
        message: `${at} is not a plausible paper day (${date.why}); correct the date line or --year`,
      };
    case 'no-year':
      return {
        reason: 'no-year',
        message: `${at} shows no year and none was given; run again with --year YYYY (or set "year" in the config)`,
      };
    case 'bad-date':
      return {
        reason: 'bad-date',
        message: `${at} is not a real day in ${date.year}; correct the date line`,
      };
  }
}

/** The result for a file rejected as a whole, which counts as one record read. */
function wholeFileRejected(fileReject: Reject, warnings: string[]): ParseResult {
  return { read: 1, records: [], rejects: [fileReject], warnings };
}

export { looksLikeAbstract, TITLE_MAX_WORDS } from './page-paragraphs.ts';

const isChrome = (line: string) => SITE_CHROME.has(joinWrappedLines([line]).toLowerCase());

/**
 * Parses page text. Blank lines separate paragraphs; the lines of one paragraph are joined
 * (line wrapping undone, see {@link joinWrappedLines}). A paragraph made only of site header
 * lines and date lines is not a paper; a date line dates the papers below it. Where a copy lost
 * the blank line between an abstract and the next title, the paragraph is split (see
 * `page-paragraphs.ts`), with a warning.
 *
 * Shape: a page with no date line must show its shape through its pairs; when one of them is
 * not paper-shaped (Markdown, code, headings, see {@link notPaperShaped}), the file is not a
 * papers page and is rejected as a whole (`not-a-page`), so that a README is never read as
 * papers.
 *
 * Pairing: a title paragraph followed by an abstract paragraph (see {@link looksLikeAbstract}) is
 * one record. A title followed by another title, a date line or the end of the page is rejected
 * (`no-abstract`), as is an abstract with no title above it (`no-title`).
 *
 * Dates: a page date without a year takes `options.year`, with one warning per page; without
 * `options.year` the papers under it are rejected (`no-year`). Papers above any date line are
 * kept undated, with one warning per page. Papers under a date outside `options.dayRange` are
 * rejected (`implausible-date`).
 */
export function parsePageText(text: string, file: string, options: IngestOptions): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const warnings: string[] = [];
  let date: DateState = { kind: 'none' };
  let pendingTitle: { line: number; text: string } | null = null;
  let yearWarned = false;
  let undated: { count: number; line: number } | null = null;
  let sawDateLine = false;
  /** The first pair that does not look like a paper: line and why. */
  let unlike: { line: number; why: string } | null = null;
  /** Title paragraphs and untitled abstracts met: each ends as one record or one reject. */
  let read = 0;

  const titleWithoutAbstract = (why: string) => {
    if (pendingTitle === null) return;
    rejects.push(
      reject(
        file,
        pendingTitle.line,
        'no-abstract',
        `title with no abstract (${why})`,
        pendingTitle.text,
      ),
    );
    pendingTitle = null;
  };

  const setDate = (label: string, line: number, parsed: PageDate) => {
    let year = parsed.year;
    if (year === null && options.year !== undefined) {
      year = options.year;
      if (!yearWarned) {
        const source =
          options.yearSource === 'option'
            ? 'from --year'
            : options.yearSource === 'config'
              ? 'from config; override with --year'
              : 'given; override with --year';
        warnings.push(
          `${file}:${line}: page date "${label}" shows no year; assumed ${year} (${source})`,
        );
        yearWarned = true;
      }
    }
    if (year === null) {
      date = { kind: 'no-year', label, line };
      return;
    }
    const iso = isoDay(year, parsed.month, parsed.day);
    const why = iso === null ? null : implausibleDay(iso, options.dayRange);
    date =
      iso === null
        ? { kind: 'bad-date', label, line, year }
        : why !== null
          ? { kind: 'implausible', label, line, why }
          : { kind: 'day', iso };
  };

  const addRecord = (title: { line: number; text: string }, abstract: string) => {
    const source = { file, line: title.line };
    if (unlike === null) {
      const why = notPaperShaped(title.text, abstract);
      if (why !== null) unlike = { line: title.line, why };
    }
    const problem = dateProblem(date);
    if (problem !== null) {
      rejects.push(reject(file, title.line, problem.reason, problem.message, title.text));
      return;
    }
    if (date.kind === 'none') {
      undated = undated ?? { count: 0, line: title.line };
      undated.count++;
    }
    records.push({
      source,
      dates: date.kind === 'day' ? [date.iso] : [],
      title: title.text,
      abstract,
      arxivId: null,
    });
  };

  const { blocks, splits } = pageBlocks(text);
  if (splits.length > 0) {
    warnings.push(
      `${file}:${splits[0]}: ${splits.length === 1 ? 'a title or abstract line follows' : `${splits.length} title or abstract lines follow`} the paragraph above with no blank line between (line${splits.length === 1 ? '' : 's'} ${splits.slice(0, 5).join(', ')}${splits.length > 5 ? ', ...' : ''}); split there`,
    );
  }
  for (const block of blocks) {
    const headerOnly = block.lines.every((line) => isChrome(line) || parsePageDate(line) !== null);
    if (headerOnly) {
      block.lines.forEach((line, offset) => {
        const parsed = parsePageDate(line);
        if (parsed === null) return;
        sawDateLine = true;
        titleWithoutAbstract('a date line follows it');
        setDate(joinWrappedLines([line]), block.line + offset, parsed);
      });
      continue;
    }
    const paragraph = joinWrappedLines(block.lines);
    if (!looksLikeAbstract(paragraph)) {
      titleWithoutAbstract('another title follows it');
      pendingTitle = { line: block.line, text: paragraph };
      read++;
    } else if (pendingTitle !== null) {
      addRecord(pendingTitle, paragraph);
      pendingTitle = null;
    } else {
      read++;
      rejects.push(
        reject(
          file,
          block.line,
          'no-title',
          'abstract with no title above it (the title line may be missing)',
          paragraph,
        ),
      );
    }
  }
  titleWithoutAbstract('the page ends after it; it may be cut off, so copy the whole page');

  if (!sawDateLine && unlike !== null) {
    const { line, why } = unlike as { line: number; why: string };
    return wholeFileRejected(
      reject(
        file,
        0,
        'not-a-page',
        `not a papers page: it has no date line (like "Mar 17") and line ${line} does not look like a paper (${why}); give the page text as copied from the daily papers site, or JSON / JSONL records`,
      ),
      [],
    );
  }
  if (undated !== null) {
    const { count, line } = undated as { count: number; line: number };
    warnings.push(
      `${file}:${line}: no date line (like "Mar 17") above ${count === 1 ? '1 paper' : `${count} papers`}; kept without a date, so they are left out of trends`,
    );
  }
  if (read === 0) {
    return wholeFileRejected(
      reject(
        file,
        0,
        'no-papers',
        'no title and abstract paragraphs found; give the page text as copied',
        text,
      ),
      warnings,
    );
  }
  return { read, records, rejects, warnings };
}
