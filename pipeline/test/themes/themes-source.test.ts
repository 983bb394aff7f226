/**
 * `manifest.themes`: how the watch-list file is recorded, that a run records it with the sha256 of
 * the bytes it scored, that a re-score keeps it current, and that a run without the record still
 * loads (fake embedder; the real model is in `dashboard/test/server/recorded-watch-list.test.ts`).
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentProgress } from '../../src/cli/progress.ts';
import { manifestDigestLine, MANIFEST_DIGEST_FILE } from '../../src/output/checksums.ts';
import { artifactPath, committedRunDir, runFolderParts } from '../../src/output/run-folder.ts';
import { readPreviousRun } from '../../src/run/previous-run.ts';
import { defaultRunOptions } from '../../src/run/run-options.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Manifest } from '../../src/schema/artifacts.ts';
import { publicManifest } from '../../src/schema/public-manifest.ts';
import { loadThemeConfig } from '../../src/themes/theme-config.ts';
import {
  recordedThemesFile,
  recordedThemesPath,
  themesSourceOf,
  themesSourceOfManifest,
} from '../../src/themes/themes-source.ts';
import { rescoreRun } from '../../src/themes/rescore-run.ts';
import { createFakeEmbedder } from '../embed/fake-embedder.ts';

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

describe('recordedThemesPath', () => {
  it('is relative to the working directory inside it, absolute outside', () => {
    expect(recordedThemesPath('/repo/pipeline/config/themes.json', '/repo')).toBe(
      join('pipeline', 'config', 'themes.json'),
    );
    expect(recordedThemesPath('pipeline/config/themes.json', '/repo')).toBe(
      join('pipeline', 'config', 'themes.json'),
    );
    expect(recordedThemesPath('/home/me/my-themes.json', '/repo')).toBe('/home/me/my-themes.json');
    // A sibling whose name starts like the working directory is outside it.
    expect(recordedThemesPath('/repo-2/themes.json', '/repo')).toBe('/repo-2/themes.json');
    expect(recordedThemesPath('../themes.json', '/repo/sub')).toBe('/repo/themes.json');
    expect(recordedThemesPath('/repo/..themes.json', '/repo')).toBe('..themes.json');
  });

  it('resolves back to the same file from the same working directory', () => {
    for (const file of ['/repo/a/t.json', '/elsewhere/t.json']) {
      const source = themesSourceOf(file, '{}', '/repo');
      expect(recordedThemesFile(source, '/repo')).toBe(file);
    }
    expect(themesSourceOf('/repo/t.json', '{}', '/repo').sha256).toBe(sha256('{}'));
  });
});

describe('themesSourceOfManifest', () => {
  const good = { file: 'pipeline/config/themes.json', sha256: 'ab'.repeat(32) };

  it('reads a well-formed record', () => {
    expect(themesSourceOfManifest({ schemaVersion: 1, themes: good })).toEqual(good);
  });

  it('gives undefined for a manifest without it (written before it was recorded)', () => {
    expect(themesSourceOfManifest({ schemaVersion: 1 })).toBeUndefined();
    expect(themesSourceOfManifest(null)).toBeUndefined();
  });

  it('gives undefined for a malformed record rather than trusting it', () => {
    expect(themesSourceOfManifest({ themes: { file: '', sha256: good.sha256 } })).toBeUndefined();
    expect(themesSourceOfManifest({ themes: { file: 'a.json', sha256: 'xyz' } })).toBeUndefined();
    expect(themesSourceOfManifest({ themes: 'a.json' })).toBeUndefined();
  });
});

describe('a run and a re-score record the watch-list file', () => {
  let dir: string;
  let input: string;
  let themesFile: string;
  const embedder = createFakeEmbedder(16);
  const deps = { log: () => {}, progress: silentProgress, loadEmbedder: async () => embedder };
  const run = (out: string, file: string) =>
    runPipeline(
      defaultRunOptions([input], out, {
        year: { value: 2024, source: 'config' },
        themesFile: file,
        cacheDir: join(dir, 'cache'),
      }),
      deps,
    );
  const manifestOf = async (out: string) =>
    JSON.parse(await readFile(artifactPath(committedRunDir(out), 'manifest'), 'utf8')) as Manifest;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'themes-source-'));
    input = join(dir, 'papers.jsonl');
    const records = ['merging', 'pruning', 'alignment', 'adapters'].map((word, i) => ({
      id: `2401.0000${i}`,
      date: `2024-05-0${i + 1}`,
      title: `A study of ${word}`,
      abstract: `We study ${word} of large language models and report what we find.`,
    }));
    await writeFile(input, `${records.map((record) => JSON.stringify(record)).join('\n')}\n`);
    themesFile = join(dir, 'my-themes.json');
    await writeFile(themesFile, await readFile('pipeline/config/themes.json'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('records a file outside the working directory by its absolute path and its bytes’ sha256', async () => {
    const out = join(dir, 'custom');
    await run(out, themesFile);
    const manifest = await manifestOf(out);
    expect(manifest.themes).toEqual({
      file: themesFile,
      sha256: sha256(await readFile(themesFile)),
    });
    // The served form names the file only.
    expect(publicManifest(manifest).themes?.file).toBe('my-themes.json');
  });

  it('records the default file relative to the working directory, the same on a re-run', async () => {
    const out = join(dir, 'default');
    await run(out, 'pipeline/config/themes.json');
    const first = (await manifestOf(out)).themes;
    expect(first).toEqual({
      file: join('pipeline', 'config', 'themes.json'),
      sha256: sha256(await readFile('pipeline/config/themes.json')),
    });
    await run(out, resolve('pipeline/config/themes.json'));
    expect((await manifestOf(out)).themes).toEqual(first);
  });

  it('a re-score records the file it is given, and none when given none', async () => {
    const out = join(dir, 'rescored');
    await run(out, themesFile);
    const themes = (await loadThemeConfig(themesFile)).slice(1);
    const edited = join(dir, 'edited.json');
    await writeFile(edited, '{"edited": true}\n');
    const source = themesSourceOf(edited, await readFile(edited));
    const recorded = await rescoreRun(out, themes, embedder, { themesSource: source });
    expect(recorded.manifest.themes).toEqual({
      file: edited,
      sha256: sha256('{"edited": true}\n'),
    });
    expect((await manifestOf(out)).themes).toEqual(recorded.manifest.themes);
    // The record stays where a run writes it: before the timings.
    const keys = Object.keys(await manifestOf(out));
    expect(keys.indexOf('themes')).toBe(keys.indexOf('timingsMs') - 1);

    await rescoreRun(out, themes, embedder);
    expect((await manifestOf(out)).themes).toBeUndefined();
  });

  it('builds on a previous run whose manifest has no record, and records the file again', async () => {
    const out = join(dir, 'older');
    await run(out, themesFile);
    // Rewrite the manifest as a run before the record would have written it.
    const runDir = committedRunDir(out);
    const manifest = await manifestOf(out);
    delete manifest.themes;
    const text = `${JSON.stringify(manifest, null, 1)}\n`;
    await writeFile(artifactPath(runDir, 'manifest'), text);
    await writeFile(
      join(runFolderParts(runDir).public, MANIFEST_DIGEST_FILE),
      manifestDigestLine(text),
    );

    const warnings: string[] = [];
    const previous = await readPreviousRun(out, (line) => warnings.push(line));
    expect(warnings).toEqual([]);
    expect(previous?.manifest?.counts.papers).toBe(4);
    await run(out, themesFile);
    const next = await manifestOf(out);
    expect(next.index.build).toEqual({ mode: 'extended', added: 0 });
    expect(next.themes?.file).toBe(themesFile);
  });
});
