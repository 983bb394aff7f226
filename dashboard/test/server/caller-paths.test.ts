/**
 * Paths typed on the dashboard's command lines are the caller's, as the pipeline's: `npm run`
 * starts every command in the repository root and records the folder it was typed in as
 * `INIT_CWD`, so a relative `--data` names the same folder for `npm run pipeline -- --out` and
 * `npm run dashboard -- --data`. Defaults stay relative to the repository.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveOptionPath } from '../../../pipeline/src/cli/caller-paths.ts';
import { removeAll } from '../support/dashboard-harness.ts';
import { REPO_ROOT } from '../support/seed-pipeline.ts';

const run = promisify(execFile);
const made: string[] = [];
afterAll(() => removeAll(made));

/**
 * A caller folder holding `app/index.html`: enough of a build for the server to start with
 * `--no-build` (nothing is requested from it), passed as a typed relative `--dist app`.
 */
async function callerFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dashboard-caller-'));
  made.push(dir);
  await mkdir(join(dir, 'app'));
  await writeFile(join(dir, 'app', 'index.html'), '<!doctype html><title>app</title>');
  return dir;
}

/** Starts the server with `env` and resolves with its stderr once it names its data folder. */
function serverStartLines(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'dashboard/server/main.ts', '--port', '0', '--no-build', ...args],
      { cwd: REPO_ROOT, env: { ...process.env, ...env } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('dashboard on http')) child.kill('SIGTERM');
    });
    child.once('exit', () =>
      stderr.includes('dashboard on http') ? done(stderr) : fail(new Error(stderr)),
    );
  });
}

describe('resolveOptionPath', () => {
  it('takes a typed path from INIT_CWD and a default from the working directory', () => {
    expect(resolveOptionPath('runs/a', true, { INIT_CWD: '/home/me/work' })).toBe(
      '/home/me/work/runs/a',
    );
    expect(resolveOptionPath('data', false, { INIT_CWD: '/home/me/work' })).toBe(
      resolve(process.cwd(), 'data'),
    );
    expect(resolveOptionPath('/abs/run', true, { INIT_CWD: '/home/me/work' })).toBe('/abs/run');
  });

  it('ignores a missing or relative INIT_CWD', () => {
    expect(resolveOptionPath('runs/a', true, {})).toBe(resolve(process.cwd(), 'runs/a'));
    expect(resolveOptionPath('runs/a', true, { INIT_CWD: 'relative' })).toBe(
      resolve(process.cwd(), 'runs/a'),
    );
  });
});

describe('dashboard commands resolve a typed --data in the caller folder', () => {
  it('npm run dashboard -- --data <relative> --dist <relative>', async () => {
    const caller = await callerFolder();
    const stderr = await serverStartLines(['--data', 'my-run', '--dist', 'app', '--no-search'], {
      INIT_CWD: caller,
    });
    expect(stderr).toContain(`(data: ${join(caller, 'my-run')})`);
  });

  it('npm run dashboard without --data serves the repository data folder', async () => {
    const caller = await callerFolder();
    const stderr = await serverStartLines(['--dist', 'app', '--no-search'], { INIT_CWD: caller });
    expect(stderr).toContain(`(data: ${join(REPO_ROOT, 'data')})`);
  });

  it('npm run build -- --data <relative>', async () => {
    const caller = await callerFolder();
    const failure = await run(
      process.execPath,
      ['--import', 'tsx', 'dashboard/server/build-static.ts', '--data', 'my-run'],
      { cwd: REPO_ROOT, env: { ...process.env, INIT_CWD: caller } },
    ).then(
      () => null,
      (error: { stderr: string }) => error.stderr,
    );
    expect(failure).toContain(`no data in ${join(caller, 'my-run')}`);
  });
});
