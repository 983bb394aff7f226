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

/**
 * The format of decoded text, by content with the extension as a hint:
 * - starts with `[`: `daily_papers` JSON;
 * - starts with `{`: JSONL when the extension says so (`.jsonl`, `.ndjson`) or when the first line
 *   is a whole JSON object that is not a `{date, data}` wrapper; else `daily_papers` JSON (a
 *   pretty-printed `{status, date, data}` wrapper);
 * - anything else: JSON or JSONL if the extension says so (their parsers then say what is wrong),
 *   else page text.
 * A `.txt` file is only taken for JSON when it parses as such, so that page text that happens to
 * start with a bracket is still read as a page.
 */
export function detectFormat(text: string, file: string): Exclude<InputFormat, 'unknown'> {
  const extension = extensionOf(file);
  const jsonlHint = extension === '.jsonl' || extension === '.ndjson';
  const first = text.trimStart()[0];
  if (first === '[') {
    return extension === '.txt' && !parsesAsJson(text) ? 'page-text' : 'hf-api-json';
  }
  if (first === '{') {
    if (jsonlHint) return 'jsonl';
    const line = firstObjectLine(text);
    const isWrapper =
      typeof line === 'object' && line !== null && Array.isArray((line as { data?: unknown }).data);
    if (line !== undefined && !isWrapper) return 'jsonl';
    return extension === '.txt' && !parsesAsJson(text) ? 'page-text' : 'hf-api-json';
  }
  if (jsonlHint) return 'jsonl';
  if (extension === '.json') return 'hf-api-json';
  return 'page-text';
}

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
  const format = detectFormat(decoded.text, file);
  const parsed =
    format === 'page-text'
      ? parsePageText(decoded.text, file, options)
      : format === 'jsonl'
        ? parseJsonl(decoded.text, file)
        : parseHfApiJson(decoded.text, file);
  return { format, sha256, ...parsed };
}
