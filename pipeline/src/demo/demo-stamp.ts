/**
 * Whether the demo output is up to date, so a warm `npm run demo` goes straight to the dashboard.
 * The stamp is a sha256 over everything that decides the demo's artifacts: the corpus, the model
 * files, the pipeline config and theme watch-list, the pipeline's source code and the lockfile.
 * Any change to one of them, or a missing manifest, means the pipeline runs again (and then reuses
 * what it can, as every run into the same folder does).
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { artifactJson, writeFileAtomic } from '../output/atomic-write.ts';
import { artifactPath, committedRunDir } from '../output/run-folder.ts';

/** File name of the stamp inside the demo output folder. */
export const STAMP_FILE = 'demo-stamp.json';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The stamp of the inputs named: sha256 hex over each file's path and bytes, in the order given
 * (folders expand to their files, sorted).
 */
export async function computeStamp(paths: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const path of paths) {
    const files = await filesUnder(path).catch(() => [path]);
    for (const file of files) {
      hash.update(`${file}\0`);
      hash.update(await readFile(file));
      hash.update('\0');
    }
  }
  return hash.digest('hex');
}

/** True when `outDir` holds a finished run whose stamp equals `stamp`. */
export async function isUpToDate(outDir: string, stamp: string): Promise<boolean> {
  try {
    const saved = JSON.parse(await readFile(join(outDir, STAMP_FILE), 'utf8')) as {
      stamp?: unknown;
    };
    await readFile(artifactPath(committedRunDir(outDir), 'manifest'));
    return saved.stamp === stamp;
  } catch {
    return false;
  }
}

/** Records `stamp` for `outDir`; call only after a run finished. */
export async function writeStamp(outDir: string, stamp: string): Promise<void> {
  await writeFileAtomic(join(outDir, STAMP_FILE), artifactJson({ stamp }, true));
}
