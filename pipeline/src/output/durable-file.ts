/**
 * Writes that survive a power cut once flushed: file bytes and the folder entries that name
 * them reach the disk (fsync) before the next step depends on them. Used for the files of a
 * generation folder, which nobody reads before the generation is committed, so each file is
 * written in place (no temporary name), and the whole folder is flushed at once before the
 * commit: flushing the files together lets the disk write them in one go, which costs a
 * fraction of one flush per file.
 */
import { open, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { crashPoint } from './crash-points.ts';

/** Creates `file` (it must not exist) with `data`. A crash point `write <name>` precedes it. */
export async function writeNewFile(file: string, data: string | Uint8Array): Promise<void> {
  crashPoint(`write ${basename(file)}`);
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
  } finally {
    await handle.close();
  }
}

async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Flushes a folder's entries (names created, renamed or removed in it) to the disk. On Linux a
 * new or renamed file is only durable once its folder is flushed as well.
 */
export function syncDir(dir: string): Promise<void> {
  return syncPath(dir);
}

/**
 * Flushes every file inside `dir` and its subfolders, all at once, then each folder, innermost
 * first (a run folder has `public/`, `private/` and the browser data's folders).
 */
export async function syncFolder(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  await Promise.all(
    entries.map((entry) =>
      entry.isDirectory()
        ? syncFolder(join(dir, entry.name))
        : entry.isFile()
          ? syncPath(join(dir, entry.name))
          : undefined,
    ),
  );
  await syncDir(dir);
}
