import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `file` so that readers see either the old or the new content, never a
 * half-written file: the bytes go to a temporary sibling first, which is then renamed over the
 * target (rename is atomic within one file system).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = dirname(file);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(file)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, file);
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
