/**
 * Raw bytes of an input file to text: gzip undone, binary and non-UTF-8 files refused with a
 * reason, BOM stripped, every line end turned into `\n`.
 */
import { gunzipSync } from 'node:zlib';
import type { Reject } from '../schema/artifacts.ts';
import { reject } from './rejects.ts';

/** The text of a file, or the reason it has none. */
export type Decoded = { ok: true; text: string } | { ok: false; reject: Reject };

/** Bytes inspected for the share of control bytes. */
const SNIFF_BYTES = 8192;
/** Above this share of control bytes (other than tab, line ends, form feed) a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  const sniff = bytes.subarray(0, SNIFF_BYTES);
  let control = 0;
  for (const byte of sniff) {
    if (
      (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) ||
      byte === 0x7f
    ) {
      control++;
    }
  }
  return control > sniff.length * MAX_CONTROL_SHARE;
}

/**
 * 1-based line of the first byte sequence that is not UTF-8, with that line decoded leniently
 * (bad bytes shown as U+FFFD). A U+FFFD written literally earlier in the file is taken for it.
 */
function firstBadLine(bytes: Uint8Array): { line: number; text: string } {
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const at = lenient.indexOf('\uFFFD');
  const before = lenient.slice(0, Math.max(at, 0));
  const line = before.split(/\r\n|\r|\n/).length;
  const start = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  const end = lenient.slice(start).search(/[\r\n]/);
  return { line, text: lenient.slice(start, end === -1 ? undefined : start + end) };
}

/**
 * Decodes one input file. `file` names it in the reject. gzip is recognized by its magic bytes,
 * whatever the extension. Refused: a file that does not decompress (`bad-gzip`), holds nothing
 * (`empty`), holds NUL bytes or more than 10 % control bytes in its first 8 KiB (`binary`), starts
 * with a UTF-16 byte-order mark or is not valid UTF-8 (`not-utf8`).
 */
export function decodeInput(raw: Uint8Array, file: string): Decoded {
  let bytes = raw;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return fail(
        file,
        'bad-gzip',
        `starts like gzip but does not decompress (${detail}); re-download or re-compress it`,
      );
    }
  }
  if (bytes.length === 0) return fail(file, 'empty', 'empty file; it holds no papers');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(file, 'not-utf8', 'UTF-16 text, not UTF-8; re-save the file as UTF-8');
  }
  if (looksBinary(bytes)) {
    return fail(
      file,
      'binary',
      'binary data (NUL or control bytes), not a text file; give a page, JSON or JSONL file',
    );
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstBadLine(bytes);
    return fail(
      file,
      'not-utf8',
      `not valid UTF-8 (first bad byte on line ${bad.line}); it looks like Latin-1/Windows-1252: re-save the file as UTF-8`,
      bad.text,
    );
  }
  if (text.trim() === '') return fail(file, 'empty', 'only blank lines; it holds no papers');
  return { ok: true, text: text.replace(/\r\n?/g, '\n') };
}

function fail(
  file: string,
  reason: Parameters<typeof reject>[2],
  message: string,
  text?: string,
): Decoded {
  return { ok: false, reject: reject(file, 0, reason, message, text) };
}
