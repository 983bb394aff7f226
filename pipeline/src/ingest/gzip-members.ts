/**
 * gzip undone member by member, so that a damaged tail (trailing garbage, a member cut off, a
 * checksum that does not match) costs only the damaged part of the file, not all of it.
 *
 * Node's `gunzipSync` decompresses concatenated members but throws on anything after them, and
 * returns nothing of what it read before. This module walks the members itself (RFC 1952 header,
 * raw deflate body through Node's zlib, CRC-32 and length trailer) and keeps every member whose
 * trailer checks out. No npm package does this for in-memory buffers; the deflate work stays in
 * zlib.
 */
import { crc32, gunzipSync, inflateRawSync } from 'node:zlib';

/** The decompressed bytes of the complete members, and where the damage starts, if anywhere. */
export interface GunzipResult {
  bytes: Uint8Array;
  /** Members read completely (header, body and a matching trailer). */
  members: number;
  /** The first damaged byte (offset into the compressed file) and what is wrong there; null when none. */
  damage: { offset: number; reason: string } | null;
}

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;

/** Whether `bytes` start like gzip (magic bytes 1f 8b). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Offset of the deflate body after the member header at `start`, or null when the header is bad. */
function bodyStart(bytes: Uint8Array, start: number): number | null {
  if (bytes.length < start + 10) return null;
  if (bytes[start] !== 0x1f || bytes[start + 1] !== 0x8b || bytes[start + 2] !== 8) return null;
  const flags = bytes[start + 3]!;
  let at = start + 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return null;
    at += 2 + (bytes[at]! | (bytes[at + 1]! << 8));
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    while (at < bytes.length && bytes[at] !== 0) at++;
    at++;
  }
  if (flags & FHCRC) at += 2;
  return at <= bytes.length ? at : null;
}

const onlyZeros = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

/**
 * Decompresses every complete gzip member of `raw`, stopping at the first damaged byte. Trailing
 * zero bytes (padding some tools add) are not damage. The fast path is one `gunzipSync`; the
 * member walk runs only when it fails.
 */
export function gunzipMembers(raw: Uint8Array): GunzipResult {
  try {
    return { bytes: gunzipSync(raw), members: 1, damage: null };
  } catch {
    // Fall through to the member walk, which finds what can still be read.
  }
  const parts: Uint8Array[] = [];
  let at = 0;
  let damage: GunzipResult['damage'] = null;
  while (at < raw.length) {
    if (onlyZeros(raw.subarray(at))) break;
    const body = bodyStart(raw, at);
    if (body === null) {
      damage = { offset: at, reason: 'not gzip data' };
      break;
    }
    let inflated: { buffer: Buffer; engine: { bytesWritten: number } };
    try {
      inflated = inflateRawSync(raw.subarray(body), { info: true }) as unknown as typeof inflated;
    } catch (error) {
      damage = { offset: at, reason: (error as Error).message };
      break;
    }
    const trailer = body + inflated.engine.bytesWritten;
    if (trailer + 8 > raw.length) {
      damage = { offset: at, reason: 'the last member is cut off' };
      break;
    }
    const view = new DataView(raw.buffer, raw.byteOffset + trailer, 8);
    const crcOk = view.getUint32(0, true) === crc32(inflated.buffer);
    const sizeOk = view.getUint32(4, true) === inflated.buffer.length % 2 ** 32;
    if (!crcOk || !sizeOk) {
      damage = { offset: at, reason: 'a member fails its CRC-32 or length check' };
      break;
    }
    parts.push(inflated.buffer);
    at = trailer + 8;
  }
  return { bytes: Buffer.concat(parts), members: parts.length, damage };
}
