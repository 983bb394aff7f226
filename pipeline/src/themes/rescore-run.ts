/**
 * Re-scores the watch list of a committed run without running the pipeline: the theme texts are
 * embedded (the papers' vectors are read from the run), and what depends on the themes is made
 * again by the stages' own functions: `themes.json` and each paper's theme scores
 * ({@link scoreThemes}), the trends, whose theme series and flags change
 * ({@link computeTrends}), and the browser data ({@link encodeBrowserData}). Everything else of
 * the run is carried over unchanged, and the whole set is committed as a new generation through
 * the path a run takes ({@link writeGeneration}, {@link writeArtifacts}), under the run lock, so
 * the manifest's checksums hold and the next run verifies and builds on it as on any other.
 */
import { link, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Embedder } from '../embed/embedder.ts';
import { encodeBrowserData } from '../emit/encode-browser-data.ts';
import { decodeGraph } from '../index/graph-file.ts';
import { writeGeneration } from '../output/generation.ts';
import { artifactPath, committedRunDir } from '../output/run-folder.ts';
import { acquireRunLock } from '../output/run-lock.ts';
import { DamagedState, parseArtifact, readManifest, verifiedBytes } from '../run/previous-run.ts';
import { writeArtifacts } from '../run/write-artifacts.ts';
import type {
  ArtifactName,
  Manifest,
  ManifestThemes,
  PapersFile,
  RejectsFile,
  RelatedFile,
  TopicsFile,
} from '../schema/artifacts.ts';
import { computeTrends } from '../trends/compute-trends.ts';
import { embedThemes, scoreThemes } from './score-themes.ts';
import type { ThemeDefinition } from './theme-config.ts';

/** The output folder holds no committed run that can be re-scored; the message names the fix. */
export class RescoreError extends Error {
  override name = 'RescoreError';
}

/** Options of {@link rescoreRun}. */
export interface RescoreOptions {
  /**
   * Called once the new scores are computed, before the new generation is written, with the run
   * lock held: the dashboard saves the edited theme file here, so a failed scoring (a theme
   * whose texts embed to nothing) leaves both the file and the data as they were, and no run
   * starts between the file's save and the data's commit.
   */
  beforeCommit?: () => Promise<void>;
  /** One line for a taken-over stale lock. Default: silent. */
  warn?: (line: string) => void;
  /**
   * The file `themes` come from, as the new manifest records it (`manifest.themes`, see
   * `themes-source.ts`): the dashboard passes the file it saves in `beforeCommit`. Default: none,
   * and the new manifest records no file, since the previous record would name a file whose
   * bytes did not make these scores.
   */
  themesSource?: ManifestThemes;
}

/** What {@link rescoreRun} committed. */
export interface RescoreOutcome {
  manifest: Manifest;
  /** The new generation folder. */
  dir: string;
  /** Members per theme id. */
  sizes: Record<string, number>;
  /**
   * Wall time of each step, ms: `read` (the run, verified), `themes` (embedding and scoring),
   * `trends`, `emit` (browser data), `write` (the new generation, committed).
   */
  timingsMs: Record<'read' | 'themes' | 'trends' | 'emit' | 'write', number>;
}

/**
 * Re-scores the committed run of `outDir` against `themes` and commits the result as a new
 * generation.
 *
 * @param embedder must be the model that embedded the papers (checked against the manifest).
 * @throws {RunLockedError} when a pipeline run holds the folder's lock.
 * @throws {RescoreError} when there is no committed run, a file of it fails verification, or the
 *   embedder is not the run's model.
 */
export async function rescoreRun(
  outDir: string,
  themes: readonly ThemeDefinition[],
  embedder: Embedder,
  options: RescoreOptions = {},
): Promise<RescoreOutcome> {
  const lock = await acquireRunLock(outDir, options.warn ?? (() => {}));
  try {
    return await rescoreLocked(outDir, themes, embedder, options);
  } finally {
    await lock.release();
  }
}

