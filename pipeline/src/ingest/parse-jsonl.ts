/**
 * Parser for JSONL (NDJSON) paper records, one JSON object a line:
 * `{id?, arxiv_id?, arxivId?, date?, dates?, title, abstract | summary, authors?, upvotes?,
 * githubRepo?, projectPage?, ...}`.
 */
import { z } from 'zod';
import type { Reject } from '../schema/artifacts.ts';
import { normalizeArxivId } from './identity.ts';
import { parseIsoDay } from './iso-day.ts';
import { jsonDepth, MAX_JSON_DEPTH } from './json-lines.ts';
import { hasVisibleText, normalizeText } from './normalize.ts';
import { MetadataReader } from './paper-metadata.ts';
import { implausibleDay } from './plausible-day.ts';
import { reject } from './rejects.ts';
import type { IngestOptions, PaperRecord, ParseResult } from './types.ts';

const optionalText = z.string().nullish();

/**
 * The fields a record needs; the metadata (authors, upvotes, githubRepo, projectPage) is read
 * apart, by `paper-metadata.ts`, so that a bad value there costs only that value. Other fields
 * (categories, ...) are ignored.
 */
const RecordSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  arxiv_id: optionalText,
  arxivId: optionalText,
  date: optionalText,
  dates: z.array(z.string()).nullish(),
  title: optionalText,
  abstract: optionalText,
  summary: optionalText,
});

/**
 * Parses JSONL text. Blank lines are skipped; every other line is one record. The arXiv id comes
 * from `arxiv_id`, `arxivId` or `id` (the first that is one; an `id` that is not an arXiv id is
 * ignored), the abstract from `abstract` or else `summary`, the days from `date` and `dates`
 * together (ISO days; a record with none is kept, undated, and an empty `date` string is counted in a
 * warning). A line that is not JSON, is nested deeper than {@link MAX_JSON_DEPTH}, is not an
 * object, lacks a visible title or abstract, or names a day outside `options.dayRange` is
 * rejected with its line number; the rest of the file is still read.
 */
export function parseJsonl(text: string, file: string, options: IngestOptions = {}): ParseResult {
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  let read = 0;
  let badIds = 0;
  const emptyDates: number[] = [];
  const metadata = new MetadataReader(file);
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index]!;
    if (raw.trim() === '') continue;
    read++;
    const line = index + 1;
    if (jsonDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      rejects.push(
        reject(
          file,
          line,
          'too-deep',
          `line is JSON nested more than ${MAX_JSON_DEPTH} levels deep; a paper record is an object of a few fields`,
          raw,
        ),
      );
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      rejects.push(reject(file, line, 'bad-json', `line is not valid JSON (${detail})`, raw));
      continue;
    }
    const result = readRecord(value, file, line, raw, options);
    if ('reject' in result) rejects.push(result.reject);
    else {
      if (result.badId) badIds++;
      if (result.emptyDate) emptyDates.push(line);
      records.push({ ...result.record, ...metadata.read(value, line) });
    }
  }
  const warnings: string[] = [];
  if (emptyDates.length > 0) {
    const lines = emptyDates.slice(0, 5).join(', ') + (emptyDates.length > 5 ? ', ...' : '');
    warnings.push(
      `${file}:${emptyDates[0]}: ${emptyDates.length} record${emptyDates.length === 1 ? ' has' : 's have'} an empty "date" (line${emptyDates.length === 1 ? '' : 's'} ${lines}); kept without that date, so ${emptyDates.length === 1 ? 'it counts' : 'they count'} in trends only on the days of "dates", if any`,
    );
  }
  if (badIds > 0) {
    warnings.push(
      `${file}: ${badIds} records name an arXiv id field that is not an arXiv id (for example 2403.12345); they are matched by title`,
    );
  }
  warnings.push(...metadata.warnings());
  if (read === 0) {
    return {
      read: 1,
      records: [],
      rejects: [reject(file, 0, 'no-papers', 'no JSONL records in the file')],
      warnings,
    };
  }
  return { read, records, rejects, warnings };
}

type RecordRead = { record: PaperRecord; badId: boolean; emptyDate: boolean } | { reject: Reject };

function readRecord(
  value: unknown,
  file: string,
  line: number,
  raw: string,
  options: IngestOptions,
): RecordRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      reject: reject(
        file,
        line,
        'bad-record',
        'line is JSON but not an object {title, abstract, ...}',
        raw,
      ),
    };
  }
  const parsed = RecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'record';
    return {
      reject: reject(
        file,
        line,
        'bad-record',
        `field "${field}" has the wrong type (${issue?.message ?? 'invalid'})`,
        raw,
      ),
    };
  }
  const data = parsed.data;
  const title = normalizeText(data.title ?? '');
  if (title === '') return { reject: reject(file, line, 'no-title', 'record has no "title"', raw) };
  if (!hasVisibleText(title)) {
    return {
      reject: reject(file, line, 'no-title', '"title" holds only invisible characters', raw),
    };
  }
  const abstract = normalizeText(data.abstract ?? data.summary ?? '');
  if (abstract === '') {
    return {
      reject: reject(file, line, 'no-abstract', 'record has no "abstract" (or "summary")', raw),
    };
  }
  if (!hasVisibleText(abstract)) {
    return {
      reject: reject(
        file,
        line,
        'no-abstract',
        '"abstract" holds only invisible characters (zero-width, direction marks, fillers), so it is empty',
        raw,
      ),
    };
  }
  const dates: string[] = [];
  for (const written of [...(data.date ? [data.date] : []), ...(data.dates ?? [])]) {
    const day = parseIsoDay(written);
    if (day === null) {
      return {
        reject: reject(
          file,
          line,
          'bad-date',
          `date "${written}" is not a real ISO day (YYYY-MM-DD)`,
          raw,
        ),
      };
    }
    const implausible = implausibleDay(day, options.dayRange);
    if (implausible !== null) {
      return {
        reject: reject(
          file,
          line,
          'implausible-date',
          `date "${written}" is not a plausible paper day (${implausible}); correct the date`,
          raw,
        ),
      };
    }
    dates.push(day);
  }
  const named = [data.arxiv_id, data.arxivId].filter((id): id is string => typeof id === 'string');
  // A numeric id is a row number, never an arXiv id: 2403.12340 would print as 2403.1234.
  const candidates = typeof data.id === 'string' ? [...named, data.id] : named;
  const arxivId = candidates.map(normalizeArxivId).find((id) => id !== null) ?? null;
  return {
    record: {
      source: { file, line },
      dates: [...new Set(dates)].sort(),
      title,
      abstract,
      arxivId,
    },
    badId: named.some((id) => normalizeArxivId(id) === null),
    emptyDate: typeof data.date === 'string' && data.date.trim() === '',
  };
}
