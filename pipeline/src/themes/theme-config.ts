/**
 * The theme watch-list file (`pipeline/config/themes.json`, or the one given with `--themes`):
 * reading it, checking it with zod, and resolving each theme's threshold. This is the only module
 * of the themes stage that touches the file system.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { digestOf } from '../output/checksums.ts';

/** A theme as configured, with its threshold resolved. */
export interface ThemeDefinition {
  /** Slug id: lowercase letters and digits in dash-separated words, for example `model-merging`. */
  id: string;
  /** Short readable name. */
  label: string;
  /** One or two sentences saying what belongs to the theme; embedded as one of the theme's texts. */
  description: string;
  /** Short descriptive phrases, each embedded as one more of the theme's texts. May be empty. */
  keywords: string[];
  /**
   * Minimum cosine score (4 decimals) for a paper to belong to the theme, in [-1, 1]: the theme's
   * own `threshold`, else the option override, else the file's `defaultThreshold`.
   */
  threshold: number;
  /**
   * Case-insensitive regular expressions that mark weak positives when the threshold is
   * calibrated (see README.md in this folder). Scoring never uses them. May be empty.
   */
  weakLabelPatterns: string[];
}

/** Options of {@link loadThemeConfig}. */
export interface ThemeConfigOptions {
  /**
   * Threshold for every theme, in [-1, 1], replacing both the file's `defaultThreshold` and the
   * per-theme thresholds. Default: none (use the file).
   */
  threshold?: number;
}

/** The file is missing, is not JSON, or breaks the format; the message names the file and field. */
export class ThemeConfigError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'ThemeConfigError';
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const thresholdSchema = z
  .number()
  .min(-1, 'must be a cosine score in [-1, 1]')
  .max(1, 'must be a cosine score in [-1, 1]');

const patternSchema = z
  .string()
  .min(1, 'must not be empty')
  .refine(
    (source) => {
      try {
        new RegExp(source, 'iu');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'is not a valid regular expression' },
  );

const themeSchema = z.strictObject({
  $comment: z.string().optional(),
  id: z
    .string()
    .regex(SLUG, 'must be a slug of lowercase letters and digits in dash-separated words'),
  label: z.string().trim().min(1, 'must not be empty'),
  description: z.string().trim().min(1, 'must not be empty'),
  keywords: z.array(z.string().trim().min(1, 'must not be empty')),
  threshold: thresholdSchema.optional(),
  weakLabelPatterns: z.array(patternSchema).optional(),
});

/** One theme as written in the file (before thresholds are resolved). */
export type ThemeEntry = z.infer<typeof themeSchema>;

/** The theme file as written: what an edit reads, changes and writes back. */
export type ThemeFileJson = z.infer<typeof fileSchema>;

const fileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    defaultThreshold: thresholdSchema,
    themes: z.array(themeSchema),
  })
  .superRefine((config, context) => {
    const seen = new Map<string, number>();
    config.themes.forEach((theme, index) => {
      const first = seen.get(theme.id);
      if (first !== undefined) {
        context.addIssue({
          code: 'custom',
          path: ['themes', index, 'id'],
          message: `"${theme.id}" is already the id of themes[${first}]; ids must be unique`,
        });
      } else seen.set(theme.id, index);
    });
  });

/** `themes[2].threshold` from a zod issue path. */
function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const part of path) {
    name += typeof part === 'number' ? `[${part}]` : `${name ? '.' : ''}${String(part)}`;
  }
  return name || '(top level)';
}

/** The `field: problem` lines of a failed parse. */
function problemsOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${fieldName(issue.path)}: ${issue.message}`).join('; ');
}

/**
 * Checks one theme entry (for example one sent by the dashboard's editor) against the file
 * format's rules for a theme.
 *
 * @throws {ThemeConfigError} naming each bad field, for example `label: must not be empty`.
 */
export function parseThemeEntry(json: unknown, file: string): ThemeEntry {
  const parsed = themeSchema.safeParse(json);
  if (!parsed.success) {
    throw new ThemeConfigError(file, `invalid theme (${problemsOf(parsed.error)})`);
  }
  return parsed.data;
}

/**
 * Checks parsed JSON against the theme file format, as written (thresholds unresolved).
 *
 * @throws {ThemeConfigError} listing every problem as `field: problem`.
 */
export function parseThemeFileJson(json: unknown, file: string): ThemeFileJson {
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ThemeConfigError(
      file,
      `invalid theme config (${problemsOf(parsed.error)}); fix the file or pass another with --themes`,
    );
  }
  return parsed.data;
}

/**
 * Checks parsed JSON against the theme file format and resolves thresholds.
 *
 * @param file named in every error message.
 * @throws {ThemeConfigError} listing every problem as `field: problem`.
 */
export function parseThemeConfig(
  json: unknown,
  file: string,
  options: ThemeConfigOptions = {},
): ThemeDefinition[] {
  if (options.threshold !== undefined && !thresholdSchema.safeParse(options.threshold).success) {
    throw new ThemeConfigError(
      file,
      `threshold override ${options.threshold} must be a cosine score in [-1, 1]`,
    );
  }
  const { defaultThreshold, themes } = parseThemeFileJson(json, file);
  return themes.map((theme) => ({
    id: theme.id,
    label: theme.label,
    description: theme.description,
    keywords: theme.keywords,
    threshold: options.threshold ?? theme.threshold ?? defaultThreshold,
    weakLabelPatterns: theme.weakLabelPatterns ?? [],
  }));
}

/**
 * Reads and checks a theme file.
 *
 * @throws {ThemeConfigError} when the file cannot be read, is not JSON, or breaks the format.
 */
export async function loadThemeConfig(
  file: string,
  options: ThemeConfigOptions = {},
): Promise<ThemeDefinition[]> {
  return (await loadThemeFile(file, options)).themes;
}

/** A theme file as read for scoring: its themes, and the sha256 of the very bytes they came from. */
export interface LoadedThemeFile {
  themes: ThemeDefinition[];
  /** Lowercase hex sha256 of the file's bytes (what the manifest records, see `themes-source.ts`). */
  sha256: string;
}

/**
 * Reads and checks a theme file, hashing the bytes it parses (one read, so the hash cannot
 * describe another version of the file than the themes).
 *
 * @throws {ThemeConfigError} when the file cannot be read, is not JSON, or breaks the format.
 */
export async function loadThemeFile(
  file: string,
  options: ThemeConfigOptions = {},
): Promise<LoadedThemeFile> {
  const bytes = await readThemeBytes(file);
  return {
    themes: parseThemeConfig(parseThemeText(bytes.toString('utf8'), file), file, options),
    sha256: digestOf(bytes).sha256,
  };
}

/**
 * Reads a theme file as JSON, unchecked.
 *
 * @throws {ThemeConfigError} when the file cannot be read or is not JSON.
 */
export async function readThemeJson(file: string): Promise<unknown> {
  return parseThemeText((await readThemeBytes(file)).toString('utf8'), file);
}

async function readThemeBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ThemeConfigError(
      file,
      `cannot read the theme config (${code}); pass an existing file with --themes`,
    );
  }
}

function parseThemeText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ThemeConfigError(
      file,
      `not valid JSON (${(error as Error).message}); fix the file or pass another with --themes`,
    );
  }
}
