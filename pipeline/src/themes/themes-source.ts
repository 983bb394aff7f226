/**
 * The watch-list file a run's themes were scored from, as the manifest records it
 * (`manifest.themes`): the pipeline writes it, a re-score keeps it current, and the dashboard
 * reads it to edit the same file.
 *
 * The path is recorded relative to the working directory when the file is inside it, else
 * absolute. Under `npm run` the working directory of every command is the repository root,
 * wherever the user typed the command, so the default `pipeline/config/themes.json` is recorded
 * as such on any machine, a file elsewhere by its absolute path, and `npm run dashboard` finds
 * either again. A re-run in the same place records the same path.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import { digestOf } from '../output/checksums.ts';
import type { ManifestThemes } from '../schema/artifacts.ts';

/** How `file` is recorded when the command runs in `workDir`. */
export function recordedThemesPath(file: string, workDir: string = process.cwd()): string {
  const absolute = resolve(workDir, file);
  const inside = relative(workDir, absolute);
  const outside = inside === '' || inside === '..' || inside.startsWith(`..${sep}`);
  return outside || isAbsolute(inside) ? absolute : inside;
}

/** The manifest record of the theme file `file` whose bytes (or text, as UTF-8) are `content`. */
export function themesSourceOf(
  file: string,
  content: Uint8Array | string,
  workDir: string = process.cwd(),
): ManifestThemes {
  return { file: recordedThemesPath(file, workDir), sha256: digestOf(content).sha256 };
}

/** The absolute path of a recorded theme file, for a command running in `workDir`. */
export function recordedThemesFile(
  source: ManifestThemes,
  workDir: string = process.cwd(),
): string {
  return resolve(workDir, source.file);
}

/**
 * Whether the recorded file is still what the run was scored from: `same` bytes, `changed`
 * bytes, or `missing` (it cannot be read).
 */
export async function recordedThemesState(
  source: ManifestThemes,
  workDir: string = process.cwd(),
): Promise<'same' | 'changed' | 'missing'> {
  let bytes: Buffer;
  try {
    bytes = await readFile(recordedThemesFile(source, workDir));
  } catch {
    return 'missing';
  }
  return digestOf(bytes).sha256 === source.sha256 ? 'same' : 'changed';
}

const themesSourceSchema = z.object({
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * The `themes` record of a parsed manifest, or undefined when it has none (a run written before
 * the record existed) or the record is malformed: a reader then falls back to the default file.
 */
export function themesSourceOfManifest(manifest: unknown): ManifestThemes | undefined {
  if (typeof manifest !== 'object' || manifest === null) return undefined;
  const parsed = themesSourceSchema.safeParse((manifest as { themes?: unknown }).themes);
  return parsed.success ? parsed.data : undefined;
}
