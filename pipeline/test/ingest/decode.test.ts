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
    expect(decodeInput(utf8('a\r\nb\rc\n'), 'x.txt')).toEqual({ ok: true, text: 'a\nb\nc\n' });
  });

  it('strips a UTF-8 byte-order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Mar 17')]);
    expect(decodeInput(bytes, 'x.txt')).toEqual({ ok: true, text: 'Mar 17' });
  });

  it('undoes gzip by content, whatever the name', () => {
    expect(decodeInput(gzipSync(utf8('Schrödinger')), 'no-extension')).toEqual({
      ok: true,
      text: 'Schrödinger',
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

  it('rejects Latin-1 text and says where and what to do', () => {
    const latin1 = new Uint8Array([
      ...utf8('new\n\nMar 17\n\nMulti-marginal Schr'),
      0xf6,
      ...utf8('dinger Bridges\n'),
    ]);
    const reject = rejected(latin1);
    expect(reject.reason).toBe('not-utf8');
    expect(reject.message).toMatch(/not valid UTF-8 \(first bad byte on line 5\)/);
    expect(reject.message).toMatch(/Latin-1\/Windows-1252: re-save the file as UTF-8/);
    expect(reject.excerpt).toBe('Multi-marginal Schr\uFFFDdinger Bridges');
  });

  it('rejects UTF-16 text', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x4d, 0x00, 0x61, 0x00, 0x72, 0x00]);
    expect(rejected(utf16)).toMatchObject({
      reason: 'not-utf8',
      message: expect.stringMatching(/UTF-16/),
    });
  });
});
