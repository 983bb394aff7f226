/**
 * The binary file behind the embedding cache, little-endian:
 *
 * | bytes | content |
 * |---|---|
 * | 8 | magic `EMBCACHE` |
 * | 4 | u32 format version (1) |
 * | 4 | u32 dim |
 * | 4 | u32 record count |
 * | 4 | u32 reserved, 0 |
 * | count × (36 + 4·dim) | records sorted by key: 32-byte key, u32 token count, dim × f32 |
 * | 32 | sha256 of everything above |
 *
 * Records are sorted, so the same entries always give the same bytes; the digest catches
 * truncated or damaged files.
 */
import { createHash } from 'node:crypto';
import { endianness } from 'node:os';

/** Format version written in the header. */
export const CACHE_FORMAT_VERSION = 1;
const MAGIC = Buffer.from('EMBCACHE', 'latin1');
const HEADER_BYTES = 24;
const KEY_BYTES = 32;
const DIGEST_BYTES = 32;

/** One cached text: its unit vector and its token count before truncation. */
export interface CacheEntry {
  vector: Float32Array;
  tokens: number;
}

/** Decoded cache contents: `dim` and entries keyed by the lowercase hex of the 32-byte key. */
export interface CacheContents {
  dim: number;
  entries: Map<string, CacheEntry>;
}

function recordBytes(dim: number): number {
  return KEY_BYTES + 4 + 4 * dim;
}

function assertLittleEndian(): void {
  if (endianness() !== 'LE') {
    throw new Error('the embedding cache format is little-endian; this machine is big-endian');
  }
}

/** Serializes entries (all of length `dim`), sorted by key. */
export function encodeCache(dim: number, entries: Map<string, CacheEntry>): Buffer {
  assertLittleEndian();
  const keys = [...entries.keys()].sort();
  const size = recordBytes(dim);
  const body = Buffer.alloc(HEADER_BYTES + keys.length * size);
  MAGIC.copy(body, 0);
  body.writeUInt32LE(CACHE_FORMAT_VERSION, 8);
  body.writeUInt32LE(dim, 12);
  body.writeUInt32LE(keys.length, 16);
  keys.forEach((key, i) => {
    const entry = entries.get(key) as CacheEntry;
    if (entry.vector.length !== dim) {
      throw new RangeError(`cache entry ${key} has ${entry.vector.length} values, expected ${dim}`);
    }
    const at = HEADER_BYTES + i * size;
    body.write(key, at, KEY_BYTES, 'hex');
    body.writeUInt32LE(entry.tokens, at + KEY_BYTES);
    const floats = Buffer.from(entry.vector.buffer, entry.vector.byteOffset, 4 * dim);
    floats.copy(body, at + KEY_BYTES + 4);
  });
  const digest = createHash('sha256').update(body).digest();
  return Buffer.concat([body, digest]);
}

/**
 * Parses a cache file. Vectors are views into one copy of the file's bytes.
 *
 * @throws {Error} whose message says what is wrong, when the bytes are not a valid cache.
 */
export function decodeCache(bytes: Uint8Array): CacheContents {
  assertLittleEndian();
  // Float32Array views need 4-byte alignment; copy only when the input is not aligned.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
  const data = Buffer.from(aligned.buffer, aligned.byteOffset, aligned.byteLength);
  if (data.length < HEADER_BYTES + DIGEST_BYTES) throw new Error('file too short for a header');
  if (!data.subarray(0, 8).equals(MAGIC)) throw new Error('not an embedding cache (bad magic)');
  const version = data.readUInt32LE(8);
  if (version !== CACHE_FORMAT_VERSION) {
    throw new Error(`format version ${version}, expected ${CACHE_FORMAT_VERSION}`);
  }
  const dim = data.readUInt32LE(12);
  const count = data.readUInt32LE(16);
  if (dim === 0) throw new Error('dimension 0 in header');
  const size = recordBytes(dim);
  const expected = HEADER_BYTES + count * size + DIGEST_BYTES;
  if (data.length !== expected) {
    throw new Error(
      `${data.length} bytes, expected ${expected} for ${count} records of dim ${dim}`,
    );
  }
  const bodyEnd = expected - DIGEST_BYTES;
  const digest = createHash('sha256').update(data.subarray(0, bodyEnd)).digest();
  if (!digest.equals(data.subarray(bodyEnd))) throw new Error('checksum mismatch');
  const entries = new Map<string, CacheEntry>();
  for (let i = 0; i < count; i++) {
    const at = HEADER_BYTES + i * size;
    const key = data.toString('hex', at, at + KEY_BYTES);
    const tokens = data.readUInt32LE(at + KEY_BYTES);
    const vector = new Float32Array(data.buffer, data.byteOffset + at + KEY_BYTES + 4, dim);
    entries.set(key, { vector, tokens });
  }
  return { dim, entries };
}
