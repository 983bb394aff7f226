/**
 * Re-scoring the watch list of a committed run equals a full run with the edited theme file, and
 * the generation it commits is one the next run verifies and builds on (real model, seed pages).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.ts';
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import { committedGeneration } from '../../src/output/generation.ts';
import { artifactPath, committedRunDir, runFolderParts } from '../../src/output/run-folder.ts';
import { acquireRunLock, RunLockedError } from '../../src/output/run-lock.ts';
import { readPreviousRun } from '../../src/run/previous-run.ts';
import { defaultRunOptions } from '../../src/run/run-options.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { ArtifactName, Manifest, ThemesFile } from '../../src/schema/artifacts.ts';
import { manifestFingerprint } from '../../src/schema/browser-files.ts';
import { applyThemeEdit, readThemeFile, saveThemeFile } from '../../src/themes/edit-theme-file.ts';
import { rescoreRun } from '../../src/themes/rescore-run.ts';

const SEEDS = [
  'seeds/000_fbd22c066664c8d8.txt',
  'seeds/001_308ffe09e75e67e3.txt',
  'seeds/002_eccff313e224ae67.txt',
  'seeds/003_d52d7cdff0ca3bd1.txt',
];

const bytes = (out: string, name: ArtifactName) =>
  readFile(artifactPath(committedRunDir(out), name), 'utf8');

/** Every file of the committed run's public half, by path, but the manifest (timings differ). */
async function publicFiles(out: string): Promise<Map<string, string>> {
  const root = runFolderParts(committedRunDir(out)).public;
  const files = new Map<string, string>();
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) await walk(join(dir, entry.name), `${path}/`);
      else if (!path.startsWith('manifest.json') && !path.endsWith('.gz'))
        files.set(path, await readFile(join(dir, entry.name), 'utf8'));
    }
  };
  await walk(root, '');
  return files;
}

describe('rescoreRun', () => {
  let dir: string;
  let themesFile: string;
  let edited: string;
  const deps = { log: () => {}, progress: silentProgress };
  const options = (out: string, file: string) =>
    defaultRunOptions(SEEDS, out, {
      year: { value: 2024, source: 'config' },
      themesFile: file,
      cacheDir: join(dir, 'cache'),
    });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rescore-'));
    themesFile = join(dir, 'themes.json');
    await writeFile(themesFile, await readFile('pipeline/config/themes.json'));
    await mkdir(join(dir, 'cache'));
    await runPipeline(options(join(dir, 'a'), themesFile), deps);

    // The edited watch list: one theme changed, one added, one removed.
    const json = await readThemeFile(themesFile);
    let next = applyThemeEdit(
      json,
      {
        kind: 'replace',
        id: 'model-merging',
        theme: {
          id: 'model-merging',
          label: 'Merging and averaging',
          description: 'Combining the weights of fine-tuned models, by averaging or arithmetic.',
          keywords: ['model merging', 'weight averaging'],
          threshold: 0.3,
        },
      },
      themesFile,
    ).json;
    next = applyThemeEdit(
      next,
      {
        kind: 'add',
        theme: {
          id: 'diffusion-models',
          label: 'Diffusion models',
          description: 'Generative models that learn to reverse a noising process.',
          keywords: ['score-based generative models', 'denoising diffusion'],
          threshold: 0.3,
        },
      },
      themesFile,
    ).json;
    const last = applyThemeEdit(next, { kind: 'delete', id: 'pruning-sparsity' }, themesFile);
    edited = join(dir, 'edited.json');
    await saveThemeFile(edited, last.json);

    const embedder = await loadTransformersEmbedder();
    await rescoreRun(join(dir, 'a'), last.themes, embedder);
    await runPipeline(options(join(dir, 'b'), edited), deps);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes the themes, papers and trends a full run with the edited file writes', async () => {
    const rescored = join(dir, 'a');
    const full = join(dir, 'b');
    const themes = JSON.parse(await bytes(rescored, 'themes')) as ThemesFile;
    expect(themes.themes.map((theme) => theme.id)).toEqual([
      'model-merging',
      'rlhf-preference-alignment',
      'peft-lora-adapters',
      'diffusion-models',
    ]);
    // Some seed paper is scored into the new theme, so the comparison below compares scores.
    expect(themes.themes.find((theme) => theme.id === 'diffusion-models')!.size).toBeGreaterThan(0);
    for (const name of ['themes', 'papers', 'trends'] as const)
      expect(await bytes(rescored, name), name).toBe(await bytes(full, name));
  });

  it('writes the browser data a full run writes, headed by its own manifest', async () => {
    const rescored = await publicFiles(join(dir, 'a'));
    const full = await publicFiles(join(dir, 'b'));
    expect([...rescored.keys()].sort()).toEqual([...full.keys()].sort());
    const manifest = JSON.parse(await bytes(join(dir, 'a'), 'manifest')) as Manifest;
    // The two manifests differ in their cache counts (the second run found the vectors cached),
    // so the browser files differ in the fingerprint that heads them, and in nothing else.
    const body = (text: string) => {
      const { source, ...rest } = JSON.parse(text) as { source?: string };
      return { source, rest };
    };
    for (const [path, text] of rescored) {
      const mine = body(text);
      if (path.startsWith('browser/'))
        expect(mine.source, path).toBe(manifestFingerprint(manifest));
      expect(mine.rest, path).toEqual(body(full.get(path)!).rest);
    }
  });

  it('commits a new generation whose manifest verifies for the next run', async () => {
    const out = join(dir, 'a');
    expect(committedGeneration(out)?.number).toBe(2);
    const warnings: string[] = [];
    const previous = await readPreviousRun(out, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(previous?.indexProblem).toBeUndefined();
    const manifest = JSON.parse(await bytes(out, 'manifest')) as Manifest;
    expect(manifest.timingsMs.rescoreThemes).toBeGreaterThanOrEqual(0);
  });

  it('refuses while a run holds the lock, and leaves the committed run as it was', async () => {
    const out = join(dir, 'a');
    const before = committedGeneration(out)?.number;
    const lock = await acquireRunLock(out, () => {});
    try {
      const themes = applyThemeEdit(
        await readThemeFile(edited),
        { kind: 'delete', id: 'diffusion-models' },
        edited,
      ).themes;
      await expect(rescoreRun(out, themes, await loadTransformersEmbedder())).rejects.toThrow(
        RunLockedError,
      );
    } finally {
      await lock.release();
    }
    expect(committedGeneration(out)?.number).toBe(before);
  });
});
