/**
 * Runs the real pipeline (`npm run pipeline`, real model, real index) on the seed pages into a
 * fresh temporary folder, so that tests do not depend on the state of `data/`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifactPath, committedRunDir } from '../../../pipeline/src/output/run-folder.ts';
import type { ArtifactName } from '../../../pipeline/src/schema/artifacts.ts';

/** The repository root. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Runs a command in the repository, resolving with its stdout; rejects with its stderr. */
export function run(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...options.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(stdout);
      else
        reject(
          new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr.slice(-3000)}`),
        );
    });
  });
}

/** A pipeline output folder and how to remove it. */
export interface SeedRun {
  /** The committed run folder (the generation `current` points at). */
  dataDir: string;
  dispose(): Promise<void>;
}

/** Runs a TypeScript program of the repository (`script`, a path from the root) with `args`. */
export function runScript(script: string, args: string[]): Promise<string> {
  return run(process.execPath, ['--import', 'tsx', script, ...args]);
}

/** Runs the pipeline command (`pipeline/src/cli/main.ts`) with `args`, without progress bars. */
export function runPipeline(args: string[]): Promise<string> {
  return runScript('pipeline/src/cli/main.ts', [...args, '--no-progress']);
}

/** Reads the JSON artifact `name` of the run folder `runDir`. */
export async function readArtifact<T>(runDir: string, name: ArtifactName): Promise<T> {
  return JSON.parse(await readFile(artifactPath(runDir, name), 'utf8')) as T;
}

/** Runs the pipeline on `seeds/` into a new temporary folder. */
export async function runSeedPipeline(): Promise<SeedRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'dashboard-seeds-'));
  await runPipeline(['--out', outDir]);
  return {
    dataDir: committedRunDir(outDir),
    dispose: () => rm(outDir, { recursive: true, force: true }),
  };
}

/**
 * Writes `records` as `<dir>/papers.jsonl` and runs the pipeline on it into `<dir>/data` (cache
 * in `<dir>/cache`); returns the committed run folder.
 */
export async function runPipelineOnRecords(
  dir: string,
  records: readonly object[],
): Promise<string> {
  const input = join(dir, 'papers.jsonl');
  await writeFile(input, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
  await runPipeline([
    '--input',
    input,
    '--out',
    join(dir, 'data'),
    '--cache-dir',
    join(dir, 'cache'),
  ]);
  return committedRunDir(join(dir, 'data'));
}
