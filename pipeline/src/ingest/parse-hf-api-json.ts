/**
 * Parser for the Hugging Face `daily_papers` API JSON, one file per day: a list of entries
 * `{paper: {id, title, summary, ...}, ...}`. Also read: entries saved as Python-repr strings
 * (`"{'paper': {'id': ..., 'hidden': False}}"`) and the list wrapped as `{status, date, count, data}`.
 */
import { basename } from 'node:path';
import { z } from 'zod';
import type { Reject } from '../schema/artifacts.ts';
import { normalizeArxivId } from './identity.ts';
import { isoDay, parseIsoDay } from './iso-day.ts';
import { arrayElementLines, describeJsonError, jsonDepth, MAX_JSON_DEPTH } from './json-lines.ts';
import { hasVisibleText, normalizeText } from './normalize.ts';
import { MetadataReader } from './paper-metadata.ts';
import { implausibleDay } from './plausible-day.ts';
import { PythonLiteralError, parsePythonLiteral } from './python-literal.ts';
import { reject } from './rejects.ts';
import type { IngestOptions, PaperRecord, ParseResult } from './types.ts';

/**
 * The fields of an entry a record needs; the metadata (`paper.authors`, `paper.upvotes`,
 * `paper.githubRepo`, `paper.projectPage`) is read apart, by `paper-metadata.ts`, so that a bad
 * value there costs only that value. Everything else is ignored.
 */
const EntrySchema = z.object({
  paper: z.object({
    id: z.string().optional(),
    title: z.string(),
    summary: z.string(),
  }),
});

const WrapperSchema = z.object({ date: z.string().optional(), data: z.array(z.unknown()) });

/** `YYYY-MM-DD` in a file name such as `2024-12-11.json.gz`. */
const NAME_DAY = /(\d{4})-(\d{2})-(\d{2})/;

function dayFromName(file: string): string | null {
  const match = NAME_DAY.exec(basename(file));
  return match ? isoDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
}

/**
 * Parses one `daily_papers` file. The page's day is the `YYYY-MM-DD` in the file name, else the
 * wrapper's `date`; a file with neither is rejected as a whole (`no-date`). Each entry is one
 * record on that day; its line is where the entry starts in the file. An entry without
 * `paper.title` or `paper.summary`, or with a blank (or only invisible) one, is rejected;
 * `paper.id` is the arXiv id. A file nested deeper than {@link MAX_JSON_DEPTH} is rejected as a
 * whole before parsing (`too-deep`); a day outside `options.dayRange` rejects every entry
 * (`implausible-date`).
 */
