/** The index check on real hnswlib files: a good one passes, each kind of damage is named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIndex, saveIndex } from '../../../pipeline/src/index/hnsw-index.ts';
import { randomUnitVectors } from '../../../pipeline/test/index/random-vectors.ts';
import { checkIndexBytes, checkIndexFile, IndexFileError } from '../../server/index-check.ts';

const COUNT = 300;
const DIM = 16;
let dir: string;
let bytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'index-check-'));
  const index = buildIndex(randomUnitVectors(COUNT, DIM, 7), DIM);
  await saveIndex(index, join(dir, 'index.hnsw'));
  bytes = await readFile(join(dir, 'index.hnsw'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const problem = (damaged: Buffer, expected = { count: COUNT, dim: DIM }) => {
  try {
    checkIndexBytes(damaged, expected);
  } catch (error) {
    expect(error).toBeInstanceOf(IndexFileError);
    return (error as Error).message;
  }
  return null;
};

describe('checkIndexBytes', () => {
  it('passes the index hnswlib wrote', async () => {
    expect(problem(bytes)).toBeNull();
    await expect(
      checkIndexFile(join(dir, 'index.hnsw'), { count: COUNT, dim: DIM }),
    ).resolves.toBeUndefined();
  });

  it('names a wrong count, a wrong dimension, a cut-off file and extra bytes', () => {
    expect(problem(bytes, { count: COUNT + 1, dim: DIM })).toBe(
      `it holds ${COUNT} papers, papers.json has ${COUNT + 1}`,
    );
    expect(problem(bytes, { count: COUNT, dim: 32 })).toBe(
      `its vectors have dimension ${DIM}, the manifest says 32`,
    );
    expect(problem(bytes.subarray(0, bytes.length - 3))).toMatch(/cut off|upper-level block/);
    expect(problem(bytes.subarray(0, 50))).toMatch(/shorter than the header/);
    expect(problem(Buffer.concat([bytes, Buffer.alloc(4)]))).toBe('4 bytes after the last node');
  });

  it('names a link out of the graph and a label out of range', () => {
    const link = Buffer.from(bytes);
    link.writeUInt32LE(1, 96);
    link.writeUInt32LE(COUNT, 100);
    expect(problem(link)).toBe(`a link points to node ${COUNT} of ${COUNT}`);
    const label = Buffer.from(bytes);
    const labelOffset = Number(label.readBigUInt64LE(32));
    label.writeBigUInt64LE(BigInt(COUNT + 5), 96 + labelOffset);
    expect(problem(label)).toBe(`node 0 has label ${COUNT + 5} of ${COUNT}`);
  });

  it('names the file and the fix, and a missing file', async () => {
    await expect(checkIndexFile(join(dir, 'none.hnsw'), { count: 1, dim: DIM })).rejects.toThrow(
      /none\.hnsw cannot be read \(ENOENT\)/,
    );
    await expect(checkIndexFile(join(dir, 'index.hnsw'), { count: 2, dim: DIM })).rejects.toThrow(
      /index\.hnsw is not a usable index: it holds 300 papers.*run `npm run pipeline` again/,
    );
  });
});
