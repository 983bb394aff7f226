import { readFile } from 'node:fs/promises';
import { silentProgress } from '../../src/cli/progress.ts';
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';
import type { RunOptions } from '../../src/run/run-options.ts';
import { defaultRunOptions } from '../../src/run/run-options.ts';
import type { ArtifactName, Manifest } from '../../src/schema/artifacts.ts';
import type { TopicFit } from '../../src/topics/topic-plan.ts';

/** The options `npm run pipeline` would use for `inputs` and `outDir`, with year 2024. */
export function testRunOptions(inputs: string[], outDir: string): RunOptions {
  return defaultRunOptions(inputs, outDir, { year: { value: 2024, source: 'config' } });
}

/** Dependencies of a run that prints nothing: no log lines, no progress bars. */
export const QUIET_RUN = { log: () => {}, progress: silentProgress };

/** Reads the JSON artifact `name` of the run committed in the output folder `outDir`. */
export async function readCommitted<T>(outDir: string, name: ArtifactName): Promise<T> {
  return JSON.parse(await readFile(artifactPath(committedRunDir(outDir), name), 'utf8')) as T;
}

/** How a run's topics were fitted (full clustering or an update), from its manifest. */
export const fitOf = (manifest: Manifest): TopicFit => (manifest.topics as { fit: TopicFit }).fit;
