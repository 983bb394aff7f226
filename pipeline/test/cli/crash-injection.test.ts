/**
 * Kills the real pipeline command (SIGKILL, through the test-only `PAPER_TOPICS_CRASH_AT` hook)
 * at every file-system step of a full run and of an incremental run, and checks each time that
 * the output folder holds exactly the previous complete run or the new complete one, and that
 * the next run succeeds and writes what an uninterrupted run writes, byte for byte (the manifest
 * compared without its timings). Writes what each injection point left to
 * `test-results/crash-injection.md`.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACT_FILES, type ArtifactName, type Manifest } from '../../src/schema/artifacts.ts';
import { BROWSER_PAPERS_FILE } from '../../src/schema/browser-files.ts';
import { artifactPath, runFolderParts } from '../../src/output/run-folder.ts';
import { committedGeneration } from '../../src/output/generation.ts';
import { digestOf, MANIFEST_DIGEST_FILE, manifestDigestLine } from '../../src/output/checksums.ts';

const FULL = ['--input', 'seeds'];
const INCREMENTAL = [...FULL, '--input', 'pipeline/test/fixtures/new-day/della-merging.jsonl'];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

let work: string;

function cli(out: string, input: string[], env: Record<string, string> = {}): Promise<Exit> {
  const args = ['--import', 'tsx', 'pipeline/src/cli/main.ts', ...input, '--out', out];
  args.push('--cache-dir', join(work, 'cache'), '--year', '2024', '--no-progress');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, DEBUG: '', ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** Artifact name of each artifact file name (the manifest's checksums are keyed by file name). */
const ARTIFACT_NAME_OF_FILE = new Map<string, ArtifactName>(
  (Object.keys(ARTIFACT_FILES) as ArtifactName[]).map((name) => [ARTIFACT_FILES[name], name]),
);

/** The committed run's files, the manifest without its timings; throws unless it verifies. */
async function committedFiles(out: string): Promise<Map<string, string>> {
  const generation = committedGeneration(out);
  if (!generation) throw new Error(`${out} has no committed run`);
  // Every artifact in its half, the manifest's checksum, the browser data, and no temporaries.
  const all = (await readdir(generation.dir, { recursive: true })).map(String);
  expect(all.filter((name) => basename(name).startsWith('.'))).toEqual([]);
  for (const name of Object.keys(ARTIFACT_FILES) as ArtifactName[])
    expect(existsSync(artifactPath(generation.dir, name)), name).toBe(true);
  const publicDir = runFolderParts(generation.dir).public;
  expect(existsSync(join(publicDir, BROWSER_PAPERS_FILE))).toBe(true);
  const manifestText = await readFile(artifactPath(generation.dir, 'manifest'), 'utf8');
  expect(await readFile(join(publicDir, MANIFEST_DIGEST_FILE), 'utf8')).toBe(
    manifestDigestLine(manifestText),
  );
  const manifest = JSON.parse(manifestText) as Manifest;
  const files = new Map<string, string>();
  for (const [name, digest] of Object.entries(manifest.artifacts!)) {
    const bytes = await readFile(artifactPath(generation.dir, ARTIFACT_NAME_OF_FILE.get(name)!));
    expect(digestOf(bytes), name).toEqual(digest);
    files.set(name, digest.sha256);
  }
  files.set(ARTIFACT_FILES.manifest, JSON.stringify({ ...manifest, timingsMs: null }));
  return files;
}

/** What the folder holds besides the cache: `current`'s target, generations, other entries. */
async function describeFolder(out: string): Promise<string> {
  if (!existsSync(out)) return 'no output folder';
  const current = await readlink(join(out, 'current')).catch(() => null);
  const generations = existsSync(join(out, 'generations'))
    ? (await readdir(join(out, 'generations'))).sort()
    : [];
  const others = (await readdir(out)).filter((n) => n !== 'current' && n !== 'generations').sort();
  return [
    current ? `current → ${current}` : 'no current',
    `generations [${generations.join(', ')}]`,
    others.length ? `also ${others.join(', ')}` : 'nothing else',
  ].join('; ');
}

async function copy(from: string, name: string): Promise<string> {
  const to = join(work, name);
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
  return to;
}

