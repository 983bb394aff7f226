/**
 * Raw bytes of an input file to text: gzip undone (the complete members of a damaged file
 * kept), binary and UTF-16 files refused with a reason, Windows-1252 text decoded as such, stray
 * invalid bytes in UTF-8 replaced, BOM stripped, every line end turned into `\n`. Whatever was
 * recovered is said in a warning naming the file and line.
 */
import type { Reject } from '../schema/artifacts.ts';
import { gunzipMembers, isGzip } from './gzip-members.ts';
import { reject } from './rejects.ts';
import { decodeText } from './text-encoding.ts';

/** The text of a file with notes on what was recovered, or the reason it has none. */
export type Decoded =
  | {
      ok: true;
      text: string;
      /** Recoveries worth a reader's attention (damaged gzip tail, encoding), naming the file. */
      warnings: string[];
    }
  | { ok: false; reject: Reject };

/** Bytes inspected for the share of control bytes. */
const SNIFF_BYTES = 8192;
/** Above this share of control bytes (other than tab, line ends, form feed) a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

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
 * Decodes one input file. `file` names it in rejects and warnings. gzip is recognized by its
 * magic bytes, whatever the extension; when its tail is damaged, the complete members before the
 * damage are read, with a warning. Refused: a file with no complete gzip member (`bad-gzip`),
 * holding nothing (`empty`), holding NUL bytes or more than 10 % control bytes in its first 8 KiB
 * (`binary`), or starting with a UTF-16 byte-order mark (`not-utf8`). Text that is not UTF-8 is
 * decoded by {@link decodeText} (Windows-1252, or UTF-8 with U+FFFD for stray bytes), with a warning.
 */
export function decodeInput(raw: Uint8Array, file: string): Decoded {
  let bytes = raw;
  const warnings: string[] = [];
  if (isGzip(bytes)) {
    const gunzipped = gunzipMembers(bytes);
    if (gunzipped.damage !== null && gunzipped.members === 0) {
      return fail(
        file,
        'bad-gzip',
        `starts like gzip but does not decompress (${gunzipped.damage.reason}); re-download or re-compress it`,
      );
    }
    if (gunzipped.damage !== null) {
      const { offset, reason } = gunzipped.damage;
      warnings.push(
        `${file}: gzip data damaged from byte ${offset} of ${raw.length} (${reason}); read the ${gunzipped.members} complete gzip member${gunzipped.members === 1 ? '' : 's'} before it, the rest is lost: re-download the file to recover it`,
      );
    }
    bytes = gunzipped.bytes;
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
  const decoded = decodeText(bytes, file);
  warnings.push(...decoded.warnings);
  const { text } = decoded;
  if (text.trim() === '') return fail(file, 'empty', 'only blank lines; it holds no papers');
  return { ok: true, text: text.replace(/\r\n?/g, '\n'), warnings };
}

function fail(
  file: string,
  reason: Parameters<typeof reject>[2],
  message: string,
  text?: string,
): Decoded {
  return { ok: false, reject: reject(file, 0, reason, message, text) };
}
