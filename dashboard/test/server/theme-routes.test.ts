/**
 * The watch-list API over a real run folder (pipeline on the seed pages, fake embedder for
 * speed; the real model is in the e2e test): validation, the run lock, the atomic save of the
 * theme file, the new generation's manifest, serialized edits and cross-site refusal.
 */
import type { Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardServer, listen } from '../../server/create-server.ts';
import { ThemeEditor } from '../../server/theme-editor.ts';
import { runPipeline } from '../../../pipeline/src/run/run-pipeline.ts';
import { defaultRunOptions } from '../../../pipeline/src/run/run-options.ts';
import { silentProgress } from '../../../pipeline/src/cli/progress.ts';
import { committedGeneration } from '../../../pipeline/src/output/generation.ts';
import { acquireRunLock } from '../../../pipeline/src/output/run-lock.ts';
import { readPreviousRun } from '../../../pipeline/src/run/previous-run.ts';
import { artifactPath, committedRunDir } from '../../../pipeline/src/output/run-folder.ts';
import type { ThemesFile } from '../../../pipeline/src/schema/artifacts.ts';
import { createFakeEmbedder } from '../../../pipeline/test/embed/fake-embedder.ts';
import { jsonRequest, type JsonAnswer } from '../support/json-request.ts';

let root: string;
let outDir: string;
let themesFile: string;
let port: number;
let server: Server;

function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer> {
  return jsonRequest(`http://127.0.0.1:${port}`, method, path, body, headers);
}

const theme = (id: string, label = `Theme ${id}`) => ({
  id,
  label,
  description: 'Pruning weights of neural networks to make them sparse and small.',
  keywords: ['network pruning', 'sparsity'],
  threshold: 0.1,
});

const servedThemes = async () =>
  (
    JSON.parse(
      await readFile(artifactPath(committedRunDir(outDir), 'themes'), 'utf8'),
    ) as ThemesFile
  ).themes;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'theme-routes-'));
  await mkdir(join(root, 'dist'));
  await writeFile(join(root, 'dist', 'index.html'), '<!doctype html><title>app</title>');
  // A copy: the tracked watch-list is never written by tests.
  themesFile = join(root, 'themes.json');
  await writeFile(themesFile, await readFile('pipeline/config/themes.json'));
  outDir = join(root, 'data');
  const embedder = createFakeEmbedder(16);
  await runPipeline(
    defaultRunOptions(['seeds'], outDir, { year: { value: 2024, source: 'config' }, themesFile }),
    { log: () => {}, progress: silentProgress, loadEmbedder: async () => embedder },
  );
  server = createDashboardServer({
    distDir: join(root, 'dist'),
    dataDir: outDir,
    engine: { engine: null, reason: 'not needed here' },
    themes: new ThemeEditor(outDir, themesFile, async () => embedder),
  });
  port = await listen(server, 0, '127.0.0.1');
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
});

describe('GET /api/themes', () => {
  it('lists the theme file as written and says it is editable', async () => {
    const { status, body } = await call('GET', '/api/themes');
    expect(status).toBe(200);
    expect(body.editable).toBe(true);
    expect((body.themes as { id: string }[]).map((t) => t.id)).toContain('model-merging');
  });
});

describe('edits', () => {
  it('adds a theme: saved to the file, scored into a new generation whose manifest verifies', async () => {
    const before = committedGeneration(outDir)!.number;
    const { status, body } = await call('POST', '/api/themes', theme('sparse-nets'));
    expect(status).toBe(201);
    expect((body.sizes as Record<string, number>)['sparse-nets']).toBeGreaterThan(0);
    const file = JSON.parse(await readFile(themesFile, 'utf8')) as { themes: { id: string }[] };
    expect(file.themes.map((t) => t.id)).toContain('sparse-nets');
    expect(committedGeneration(outDir)!.number).toBeGreaterThan(before);
    expect((await servedThemes()).map((t) => t.id)).toContain('sparse-nets');
    const warnings: string[] = [];
    const previous = await readPreviousRun(outDir, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(previous?.indexProblem).toBeUndefined();
  });

  it('edits and deletes a theme', async () => {
    const edited = await call('PUT', '/api/themes/sparse-nets', theme('sparse-nets', 'Sparse'));
    expect(edited.status).toBe(200);
    expect((await servedThemes()).find((t) => t.id === 'sparse-nets')?.label).toBe('Sparse');
    const deleted = await call('DELETE', '/api/themes/sparse-nets');
    expect(deleted.status).toBe(200);
    expect((await servedThemes()).map((t) => t.id)).not.toContain('sparse-nets');
    expect((await call('DELETE', '/api/themes/sparse-nets')).status).toBe(404);
  });

  it('serializes edits sent at once, so none is lost', async () => {
    const answers = await Promise.all(
      ['one', 'two', 'three'].map((id) => call('POST', '/api/themes', theme(`at-once-${id}`))),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const ids = (await servedThemes()).map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['at-once-one', 'at-once-two', 'at-once-three']));
    for (const id of ['one', 'two', 'three'])
      expect((await call('DELETE', `/api/themes/at-once-${id}`)).status).toBe(200);
  });
});

