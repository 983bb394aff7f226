/**
 * Damaged state in the output folder, through the real parts (model, index, clustering): every
 * artifact a later run reuses is flipped, truncated, replaced by garbage, removed, given a newer
 * schema version or made to disagree with the other files. Each time the next run reports the
 * problem in one line, rebuilds what depended on the file, and writes what an undamaged run
 * that rebuilt the same part writes, byte for byte.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { silentProgress } from '../../src/cli/progress.ts';
import { loadTransformersEmbedder } from '../../src/embed/transformers-embedder.ts';
import type { Embedder } from '../../src/embed/embedder.ts';
import { artifactPath, committedRunDir, runFolderParts } from '../../src/output/run-folder.ts';
import { digestOf, MANIFEST_DIGEST_FILE, manifestDigestLine } from '../../src/output/checksums.ts';
import { ARTIFACT_FILES, type ArtifactName, type Manifest } from '../../src/schema/artifacts.ts';
import type { RunOptions } from '../../src/run/run-options.ts';
import { testRunOptions } from './test-run-options.ts';

const SEEDS = 'seeds';
const NEW_PAPER = 'pipeline/test/fixtures/new-day/della-merging.jsonl';
type Name = ArtifactName;

/** Every artifact but the manifest, compared byte for byte. */
const COMPARED = (Object.keys(ARTIFACT_FILES) as Name[]).filter((name) => name !== 'manifest');

/** The manifest's checksum file in the run folder `dir`. */
const sidecar = (dir: string) => join(runFolderParts(dir).public, MANIFEST_DIGEST_FILE);

let work: string;
let embedder: Embedder;
let base: string;
/** What a run from `base` writes when it rebuilds everything / only the index. */
const expected = { fresh: new Map<Name, Buffer>(), index: new Map<Name, Buffer>() };

async function files(out: string): Promise<Map<Name, Buffer>> {
  const dir = committedRunDir(out);
  return new Map(
    await Promise.all(
      COMPARED.map(async (f) => [f, await readFile(artifactPath(dir, f))] as const),
    ),
  );
}

async function run(out: string, overrides: Partial<RunOptions> = {}): Promise<string[]> {
  const lines: string[] = [];
  await runPipeline(
    { ...testRunOptions([SEEDS, NEW_PAPER], out), cacheDir: join(work, 'cache'), ...overrides },
    {
      log: (line) => lines.push(line),
      progress: silentProgress,
      loadEmbedder: async () => embedder,
    },
  );
  return lines;
}

/** A copy of the base run's output folder. */
async function copyOfBase(name: string): Promise<string> {
  const out = join(work, name);
  await cp(base, out, { recursive: true, verbatimSymlinks: true });
  return out;
}

/** Rewrites artifact `name` of the committed run and records its new checksum in the manifest. */
async function rewriteRecorded(out: string, name: Name, bytes: Buffer): Promise<void> {
  const dir = committedRunDir(out);
  await writeFile(artifactPath(dir, name), bytes);
  const manifestFile = artifactPath(dir, 'manifest');
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Manifest;
  manifest.artifacts![ARTIFACT_FILES[name]] = digestOf(bytes);
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  await writeFile(manifestFile, text);
  await writeFile(sidecar(dir), manifestDigestLine(text));
}

/** A damage done to one file of the committed run. */
type Damage = (file: string, out: string, name: Name) => Promise<void>;

const DAMAGES: Record<string, Damage> = {
  'flipped bytes': async (file) => {
    const bytes = await readFile(file);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = bytes[at]! ^ 0x55;
    await writeFile(file, bytes);
  },
  truncation: async (file) => {
    const bytes = await readFile(file);
    await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  },
  garbage: async (file) => {
    const bytes = await readFile(file);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 0xff;
    await writeFile(file, bytes);
  },
  'a missing file': async (file) => rm(file),
  'a newer schema version': async (file, out, name) => {
    const value = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number };
    value.schemaVersion += 1;
    const text = `${JSON.stringify(value, null, name === 'manifest' ? 2 : undefined)}\n`;
    if (name === 'manifest') {
      await writeFile(file, text);
      await writeFile(sidecar(committedRunDir(out)), manifestDigestLine(text));
    } else await rewriteRecorded(out, name, Buffer.from(text));
  },
  'a paper in a topic topics.json lacks': async (file, out) => {
    const value = JSON.parse(await readFile(file, 'utf8')) as {
      papers: { topic: number | null }[];
    };
    value.papers[0]!.topic = 9999;
    await rewriteRecorded(out, 'papers', Buffer.from(`${JSON.stringify(value)}\n`));
  },
  'a size the other files disagree with (checksum re-recorded)': async (file, out, name) => {
    const bytes = await readFile(file);
    await rewriteRecorded(out, name, bytes.subarray(0, bytes.length - 64));
  },
};

