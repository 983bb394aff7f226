/**
 * The watch-list API, the server's only writes:
 * - `GET /api/themes` → `{editable: true, file, defaultThreshold, themes}` (the theme file as
 *   written), or `{editable: false, reason}` when the server cannot edit it. The dashboard shows
 *   edit controls only after a `true` here; a static host has no `/api/`, so it never does.
 * - `POST /api/themes` with a theme → adds it; `PUT /api/themes/<id>` → replaces theme `<id>`;
 *   `DELETE /api/themes/<id>` → removes it. Each answers `{file, defaultThreshold, themes,
 *   sizes}` once the file is saved and the run re-scored.
 * Errors are JSON `{error}`: 400 a field that breaks the theme file's rules (named), 403 a
 * cross-origin write, 404 an unknown theme, 409 a pipeline run holding the data folder, 413 a
 * body over the limit, 415 a body not sent as JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RunLockedError } from '../../pipeline/src/output/run-lock.ts';
import { UnknownThemeError, type ThemeEdit } from '../../pipeline/src/themes/edit-theme-file.ts';
import { RescoreError } from '../../pipeline/src/themes/rescore-run.ts';
import { ThemeConfigError } from '../../pipeline/src/themes/theme-config.ts';
import { sendJson } from './api-routes.ts';
import type { ThemeEditor } from './theme-editor.ts';
import { checkWriteRequest, readJsonBody, WriteRefused } from './write-guard.ts';

/** Path of the watch-list collection. */
export const THEMES_PATH = '/api/themes';

/** Whether `pathname` is a watch-list route. */
export function isThemesRoute(pathname: string): boolean {
  return pathname === THEMES_PATH || pathname.startsWith(`${THEMES_PATH}/`);
}

/** The theme id of `/api/themes/<id>`, or null for the collection. */
function themeIdOf(pathname: string): string | null {
  if (pathname === THEMES_PATH) return null;
  try {
    return decodeURIComponent(pathname.slice(THEMES_PATH.length + 1));
  } catch {
    return pathname.slice(THEMES_PATH.length + 1);
  }
}

/** Answers a watch-list request; `editor` is null when the server cannot edit. */
export async function handleThemes(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  editor: ThemeEditor | null,
  reason = 'the server was started without a watch list to edit',
): Promise<void> {
  const id = themeIdOf(url.pathname);
  const method = req.method ?? 'GET';
  const allowed = id === null ? 'GET, POST' : 'PUT, DELETE';
  if (id === null && method === 'GET') {
    if (!editor) return sendJson(res, 200, { editable: false, reason });
    try {
      return sendJson(res, 200, { editable: true, ...(await editor.list()) });
    } catch (error) {
      if (!(error instanceof ThemeConfigError)) throw error;
      return sendJson(res, 200, { editable: false, reason: error.message });
    }
  }
  if (!allowed.split(', ').includes(method)) {
    res.setHeader('Allow', allowed);
    return sendJson(res, 405, {
      error: `${method} is not supported on ${url.pathname}: use ${allowed}`,
    });
  }
  try {
    checkWriteRequest(req, method !== 'DELETE');
    if (!editor) throw new WriteRefused(503, `the watch list cannot be edited: ${reason}`);
    let edit: ThemeEdit;
    if (method === 'DELETE') edit = { kind: 'delete', id: id! };
    else {
      const theme = await readJsonBody(req);
      edit = method === 'POST' ? { kind: 'add', theme } : { kind: 'replace', id: id!, theme };
    }
    return sendJson(res, method === 'POST' ? 201 : 200, await editor.edit(edit));
  } catch (error) {
    const status =
      error instanceof WriteRefused
        ? error.status
        : error instanceof ThemeConfigError
          ? 400
          : error instanceof UnknownThemeError
            ? 404
            : error instanceof RunLockedError || error instanceof RescoreError
              ? 409
              : 0;
    if (status === 0) throw error;
    if (error instanceof WriteRefused && status === 413) res.setHeader('Connection', 'close');
    return sendJson(res, status, { error: (error as Error).message });
  }
}
