/**
 * Whether a run can extend the previous run's index and k-NN graph or must build them anew.
 *
 * Extending is only sound when the previous rows are exactly the first rows now: the same papers
 * in the same order with bit-identical vectors (so the same model), and an index built with the
 * same parameters. Anything else, or files that are missing or do not match, means a full build,
 * and the reason goes into the manifest.
 */
import { readFile, stat } from 'node:fs/promises';
import type { IndexParams } from './hnsw-index.ts';
import { decodeGraph } from './graph-file.ts';
import type { KnnGraph } from './knn.ts';
import type { Manifest } from '../schema/artifacts.ts';

/** What the plan reads of the previous run: its manifest, row order and files. */
export interface PreviousIndexRun {
  /** The previous manifest; undefined when the folder holds none. */
  manifest: Pick<Manifest, 'model' | 'index'> | undefined;
  /** Paper ids in the previous run's row order. */
  ids: readonly string[];
  /** Paths of the previous run's vectors, k-NN graph and index files. */
  files: { embeddings: string; graph: string; index: string };
  /** Why those files must not be reused (they failed verification), if they must not. */
  indexProblem?: string;
}

/** The decision: build from scratch (and why), or extend the previous index file and graph. */
export type IndexPlan =
  { mode: 'build'; reason: string } | { mode: 'extend'; indexFile: string; graph: KnnGraph };

/** What the current run has, to compare with the previous one. */
export interface CurrentIndexInput {
  ids: readonly string[];
  vectors: Float32Array;
  dim: number;
  model: { id: string; files: Record<string, string> };
  params: IndexParams;
  /** Neighbours per paper the graph needs now. */
  graphK: number;
}

const build = (reason: string): IndexPlan => ({ mode: 'build', reason });

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

async function readIfSized(file: string, bytes: number): Promise<Uint8Array | undefined> {
  try {
    if ((await stat(file)).size !== bytes) return undefined;
    return new Uint8Array(await readFile(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Decides how to get this run's index; see the module comment. */
export async function planIndex(
  previous: PreviousIndexRun | undefined,
  current: CurrentIndexInput,
  rebuild: boolean,
): Promise<IndexPlan> {
  if (rebuild) return build('asked for (--rebuild-index)');
  const manifest = previous?.manifest;
  if (!previous || !manifest) return build('no previous run in the output folder');
  if (previous.indexProblem) return build(previous.indexProblem);
  const before = manifest.index;
  if (
    manifest.model.id !== current.model.id ||
    manifest.model.dim !== current.dim ||
    !sameRecord(manifest.model.files, current.model.files)
  ) {
    return build('the embedding model changed');
  }
  if (
    before.M !== current.params.M ||
    before.efConstruction !== current.params.efConstruction ||
    before.seed !== current.params.seed
  ) {
    return build('the index parameters changed');
  }
  if (before.graphK !== current.graphK) return build('the neighbours per paper changed');
  const count = previous.ids.length;
  if (count > current.ids.length || previous.ids.some((id, row) => current.ids[row] !== id)) {
    return build('papers were removed or inserted before the last run’s papers');
  }

  const { dim } = current;
  const vectors = await readIfSized(previous.files.embeddings, count * dim * 4);
  const graphBytes = await readIfSized(previous.files.graph, count * current.graphK * 8);
  if (!vectors || !graphBytes) return build('the previous vectors or graph are missing');
  const now = new Uint8Array(current.vectors.buffer, current.vectors.byteOffset, count * dim * 4);
  if (Buffer.compare(vectors, now) !== 0) return build('the vectors of earlier papers changed');
  return {
    mode: 'extend',
    indexFile: previous.files.index,
    graph: decodeGraph(graphBytes, count, current.graphK),
  };
}
