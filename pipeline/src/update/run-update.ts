/**
 * One update: fetch the missing days, run the pipeline incrementally on every saved day into the
 * same output folder, and build the digest of what changed.
 */
import { readFile } from 'node:fs/promises';
import { EXIT } from '../cli/exit-codes.ts';
import type { ProgressFactory } from '../cli/progress.ts';
import {
  describeFetch,
  fetchDays,
  type FetchDeps,
  type FetchOptions,
  type FetchSummary,
} from '../fetch/fetch-days.ts';
import { listSavedDays } from '../fetch/saved-days.ts';
import { artifactPath, committedRunDir } from '../output/run-folder.ts';
import { RunError, runPipeline, type RunDeps, type RunOutcome } from '../run/run-pipeline.ts';
import type { RunOptions } from '../run/run-options.ts';
import {
  type PapersFile,
  type ThemesFile,
  type TopicsFile,
  type TrendsFile,
} from '../schema/artifacts.ts';
import { buildDigest, formatDigest, type Digest } from './digest.ts';

/** What to update. */
export interface UpdateOptions {
  /** Raw folder of fetched days (read even when `fetch` is null). */
  rawDir: string;
  /** How to fetch; null to use only the days already saved. */
  fetch: FetchOptions | null;
  /** The pipeline run; its `inputs` are read in addition to the raw folder's days. */
  run: RunOptions;
}

/** What an update needs from outside. */
export interface UpdateDeps extends Pick<RunDeps, 'loadEmbedder'>, Pick<FetchDeps, 'http' | 'now'> {
  log: (line: string) => void;
  progress: ProgressFactory;
}

/** The result of an update. */
export interface UpdateOutcome {
  fetch: FetchSummary | null;
  run: RunOutcome;
  digest: Digest;
  /**
   * `EXIT.warnings` when a day failed to download or a record was rejected, else `EXIT.ok`.
   * (Failures that stop the run are thrown.)
   */
  exitCode: number;
}

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** Paper ids of the run already in `outDir`; null when there is none. */
async function previousPaperIds(outDir: string): Promise<Set<string> | null> {
  const runDir = committedRunDir(outDir);
  try {
    await readFile(artifactPath(runDir, 'manifest'));
  } catch {
    return null;
  }
  const papers = await readJson<PapersFile>(artifactPath(runDir, 'papers'));
  return new Set(papers.papers.map((p) => p.id));
}

/**
 * Fetches, runs the pipeline on the raw folder's days that hold papers (days without papers are
 * saved as empty lists, which the pipeline would reject as files without papers) plus
 * `run.inputs`, and digests the result.
 *
 * @throws {RunError} when no day is saved and no other input is given; any pipeline error.
 */
export async function runUpdate(options: UpdateOptions, deps: UpdateDeps): Promise<UpdateOutcome> {
  const { log } = deps;
  let fetched: FetchSummary | null = null;
  if (options.fetch) {
    fetched = await fetchDays(options.fetch, deps);
    for (const line of describeFetch(fetched, options.fetch.outDir)) log(line);
  }
  const days = (await listSavedDays(options.rawDir)).filter((d) => !d.empty);
  const inputs = [...days.map((d) => d.file), ...options.run.inputs];
  if (inputs.length === 0) {
    throw new RunError(
      `no saved day with papers in ${options.rawDir}: fetch some first ` +
        '(npm run fetch -- --from YYYY-MM-DD), or give --input',
    );
  }
  const previousIds = await previousPaperIds(options.run.outDir);
  const run = await runPipeline({ ...options.run, inputs }, deps);

  const runDir = committedRunDir(options.run.outDir);
  const digest = buildDigest({
    previousIds,
    papers: await readJson<PapersFile>(artifactPath(runDir, 'papers')),
    topics: await readJson<TopicsFile>(artifactPath(runDir, 'topics')),
    themes: await readJson<ThemesFile>(artifactPath(runDir, 'themes')),
    trends: await readJson<TrendsFile>(artifactPath(runDir, 'trends')),
  });
  for (const line of formatDigest(digest)) log(line);
  const failedDays = fetched?.counts.failed ?? 0;
  const exitCode = failedDays > 0 || run.rejected > 0 ? EXIT.warnings : EXIT.ok;
  return { fetch: fetched, run, digest, exitCode };
}
