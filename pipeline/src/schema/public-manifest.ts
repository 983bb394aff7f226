/**
 * The manifest as the browser may see it: absolute paths (input files, a model directory, the
 * watch-list file) are reduced to their file names, so a served `manifest.json` does not reveal
 * the layout of the machine that ran the pipeline. The dashboard server and `npm run build` send
 * this form; the file on disk keeps the full paths, which the next run compares and the
 * dashboard's watch-list editor follows. Relative paths, which say only where the inputs sat
 * next to the run, are kept. Idempotent: the public form of a public manifest is itself, which lets
 * {@link manifestFingerprint} hash either form to the same value.
 */

/** An absolute path on POSIX or Windows (`/x`, `C:\x`, `\\server\x`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** The last segment of a path (either separator). */
export function fileNameOf(path: string): string {
  const parts = path.split(/[\\/]/).filter((part) => part.length > 0);
  return parts.at(-1) ?? path;
}

const publicPath = (path: string) => (isAbsolutePath(path) ? fileNameOf(path) : path);

/** The public form of a parsed manifest (a copy; the argument is not changed). */
export function publicManifest<T extends object>(manifest: T): T {
  return JSON.parse(publicManifestText(JSON.stringify(manifest))) as T;
}

/**
 * The public form of a manifest's text, or the text unchanged when nothing in it is absolute
 * (byte for byte, so that an already public manifest is served as written) or it is not JSON.
 */
export function publicManifestText(text: string): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return text;
  }
  if (typeof manifest !== 'object' || manifest === null) return text;
  const record = manifest as {
    inputs?: { file?: unknown }[];
    model?: { id?: unknown };
    themes?: { file?: unknown };
  };
  let changed = false;
  for (const input of Array.isArray(record.inputs) ? record.inputs : []) {
    if (typeof input?.file === 'string' && isAbsolutePath(input.file)) {
      input.file = publicPath(input.file);
      changed = true;
    }
  }
  const model = record.model;
  if (model && typeof model.id === 'string' && isAbsolutePath(model.id)) {
    model.id = publicPath(model.id);
    changed = true;
  }
  const themes = record.themes;
  if (themes && typeof themes.file === 'string' && isAbsolutePath(themes.file)) {
    themes.file = publicPath(themes.file);
    changed = true;
  }
  return changed ? `${JSON.stringify(manifest, null, 1)}\n` : text;
}
