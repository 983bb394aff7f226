import { mkdir } from 'node:fs/promises';
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
import { artifactPath, runFolderParts } from '../output/run-folder.ts';
import { join } from 'node:path';
import { encodeGraph } from '../index/graph-file.ts';
import type { KnnGraph } from '../index/knn.ts';
import {
  ARTIFACT_FILES,
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
import { artifactTexts } from './artifact-texts.ts';

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
 * Writes every artifact into the halves of `generationDir`, a fresh generation folder nobody
 * reads yet (see `output/generation.ts`, which flushes the folder to the disk before it commits
 * it): the private artifacts, then the public ones, then the browser data headed by the
 * fingerprint of the final manifest, then the manifest with the size and sha256 of every other
 * artifact, and last the manifest's own checksum (`manifest.json.sha256`, beside it). Returns
 * the manifest as written.
 */
export async function writeArtifacts(
  generationDir: string,
  artifacts: RunArtifacts,
): Promise<Manifest> {
  const halves = runFolderParts(generationDir);
  await mkdir(halves.public, { recursive: true });
  await mkdir(halves.private, { recursive: true });
  const digests: Promise<[string, ArtifactDigest]>[] = [];
  const digestOf = (name: ArtifactName, data: string | Uint8Array) =>
    // Hashed on the thread pool while the next file is written.
    digests.push(digestAsync(data).then((digest) => [ARTIFACT_FILES[name], digest]));
  const write = async (name: ArtifactName, data: string | Uint8Array) => {
    await writeNewFile(artifactPath(generationDir, name), data);
    digestOf(name, data);
  };
  const serve = async (name: ArtifactName, text: string) => {
    await writeServedFile(artifactPath(generationDir, name), text);
    digestOf(name, text);
  };
  const versioned = <T extends object>(body: T) => ({ schemaVersion: SCHEMA_VERSION, ...body });
  const { vectors } = artifacts;
  await write('embeddings', new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
  await write('graph', encodeGraph(artifacts.graph));
  const indexFile = artifactPath(generationDir, 'index');
  crashPoint(`write ${ARTIFACT_FILES.index}`);
  await artifacts.writeIndex(indexFile);
  digests.push(digestFile(indexFile).then((digest) => [ARTIFACT_FILES.index, digest]));
  await write('papers', artifactTexts.papers(artifacts.papers));
  await write(
    'related',
    artifactJson(versioned({ k: artifacts.relatedK, related: artifacts.related })),
  );
  await write('trends', artifactJson(versioned(artifacts.trends)));
  await serve('topics', artifactTexts.topics(artifacts.topics));
  await serve('themes', artifactTexts.themes(artifacts.themes));
  await serve('rejects', artifactJson(versioned({ rejects: artifacts.rejects }), true));

  const sorted = Object.fromEntries(
    (await Promise.all(digests)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  const manifest: Manifest = { ...artifacts.manifest, artifacts: sorted };
  await writeBrowserData(halves.public, artifacts.browser, manifestFingerprint(manifest));
  const manifestText = artifactJson(manifest, true);
  await writeServedFile(artifactPath(generationDir, 'manifest'), manifestText);
  await writeNewFile(join(halves.public, MANIFEST_DIGEST_FILE), manifestDigestLine(manifestText));
  return manifest;
}
