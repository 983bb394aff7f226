/** The pipeline command as a user runs it: help, exit codes and messages without stack traces. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile, copyFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';

const run = promisify(execFile);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', 'pipeline/src/cli/main.ts', ...args], {
      env: { ...process.env, DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

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
});
