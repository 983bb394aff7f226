/**
 * One input file's bytes to records: decode, detect the format, hand the text to its parser.
 * Pure: the caller reads the bytes.
 */
import { createHash } from 'node:crypto';
import type { InputFormat, IngestOptions, ParseResult } from './types.ts';
import { decodeInput } from './decode.ts';
import { parseHfApiJson } from './parse-hf-api-json.ts';
import { parseJsonl } from './parse-jsonl.ts';
import { parsePageText } from './parse-page-text.ts';

/** A file's records and how they were read. */
export interface ParsedInput extends ParseResult {
  /** Detected format; `unknown` when the file failed before detection (not text, not UTF-8, ...). */
  format: InputFormat;
  /** sha256 of the raw (still compressed) bytes, hex; empty when the file could not be read. */
  sha256: string;
}

/** The extension that hints at the format: the last one, or the one before `.gz`. */
function extensionOf(file: string): string {
  const match = /(\.[a-z0-9]+)(?:\.gz)?$/i.exec(file);
  return match ? match[1]!.toLowerCase() : '';
}

function firstObjectLine(text: string): unknown {
  const line = text.trimStart().split('\n', 1)[0]!;
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether the first non-blank line is a whole JSON object that is not a `{date, data}` wrapper. */
function startsWithRecordLine(text: string): boolean {
  const line = firstObjectLine(text);
  return (
    typeof line === 'object' &&
    line !== null &&
    !Array.isArray(line) &&
    !Array.isArray((line as { data?: unknown }).data)
  );
}

/** A format and, for messages, what decided it. */
export interface DetectedFormat {
  format: Exclude<InputFormat, 'unknown'>;
  /** Why this format was assumed, for example `the .jsonl extension`. */
  basis: string;
}

/**
 * The format of decoded text. The extension decides when it names a format, then the content:
 * - `.jsonl`, `.ndjson`: JSONL, whatever the first line holds (its parser then keeps the valid
 *   lines and rejects the others one by one);
 * - `.json`: JSONL when its first line is a whole record object (one object a line), else
 *   `daily_papers` JSON;
 * - `.txt` and other names: JSON-looking content (starts with `[` or `{`) is `daily_papers`
 *   JSON when the whole text parses as JSON and is not a record line, JSONL when its first line
 *   is a record object; anything else is page text (page text that happens to start with a
 *   bracket stays page text).
 */
export function detectFormatWithBasis(text: string, file: string): DetectedFormat {
  const extension = extensionOf(file);
  if (extension === '.jsonl' || extension === '.ndjson')
    return { format: 'jsonl', basis: `the ${extension} extension` };
  const recordLine = startsWithRecordLine(text);
  if (extension === '.json') {
    return recordLine
      ? { format: 'jsonl', basis: 'a .json file whose first line is one record object' }
      : { format: 'hf-api-json', basis: 'the .json extension' };
  }
  const first = text.trimStart()[0];
  if (first === '[' || first === '{') {
    if (recordLine) return { format: 'jsonl', basis: 'its first line is one record object' };
    if (parsesAsJson(text)) return { format: 'hf-api-json', basis: 'its content is JSON' };
  }
  return { format: 'page-text', basis: 'it is neither JSON nor JSONL' };
}

/** The format of decoded text; see {@link detectFormatWithBasis}. */
export function detectFormat(text: string, file: string): Exclude<InputFormat, 'unknown'> {
  return detectFormatWithBasis(text, file).format;
}

const FORMAT_NAMES: Record<Exclude<InputFormat, 'unknown'>, string> = {
  'page-text': 'page text',
  'hf-api-json': 'daily_papers JSON',
  jsonl: 'JSONL',
};

/** Decodes `bytes` (named `file` in messages), detects the format and parses the records. */
export function parseInput(bytes: Uint8Array, file: string, options: IngestOptions): ParsedInput {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeInput(bytes, file);
  if (!decoded.ok) {
    return {
      format: 'unknown',
      sha256,
      read: 1,
      records: [],
      rejects: [decoded.reject],
      warnings: [],
    };
  }
  const { format, basis } = detectFormatWithBasis(decoded.text, file);
  const parsed =
    format === 'page-text'
      ? parsePageText(decoded.text, file, options)
      : format === 'jsonl'
        ? parseJsonl(decoded.text, file, options)
        : parseHfApiJson(decoded.text, file, options);
  // A file rejected as a whole says which format it was read as, so a wrong guess shows.
  const rejects = parsed.rejects.map((item) =>
    item.source.line === 0
      ? { ...item, message: `${item.message} (read as ${FORMAT_NAMES[format]}: ${basis})` }
      : item,
  );
  return {
    format,
    sha256,
    ...parsed,
    rejects,
    warnings: [...decoded.warnings, ...parsed.warnings],
  };
}
