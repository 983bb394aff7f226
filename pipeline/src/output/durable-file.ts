/**
 * Writes that survive a power cut once they return: the bytes are flushed to the disk (fsync)
 * before the next step, and so is the folder entry that names the file. Used for the files of a
 * generation folder, which nobody reads before the generation is committed, so a file is written
 * in place (no temporary name) and the whole folder becomes visible at once.
 */
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { crashPoint } from './crash-points.ts';

/**
 * Creates `file` (it must not exist) with `data` and flushes it to the disk. A crash point
 * `write <name>` precedes it.
 */
export async function writeDurable(file: string, data: string | Uint8Array): Promise<void> {
  crashPoint(`write ${basename(file)}`);
  const handle = await open(file, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes an existing file's bytes to the disk (for files a library wrote). */
export async function syncFile(file: string): Promise<void> {
  const handle = await open(file, 'r');
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
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
