import { readFile } from 'node:fs/promises';
import { artifactPath } from '../output/run-folder.ts';
import {
  checkSchemaVersion,
  type Manifest,
  type PapersFile,
  type TopicSimilarity,
  type TopicsFile,
} from '../schema/artifacts.ts';

/** What a new run keeps from the previous one in the same output folder. */
export interface PreviousRun {
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
  /** Paths of the previous vectors, k-NN graph and index (read only when extending). */
  files: { embeddings: string; graph: string; index: string };
}

async function readJson(file: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Reads the previous run's manifest, papers and topics from the run folder `runDir` (see
 * `output/run-folder.ts`), so topic ids, map places and the index carry over. Returns undefined
 * on a first run. Artifacts of another schema version are a broken contract
 * (SchemaVersionError), never silently ignored.
 */
export async function readPreviousRun(runDir: string): Promise<PreviousRun | undefined> {
  const papersFile = artifactPath(runDir, 'papers');
  const topicsFile = artifactPath(runDir, 'topics');
  const manifestFile = artifactPath(runDir, 'manifest');
  const papersJson = await readJson(papersFile);
  const topicsJson = await readJson(topicsFile);
  if (papersJson === undefined || topicsJson === undefined) return undefined;
  checkSchemaVersion(papersFile, papersJson);
  checkSchemaVersion(topicsFile, topicsJson);
  const manifestJson = await readJson(manifestFile);
  if (manifestJson !== undefined) checkSchemaVersion(manifestFile, manifestJson);
  const { papers } = papersJson as PapersFile;
  const { topics } = topicsJson as TopicsFile;
  const members = new Map<number, string[]>();
  const places = new Map<string, { x: number; y: number }>();
  const assignment: PreviousRun['assignment'] = new Map();
  for (const paper of papers) {
    places.set(paper.id, { x: paper.x, y: paper.y });
    assignment.set(paper.id, { topic: paper.topic, nearestTopics: paper.nearestTopics });
    if (paper.topic === null) continue;
    const list = members.get(paper.topic) ?? [];
    list.push(paper.id);
    members.set(paper.topic, list);
  }
  return {
    manifest: manifestJson as Manifest | undefined,
    ids: papers.map((paper) => paper.id),
    topics,
    members,
    assignment,
    places,
    files: {
      embeddings: artifactPath(runDir, 'embeddings'),
      graph: artifactPath(runDir, 'graph'),
      index: artifactPath(runDir, 'index'),
    },
  };
}
