/**
 * Calls to the dashboard server's watch-list API (`dashboard/server/theme-routes.ts`). On a
 * static host there is no API: {@link loadEditableThemes} answers null and the watch list is
 * shown read-only.
 */
import { ApiError } from '../search/api-client.ts';
import type { ThemeEntry } from './theme-draft.ts';

/** The theme file as the server reads it, when it can edit it. */
export interface EditableThemes {
  /** The theme file's path on the server. */
  file: string;
  defaultThreshold: number;
  themes: ThemeEntry[];
}

/** Whether the server can edit the watch list: the file's themes, or why not. */
export type ThemeEditing =
  { editable: true; themes: EditableThemes } | { editable: false; reason: string };

/** What a page served by a static host is told. */
export const STATIC_REASON = 'Editing the watch list needs `npm run dashboard`.';

/** Asks the server whether the watch list can be edited (`GET api/themes`). */
export async function loadEditableThemes(base = ''): Promise<ThemeEditing> {
  try {
    const response = await fetch(`${base}api/themes`, {
      headers: { accept: 'application/json' },
      cache: 'no-store',
    });
    const body = (await response.json().catch(() => null)) as
      ({ editable?: unknown; reason?: unknown } & Partial<EditableThemes>) | null;
    if (!response.ok || !body) return { editable: false, reason: STATIC_REASON };
    if (body.editable === true && Array.isArray(body.themes)) {
      return {
        editable: true,
        themes: {
          file: String(body.file ?? ''),
          defaultThreshold: Number(body.defaultThreshold),
          themes: body.themes,
        },
      };
    }
    return { editable: false, reason: String(body.reason ?? STATIC_REASON) };
  } catch {
    return { editable: false, reason: STATIC_REASON };
  }
}

/** Sends one edit; resolves once the server saved the file and re-scored the run. */
async function send(method: string, path: string, body?: unknown, base = ''): Promise<void> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.ok) return;
  const answer = (await response.json().catch(() => null)) as { error?: string } | null;
  throw new ApiError(
    answer?.error ?? `The server answered HTTP ${response.status}.`,
    response.status,
  );
}

/** Adds a theme. */
export function addTheme(entry: Record<string, unknown>, base = ''): Promise<void> {
  return send('POST', 'api/themes', entry, base);
}

/** Replaces theme `id`. */
export function updateTheme(id: string, entry: Record<string, unknown>, base = ''): Promise<void> {
  return send('PUT', `api/themes/${encodeURIComponent(id)}`, entry, base);
}

/** Removes theme `id`. */
export function deleteTheme(id: string, base = ''): Promise<void> {
  return send('DELETE', `api/themes/${encodeURIComponent(id)}`, undefined, base);
}