const COMMON = ['flipped bytes', 'truncation', 'garbage', 'a missing file'];
/** Each reused artifact, its damages, and what the next run must rebuild. */
const CASES: { name: Name; damages: string[]; rebuilds: 'fresh' | 'index' }[] = [
  { name: 'manifest', damages: [...COMMON, 'a newer schema version'], rebuilds: 'fresh' },
  {
    name: 'papers',
    damages: [...COMMON, 'a newer schema version', 'a paper in a topic topics.json lacks'],
    rebuilds: 'fresh',
  },
  { name: 'topics', damages: [...COMMON, 'a newer schema version'], rebuilds: 'fresh' },
  {
    name: 'embeddings',
    damages: [...COMMON, 'a size the other files disagree with (checksum re-recorded)'],
    rebuilds: 'index',
  },
  {
    name: 'graph',
    damages: [...COMMON, 'a size the other files disagree with (checksum re-recorded)'],
    rebuilds: 'index',
  },
  { name: 'index', damages: COMMON, rebuilds: 'index' },
];

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'damaged-state-'));
  embedder = await loadTransformersEmbedder();
  base = join(work, 'base');
  await run(base, { inputs: [SEEDS] });
  const fresh = join(work, 'fresh');
  await run(fresh);
  expected.fresh = await files(fresh);
  const rebuilt = await copyOfBase('rebuilt-index');
  await run(rebuilt, { rebuildIndex: true });
  expected.index = await files(rebuilt);
}, 120_000);
afterAll(() => rm(work, { recursive: true, force: true }));

describe('a run after the previous run was damaged', () => {
  it('extends the undamaged previous run (the baseline the cases below differ from)', async () => {
    const out = await copyOfBase('undamaged');
    const lines = await run(out);
    expect(lines.filter((line) => line.includes('not reused'))).toEqual([]);
    expect(lines).toContain('index: extended the previous index by 1 papers');
  });

  it('treats a folder of the flat layout (no generations) as no previous run, in one line', async () => {
    const out = join(work, 'flat');
    // Both halves' files directly in the folder, as the flat layout had them.
    for (const half of Object.values(runFolderParts(committedRunDir(base))))
      await cp(half, out, { recursive: true });
    const lines = await run(out);
    const notices = lines.filter((line) => line.includes('written before generation folders'));
    expect(notices).toHaveLength(1);
    const written = await files(out);
    for (const f of COMPARED) expect(written.get(f)!.equals(expected.fresh.get(f)!), f).toBe(true);
  });

  for (const { name, damages, rebuilds } of CASES) {
    for (const damage of damages) {
      it(`${ARTIFACT_FILES[name]}, ${damage}: one line, and ${rebuilds === 'fresh' ? 'everything' : 'the index'} rebuilt`, async () => {
        const out = await copyOfBase(`${name}-${damage.replace(/\W+/g, '-')}`);
        const file = artifactPath(committedRunDir(out), name);
        await DAMAGES[damage]!(file, out, name);
        const lines = await run(out);
        const reports = lines.filter((line) => line.includes('not reused'));
        expect(reports).toHaveLength(1);
        expect(reports[0]).toContain(ARTIFACT_FILES[name]);
        expect(reports[0]!.split('\n')).toHaveLength(1);
        const written = await files(out);
        for (const f of COMPARED) {
          expect(written.get(f)!.equals(expected[rebuilds].get(f)!), f).toBe(true);
        }
        const manifest = JSON.parse(
          await readFile(artifactPath(committedRunDir(out), 'manifest'), 'utf8'),
        ) as Manifest;
        expect(manifest.index.build.mode).toBe('built');
        expect(manifest.warnings).toContain(reports[0]!.replace(/^warning: /, ''));
      });
    }
  }
});
