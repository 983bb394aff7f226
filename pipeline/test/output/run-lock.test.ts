import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquireRunLock,
  processStartTicks,
  RUN_LOCK_FILE,
  RunLockedError,
  type LockHolder,
} from '../../src/output/run-lock.ts';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'run-lock-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

/** The PID of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

const holder = (overrides: Partial<LockHolder>): LockHolder => ({
  pid: process.pid,
  host: hostname(),
  started: '2026-01-02T03:04:05.000Z',
  processStart: processStartTicks(process.pid),
  command: 'pipeline/src/cli/main.ts --out data',
  ...overrides,
});

describe('run lock', () => {
  it('is taken, refused to a second taker with the holder named, and released', async () => {
    const warnings: string[] = [];
    const lock = await acquireRunLock(out, (line) => warnings.push(line));
    const held = JSON.parse(await readFile(join(out, RUN_LOCK_FILE), 'utf8')) as LockHolder;
    expect(held.pid).toBe(process.pid);
    const second = acquireRunLock(out, (line) => warnings.push(line));
    await expect(second).rejects.toBeInstanceOf(RunLockedError);
    await expect(second).rejects.toThrow(`pid ${process.pid}`);
    await lock.release();
    expect(await readdir(out)).toEqual([]);
    const again = await acquireRunLock(out, (line) => warnings.push(line));
    await again.release();
    expect(warnings).toEqual([]);
  });

  it('takes over the lock of a process that is gone, with a warning naming it', async () => {
    const pid = deadPid();
    await writeFile(join(out, RUN_LOCK_FILE), JSON.stringify(holder({ pid, processStart: 1 })));
    const warnings: string[] = [];
    const lock = await acquireRunLock(out, (line) => warnings.push(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`pid ${pid}`);
    expect((JSON.parse(await readFile(lock.file, 'utf8')) as LockHolder).pid).toBe(process.pid);
    await lock.release();
  });

  // Without /proc, PID reuse cannot be told apart from a live holder.
  it.skipIf(processStartTicks(process.pid) === null)(
    'takes over a lock whose PID now belongs to a process started at another time',
    async () => {
      const start = processStartTicks(process.pid)!;
      await writeFile(
        join(out, RUN_LOCK_FILE),
        JSON.stringify(holder({ processStart: start - 1 })),
      );
      const warnings: string[] = [];
      const lock = await acquireRunLock(out, (line) => warnings.push(line));
      expect(warnings).toHaveLength(1);
      await lock.release();
    },
  );

  it('never takes over a lock held on another host', async () => {
    await writeFile(
      join(out, RUN_LOCK_FILE),
      JSON.stringify(holder({ host: 'elsewhere', pid: deadPid() })),
    );
    await expect(acquireRunLock(out, () => {})).rejects.toThrow('on elsewhere');
  });

  it('does not remove a lock that another run took over meanwhile', async () => {
    const lock = await acquireRunLock(out, () => {});
    const other = JSON.stringify(holder({ pid: 1 }));
    await writeFile(lock.file, other);
    await lock.release();
    expect(await readFile(lock.file, 'utf8')).toBe(other);
  });
});
