/**
 * Text bytes that are not valid UTF-8, decoded the way a careful import tool would rather than
 * refused: a file in Windows-1252 (the superset of Latin-1 that Windows editors and older
 * exports write) is decoded as such; a UTF-8 file with a few damaged bytes keeps its text, with
 * U+FFFD in place of each bad byte. Either way a warning names the file and the lines. UTF-8 is
 * decoded by the WHATWG `TextDecoder`; Windows-1252 by iconv-lite, because Node's `TextDecoder`
 * decodes the `windows-1252` label as ISO-8859-1 (0x93 becomes a C1 control, not `“`).
 */
import iconv from 'iconv-lite';

/** Decoded text and what was assumed to get it. */
export interface DecodedText {
  text: string;
  /** Empty for valid UTF-8; otherwise one line naming the file, the line and the encoding used. */
  warnings: string[];
}

/**
 * Bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D), and 0xFF (`ÿ`), which is
 * almost never written in Latin-1 text but is the byte a damaged file most often shows. A file
 * with one of these is not taken for Windows-1252.
 */
const NOT_CP1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xff]);

/** Lines listed in a warning before the rest are counted. */
const LINES_LISTED = 5;

/** A character above ASCII that is not U+FFFD: a multi-byte sequence that is valid UTF-8. */
const VALID_MULTIBYTE = /[^\p{ASCII}\uFFFD]/u;

/** 1-based numbers of the lines of `text` that contain `needle`. */
function linesWith(text: string, needle: RegExp): number[] {
  const lines: number[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (needle.test(line)) lines.push(index + 1);
  });
  return lines;
}

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, LINES_LISTED).join(', ');
  return lines.length > LINES_LISTED ? `${shown} and ${lines.length - LINES_LISTED} more` : shown;
}

/**
 * Decodes `bytes` (named `file` in warnings; a BOM already stripped) as UTF-8 when they are
 * valid UTF-8. Otherwise:
 * - no valid multi-byte UTF-8 sequence anywhere and every byte above 0x7F defined in
 *   Windows-1252 (see {@link NOT_CP1252}): decoded as Windows-1252, with a warning;
 * - else: decoded as UTF-8 with U+FFFD for every invalid byte, with a warning listing the lines.
 */
export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), warnings: [] };
  } catch {
    // Not valid UTF-8: find out which recovery fits below.
  }
  const lenient = new TextDecoder('utf-8').decode(bytes);
  const cp1252 =
    !VALID_MULTIBYTE.test(lenient) && !bytes.some((byte) => byte > 0x7f && NOT_CP1252.has(byte));
  if (cp1252) {
    const text = iconv.decode(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      'windows-1252',
    );
    const lines = linesWith(text, /\P{ASCII}/u);
    return {
      text,
      warnings: [
        `${file}:${lines[0]}: not UTF-8 but Windows-1252 (Latin-1) text; decoded as Windows-1252 (non-ASCII characters on lines ${listLines(lines)}): check those characters, or re-save the file as UTF-8`,
      ],
    };
  }
  const lines = linesWith(lenient, /\uFFFD/u);
  const bad = lenient.match(/\uFFFD/gu)?.length ?? 0;
  return {
    text: lenient,
    warnings: [
      `${file}:${lines[0]}: ${bad} byte sequence${bad === 1 ? ' that is' : 's that are'} not UTF-8 replaced by U+FFFD (on line${lines.length === 1 ? '' : 's'} ${listLines(lines)}); the rest of the file was read: repair or re-download the file`,
    ],
  };
}
