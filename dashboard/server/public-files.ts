/**
 * Serves the public half of the committed run (`<data>/public/`, see
 * `pipeline/src/output/run-folder.ts`) under `/data/`: the manifest, topics, themes, rejects
 * and the browser data, exactly as the pipeline wrote them, with the `.gz` copies the pipeline
 * wrote sent to browsers that accept gzip, and ETags for revalidation (sirv). The private half
 * (index, vectors, full artifacts) is outside the served folder, so no path reaches it.
 *
 * sirv runs in its `dev` mode, which looks each file up on request instead of listing the folder
 * once: a pipeline run replaces files while the server runs, and a cached size would then be
 * wrong. That mode serves dotfiles, so names starting with a dot (the pipeline's temporary
 * files) are refused here first.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import sirv from 'sirv';
import { ARTIFACT_FILES } from '../../pipeline/src/schema/artifacts.ts';
import { publicManifestText } from '../../pipeline/src/schema/public-manifest.ts';
import { committedRunDir, runFolderParts } from '../../pipeline/src/output/run-folder.ts';
import { servableFile, staysInside } from './served-path.ts';

/** URL prefix of the public data. */
export const DATA_PREFIX = '/data/';

/** A connect-style handler: answers the request, or calls `next` when it does not serve it. */
export type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Whether a path names a hidden file or folder, percent-encoded or not (sirv decodes it). */
function isHidden(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return /[/\\]\./.test(decoded);
}

/** The folder served under {@link DATA_PREFIX} for the output folder `dataDir`. */
export function publicDir(dataDir: string): string {
  return runFolderParts(committedRunDir(dataDir)).public;
}

/**
 * A handler for `/data/<file>` over the public half of `dataDir`'s committed run; other paths,
 * hidden names and missing files go to `next`.
 */
export function publicFiles(dataDir: string): Handler {
  let served: { dir: string; handler: Handler } | null = null;
  return (req, res, next) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (!pathname.startsWith(DATA_PREFIX) || isHidden(pathname)) return next();
    // The committed run may move to another folder between requests (a new run committed).
    const dir = publicDir(dataDir);
    if (served?.dir !== dir) {
      served = {
        dir,
        handler: sirv(dir, {
          dev: true,
          etag: true,
          gzip: true,
          setHeaders: (response) => response.setHeader('Cache-Control', 'no-cache'),
        }),
      };
    }
    const handler = served.handler;
    const name = decodeURIComponent(pathname.slice(DATA_PREFIX.length));
    // Only regular files whose real path lies inside the folder: a link planted in it
    // (`details/7.json -> /etc/passwd`) must not carry a request out, nor its `.gz` copy.
    Promise.all([servableFile(dir, name), staysInside(dir, `${name}.gz`)])
      .then(([file, gzipInside]) => {
        if (!file || !gzipInside) return next();
        if (name === ARTIFACT_FILES.manifest) return sendPublicManifest(req, res, file);
        const original = req.url;
        req.url = (req.url ?? '/').slice(DATA_PREFIX.length - 1);
        handler(req, res, () => {
          req.url = original;
          next();
        });
      })
      .catch(next);
  };
}

/**
 * Sends the manifest in its public form (absolute paths reduced to file names, see
 * `pipeline/src/schema/public-manifest.ts`); the file on disk keeps them for the next run.
 */
async function sendPublicManifest(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
): Promise<void> {
  const body = Buffer.from(publicManifestText(await readFile(file, 'utf8')));
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
