import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ARTIFACT_FILES,
  checkSchemaVersion,
  type PapersFile,
  type TopicsFile,
} from '../schema/artifacts.ts';

/** What a new run keeps from the previous one in the same output folder. */
export interface PreviousRun {
  topics: TopicsFile['topics'];
  /** Fine topic id → ids of its member papers. */
  members: Map<number, string[]>;
  /** Map places of the papers already laid out. */
  places: Map<string, { x: number; y: number }>;
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
 * Reads the previous run's papers and topics from `outDir`, so topic ids and map places stay
 * stable. Returns undefined on a first run. Artifacts of another schema version are a broken
 * contract (SchemaVersionError), never silently ignored.
 */
export async function readPreviousRun(outDir: string): Promise<PreviousRun | undefined> {
  const papersFile = join(outDir, ARTIFACT_FILES.papers);
  const topicsFile = join(outDir, ARTIFACT_FILES.topics);
  const papersJson = await readJson(papersFile);
  const topicsJson = await readJson(topicsFile);
  if (papersJson === undefined || topicsJson === undefined) return undefined;
  checkSchemaVersion(papersFile, papersJson);
  checkSchemaVersion(topicsFile, topicsJson);
  const { papers } = papersJson as PapersFile;
  const { topics } = topicsJson as TopicsFile;
  const members = new Map<number, string[]>();
  const places = new Map<string, { x: number; y: number }>();
  for (const paper of papers) {
    places.set(paper.id, { x: paper.x, y: paper.y });
    if (paper.topic === null) continue;
    const list = members.get(paper.topic) ?? [];
    list.push(paper.id);
    members.set(paper.topic, list);
  }
  return { topics, members, places };
}
