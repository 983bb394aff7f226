/**
 * One run per output folder: `<out>/run.lock` names the process that is writing.
 *
 * The lock is a file created atomically with its full content (written to a temporary file,
 * then hard-linked to `run.lock`, which fails when the name exists), holding the holder's PID,
 * host, start time and, on Linux, the kernel's start time of that process. A run that finds the
 * file checks whether the holder still runs: a PID that is gone, or that now belongs to a process
 * started at another moment (PID reuse), means the run was killed, and its lock is taken over
 * with a warning. Otherwise the run refuses with {@link RunLockedError}.
 *
 * Not proper-lockfile: its staleness test is a lock touched every few seconds by a timer, and
 * this pipeline's index build and layout block the event loop for longer than that at 75k papers,
 * so a live run would look stale. A PID check does not depend on the holder's responsiveness.
 * A lock held on another host (a shared network folder) cannot be checked and is never taken over.
 */
import { readFileSync } from 'node:fs';
import { link, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Name of the lock file inside the output folder. */
export const RUN_LOCK_FILE = 'run.lock';

/** What the lock file says about its holder. */
export interface LockHolder {
  pid: number;
  host: string;
  /** When the run started, ISO 8601 (UTC). */
  started: string;
  /** The process's start time in clock ticks since boot (Linux `/proc/<pid>/stat`), or null. */
  processStart: number | null;
  /** The holder's command line, for the message. */
  command: string;
}

/** Thrown when another live process holds the lock; the message names it. */
export class RunLockedError extends Error {
  override name = 'RunLockedError';
  constructor(
    readonly lockFile: string,
    readonly holder: LockHolder,
  ) {
    super(
      `${lockFile}: another run is writing this output folder (pid ${holder.pid} on ` +
        `${holder.host}, started ${holder.started}: ${holder.command}); wait for it to finish, ` +
        `or pass another --out`,
    );
  }
}

/** A held lock. */
export interface RunLock {
  /** The lock file's path. */
  file: string;
  /** Removes the lock file if it is still this process's. */
  release(): Promise<void>;
}

/** Start time of process `pid` in clock ticks since boot, or null where /proc does not tell. */
export function processStartTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    return Number.isFinite(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

/** Whether the process the lock names has stopped (so the lock is stale). */
function holderIsGone(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  const now = processStartTicks(holder.pid);
  return holder.processStart !== null && now !== null && now !== holder.processStart;
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return {
      pid: value.pid,
      host: value.host,
      started: String(value.started ?? '?'),
      processStart: typeof value.processStart === 'number' ? value.processStart : null,
      command: String(value.command ?? '?'),
    };
  } catch {
    return undefined;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Takes the lock of `outDir` (which must exist). A stale lock is taken over and `warn` is called
 * with one line saying whose it was.
 *
 * @throws {RunLockedError} when a live process holds it.
 */
export async function acquireRunLock(
  outDir: string,
  warn: (line: string) => void,
): Promise<RunLock> {
  const file = join(outDir, RUN_LOCK_FILE);
  const mine: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    processStart: processStartTicks(process.pid),
    command: process.argv.slice(1).join(' '),
  };
  const content = `${JSON.stringify(mine)}\n`;
  const temp = join(outDir, `.${RUN_LOCK_FILE}.${process.pid}.tmp`);
  await writeFile(temp, content);
  try {
    // A few rounds: another run may take over the same stale lock at the same moment.
    for (let round = 0; round < 3; round += 1) {
      try {
        await link(temp, file);
        return {
          file,
          release: async () => {
            if ((await readText(file)) === content) await rm(file, { force: true });
          },
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const text = await readText(file);
      if (text === undefined) continue;
      const holder = parseHolder(text);
      if (holder && !holderIsGone(holder)) throw new RunLockedError(file, holder);
      // Stale (or unreadable, which a complete-at-creation lock file never is): move it aside
      // and check that what was moved is what was judged, so a fresh lock is never removed.
      const aside = join(outDir, `.${RUN_LOCK_FILE}.stale.${process.pid}.tmp`);
      try {
        await rename(file, aside);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      const moved = await readText(aside);
      if (moved !== text) {
        await link(aside, file).catch(() => undefined);
        await rm(aside, { force: true });
        continue;
      }
      await rm(aside, { force: true });
      warn(
        holder
          ? `${file}: taking over the lock of pid ${holder.pid} (started ${holder.started}), ` +
              'which is no longer running; its unfinished output is discarded'
          : `${file}: taking over an unreadable lock file`,
      );
    }
    const holder = parseHolder((await readText(file)) ?? '');
    if (holder) throw new RunLockedError(file, holder);
    throw new Error(`${file}: could not take the lock; remove the file if no run is writing`);
  } finally {
    await rm(temp, { force: true });
  }
}
