/**
 * Generation folders: each run writes all its artifacts into a fresh `generations/<n>/`, flushes
 * them, and then commits the whole set with one atomic step, renaming a new `current` symlink
 * over the old one. A reader that resolves `current` once sees one complete run, whichever
 * moment the writer was stopped at (see `run-folder.ts` for the layout and the README for the
 * guarantee).
 *
 * The steps, each preceded by a crash point (`crash-points.ts`):
 * 1. `create generation <n>`: a new folder, numbered one above every folder already there, so a
 *    folder left by a killed run is never written into again.
 * 2. the artifacts, each written in place (`durable-file.ts`).
 * 3. `flush generation <n>`: its files, its entries and the `generations/` entry, to the disk.
 * 4. `link current`: a symlink `.current.<pid>.tmp` → `generations/<n>`.
 * 5. `switch current`: renamed over `current` (atomic), then `<out>` flushed.
 * 6. `remove generation <m>`: every folder but the new one and the one it replaced (a reader
 *    may still be on that one), and stray `.current.*.tmp` links.
 */
import { readlinkSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { crashPoint } from './crash-points.ts';
import { syncDir, syncFolder } from './durable-file.ts';

/** Folder of the generations inside an output folder. */
export const GENERATIONS_DIR = 'generations';
/** The symlink naming the committed generation. */
export const CURRENT_LINK = 'current';

const GENERATION_NAME = /^[1-9]\d*$/;
const LINK_TEMP = /^\.current\.\d+\.tmp$/;

/** A generation folder being written. */
export interface Generation {
  /** Its number (1, 2, …), also its folder name. */
  number: number;
  /** Its path. */
  dir: string;
}

/** `generations/<n>` when `target` is exactly that, else undefined. */
function generationNumber(target: string): number | undefined {
  const [folder, name, ...rest] = target.split('/');
  return folder === GENERATIONS_DIR && name && GENERATION_NAME.test(name) && rest.length === 0
    ? Number(name)
    : undefined;
}

/**
 * The committed generation of `outDir`: the folder `current` points at, or undefined when there
 * is no `current` link (a new folder, or one written before generations) or it does not point at
 * an existing `generations/<n>`.
 */
export function committedGeneration(outDir: string): Generation | undefined {
  let target: string;
  try {
    target = readlinkSync(join(outDir, CURRENT_LINK));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EINVAL' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  const number = generationNumber(target);
  if (number === undefined) return undefined;
  const dir = join(outDir, GENERATIONS_DIR, String(number));
  try {
    if (!statSync(dir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  return { number, dir };
}

async function generationNumbers(outDir: string): Promise<number[]> {
  const names = await readdir(join(outDir, GENERATIONS_DIR)).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names.filter((name) => GENERATION_NAME.test(name)).map(Number);
}

/** Creates the next generation folder of `outDir` (step 1). */
export async function beginGeneration(outDir: string): Promise<Generation> {
  const parent = join(outDir, GENERATIONS_DIR);
  await mkdir(parent, { recursive: true });
  const number = Math.max(0, ...(await generationNumbers(outDir))) + 1;
  crashPoint(`create generation ${number}`);
  const dir = join(parent, String(number));
  await mkdir(dir);
  return { number, dir };
}

/**
 * Makes `generation` the committed one (steps 3 to 5): after this returns, `current` points at
 * it on the disk, and a crash before that leaves `current` as it was.
 */
export async function commitGeneration(outDir: string, generation: Generation): Promise<void> {
  crashPoint(`flush generation ${generation.number}`);
  await syncFolder(generation.dir);
  await syncDir(join(outDir, GENERATIONS_DIR));
  const temp = join(outDir, `.current.${process.pid}.tmp`);
  await rm(temp, { force: true });
  crashPoint('link current');
  await symlink(`${GENERATIONS_DIR}/${generation.number}`, temp);
  crashPoint('switch current');
  await rename(temp, join(outDir, CURRENT_LINK));
  await syncDir(outDir);
}

/**
 * Removes every generation folder of `outDir` except those numbered in `keep`, and stray
 * `current` links of killed runs (step 6). Only the holder of the run lock may call it.
 */
export async function removeOldGenerations(outDir: string, keep: readonly number[]): Promise<void> {
  for (const number of (await generationNumbers(outDir)).sort((a, b) => a - b)) {
    if (keep.includes(number)) continue;
    crashPoint(`remove generation ${number}`);
    await rm(join(outDir, GENERATIONS_DIR, String(number)), { recursive: true, force: true });
  }
  for (const name of await readdir(outDir)) {
    if (LINK_TEMP.test(name)) await rm(join(outDir, name), { force: true });
  }
}

/**
 * Runs `write` on a new generation folder of `outDir`, commits it, and removes the generations
 * no reader needs any more (all but the new one and the one it replaced). When `write` fails,
 * its folder is removed and `current` stays as it was. Only the holder of the run lock may call it.
 */
export async function writeGeneration<T>(
  outDir: string,
  write: (generationDir: string) => Promise<T>,
): Promise<{ value: T; dir: string }> {
  const before = committedGeneration(outDir);
  const generation = await beginGeneration(outDir);
  let value: T;
  try {
    value = await write(generation.dir);
  } catch (error) {
    await rm(generation.dir, { recursive: true, force: true });
    throw error;
  }
  await commitGeneration(outDir, generation);
  await removeOldGenerations(
    outDir,
    before ? [generation.number, before.number] : [generation.number],
  );
  return { value, dir: generation.dir };
}
