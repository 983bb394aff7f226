/**
 * Checksums of the artifacts a later run reuses. The manifest records each file's size and
 * sha256 when it is written; a run verifies them before it builds on a previous run's files,
 * so damaged bytes are rebuilt instead of reused (see `run/previous-run.ts`).
 */
import { createHash, webcrypto } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/**
 * The manifest cannot hold its own checksum, so it gets a sidecar file in `sha256sum` format
 * (`<hex>  manifest.json`), written after it: `sha256sum -c manifest.json.sha256` checks it too.
 */
export const MANIFEST_DIGEST_FILE = 'manifest.json.sha256';

/** The sidecar line for a manifest whose text is `manifestText`. */
export function manifestDigestLine(manifestText: string): string {
  return `${digestOf(manifestText).sha256}  manifest.json\n`;
}

/** Size and sha256 of one file. */
export interface ArtifactDigest {
  /** File size in bytes. */
  bytes: number;
  /** Lowercase hex sha256 of the file's bytes. */
  sha256: string;
}

/** The digest of `data` (a string counts as its UTF-8 bytes). */
export function digestOf(data: Uint8Array | string): ArtifactDigest {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * The digest of `data`, computed off the main thread (WebCrypto runs on libuv's thread pool), so
 * the digests of several files are computed in parallel with one another and with file I/O.
 */
export async function digestAsync(data: Uint8Array | string): Promise<ArtifactDigest> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const hash = await webcrypto.subtle.digest('SHA-256', bytes);
  return { bytes: bytes.byteLength, sha256: Buffer.from(hash).toString('hex') };
}

/** The digest of the file at `file`. */
export async function digestFile(file: string): Promise<ArtifactDigest> {
  return digestAsync(await readFile(file));
}

/**
 * Why `bytes` do not match `expected`, in a few words, or null when they match. Size is compared
 * first, so a truncated file says so.
 */
export async function digestProblem(
  bytes: Uint8Array,
  expected: ArtifactDigest,
): Promise<string | null> {
  if (bytes.byteLength !== expected.bytes) {
    return `${bytes.byteLength} bytes where the manifest recorded ${expected.bytes}`;
  }
  return (await digestAsync(bytes)).sha256 === expected.sha256
    ? null
    : 'its sha256 differs from the one the manifest recorded';
}
