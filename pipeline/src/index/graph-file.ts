/**
 * The k-NN graph as a binary artifact (`knn-graph.bin`), so a later run can extend it instead of
 * querying every paper again: count × k int32 neighbour rows, then count × k float32 scores,
 * little-endian, row-major, k recorded in the manifest (`index.graphK`).
 */
import type { KnnGraph } from './knn.ts';

const isLittleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The bytes of `graph` in the file layout above. */
export function encodeGraph(graph: KnnGraph): Uint8Array {
  if (!isLittleEndian) throw new Error('knn-graph.bin is little-endian; this machine is not');
  const cells = graph.count * graph.k;
  const bytes = new Uint8Array(cells * 8);
  bytes.set(new Uint8Array(graph.rows.buffer, graph.rows.byteOffset, cells * 4), 0);
  bytes.set(new Uint8Array(graph.scores.buffer, graph.scores.byteOffset, cells * 4), cells * 4);
  return bytes;
}

/**
 * Reads a graph of `count` rows and `k` neighbours from `bytes`.
 *
 * @throws {RangeError} when the byte length does not match `count` × `k`.
 */
export function decodeGraph(bytes: Uint8Array, count: number, k: number): KnnGraph {
  if (!isLittleEndian) throw new Error('knn-graph.bin is little-endian; this machine is not');
  const cells = count * k;
  if (bytes.byteLength !== cells * 8) {
    throw new RangeError(
      `a graph of ${count} rows × ${k} neighbours takes ${cells * 8} bytes, the file has ${bytes.byteLength}`,
    );
  }
  // Copies, so the arrays are aligned whatever the buffer's offset.
  const copy = bytes.slice();
  return {
    k,
    count,
    rows: new Int32Array(copy.buffer, 0, cells),
    scores: new Float32Array(copy.buffer, cells * 4, cells),
  };
}
