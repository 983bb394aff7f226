/**
 * Line numbers inside a JSON text, for messages that point at an entry or at a syntax error.
 * JSON.parse gives values but no positions; jsonc-parser's scanner gives the positions.
 */
import { type JSONPath, type ParseError, parse, printParseErrorCode, visit } from 'jsonc-parser';

/**
 * 1-based line of every element of the entry array: the root array when `key` is undefined, else
 * the array under the root object's `key`. Empty when there is no such array.
 */
export function arrayElementLines(text: string, key?: string): number[] {
  const lines: number[] = [];
  const entryDepth = key === undefined ? 1 : 2;
  let depth = 0;
  const atEntry = (path: () => JSONPath) =>
    depth === entryDepth && (key === undefined || path()[0] === key);
  const begin = (
    _offset: number,
    _length: number,
    line: number,
    _char: number,
    path: () => JSONPath,
  ) => {
    if (atEntry(path)) lines.push(line + 1);
    depth++;
  };
  const end = () => {
    depth--;
  };
  visit(text, {
    onObjectBegin: begin,
    onObjectEnd: end,
    onArrayBegin: begin,
    onArrayEnd: end,
    onLiteralValue: (_value, _offset, _length, line, _char, path) => {
      if (atEntry(path)) lines.push(line + 1);
    },
  });
  return lines;
}

/** Where and why `text` is not valid JSON: `"ValueExpected at line 3, column 7"`. */
export function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (!first) return 'JSON.parse refused it';
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `${printParseErrorCode(first.error)} at line ${line}, column ${column}`;
}

/**
 * Nesting deeper than this is refused before any parsing. A `daily_papers` entry is about 5
 * levels deep and a JSONL record 2-3; the position scanner and the validators recurse, so a
 * hostile 5,000-level file would otherwise exhaust the stack and stop the whole run.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in `text`, read as JSON (brackets inside strings do
 * not count). Linear, no recursion; stops counting once past `limit`.
 */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}
