import { join } from 'node:path';
import { artifactJson, writeFileAtomic } from '../output/atomic-write.ts';
import { encodeGraph } from '../index/graph-file.ts';
import type { KnnGraph } from '../index/knn.ts';
import {
  ARTIFACT_FILES,
  SCHEMA_VERSION,
  type Manifest,
  type Paper,
  type Neighbour,
  type Reject,
  type Theme,
  type TopicsFile,
  type TrendsFile,
} from '../schema/artifacts.ts';

/** Everything a run writes. */
export interface RunArtifacts {
  papers: Paper[];
  related: Record<string, Neighbour[]>;
  relatedK: number;
  topics: Omit<TopicsFile, 'schemaVersion'>;
  themes: Theme[];
  trends: Omit<TrendsFile, 'schemaVersion'>;
  rejects: Reject[];
  /** Row-major vectors in `papers` order. */
  vectors: Float32Array;
  /** The k-NN graph over the same rows. */
  graph: KnnGraph;
  /** Writes the index to the given path (the caller's index library owns the format). */
  writeIndex: (file: string) => Promise<void> | void;
  manifest: Manifest;
}

/**
 * Writes every artifact atomically, the manifest last: a run killed half-way leaves the
 * previous artifacts in place, and a manifest always describes complete files.
 */
export async function writeArtifacts(outDir: string, artifacts: RunArtifacts): Promise<void> {
  const file = (name: keyof typeof ARTIFACT_FILES) => join(outDir, ARTIFACT_FILES[name]);
  const versioned = <T extends object>(body: T) => ({ schemaVersion: SCHEMA_VERSION, ...body });
  const { vectors } = artifacts;
  await writeFileAtomic(
    file('embeddings'),
    new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength),
  );
  await writeFileAtomic(file('graph'), encodeGraph(artifacts.graph));
  await artifacts.writeIndex(file('index'));
  await writeFileAtomic(file('papers'), artifactJson(versioned({ papers: artifacts.papers })));
  await writeFileAtomic(
    file('related'),
    artifactJson(versioned({ k: artifacts.relatedK, related: artifacts.related })),
  );
  await writeFileAtomic(file('topics'), artifactJson(versioned(artifacts.topics)));
  await writeFileAtomic(file('themes'), artifactJson(versioned({ themes: artifacts.themes })));
  await writeFileAtomic(file('trends'), artifactJson(versioned(artifacts.trends)));
  await writeFileAtomic(
    file('rejects'),
    artifactJson(versioned({ rejects: artifacts.rejects }), true),
  );
  await writeFileAtomic(file('manifest'), artifactJson(artifacts.manifest, true));
}