/** Step labels of a run, from `PAPER_TOPICS_STEP_LOG`. */
async function steps(out: string, input: string[], name: string): Promise<string[]> {
  const log = join(work, `${name}.steps`);
  const result = await cli(out, input, { PAPER_TOPICS_STEP_LOG: log });
  expect(result.code, result.stderr).toBe(0);
  return (await readFile(log, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => line.split('\t')[1]!);
}

/** Runs `work` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: limit }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await task(item);
    }),
  );
}

interface Scenario {
  name: string;
  input: string[];
  /** Output folder to start each crash from (copied), or null for a new folder. */
  start: string | null;
  /** The committed files before and after an uninterrupted run, and after one more. */
  before: Map<string, string> | null;
  after: Map<string, string>;
  again: Map<string, string>;
  steps: string[];
}

const report: string[] = [];
let full: Scenario;
let incremental: Scenario;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'crash-'));
  // Every run below takes its vectors from this cache, so their manifests count the same hits.
  expect((await cli(join(work, 'warm-cache'), INCREMENTAL)).code).toBe(0);
  // The uninterrupted runs: full from nothing, again on the same input, then one new paper.
  const r1 = join(work, 'r1');
  const fullSteps = await steps(r1, FULL, 'full');
  const r1b = await copy(r1, 'r1b');
  expect((await cli(r1b, FULL)).code).toBe(0);
  const r2 = await copy(r1b, 'r2');
  const incrementalSteps = await steps(r2, INCREMENTAL, 'incremental');
  const r2b = await copy(r2, 'r2b');
  expect((await cli(r2b, INCREMENTAL)).code).toBe(0);
  full = {
    name: 'full run (new folder)',
    input: FULL,
    start: null,
    before: null,
    after: await committedFiles(r1),
    again: await committedFiles(r1b),
    steps: fullSteps,
  };
  incremental = {
    name: 'incremental run (two generations there, one new paper)',
    input: INCREMENTAL,
    start: r1b,
    before: await committedFiles(r1b),
    after: await committedFiles(r2),
    again: await committedFiles(r2b),
    steps: incrementalSteps,
  };
}, 600_000);

afterAll(async () => {
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/crash-injection.md', `${report.join('\n')}\n`);
  await rm(work, { recursive: true, force: true, maxRetries: 5 });
});

async function crashEverywhere(scenario: Scenario): Promise<void> {
  const rows: string[] = [];
  await pool(
    scenario.steps.map((label, i) => ({ label, at: i + 1 })),
    2,
    async ({ label, at }) => {
      const name = `${scenario.start ? 'inc' : 'full'}-${at}`;
      const out = scenario.start ? await copy(scenario.start, name) : join(work, name);
      const crashed = await cli(out, scenario.input, { PAPER_TOPICS_CRASH_AT: String(at) });
      expect(crashed.signal, `step ${at} (${label}): ${crashed.stderr}`).toBe('SIGKILL');
      const left = await describeFolder(out);
      // Either the previous complete run or the new complete one is committed, nothing between.
      const committed = committedGeneration(out) ? await committedFiles(out) : null;
      const isNew = committed !== null && equalFiles(committed, scenario.after);
      if (!isNew) {
        if (scenario.before) expect(equalFiles(committed!, scenario.before), left).toBe(true);
        else expect(committed, left).toBeNull();
      }
      const next = await cli(out, scenario.input);
      expect(next.code, next.stderr).toBe(0);
      expect(next.stderr).toContain('taking over the lock');
      const recovered = await committedFiles(out);
      expect(equalFiles(recovered, isNew ? scenario.again : scenario.after), left).toBe(true);
      const after = await describeFolder(out);
      expect(after).not.toMatch(/\.tmp|run\.lock/);
      expect(committedGeneration(out)).toBeDefined();
      rows[at - 1] =
        `| ${at} | ${label} | ${left} | ${isNew ? 'new run' : scenario.before ? 'previous run' : 'none'} | ${after} |`;
      await rm(out, { recursive: true, force: true });
    },
  );
  report.push(
    `## ${scenario.name}: ${scenario.steps.length} injection points`,
    '',
    '| # | killed before | what the folder held | committed | after the next run |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  );
}

function equalFiles(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([name, value]) => b.get(name) === value);
}

describe('a run killed at any step', () => {
  it('of a full run leaves nothing or the complete new run, and the next run matches', async () => {
    expect(full.steps.length).toBeGreaterThan(10);
    await crashEverywhere(full);
  }, 1_800_000);

  it('of an incremental run leaves the previous or the new run, and the next run matches', async () => {
    expect(incremental.steps).toContain('switch current');
    expect(incremental.steps.some((step) => step.startsWith('remove generation'))).toBe(true);
    await crashEverywhere(incremental);
  }, 1_800_000);
});
