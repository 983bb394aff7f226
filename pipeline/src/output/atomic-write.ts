import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { syncDir } from './durable-file.ts';

/**
 * Writes `data` to `file` so that readers see either the old or the new content, never a
 * half-written file: the bytes go to a temporary sibling first, flushed to the disk, which is
 * then renamed over the target (rename is atomic within one file system), and the folder is
 * flushed, so after a power cut the file is the old or the new one too.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
    await syncDir(dir);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Serializes an artifact as JSON with a final newline. Key order follows object construction,
 * so equal inputs give equal bytes. `pretty` indents small files meant for people (the manifest);
 * the large ones stay compact for the browser.
 */
export function artifactJson(value: unknown, pretty = false): string {
  return `${JSON.stringify(value, null, pretty ? 2 : undefined)}\n`;
}
