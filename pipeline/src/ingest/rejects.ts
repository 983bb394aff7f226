/**
 * Rejects: the records (or whole files) that did not become part of a paper, with the reason,
 * and the warning lines that tell the user about them.
 */
import type { Reject } from '../schema/artifacts.ts';
import { excerptOf } from './normalize.ts';

/**
 * Machine-readable reasons. A whole-file reason comes with `line: 0`.
 * - `empty`: the file holds no text (whole file).
 * - `binary`: NUL bytes or mostly control bytes: not a text file (whole file).
 * - `not-utf8`: text in another encoding, such as Latin-1 or UTF-16 (whole file).
 * - `bad-gzip`: starts like gzip but does not decompress (whole file).
 * - `unreadable`: the file system refused to read it (whole file).
 * - `bad-json`: a JSON file (whole file) or a JSONL line that does not parse.
 * - `bad-shape`: JSON that is not a `daily_papers` list or `{date, data: [...]}` (whole file).
 * - `no-date`: a `daily_papers` file with no day in its name or its content (whole file).
 * - `no-papers`: a file in which no record was found at all (whole file).
 * - `bad-python-literal`: a `daily_papers` entry written as a Python literal that does not parse.
 * - `bad-record`: a record whose fields have the wrong types.
 * - `no-title`, `no-abstract`: a record missing one of the two texts (or whose text is blank).
 * - `no-year`: a page date without a year, and no year given.
 * - `bad-date`: a date that is not a real calendar day.
 * - `implausible-date`: a real day outside the plausible span (before 1991, or days after today).
 * - `too-deep`: JSON nested deeper than any paper record is, refused before parsing (whole file
 *   for `daily_papers` JSON, one line for JSONL).
 * - `conflicting-duplicate`: a record with the arXiv id of an earlier record but another text.
 * - `not-a-page`: a text file without the shape of a papers page (whole file).
 */
export type RejectReason =
  | 'empty'
  | 'binary'
  | 'not-utf8'
  | 'bad-gzip'
  | 'unreadable'
  | 'bad-json'
  | 'bad-shape'
  | 'no-date'
  | 'no-papers'
  | 'bad-python-literal'
  | 'bad-record'
  | 'no-title'
  | 'no-abstract'
  | 'no-year'
  | 'bad-date'
  | 'implausible-date'
  | 'too-deep'
  | 'conflicting-duplicate'
  | 'not-a-page';

/**
 * A reject of the record at `file:line` (line 0 for the whole file). `message` names the problem
 * and the fix; `text` (optional) is the offending text, kept as an excerpt of up to 200 characters.
 */
export function reject(
  file: string,
  line: number,
  reason: RejectReason,
  message: string,
  text?: string,
): Reject {
  const excerpt = text === undefined ? '' : excerptOf(text);
  return {
    source: { file, line },
    reason,
    message,
    ...(excerpt === '' ? {} : { excerpt }),
  };
}

/** Warning lines per file and reason before the rest are summed up in one line. */
const WARNINGS_PER_REASON = 5;

/**
 * One warning line per reject, `<file>:<line>: <message>, skipped (see rejects.json)`, in the
 * order given. Past {@link WARNINGS_PER_REASON} rejects with the same file and reason, one line
 * counts the rest, so that a page rejected as a whole does not flood the output.
 */
export function rejectWarnings(rejects: readonly Reject[]): string[] {
  const lines: string[] = [];
  const seen = new Map<string, number>();
  for (const item of rejects) {
    const key = `${item.source.file}\n${item.reason}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count > WARNINGS_PER_REASON) continue;
    const where =
      item.source.line === 0 ? item.source.file : `${item.source.file}:${item.source.line}`;
    const what = item.source.line === 0 ? 'file skipped' : 'skipped';
    lines.push(`${where}: ${item.message}, ${what} (see rejects.json)`);
  }
  for (const [key, count] of seen) {
    if (count <= WARNINGS_PER_REASON) continue;
    const [file, reason] = key.split('\n');
    const more = count - WARNINGS_PER_REASON;
    lines.push(
      `${file}: ${more} more "${reason}" reject${more === 1 ? '' : 's'} like the ones above (see rejects.json)`,
    );
  }
  return lines;
}
