/**
 * Where the committed run of an output folder lives. Every reader of a previous run (the
 * pipeline's incremental state, the dashboard server, the static build) asks this module, so
 * the folder's layout is decided in one place.
 *
 * Target layout of an output folder (default `data/`):
 *
 * ```
 * data/
 *   cache/                       embedding cache, shared by all runs, append-only, checksummed
 *   run.lock                     held by the run that is writing
 *   current -> generations/<n>   the committed run, switched by one atomic rename
 *   generations/<n>/public/      what a static host or the dashboard server may serve
 *   generations/<n>/private/     index, vectors, k-NN graph and the full artifacts
 * ```
 */
import { join } from 'node:path';
import { ARTIFACT_FILES, ARTIFACT_HALF, type ArtifactName } from '../schema/artifacts.ts';
import { committedGeneration } from './generation.ts';

/**
 * The folder that holds the committed run of `outDir` (its `public/` and `private/` halves): the
 * generation `current` points at, resolved once, so a reader that keeps the returned path reads
 * one whole run even while a new one is committed (the generation before the newest is kept
 * until the next commit). A folder without `current` is taken to be a run folder itself (a copy
 * of a generation, a test fixture), and `outDir` is returned.
 */
export function committedRunDir(outDir: string): string {
  return committedGeneration(outDir)?.dir ?? outDir;
}

/** The public and private halves of one run folder. */
export interface RunFolderParts {
  /** What a static host or the dashboard server may serve. */
  public: string;
  /** The index, vectors, k-NN graph and full artifacts: read by the pipeline and search only. */
  private: string;
}

/** The halves of the run folder `runDir`. */
export function runFolderParts(runDir: string): RunFolderParts {
  return { public: join(runDir, 'public'), private: join(runDir, 'private') };
}

/** Path of artifact `name` inside the run folder `runDir`, in the half it belongs to. */
export function artifactPath(runDir: string, name: ArtifactName): string {
  return join(runFolderParts(runDir)[ARTIFACT_HALF[name]], ARTIFACT_FILES[name]);
}
