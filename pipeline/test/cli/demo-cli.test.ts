/**
 * `npm run demo` takes a typed --out from the caller's folder, as the pipeline command does, and
 * checks it before writing the shipped vectors into its cache.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
let caller: string | undefined;
afterAll(async () => {
  if (caller) await rm(caller, { recursive: true, force: true });
});

function demo(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'pipeline/src/cli/demo.ts', ...args],
      { cwd: REPO, env: { ...process.env, DEBUG: '', ...env }, timeout: 120_000 },
      (error, _stdout, stderr) => {
        const code = error ? (error as { code?: number }).code : 0;
        done({ code: typeof code === 'number' ? code : -1, stderr });
      },
    );
  });
}

describe('npm run demo -- --out', () => {
  it("resolves a typed --out in the caller's folder and refuses a file before any work", async () => {
    caller = await mkdtemp(join(tmpdir(), 'demo-caller-'));
    await writeFile(join(caller, 'run1'), 'not a folder');
    const run = await demo(['--out', 'run1', '--no-serve', '--no-progress'], {
      INIT_CWD: caller,
    });
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr).toContain(`${join(caller, 'run1')} is a file, not a folder`);
    expect(run.stderr).not.toContain('shipped embeddings');
  });
});
