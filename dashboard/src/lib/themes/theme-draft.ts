/**
 * The watch-list editor's form, as plain data: what the form starts from (an existing theme, an
 * empty one, or the reader's set of papers) and the theme entry it sends. The server checks the
 * entry against the theme file's rules; these helpers only shape it.
 */
import type { Topic } from '../data/artifacts.ts';
import type { PaperSummary } from '../data/browser-format.ts';

/** A theme as written in the theme file (what `GET api/themes` lists). */
export interface ThemeEntry {
  id: string;
  label: string;
  description: string;
  keywords: string[];
  /** Absent: the file's `defaultThreshold`. */
  threshold?: number;
}

/** The editor's fields, as typed. */
export interface ThemeForm {
  label: string;
  description: string;
  /** Keywords, one per line or separated by commas. */
  keywords: string;
  /** Threshold as typed; empty for the file's default. */
  threshold: string;
}

/** Keywords of a drafted theme, at most. */
const DRAFT_KEYWORDS = 6;
/** Titles quoted in a drafted description, at most. */
const DRAFT_TITLES = 3;

/** The form of an existing theme. */
export function formOf(theme: ThemeEntry): ThemeForm {
  return {
    label: theme.label,
    description: theme.description,
    keywords: theme.keywords.join('\n'),
    threshold: theme.threshold === undefined ? '' : String(theme.threshold),
  };
}

/** The keywords typed in the form: one per line or comma, trimmed, empty and repeated ones dropped. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  const keywords: string[] = [];
  for (const part of text.split(/[\n,]/)) {
    const keyword = part.trim().replace(/\s+/g, ' ');
    if (!keyword || seen.has(keyword.toLowerCase())) continue;
    seen.add(keyword.toLowerCase());
    keywords.push(keyword);
  }
  return keywords;
}

/**
 * A slug id for a new theme from its label (`Model merging` → `model-merging`), made unique
 * against `taken` with a number (`-2`, `-3`, …); `theme` when the label has no letter or digit.
 */
export function slugFor(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'theme';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The entry the form sends for theme `id`. A theme given only keywords is described by them, since
 * the file requires a description (it is embedded like a keyword, so the theme's vector stays
 * close to the keywords'). A threshold that is not a number is sent as typed, for the server to
 * name the field.
 */
export function entryOf(id: string, form: ThemeForm): Record<string, unknown> {
  const keywords = parseKeywords(form.keywords);
  const description =
    form.description.trim() || (keywords.length > 0 ? `Papers about ${keywords.join(', ')}.` : '');
  const threshold = form.threshold.trim();
  return {
    id,
    label: form.label.trim(),
    description,
    keywords,
    ...(threshold === ''
      ? {}
      : { threshold: Number.isFinite(Number(threshold)) ? Number(threshold) : threshold }),
  };
}

/**
 * A form drafted from a set of papers: the keywords most shared by their topics, the label of
 * their most common topic, and a description quoting their first titles. The reader edits it
 * before saving.
 */
export function draftFromSet(
  papers: readonly PaperSummary[],
  topicOf: (id: number) => Topic | undefined,
): ThemeForm {
  const topicCounts = new Map<number, number>();
  for (const paper of papers)
    if (paper.topic !== null) topicCounts.set(paper.topic, (topicCounts.get(paper.topic) ?? 0) + 1);
  const topics = [...topicCounts]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([id]) => topicOf(id))
    .filter((topic): topic is Topic => topic !== undefined);
  // Keywords weighted by how many of the set's papers their topic holds.
  const weights = new Map<string, number>();
  for (const topic of topics) {
    const share = topicCounts.get(topic.id) ?? 0;
    for (const keyword of topic.keywords.slice(0, 10))
      weights.set(keyword.term, (weights.get(keyword.term) ?? 0) + share * keyword.weight);
  }
  const keywords = [...weights]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, DRAFT_KEYWORDS)
    .map(([term]) => term);
  const titles = papers.slice(0, DRAFT_TITLES).map((paper) => `“${paper.title}”`);
  return {
    label: topics[0]?.label ?? '',
    description: titles.length > 0 ? `Papers like ${titles.join('; ')}.` : '',
    keywords: keywords.join('\n'),
    threshold: '',
  };
}
