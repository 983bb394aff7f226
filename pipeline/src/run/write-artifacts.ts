import { artifactJson, writeFileAtomic } from '../output/atomic-write.ts';
import { artifactPath, runFolderParts } from '../output/run-folder.ts';
import { encodeGraph } from '../index/graph-file.ts';
import type { KnnGraph } from '../index/knn.ts';
import {
  SCHEMA_VERSION,
  type ArtifactName,
  type Manifest,
  type Paper,
  type Neighbour,
  type Reject,
  type Theme,
  type TopicsFile,
  type TrendsFile,
} from '../schema/artifacts.ts';
import { manifestFingerprint } from '../schema/browser-files.ts';
import type { EncodedBrowserData } from '../emit/encode-browser-data.ts';
import { writeBrowserData, writeServedFile } from '../emit/write-browser-data.ts';

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
  /** The browser data made by the emit stage. */
  browser: EncodedBrowserData;
  manifest: Manifest;
}

/**
 * Writes every artifact atomically into the halves of `runDir`: the private ones, then the
 * browser data and the public artifacts, the manifest last. A run killed half-way leaves the
 * previous manifest in place, and a manifest always describes complete files.
 */
export async function writeArtifacts(runDir: string, artifacts: RunArtifacts): Promise<void> {
  const file = (name: ArtifactName) => artifactPath(runDir, name);
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
  await writeFileAtomic(file('trends'), artifactJson(versioned(artifacts.trends)));

  const manifestText = artifactJson(artifacts.manifest, true);
  await writeBrowserData(
    runFolderParts(runDir).public,
    artifacts.browser,
    manifestFingerprint(artifacts.manifest),
  );
  await writeServedFile(file('topics'), artifactJson(versioned(artifacts.topics)));
  await writeServedFile(file('themes'), artifactJson(versioned({ themes: artifacts.themes })));
  await writeServedFile(
    file('rejects'),
    artifactJson(versioned({ rejects: artifacts.rejects }), true),
  );
  await writeServedFile(file('manifest'), manifestText);
}
