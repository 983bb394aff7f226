/**
 * The days already in a raw folder, and whether each is final. A day saved while it was still
 * going on (its file written before the day ended, UTC) may have grown since, so it is not final
 * and the next run fetches it again; any later save is final and is skipped.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { dayEndMs, strictIsoDay } from './calendar-days.ts';

/** One saved day. */
export interface SavedDay {
  day: string;
  /** Path of `YYYY-MM-DD.json`. */
  file: string;
  /** Written after the day ended (UTC), so it will not change any more. */
  final: boolean;
  /** The file lists no paper (a day without papers), so the pipeline has nothing to read in it. */
  empty: boolean;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.json$/;

/** Bytes below which a file may be an empty list (`[]`, perhaps with whitespace or a wrapper). */
const SMALL_FILE_BYTES = 256;

/**
 * The `YYYY-MM-DD.json` files of `dir`, sorted by day; an empty list when `dir` does not exist.
 * Other files are ignored (they are not the fetcher's).
 */
export async function listSavedDays(dir: string): Promise<SavedDay[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const days: SavedDay[] = [];
  for (const name of names.sort()) {
    const match = DAY_FILE.exec(name);
    const day = match ? strictIsoDay(match[1] as string) : null;
    if (day === null) continue;
    const file = join(dir, name);
    const info = await stat(file);
    if (!info.isFile()) continue;
    const empty = info.size < SMALL_FILE_BYTES && (await isEmptyList(file));
    days.push({ day, file, final: info.mtimeMs >= dayEndMs(day), empty });
  }
  return days;
}

async function isEmptyList(file: string): Promise<boolean> {
  try {
    const value: unknown = JSON.parse(await readFile(file, 'utf8'));
    if (Array.isArray(value)) return value.length === 0;
    const data = (value as { data?: unknown } | null)?.data;
    return Array.isArray(data) && data.length === 0;
  } catch {
    return false;
  }
}