async function rescoreLocked(
  outDir: string,
  themes: readonly ThemeDefinition[],
  embedder: Embedder,
  options: RescoreOptions,
): Promise<RescoreOutcome> {
  const started = performance.now();
  let lap = started;
  const timingsMs = { read: 0, themes: 0, trends: 0, emit: 0, write: 0 };
  const done = (step: keyof typeof timingsMs) => {
    const now = performance.now();
    timingsMs[step] = Math.round(now - lap);
    lap = now;
  };
  const runDir = committedRunDir(outDir);
  let previous: Awaited<ReturnType<typeof readRun>>;
  try {
    previous = await readRun(runDir);
  } catch (error) {
    if (!(error instanceof DamagedState)) throw error;
    throw new RescoreError(
      `cannot re-score the watch list: ${error.message}; run \`npm run pipeline\` first`,
    );
  }
  const { manifest, papers, related, topics, rejects, vectors, graph } = previous;
  const { dim } = manifest.model;
  if (embedder.modelId !== manifest.model.id || embedder.dim !== dim) {
    throw new RescoreError(
      `the run was embedded with ${manifest.model.id} (dim ${dim}), the themes would be embedded ` +
        `with ${embedder.modelId} (dim ${embedder.dim}): start with the run's model`,
    );
  }

  done('read');
  const scoring = scoreThemes(vectors, dim, await embedThemes(themes, embedder), themes);
  const rescored = papers.papers.map((paper, row) => ({
    ...paper,
    themes: scoring.perPaper[row] ?? [],
  }));
  done('themes');
  const trends = computeTrends(
    { papers: rescored, topics: topics.topics, themes: scoring.themes },
    {},
  );
  done('trends');
  const topicsBody = { topics: topics.topics, changes: topics.changes };
  const browser = encodeBrowserData({
    papers: rescored,
    related: related.related,
    topics: topicsBody,
    themes: scoring.themes,
    trends,
  });
  done('emit');
  await options.beforeCommit?.();

  // writeArtifacts records the new files' checksums.
  const unwritten: Manifest = { ...manifest };
  delete unwritten.artifacts;
  if (options.themesSource) unwritten.themes = options.themesSource;
  else delete unwritten.themes;
  const indexFile = artifactPath(runDir, 'index');
  const { value, dir } = await writeGeneration(outDir, (generationDir) =>
    writeArtifacts(generationDir, {
      papers: rescored,
      related: related.related,
      relatedK: related.k,
      topics: topicsBody,
      themes: scoring.themes,
      trends,
      rejects: rejects.rejects,
      vectors,
      graph,
      // The index is the same file: a hard link, not a copy of its megabytes.
      writeIndex: async (file) => {
        await mkdir(dirname(file), { recursive: true });
        await link(indexFile, file);
      },
      browser,
      manifest: {
        ...unwritten,
        timingsMs: {
          ...manifest.timingsMs,
          rescoreThemes: Math.round(performance.now() - started),
        },
      },
    }),
  );
  done('write');
  return {
    manifest: value,
    dir,
    timingsMs,
    sizes: Object.fromEntries(scoring.themes.map((theme) => [theme.id, theme.size])),
  };
}

/** Reads every artifact of the run folder `runDir` that the new generation carries over, verified. */
async function readRun(runDir: string) {
  const manifest = await readManifest(runDir);
  const json = async <T>(name: ArtifactName): Promise<T> =>
    parseArtifact(
      artifactPath(runDir, name),
      await verifiedBytes(runDir, name, manifest),
    ) as unknown as T;
  const [papers, related, topics, rejects, vectorBytes, graphBytes] = await Promise.all([
    json<PapersFile>('papers'),
    json<RelatedFile>('related'),
    json<TopicsFile>('topics'),
    json<RejectsFile>('rejects'),
    verifiedBytes(runDir, 'embeddings', manifest),
    verifiedBytes(runDir, 'graph', manifest),
    verifiedBytes(runDir, 'index', manifest),
  ]);
  const count = papers.papers.length;
  const { dim } = manifest.model;
  if (vectorBytes.byteLength !== count * dim * 4) {
    throw new DamagedState(
      `${artifactPath(runDir, 'embeddings')} does not hold ${count} vectors of ${dim} values`,
    );
  }
  // Copied, so the floats are aligned whatever the buffer's offset.
  const vectors = new Float32Array(new Uint8Array(vectorBytes).buffer);
  let graph;
  try {
    graph = decodeGraph(graphBytes, count, manifest.index.graphK);
  } catch (error) {
    throw new DamagedState(`${artifactPath(runDir, 'graph')}: ${(error as Error).message}`);
  }
  return { manifest, papers, related, topics, rejects, vectors, graph };
}
