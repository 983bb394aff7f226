/**
 * The optional metadata of a record (authors, upvotes, code repository, project page), read
 * from the fields the Hugging Face `daily_papers` API gives them (`authors`, `upvotes`,
 * `githubRepo`, `projectPage`; JSONL records may use the same names). Metadata never decides
 * whether a record is kept: a field that is missing or null is simply absent, and a field with
 * an unusable value is dropped and counted in one warning per file and field, naming the lines.
 *
 * Links are shown in the dashboard as anchors, so only absolute `http:` and `https:` URLs pass:
 * a `javascript:` or `data:` URL, or a relative path, never reaches a page.
 */
import { z } from 'zod';
import type { PaperMetadata } from '../schema/artifacts.ts';
import { hasVisibleText, normalizeText } from './normalize.ts';

/** The raw fields, as found in the input (any JSON value, or undefined when missing). */
export interface RawMetadata {
  authors?: unknown;
  upvotes?: unknown;
  githubRepo?: unknown;
  projectPage?: unknown;
}

type MetadataField = keyof RawMetadata;

/** Why a field was dropped, as the warning says it. */
const PROBLEMS: Record<MetadataField, string> = {
  authors: 'an "authors" that is not a list of names (strings or {name})',
  upvotes: 'an "upvotes" that is not a whole number ≥ 0',
  githubRepo: 'a "githubRepo" that is not an http(s) URL',
  projectPage: 'a "projectPage" that is not an http(s) URL',
};

// The API gives `{name, _id, hidden, ...}` objects, the shared papers.jsonl plain strings.
const AuthorsSchema = z.array(z.union([z.string(), z.object({ name: z.string() })]));
const UpvotesSchema = z.number().int().nonnegative();

/** The href of an absolute http(s) URL, or null for anything else. */
export function httpUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== ''
    ? url.href
    : null;
}

/** A field's usable value, `undefined` when the input gave none, or `'bad'` when it is unusable. */
function readField(field: MetadataField, value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (field === 'authors') {
    const parsed = AuthorsSchema.safeParse(value);
    if (!parsed.success) return 'bad';
    const names = parsed.data
      .map((author) => normalizeText(typeof author === 'string' ? author : author.name))
      .filter(hasVisibleText);
    return names.length > 0 ? names : undefined;
  }
  if (field === 'upvotes') {
    const parsed = UpvotesSchema.safeParse(value);
    return parsed.success ? parsed.data : 'bad';
  }
  if (typeof value !== 'string') return 'bad';
  const text = value.trim();
  if (text === '') return undefined;
  return httpUrl(text) ?? 'bad';
}

/**
 * Collects the metadata of one file's records, and the fields it had to drop, for the file's
 * warnings.
 */
export class MetadataReader {
  readonly #dropped = new Map<MetadataField, number[]>();

  constructor(readonly file: string) {}

  /**
   * The usable metadata of the record at `line`: only the fields with a usable value are set.
   * `raw` may be anything; a value that is not an object gives no metadata.
   */
  read(raw: unknown, line: number): PaperMetadata {
    if (typeof raw !== 'object' || raw === null) return {};
    const fields = raw as RawMetadata;
    const metadata: PaperMetadata = {};
    for (const field of ['authors', 'upvotes', 'githubRepo', 'projectPage'] as const) {
      const value = readField(field, fields[field]);
      if (value === undefined) continue;
      if (value === 'bad') {
        const lines = this.#dropped.get(field) ?? [];
        lines.push(line);
        this.#dropped.set(field, lines);
        continue;
      }
      (metadata as Record<string, unknown>)[field] = value;
    }
    return metadata;
  }

  /** One warning per field that was dropped somewhere in the file, naming up to five lines. */
  warnings(): string[] {
    return [...this.#dropped].map(([field, lines]) => {
      const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', ...' : '');
      const records = lines.length === 1 ? 'record has' : 'records have';
      return `${this.file}:${lines[0]}: ${lines.length} ${records} ${PROBLEMS[field]} (line${lines.length === 1 ? '' : 's'} ${shown}); kept without it`;
    });
  }
}
