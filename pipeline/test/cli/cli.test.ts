/**
 * The pipeline command as a user runs it: help, every documented exit code, and messages
 * without stack traces.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, copyFile, mkdir, cp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { encodeCache } from '../../src/embed/cache-file.ts';
import { CACHE_FILE } from '../../src/embed/embedding-cache.ts';
import { DEFAULT_MODEL_DIR } from '../../src/embed/model-files.ts';
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';
import { SCHEMA_VERSION } from '../../src/schema/artifacts.ts';

const run = promisify(execFile);

type Outcome = { code: number; stdout: string; stderr: string };

async function command(script: string, args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const cli = (args: string[]) => command('pipeline/src/cli/main.ts', args);

/** Two papers in JSONL: enough for a whole run in a few seconds. */
const TWO_PAPERS =
  '{"id": "2401.00001", "date": "2024-01-02", "title": "Model merging by weight averaging", "abstract": "We merge fine-tuned models by averaging their weights."}\n' +
  '{"id": "2401.00002", "date": "2024-01-02", "title": "Preference optimization for LLMs", "abstract": "We align language models with human preferences."}\n';

describe('pipeline command', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cli-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('prints help with every option and the exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(EXIT.ok);
    for (const option of [
      '--input',
      '--out',
      '--year',
      '--model',
      '--allow-download',
      '--k',
      '--ef-search',
      '--seed',
      '--refit-layout',
      '--refit-topics',
      '--rebuild-index',
    ])
      expect(stdout).toContain(option);
    expect(stdout).toContain('Exit codes');
  });

  it('rejects an unknown option with the usage exit code', async () => {
    const { code, stderr } = await cli(['--no-such-option']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('unknown option');
  });

  it('rejects a malformed year', async () => {
    const { code, stderr } = await cli(['--year', '24']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('four digits');
  });

  it('names a missing input and exits with "could not run", without a stack trace', async () => {
    const { code, stderr } = await cli([
      '--input',
      join(dir, 'missing.txt'),
      '--out',
      join(dir, 'out0'),
    ]);
    expect(code).toBe(EXIT.failed);
    expect(stderr).toContain('missing.txt');
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('finishes with the warnings exit code when a file is rejected, and keeps the rest', async () => {
    const input = join(dir, 'mixed');
    await mkdir(input);
    await copyFile('seeds/003_d52d7cdff0ca3bd1.txt', join(input, 'page.txt'));
    await writeFile(
      join(input, 'broken.jsonl'),
      '{"title": "A paper", "abstract": "Some text."}\n{not json\n',
    );
    const out = join(dir, 'out1');
    const { code, stderr } = await cli(['--input', input, '--out', out, '--no-progress']);
    expect(stderr).toContain('broken.jsonl:2');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(code).toBe(EXIT.warnings);
  });

  describe('every documented exit code', () => {
    let input: string;
    beforeAll(async () => {
      input = join(dir, 'two.jsonl');
      await writeFile(input, TWO_PAPERS);
    });
    const base = (out: string) => ['--input', input, '--out', join(dir, out), '--no-progress'];

    it('0: a clean run', async () => {
      const { code, stderr } = await cli(base('clean'));
      expect(stderr).toContain('2 papers');
      expect(code).toBe(EXIT.ok);
    });

    it('1: --themes names no file, before anything is read or embedded', async () => {
      const { code, stderr } = await cli([
        ...base('themes'),
        '--themes',
        join(dir, 'no-themes.json'),
      ]);
      expect(code).toBe(EXIT.failed);
      expect(stderr).toContain('no-themes.json');
      expect(stderr).not.toContain('read 2 records');
      expect(stderr).not.toMatch(/unexpected|\n\s+at /);
    });

    it('1: --out is a file, before anything is read', async () => {
      const file = join(dir, 'a-file');
      await writeFile(file, 'not a folder');
      const { code, stderr } = await cli(['--input', input, '--out', file, '--no-progress']);
      expect(code).toBe(EXIT.failed);
      expect(stderr).toContain('is a file, not a folder');
      expect(stderr).not.toContain('read 2 records');
      expect(stderr).not.toMatch(/unexpected|ENOTDIR/);
    });

    it('1: --model names no folder (and downloads are off)', async () => {
      const { code, stderr } = await cli([...base('model'), '--model', join(dir, 'no-model')]);
      expect(code).toBe(EXIT.failed);
      expect(stderr).toContain('is not a directory');
    });

    it('2: an invalid command line', async () => {
      expect((await cli(['--k', '0'])).code).toBe(EXIT.usage);
    });

    it('4: the cache holds vectors of another dimension than the model makes', async () => {
      const cacheDir = join(dir, 'cache-8');
      await mkdir(cacheDir);
      await writeFile(join(cacheDir, CACHE_FILE), encodeCache(8, new Map()));
      const { code, stderr } = await cli([...base('dim'), '--cache-dir', cacheDir]);
      expect(stderr).toContain('8-dimensional');
      expect(code).toBe(EXIT.contract);
    });

    it('4: model files altered', async () => {
      const model = join(dir, 'altered-model');
      await cp(DEFAULT_MODEL_DIR, model, { recursive: true });
      const config = join(model, 'config.json');
      await writeFile(config, `${await readFile(config, 'utf8')} `);
      const { code, stderr } = await cli([...base('altered'), '--model', model]);
      expect(stderr).toContain('config.json');
      expect(code).toBe(EXIT.contract);
    });

    it('not 4: a previous run in --out of an unknown schema version is rebuilt, with a warning', async () => {
      const out = join(dir, 'newer');
      const { code: first } = await cli(['--input', input, '--out', out, '--no-progress']);
      expect(first).toBe(EXIT.ok);
      const manifest = artifactPath(committedRunDir(out), 'manifest');
      const value = JSON.parse(await readFile(manifest, 'utf8')) as { schemaVersion: number };
      await writeFile(manifest, JSON.stringify({ ...value, schemaVersion: SCHEMA_VERSION + 1 }));
      const { code, stderr } = await cli(['--input', input, '--out', out, '--no-progress']);
      expect(stderr).toMatch(/warning: previous run not reused: .*manifest\.json/);
      expect(code).toBe(EXIT.ok);
    });
  });
});
