/**
 * Edits of the theme file (add, replace, delete one theme), checked against the file format
 * before anything is written, and the file's atomic save: a reader (a pipeline run starting, an
 * editor) sees the old file or the new one, never a half-written one.
 */
import { artifactJson, writeFileAtomic } from '../output/atomic-write.ts';
import {
  parseThemeConfig,
  parseThemeEntry,
  parseThemeFileJson,
  readThemeJson,
  ThemeConfigError,
  type ThemeDefinition,
  type ThemeEntry,
  type ThemeFileJson,
} from './theme-config.ts';

/** One change to the watch list. */
export type ThemeEdit =
  /** Appends a theme; its id must be new. */
  | { kind: 'add'; theme: unknown }
  /** Replaces theme `id`; the entry's `$comment` and `weakLabelPatterns` stay unless sent. */
  | { kind: 'replace'; id: string; theme: unknown }
  /** Removes theme `id`. */
  | { kind: 'delete'; id: string };

/** The edit names a theme the file does not have. */
export class UnknownThemeError extends Error {
  override name = 'UnknownThemeError';
  constructor(
    readonly file: string,
    readonly id: string,
  ) {
    super(`${file}: no theme with id "${id}"; it may have been deleted meanwhile`);
  }
}

/** The theme file after an edit: as written, and with thresholds resolved for scoring. */
export interface EditedThemes {
  json: ThemeFileJson;
  themes: ThemeDefinition[];
}

/** Reads and checks the theme file as written. */
export async function readThemeFile(file: string): Promise<ThemeFileJson> {
  return parseThemeFileJson(await readThemeJson(file), file);
}

function indexOfTheme(json: ThemeFileJson, id: string, file: string): number {
  const index = json.themes.findIndex((theme) => theme.id === id);
  if (index < 0) throw new UnknownThemeError(file, id);
  return index;
}

/**
 * Applies `edit` to `json` (not changed) and checks the result as the pipeline will read it.
 *
 * @param file the theme file's name, for messages.
 * @throws {ThemeConfigError} naming the bad field (a duplicate id is one).
 * @throws {UnknownThemeError} when a replace or delete names no theme.
 */
export function applyThemeEdit(json: ThemeFileJson, edit: ThemeEdit, file: string): EditedThemes {
  const themes: ThemeEntry[] = [...json.themes];
  if (edit.kind === 'add') {
    const theme = parseThemeEntry(edit.theme, file);
    if (themes.some((other) => other.id === theme.id)) {
      throw new ThemeConfigError(
        file,
        `invalid theme (id: "${theme.id}" is already the id of a theme; ids must be unique)`,
      );
    }
    themes.push(theme);
  } else if (edit.kind === 'replace') {
    const index = indexOfTheme(json, edit.id, file);
    const theme = parseThemeEntry(edit.theme, file);
    if (theme.id !== edit.id && themes.some((other) => other.id === theme.id)) {
      throw new ThemeConfigError(
        file,
        `invalid theme (id: "${theme.id}" is already the id of a theme; ids must be unique)`,
      );
    }
    const old = themes[index]!;
    themes[index] = {
      ...(old.$comment !== undefined ? { $comment: old.$comment } : {}),
      ...theme,
      ...(theme.weakLabelPatterns === undefined && old.weakLabelPatterns !== undefined
        ? { weakLabelPatterns: old.weakLabelPatterns }
        : {}),
    };
  } else {
    themes.splice(indexOfTheme(json, edit.id, file), 1);
  }
  const edited = parseThemeFileJson({ ...json, themes }, file);
  return { json: edited, themes: parseThemeConfig(edited, file) };
}

/** The text {@link saveThemeFile} writes for `json`: indented for people, with a final newline. */
export function themeFileText(json: ThemeFileJson): string {
  return artifactJson(json, true);
}

/**
 * Writes the theme file atomically (temporary file, flush, rename, flush the folder) as
 * {@link themeFileText}.
 */
export function saveThemeFile(file: string, json: ThemeFileJson): Promise<void> {
  return writeFileAtomic(file, themeFileText(json));
}

/**
 * Writes `bytes`, read from the theme file before an edit, back atomically: an edit whose run
 * could not be committed leaves the file byte for byte as the committed run's manifest recorded
 * it (its sha256), however it was formatted.
 */
export function restoreThemeFile(file: string, bytes: Uint8Array): Promise<void> {
  return writeFileAtomic(file, bytes);
}