export function parseHfApiJson(
  text: string,
  file: string,
  options: IngestOptions = {},
): ParseResult {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return wholeFile(
      file,
      'too-deep',
      `JSON nested more than ${MAX_JSON_DEPTH} levels deep; a daily_papers file is a list of entries a few levels deep`,
    );
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return wholeFile(
      file,
      'bad-json',
      `not valid JSON (${describeJsonError(text)}); fix or re-download the file`,
      text,
    );
  }
  const warnings: string[] = [];
  let entries: unknown[];
  let lines: number[];
  let wrapperDay: string | null = null;
  if (Array.isArray(root)) {
    entries = root;
    lines = arrayElementLines(text);
  } else {
    const wrapper = WrapperSchema.safeParse(root);
    if (!wrapper.success) {
      return wholeFile(
        file,
        'bad-shape',
        'JSON that is neither a daily_papers list nor {date, data: [...]}; give the API response as saved',
        text,
      );
    }
    entries = wrapper.data.data;
    lines = arrayElementLines(text, 'data');
    wrapperDay = wrapper.data.date === undefined ? null : parseIsoDay(wrapper.data.date);
  }
  if (lines.length !== entries.length) {
    throw new Error(`${file}: found ${lines.length} entry positions for ${entries.length} entries`);
  }

  const nameDay = dayFromName(file);
  const day = nameDay ?? wrapperDay;
  if (day === null) {
    return wholeFile(
      file,
      'no-date',
      'no day for this daily_papers file: name it after the page day (YYYY-MM-DD.json) or give {"date": "YYYY-MM-DD", "data": [...]}',
    );
  }
  if (nameDay !== null && wrapperDay !== null && nameDay !== wrapperDay) {
    warnings.push(
      `${file}: file name says ${nameDay} but its "date" says ${wrapperDay}; used ${nameDay} (the file name)`,
    );
  }
  if (entries.length === 0)
    return wholeFile(file, 'no-papers', 'an empty daily_papers list; it holds no papers');

  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  let withoutArxivId = 0;
  const metadata = new MetadataReader(file);
  const implausible = implausibleDay(day, options.dayRange);
  entries.forEach((entry, index) => {
    const line = lines[index]!;
    if (implausible !== null) {
      rejects.push(
        reject(
          file,
          line,
          'implausible-date',
          `the file's day is not a plausible paper day (${implausible}); correct the file name or its "date"`,
        ),
      );
      return;
    }
    const read = readEntry(entry, file, line);
    if ('reject' in read) {
      rejects.push(read.reject);
      return;
    }
    if (read.arxivId === null) withoutArxivId++;
    const { paper, ...texts } = read;
    records.push({ source: { file, line }, dates: [day], ...texts, ...metadata.read(paper, line) });
  });
  warnings.push(...metadata.warnings());
  if (withoutArxivId > 0) {
    warnings.push(
      `${file}: ${withoutArxivId} entries have no arXiv id in paper.id; they are matched to other records by title`,
    );
  }
  return { read: entries.length, records, rejects, warnings };
}

/** An entry's texts and id, and its raw `paper` object for the metadata. */
type EntryRead =
  { title: string; abstract: string; arxivId: string | null; paper: unknown } | { reject: Reject };

function readEntry(entry: unknown, file: string, line: number): EntryRead {
  let value = entry;
  if (typeof entry === 'string') {
    try {
      value = parsePythonLiteral(entry);
    } catch (error) {
      if (!(error instanceof PythonLiteralError)) throw error;
      return {
        reject: reject(
          file,
          line,
          'bad-python-literal',
          `entry is a string but not a Python literal (${error.message}); give the entry as a JSON object`,
          entry,
        ),
      };
    }
  }
  const parsed = EntrySchema.safeParse(value);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((issue) => issue.path.join('.'));
    const excerpt = typeof entry === 'string' ? entry : JSON.stringify(entry);
    if (paths.includes('paper.title')) {
      return {
        reject: reject(file, line, 'no-title', 'entry has no paper.title (a string)', excerpt),
      };
    }
    if (paths.includes('paper.summary')) {
      return {
        reject: reject(
          file,
          line,
          'no-abstract',
          'entry has no paper.summary (a string), so no abstract',
          excerpt,
        ),
      };
    }
    return {
      reject: reject(
        file,
        line,
        'bad-record',
        `entry is not {paper: {id, title, summary}} (${parsed.error.issues[0]?.message ?? 'wrong shape'} at ${paths[0] || 'the entry'})`,
        excerpt,
      ),
    };
  }
  const { paper } = parsed.data;
  const title = normalizeText(paper.title);
  const abstract = normalizeText(paper.summary);
  if (!hasVisibleText(title))
    return {
      reject: reject(file, line, 'no-title', 'entry has a blank paper.title', paper.summary),
    };
  if (!hasVisibleText(abstract))
    return {
      reject: reject(
        file,
        line,
        'no-abstract',
        'entry has a blank paper.summary, so no abstract',
        title,
      ),
    };
  return {
    title,
    abstract,
    arxivId: paper.id === undefined ? null : normalizeArxivId(paper.id),
    paper: (value as { paper: unknown }).paper,
  };
}

function wholeFile(
  file: string,
  reason: Parameters<typeof reject>[2],
  message: string,
  text?: string,
): ParseResult {
  return { read: 1, records: [], rejects: [reject(file, 0, reason, message, text)], warnings: [] };
}
