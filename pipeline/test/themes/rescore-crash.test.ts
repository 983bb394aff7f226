/**
 * A watch-list re-score killed (SIGKILL) before each of its file-system steps: the folder still
 * holds one complete, verified run (the previous or the new one), the theme file is whole (the
 * old or the edited one), and the edit made again completes, taking over the dead lock, with the
 * bytes an uninterrupted re-score writes.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.ts';
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';
import { readPreviousRun } from '../../src/run/previous-run.ts';
import { defaultRunOptions } from '../../src/run/run-options.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { createFakeEmbedder } from '../embed/fake-embedder.ts';

const CHILD = 'pipeline/test/themes/fixtures/rescore-child.ts';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function rescore(dir: string, env: Record<string, string> = {}): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CHILD, join(dir, 'out'), join(dir, 'themes.json')],
      { env: { ...process.env, ...env } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

const themesOf = async (dir: string) =>
  readFile(artifactPath(committedRunDir(join(dir, 'out')), 'themes'), 'utf8');

describe('rescoreRun killed at each step', () => {
  let root: string;
  let original: string;
  let steps: string[];
  const before = { themes: '', file: '' };
  const after = { themes: '', file: '' };

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'rescore-crash-'));
    original = join(root, 'original');
    const themesFile = join(original, 'themes.json');
    await cp('pipeline/config/themes.json', themesFile);
    await runPipeline(
      defaultRunOptions(['seeds'], join(original, 'out'), {
        year: { value: 2024, source: 'config' },
        themesFile,
      }),
      { log: () => {}, progress: silentProgress, loadEmbedder: async () => createFakeEmbedder(16) },
    );
    before.themes = await themesOf(original);
    before.file = await readFile(themesFile, 'utf8');
    // An uninterrupted edit, listing its steps.
    const clean = join(root, 'clean');
    await cp(original, clean, { recursive: true, verbatimSymlinks: true });
    const log = join(root, 'steps.log');
    const exit = await rescore(clean, { PAPER_TOPICS_STEP_LOG: log });
    expect(exit.code, exit.stderr).toBe(0);
    steps = (await readFile(log, 'utf8')).trim().split('\n');
    after.themes = await themesOf(clean);
    after.file = await readFile(join(clean, 'themes.json'), 'utf8');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('has a step for every file of the new generation and its commit', () => {
    expect(after.themes).not.toBe(before.themes);
    expect(steps.some((step) => step.endsWith('write themes.json'))).toBe(true);
    expect(steps.some((step) => step.endsWith('switch current'))).toBe(true);
  });

  it('leaves one complete run and a whole theme file, and the edit made again completes', async () => {
    const seen = new Set<string>();
    for (let n = 1; n <= steps.length; n++) {
      const dir = join(root, `crash-${n}`);
      await cp(original, dir, { recursive: true, verbatimSymlinks: true });
      const killed = await rescore(dir, { PAPER_TOPICS_CRASH_AT: String(n) });
      expect(killed.signal, `${steps[n - 1]}: ${killed.stderr}`).toBe('SIGKILL');

      const warnings: string[] = [];
      const previous = await readPreviousRun(join(dir, 'out'), (line) => warnings.push(line));
      expect(warnings, steps[n - 1]).toEqual([]);
      expect(previous?.indexProblem, steps[n - 1]).toBeUndefined();
      const committed = await themesOf(dir);
      expect([before.themes, after.themes], steps[n - 1]).toContain(committed);
      seen.add(committed === before.themes ? 'previous' : 'new');
      // The file is saved before the generation is written: old or edited, never torn.
      const file = await readFile(join(dir, 'themes.json'), 'utf8');
      expect([before.file, after.file], steps[n - 1]).toContain(file);

      // The edit again, on the original file (the dashboard re-reads the file the same way).
      await writeFile(join(dir, 'themes.json'), before.file);
      const again = await rescore(dir);
      expect(again.code, `${steps[n - 1]}: ${again.stderr}`).toBe(0);
      expect(again.stderr, steps[n - 1]).toMatch(/taking over the lock/);
      expect(await themesOf(dir), steps[n - 1]).toBe(after.themes);
      await rm(dir, { recursive: true, force: true });
    }
    // Every step comes before the rename of `current` (the folder holds one generation, so none
    // is removed after it): the commit is that one atomic step.
    expect([...seen]).toEqual(['previous']);
    expect(steps.at(-1)).toMatch(/switch current$/);
  }, 1_800_000);
});
