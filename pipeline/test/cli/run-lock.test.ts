/**
 * Two pipeline commands on one output folder: while the first holds the lock (frozen with
 * SIGSTOP, so the timing is certain), the second refuses with the busy exit code and names the
 * first; the first then finishes normally. A run killed with SIGKILL leaves its lock, which the
 * next run takes over with a warning.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { RUN_LOCK_FILE } from '../../src/output/run-lock.ts';
import { committedGeneration } from '../../src/output/generation.ts';

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

let work: string;

function start(out: string): { child: ChildProcess; done: Promise<Exit> } {
  const args = ['--import', 'tsx', 'pipeline/src/cli/main.ts', '--input', 'seeds', '--out', out];
  args.push('--cache-dir', join(work, 'cache'), '--no-progress');
  const child = spawn(process.execPath, args, { env: { ...process.env, DEBUG: '' } });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Exit>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  return { child, done };
}

async function whenLocked(out: string, first: Promise<Exit>): Promise<void> {
  let finished = false;
  void first.then(() => (finished = true));
  while (!existsSync(join(out, RUN_LOCK_FILE))) {
    if (finished) throw new Error('the first run ended before it took the lock');
    await sleep(20);
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'run-lock-cli-'));
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe('one run per output folder', () => {
  it('refuses a second run while the first holds the lock, naming the first', async () => {
    const out = join(work, 'busy');
    const first = start(out);
    await whenLocked(out, first.done);
    first.child.kill('SIGSTOP');
    const second = await start(out).done;
    first.child.kill('SIGCONT');
    expect(second.code).toBe(EXIT.busy);
    expect(second.stderr).toContain(`pid ${first.child.pid}`);
    expect(second.stderr).toContain('another run is writing this output folder');
    expect(second.stderr).not.toMatch(/\n\s+at /);
    const firstExit = await first.done;
    expect(firstExit.code, firstExit.stderr).toBe(0);
    expect(existsSync(join(out, RUN_LOCK_FILE))).toBe(false);
    expect(committedGeneration(out)?.number).toBe(1);
  }, 120_000);

  it('takes over the lock of a killed run with a warning', async () => {
    const out = join(work, 'stale');
    const first = start(out);
    await whenLocked(out, first.done);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    expect(existsSync(join(out, RUN_LOCK_FILE))).toBe(true);
    const next = await start(out).done;
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toContain(`taking over the lock of pid ${first.child.pid}`);
    expect(existsSync(join(out, RUN_LOCK_FILE))).toBe(false);
  }, 120_000);
});
