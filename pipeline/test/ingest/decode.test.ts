import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/ingest/decode.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

function rejected(bytes: Uint8Array) {
  const decoded = decodeInput(bytes, 'in/page.txt');
  if (decoded.ok) throw new Error('expected a reject');
  expect(decoded.reject.source).toEqual({ file: 'in/page.txt', line: 0 });
  return decoded.reject;
}

describe('decodeInput', () => {
  it('turns CRLF and CR line ends into LF', () => {
    expect(decodeInput(utf8('a\r\nb\rc\n'), 'x.txt')).toEqual({
      ok: true,
      text: 'a\nb\nc\n',
      warnings: [],
    });
  });

  it('strips a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Mar 17')]);
    expect(decodeInput(bytes, 'x.txt')).toEqual({ ok: true, text: 'Mar 17', warnings: [] });
  });

  it('undoes gzip by content, whatever the name', () => {
    expect(decodeInput(gzipSync(utf8('Schrödinger')), 'no-extension')).toEqual({
      ok: true,
      text: 'Schrödinger',
      warnings: [],
    });
  });

  it('rejects a broken gzip stream', () => {
    const bytes = gzipSync(utf8('x'.repeat(1000))).subarray(0, 20);
    const reject = rejected(bytes);
    expect(reject.reason).toBe('bad-gzip');
    expect(reject.message).toMatch(/does not decompress/);
  });

  it('rejects an empty file and a file of blank lines', () => {
    expect(rejected(new Uint8Array()).reason).toBe('empty');
    expect(rejected(gzipSync(new Uint8Array())).reason).toBe('empty');
    expect(rejected(utf8(' \n\r\n\t\n')).reason).toBe('empty');
  });

  it('rejects binary junk', () => {
    const junk = new Uint8Array(4096).map((_, i) => (i * 131 + 7) % 256);
    const reject = rejected(junk);
    expect(reject.reason).toBe('binary');
    expect(reject.message).toMatch(/not a text file/);
    expect(rejected(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00])).reason).toBe(
      'binary',
    );
  });

  it('decodes Windows-1252 text, with a warning naming the file and line', () => {
    const latin1 = new Uint8Array([
      ...utf8('new\n\nMar 17\n\nMulti-marginal Schr'),
      0xf6,
      ...utf8('dinger Bridges '),
      0x93,
      ...utf8('quoted'),
      0x94,
      ...utf8('\n'),
    ]);
    const decoded = decodeInput(latin1, 'in/page.txt');
    if (!decoded.ok) throw new Error(decoded.reject.message);
    expect(decoded.text).toBe('new\n\nMar 17\n\nMulti-marginal Schrödinger Bridges “quoted”\n');
    expect(decoded.warnings).toEqual([
      'in/page.txt:5: not UTF-8 but Windows-1252 (Latin-1) text; decoded as Windows-1252 (non-ASCII characters on lines 5): check those characters, or re-save the file as UTF-8',
    ]);
  });

  it('keeps a UTF-8 file with one damaged byte, replacing it and naming the line', () => {
    const bytes = new Uint8Array([...utf8('Schrödinger\nline two\nda'), 0xe9, ...utf8('maged\n')]);
    const decoded = decodeInput(bytes, 'in/page.txt');
    if (!decoded.ok) throw new Error(decoded.reject.message);
    expect(decoded.text).toBe('Schrödinger\nline two\nda\uFFFDmaged\n');
    expect(decoded.warnings).toEqual([
      'in/page.txt:3: 1 byte sequence that is not UTF-8 replaced by U+FFFD (on line 3); the rest of the file was read: repair or re-download the file',
    ]);
  });

  it('reads the complete gzip members before trailing garbage or a cut-off member', () => {
    const members = [gzipSync(utf8('one\n')), gzipSync(utf8('two\n'))];
    const garbage = new Uint8Array([...members[0]!, ...members[1]!, ...utf8('GARBAGE')]);
    const decoded = decodeInput(garbage, 'in/a.jsonl.gz');
    if (!decoded.ok) throw new Error(decoded.reject.message);
    expect(decoded.text).toBe('one\ntwo\n');
    expect(decoded.warnings[0]).toMatch(
      /^in\/a\.jsonl\.gz: gzip data damaged from byte \d+ of \d+ \(not gzip data\); read the 2 complete gzip members/,
    );
    const cut = new Uint8Array([...members[0]!, ...members[1]!.subarray(0, 12)]);
    const partial = decodeInput(cut, 'in/b.gz');
    if (!partial.ok) throw new Error(partial.reject.message);
    expect(partial.text).toBe('one\n');
    expect(partial.warnings[0]).toMatch(/read the 1 complete gzip member before it/);
  });

  it('rejects UTF-16 text', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x4d, 0x00, 0x61, 0x00, 0x72, 0x00]);
    expect(rejected(utf16)).toMatchObject({
      reason: 'not-utf8',
      message: expect.stringMatching(/UTF-16/),
    });
  });
});
