/**
 * Which files a folder may serve: only what really lies inside it. A symbolic link in the data
 * or build folder (`details/7.json -> /etc/passwd`) or a link to a folder elsewhere must not
 * carry a request out of the folder, whatever the URL looked like.
 */
import { realpath, stat } from 'node:fs/promises';
import { join, relative, isAbsolute, sep } from 'node:path';

/** Whether `path` is `root` or inside it (both real, absolute paths). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/**
 * The real path of `name` (a path relative to `root`) when it is a regular file whose real path
 * lies inside the real `root`; null when it does not exist, is anything else (a folder, a FIFO,
 * a device), or leads outside through a link.
 */
export async function servableFile(root: string, name: string): Promise<string | null> {
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(root, name));
    if (!isInside(realRoot, real)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

/**
 * Whether a request for `name` under `root` may go on to a static file handler: true when
 * nothing exists there (the handler answers 404 or its fallback) or it resolves inside `root`;
 * false when it leads outside, or is neither a regular file nor a folder.
 */
export async function staysInside(root: string, name: string): Promise<boolean> {
  let real: string;
  try {
    real = await realpath(join(root, name));
  } catch {
    return true;
  }
  try {
    if (!isInside(await realpath(root), real)) return false;
    const info = await stat(real);
    return info.isFile() || info.isDirectory();
  } catch {
    return false;
  }
}
