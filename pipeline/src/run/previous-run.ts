/**
 * The previous run a new run builds on: the committed generation of the output folder, verified
 * before anything of it is reused.
 *
 * The manifest is checked against its sidecar checksum (`manifest.json.sha256`), every other
 * file against the size and sha256 the manifest recorded; JSON files must carry this tool's
 * schema version, and the files must agree with one another (paper count, topics the papers
 * point at, vector and graph sizes). A
 * problem is reported in one line and the part that depends on the file is rebuilt from the
 * inputs and the embedding cache, never reused and never a crash:
 * - the manifest, `papers.json` or `topics.json`: no previous run (topics are clustered anew, the
 *   map is laid out anew, the index is built anew);
 * - `embeddings.f32`, `knn-graph.bin` or `index.hnsw`: the index and graph are built anew, topics
 *   and map places still carry over.
 * An output folder written before generations (artifacts directly in it, no checksums) counts as
 * no previous run, with a one-line notice; its files are left where they are.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactPath, runFolderParts } from '../output/run-folder.ts';
import { digestProblem, MANIFEST_DIGEST_FILE, manifestDigestLine } from '../output/checksums.ts';
import { committedGeneration, GENERATIONS_DIR } from '../output/generation.ts';
import {
  ARTIFACT_FILES,
  SCHEMA_VERSION,
  type ArtifactName,
  type Manifest,
  type Paper,
  type TopicSimilarity,
  type TopicsFile,
} from '../schema/artifacts.ts';

/** What a new run keeps from the previous one in the same output folder. */
export interface PreviousRun {
  /** The generation folder the previous run's files are in. */
  dir: string;
  /** The previous manifest; undefined when the folder holds none. */
  manifest: Manifest | undefined;
  /** Paper ids in the previous `papers.json` order (the rows of its vectors, index and graph). */
  ids: string[];
  topics: TopicsFile['topics'];
  /** Fine topic id → ids of its member papers. */
  members: Map<number, string[]>;
  /** Each previous paper's fine topic (null for an outlier) and, for an outlier, its nearest topics. */
  assignment: Map<string, { topic: number | null; nearestTopics: TopicSimilarity[] }>;
  /** Map places of the papers already laid out. */
  places: Map<string, { x: number; y: number }>;
  /**
   * Why the previous vectors, graph and index must not be reused (a file failed verification),
   * or undefined when they verified.
   */
  indexProblem?: string;
  /** Paths of the previous vectors, k-NN graph and index (read only when extending). */
  files: { embeddings: string; graph: string; index: string };
}

/** A problem found while verifying a previous run: the message for the one-line report. */
export class DamagedState extends Error {
  override name = 'DamagedState';
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new DamagedState(`${file} is unreadable (${(error as NodeJS.ErrnoException).code})`);
  }
}

/**
 * The bytes of artifact `name` in `dir`, checked against the manifest's record.
 *
 * @throws {DamagedState} when the file is unreadable or its size or sha256 differ.
 */
export async function verifiedBytes(
  dir: string,
  name: ArtifactName,
  manifest: Manifest,
): Promise<Buffer> {
  const file = artifactPath(dir, name);
  const expected = manifest.artifacts?.[ARTIFACT_FILES[name]];
  if (!expected) throw new DamagedState(`the manifest records no checksum of ${file}`);
  const bytes = await readBytes(file);
  const problem = await digestProblem(bytes, expected);
  if (problem) throw new DamagedState(`${file} is damaged (${problem})`);
  return bytes;
}

/**
 * Parses a JSON artifact and checks its schema version.
 *
 * @throws {DamagedState} when it is not a JSON object of this tool's schema version.
 */