describe('refusals leave the file and the run as they were', () => {
  const unchanged = async (work: () => Promise<void>) => {
    const file = await readFile(themesFile, 'utf8');
    const generation = committedGeneration(outDir)!.number;
    await work();
    expect(await readFile(themesFile, 'utf8')).toBe(file);
    expect(committedGeneration(outDir)!.number).toBe(generation);
  };

  it('answers 400 naming the field of an invalid theme', async () => {
    await unchanged(async () => {
      const empty = await call('POST', '/api/themes', { ...theme('x'), label: ' ' });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toMatch(/label: must not be empty/);
      const slug = await call('POST', '/api/themes', theme('Not A Slug'));
      expect(slug.status).toBe(400);
      expect(slug.body.error).toMatch(/\bid: must be a slug/);
      const duplicate = await call('POST', '/api/themes', theme('model-merging'));
      expect(duplicate.status).toBe(400);
      expect(duplicate.body.error).toMatch(/id: "model-merging" is already/);
      const unknown = await call('POST', '/api/themes', { ...theme('y'), treshold: 0.3 });
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatch(/treshold/);
      const notJson = await call('POST', '/api/themes', '{"id":');
      expect(notJson.status).toBe(400);
    });
  });

  it('answers 409 while a pipeline run holds the lock', async () => {
    const lock = await acquireRunLock(outDir, () => {});
    try {
      await unchanged(async () => {
        const answer = await call('POST', '/api/themes', theme('while-locked'));
        expect(answer.status).toBe(409);
        expect(answer.body.error).toMatch(/another run is writing/);
      });
    } finally {
      await lock.release();
    }
  });

  it('refuses a cross-origin write, a body not sent as JSON and an oversized body', async () => {
    await unchanged(async () => {
      const evil = await call('POST', '/api/themes', theme('evil'), {
        Origin: 'http://evil.example',
      });
      expect(evil.status).toBe(403);
      expect(evil.body.error).toMatch(/cross-origin/);
      // A rebinding page: its own host name, and its own origin to match.
      const rebound = await call('POST', '/api/themes', theme('rebound'), {
        Host: `evil.example:${port}`,
        Origin: `http://evil.example:${port}`,
      });
      expect(rebound.status).toBe(403);
      const form = await call('POST', '/api/themes', JSON.stringify(theme('form')), {
        'Content-Type': 'text/plain',
      });
      expect(form.status).toBe(415);
      const huge = await call('POST', '/api/themes', {
        ...theme('huge'),
        description: 'x'.repeat(100_000),
      });
      expect(huge.status).toBe(413);
      const method = await call('PATCH', '/api/themes/model-merging', theme('model-merging'));
      expect(method.status).toBe(405);
    });
  });

  it('keeps the theme file whole when its save fails, and commits nothing', async () => {
    // The atomic write's temporary name taken by a folder: the save fails before the rename.
    const temp = join(dirname(themesFile), `.${basename(themesFile)}.${process.pid}.tmp`);
    await mkdir(temp);
    try {
      await unchanged(async () => {
        const answer = await call('POST', '/api/themes', theme('save-fails'));
        expect(answer.status).toBe(500);
      });
      JSON.parse(await readFile(themesFile, 'utf8'));
    } finally {
      await rm(temp, { recursive: true, force: true });
    }
  });

  it('puts the theme file back when the new generation cannot be committed', async () => {
    // The commit's temporary link name taken by a folder: the switch of `current` fails after
    // the theme file was saved.
    const blocker = join(outDir, `.current.${process.pid}.tmp`);
    await mkdir(join(blocker, 'inside'), { recursive: true });
    // Formatted otherwise than a save writes it: it comes back byte for byte.
    const file = JSON.stringify(JSON.parse(await readFile(themesFile, 'utf8')));
    await writeFile(themesFile, file);
    const generation = committedGeneration(outDir)!.number;
    try {
      const answer = await call('POST', '/api/themes', theme('commit-fails'));
      expect(answer.status).toBe(500);
      expect(await readFile(themesFile, 'utf8')).toBe(file);
      expect(committedGeneration(outDir)!.number).toBe(generation);
      expect((await servedThemes()).map((t) => t.id)).not.toContain('commit-fails');
    } finally {
      await rm(blocker, { recursive: true, force: true });
    }
    // The next edit commits as usual.
    expect((await call('POST', '/api/themes', theme('after-failure'))).status).toBe(201);
    expect((await call('DELETE', '/api/themes/after-failure')).status).toBe(200);
  });

  it('keeps the theme file valid JSON at every moment of a save', async () => {
    let reads = 0;
    let saving = true;
    const watcher = (async () => {
      while (saving) {
        JSON.parse(await readFile(themesFile, 'utf8'));
        reads += 1;
      }
    })();
    for (const label of ['Atomic A', 'Atomic B', 'Atomic C']) {
      const answer = await call('PUT', '/api/themes/model-merging', {
        ...theme('model-merging', label),
      });
      expect(answer.status).toBe(200);
    }
    saving = false;
    await watcher;
    expect(reads).toBeGreaterThan(0);
  });
});
