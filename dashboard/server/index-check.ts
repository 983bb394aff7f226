/**
 * Checks an hnswlib index file before the native library loads it. hnswlib trusts its file: a
 * truncated or altered one loads, then crashes the process (a segfault) on the first search,
 * when a link points past the end of the graph. This module reads the file's layout (the
 * `saveIndex` format of hnswlib 0.8, `hnswalg.h`) and refuses it, with a message, unless the
 * size, the paper count, the dimension and every link agree.
 *
 * Layout: a 96-byte header (size_t fields little-endian, two 4-byte ones, a double), then per
 * element its level-0 block (link count and up to maxM0 links as uint32, the float32 vector, the
 * size_t label), then per element a uint32 byte size and its upper-level link lists.
 */
import { readFile } from 'node:fs/promises';

/** Why an index file cannot be used. */
export class IndexFileError extends Error {
  override name = 'IndexFileError';
}

/** What the index must hold. */
export interface ExpectedIndex {
  /** Papers in `papers.json`: the element count, and the bound of every label and link. */
  count: number;
  /** Vector dimension from the manifest. */
  dim: number;
}

const HEADER_BYTES = 96;
/** Levels no real graph reaches: with M = 16, level 20 needs about 16^20 elements. */
const MAX_LEVEL = 64;

/** The header fields the checks read, by their hnswlib names. */
interface Header {
  offsetLevel0: number;
  curElementCount: number;
  sizeDataPerElement: number;
  labelOffset: number;
  offsetData: number;
  maxLevel: number;
  enterPoint: number;
  maxM: number;
  maxM0: number;
}

function readHeader(bytes: Buffer): Header {
  const size = (offset: number) => Number(bytes.readBigUInt64LE(offset));
  return {
    offsetLevel0: size(0),
    curElementCount: size(16),
    sizeDataPerElement: size(24),
    labelOffset: size(32),
    offsetData: size(40),
    maxLevel: bytes.readInt32LE(48),
    enterPoint: bytes.readUInt32LE(52),
    maxM: size(56),
    maxM0: size(64),
  };
}

/** Checks the link list at `offset` (count in the low 16 bits, then the ids) and returns its end. */
function checkLinks(bytes: Buffer, offset: number, maxLinks: number, count: number): void {
  const links = bytes.readUInt32LE(offset) & 0xffff;
  if (links > maxLinks)
    throw new IndexFileError(`a node lists ${links} links, more than ${maxLinks}`);
  for (let i = 0; i < links; i++) {
    const target = bytes.readUInt32LE(offset + 4 + i * 4);
    if (target >= count) throw new IndexFileError(`a link points to node ${target} of ${count}`);
  }
}

/**
 * Checks the bytes of an index file against what it must hold. Throws {@link IndexFileError}
 * naming the first mismatch.
 */
export function checkIndexBytes(bytes: Buffer, expected: ExpectedIndex): void {
  if (bytes.length < HEADER_BYTES)
    throw new IndexFileError(`${bytes.length} bytes, shorter than the header`);
  const header = readHeader(bytes);
  const { count, dim } = expected;
  if (header.curElementCount !== count) {
    throw new IndexFileError(`it holds ${header.curElementCount} papers, papers.json has ${count}`);
  }
  const linksLevel0 = header.maxM0 * 4 + 4;
  const layoutOk =
    header.offsetLevel0 === 0 &&
    header.maxM >= 1 &&
    header.maxM <= 4096 &&
    header.maxM0 >= header.maxM &&
    header.maxM0 <= 8192 &&
    header.offsetData === linksLevel0 &&
    header.labelOffset === linksLevel0 + dim * 4 &&
    header.sizeDataPerElement === linksLevel0 + dim * 4 + 8;
  if (!layoutOk) {
    const fileDim = (header.labelOffset - header.offsetData) / 4;
    throw new IndexFileError(
      Number.isInteger(fileDim) && fileDim !== dim
        ? `its vectors have dimension ${fileDim}, the manifest says ${dim}`
        : 'its header is not an hnswlib index header',
    );
  }
  if (
    header.maxLevel < 0 ||
    header.maxLevel > MAX_LEVEL ||
    (count > 0 && header.enterPoint >= count)
  ) {
    throw new IndexFileError('its entry point or top level is out of range');
  }
  const level0End = HEADER_BYTES + count * header.sizeDataPerElement;
  if (bytes.length < level0End) {
    throw new IndexFileError(
      `${bytes.length} bytes, too short for ${count} papers of dimension ${dim}`,
    );
  }
  for (let row = 0; row < count; row++) {
    const base = HEADER_BYTES + row * header.sizeDataPerElement;
    checkLinks(bytes, base, header.maxM0, count);
    const label = Number(bytes.readBigUInt64LE(base + header.labelOffset));
    if (label >= count) throw new IndexFileError(`node ${row} has label ${label} of ${count}`);
  }
  const upperBytes = header.maxM * 4 + 4;
  let at = level0End;
  for (let row = 0; row < count; row++) {
    if (at + 4 > bytes.length) throw new IndexFileError('it is cut off in the upper levels');
    const size = bytes.readUInt32LE(at);
    at += 4;
    if (
      size % upperBytes !== 0 ||
      size / upperBytes > header.maxLevel ||
      at + size > bytes.length
    ) {
      throw new IndexFileError(`node ${row} has an upper-level block of ${size} bytes`);
    }
    for (let level = 0; level < size / upperBytes; level++) {
      checkLinks(bytes, at + level * upperBytes, header.maxM, count);
    }
    at += size;
  }
  if (at !== bytes.length)
    throw new IndexFileError(`${bytes.length - at} bytes after the last node`);
}

/**
 * Reads and checks the index file `file`. Throws {@link IndexFileError} with the file, the
 * problem and the fix.
 */
export async function checkIndexFile(file: string, expected: ExpectedIndex): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new IndexFileError(
      `${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}): run \`npm run pipeline\``,
    );
  }
  try {
    checkIndexBytes(bytes, expected);
  } catch (error) {
    if (!(error instanceof IndexFileError)) throw error;
    throw new IndexFileError(
      `${file} is not a usable index: ${error.message}; it is damaged or from another run: run \`npm run pipeline\` again`,
    );
  }
}