export function parseArtifact(file: string, bytes: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new DamagedState(`${file} is not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DamagedState(`${file} is not a JSON object`);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== SCHEMA_VERSION) {
    throw new DamagedState(
      `${file} has schemaVersion ${String(version)}, this tool reads and writes ${SCHEMA_VERSION}`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * The manifest of the run folder `dir`, checked against its sidecar checksum.
 *
 * @throws {DamagedState} when it is unreadable, damaged or lacks its records.
 */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = artifactPath(dir, 'manifest');
  const bytes = await readBytes(file);
  const sidecar = join(runFolderParts(dir).public, MANIFEST_DIGEST_FILE);
  const recorded = (await readBytes(sidecar)).toString('utf8');
  if (recorded !== manifestDigestLine(bytes.toString('utf8'))) {
    throw new DamagedState(`${file} is damaged (it does not match ${MANIFEST_DIGEST_FILE})`);
  }
  const manifest = parseArtifact(file, bytes) as unknown as Manifest;
  const shaped =
    typeof manifest.counts?.papers === 'number' &&
    typeof manifest.model?.dim === 'number' &&
    typeof manifest.index?.graphK === 'number';
  if (!shaped) throw new DamagedState(`${file} lacks its counts, model or index record`);
  if (!manifest.artifacts) throw new DamagedState(`${file} records no checksums`);
  return manifest;
}

/**
 * The verified bytes of the vectors and the graph (the index file is verified too), or why they
 * cannot be reused. The three are hashed in parallel, off the main thread.
 */
async function verifiedIndexFiles(
  dir: string,
  manifest: Manifest,
): Promise<{ vectors: Buffer; graph: Buffer } | string> {
  try {
    const [vectors, graph] = await Promise.all([
      verifiedBytes(dir, 'embeddings', manifest),
      verifiedBytes(dir, 'graph', manifest),
      verifiedBytes(dir, 'index', manifest),
    ]);
    return { vectors, graph };
  } catch (error) {
    if (error instanceof DamagedState) return error.message;
    throw error;
  }
}

/** Why verified vector and graph files do not fit `count` papers, or undefined when they do. */
function indexSizeProblem(
  files: { vectors: Buffer; graph: Buffer },
  manifest: Manifest,
  count: number,
): string | undefined {
  if (files.vectors.byteLength !== count * manifest.model.dim * 4) {
    return `${ARTIFACT_FILES.embeddings} does not hold ${count} vectors of ${manifest.model.dim} values`;
  }
  if (files.graph.byteLength !== count * manifest.index.graphK * 8) {
    return `${ARTIFACT_FILES.graph} does not hold ${count} rows of ${manifest.index.graphK} neighbours`;
  }
  return undefined;
}

/** Reads and verifies the committed run in `dir`; throws DamagedState on the first problem. */
async function readVerified(dir: string): Promise<PreviousRun> {
  const manifest = await readManifest(dir);
  const papersFile = artifactPath(dir, 'papers');
  const topicsFile = artifactPath(dir, 'topics');
  // Hashed on the thread pool while the papers are parsed below.
  const indexFiles = verifiedIndexFiles(dir, manifest);
  indexFiles.catch(() => {}); // awaited below unless an earlier check throws
  const [papersBytes, topicsBytes] = await Promise.all([
    verifiedBytes(dir, 'papers', manifest),
    verifiedBytes(dir, 'topics', manifest),
  ]);
  const papersJson = parseArtifact(papersFile, papersBytes);
  const topicsJson = parseArtifact(topicsFile, topicsBytes);
  const papers = papersJson.papers as Paper[];
  const topics = topicsJson.topics as TopicsFile['topics'];
  if (!Array.isArray(papers)) throw new DamagedState(`${papersFile} has no papers list`);
  if (!Array.isArray(topics)) throw new DamagedState(`${topicsFile} has no topics list`);
  if (papers.length !== manifest.counts.papers) {
    throw new DamagedState(
      `${papersFile} holds ${papers.length} papers, its manifest counts ${manifest.counts.papers}`,
    );
  }
  const fine = new Set(topics.filter((topic) => topic.level === 0).map((topic) => topic.id));
  const members = new Map<number, string[]>();
  const places = new Map<string, { x: number; y: number }>();
  const assignment: PreviousRun['assignment'] = new Map();
  for (const paper of papers) {
    if (paper.topic !== null && !fine.has(paper.topic)) {
      throw new DamagedState(
        `${papersFile}: paper ${paper.id} is in topic ${paper.topic}, which ${topicsFile} lacks`,
      );
    }
    places.set(paper.id, { x: paper.x, y: paper.y });
    assignment.set(paper.id, { topic: paper.topic, nearestTopics: paper.nearestTopics });
    if (paper.topic === null) continue;
    const list = members.get(paper.topic) ?? [];
    list.push(paper.id);
    members.set(paper.topic, list);
  }
  const files = await indexFiles;
  const indexProblem =
    typeof files === 'string' ? files : indexSizeProblem(files, manifest, papers.length);
  return {
    dir,
    manifest,
    ids: papers.map((paper) => paper.id),
    topics,
    members,
    assignment,
    places,
    ...(indexProblem ? { indexProblem } : {}),
    files: {
      embeddings: artifactPath(dir, 'embeddings'),
      graph: artifactPath(dir, 'graph'),
      index: artifactPath(dir, 'index'),
    },
  };
}

/**
 * Reads the committed run of `outDir`, verified (see the module comment), so topic ids, map
 * places and the index carry over. Returns undefined on a first run and when the previous run
 * cannot be trusted; `warn` gets one line for each problem found.
 */
export async function readPreviousRun(
  outDir: string,
  warn: (line: string) => void = () => {},
): Promise<PreviousRun | undefined> {
  const generation = committedGeneration(outDir);
  if (!generation) {
    if (existsSync(join(outDir, ARTIFACT_FILES.manifest))) {
      warn(
        `${outDir} holds artifacts written before generation folders, without checksums: ` +
          `not reused, this run builds everything anew into ${GENERATIONS_DIR}/ ` +
          '(the old files are left in place and can be deleted)',
      );
    }
    return undefined;
  }
  let previous: PreviousRun;
  try {
    previous = await readVerified(generation.dir);
  } catch (error) {
    if (!(error instanceof DamagedState)) throw error;
    warn(`previous run not reused: ${error.message}; topics, map and index are built anew`);
    return undefined;
  }
  if (previous.indexProblem) {
    warn(`previous index not reused: ${previous.indexProblem}; the index and graph are built anew`);
  }
  return previous;
}
