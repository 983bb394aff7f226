import { join } from 'node:path';
import { artifactJson } from '../output/atomic-write.ts';
import {
  digestAsync,
  digestFile,
  manifestDigestLine,
  MANIFEST_DIGEST_FILE,
  type ArtifactDigest,
} from '../output/checksums.ts';
import { crashPoint } from '../output/crash-points.ts';
import { writeNewFile } from '../output/durable-file.ts';
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
 * Writes every artifact into `generationDir`, a fresh generation folder nobody reads yet (see
 * `output/generation.ts`, which flushes the folder to the disk before it commits it), the
 * manifest last with the size and
 * sha256 of every other file, then the manifest's own checksum (`manifest.json.sha256`).
 * Returns the manifest as written.
 */
export async function writeArtifacts(
  generationDir: string,
  artifacts: RunArtifacts,
): Promise<Manifest> {
  const digests: Promise<[string, ArtifactDigest]>[] = [];
  const write = async (name: keyof typeof ARTIFACT_FILES, data: string | Uint8Array) => {
    const file = ARTIFACT_FILES[name];
    await writeNewFile(join(generationDir, file), data);
    // Hashed on the thread pool while the next file is written.
    digests.push(digestAsync(data).then((digest) => [file, digest]));
  };
  const versioned = <T extends object>(body: T) => ({ schemaVersion: SCHEMA_VERSION, ...body });
  const { vectors } = artifacts;
  await write('embeddings', new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await write('graph', encodeGraph(artifacts.graph));
  const indexFile = join(generationDir, ARTIFACT_FILES.index);
  crashPoint(`write ${ARTIFACT_FILES.index}`);
  await artifacts.writeIndex(indexFile);
  digests.push(digestFile(indexFile).then((digest) => [ARTIFACT_FILES.index, digest]));
  await write('papers', artifactJson(versioned({ papers: artifacts.papers })));
  await write(
    'related',
    artifactJson(versioned({ k: artifacts.relatedK, related: artifacts.related })),
  );
  await write('topics', artifactJson(versioned(artifacts.topics)));
  await write('themes', artifactJson(versioned({ themes: artifacts.themes })));
  await write('trends', artifactJson(versioned(artifacts.trends)));
  await write('rejects', artifactJson(versioned({ rejects: artifacts.rejects }), true));
  const sorted = Object.fromEntries(
    (await Promise.all(digests)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const manifest: Manifest = { ...artifacts.manifest, artifacts: sorted };
  const manifestText = artifactJson(manifest, true);
  await writeNewFile(join(generationDir, ARTIFACT_FILES.manifest), manifestText);
  await writeNewFile(join(generationDir, MANIFEST_DIGEST_FILE), manifestDigestLine(manifestText));
  return manifest;
}
