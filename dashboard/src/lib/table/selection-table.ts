/**
 * The rows of the selection table (the papers the map shows, or the collected set) and their
 * exports: sorting by any column, CSV (RFC 4180) and BibTeX with arXiv ids where the paper's
 * id is one. Pure functions over the loaded data, so they are tested without a browser.
 */
import { ascending, descending } from 'd3';
import type { PaperSummary } from '../data/browser-format.ts';
import type { Dataset } from '../data/dataset.ts';

/** One row of the table. */
export interface TableRow {
  id: string;
  /** The arXiv id, or null for papers known only by title (ids starting with `t:`). */
  arxivId: string | null;
  title: string;
  /** First day on the page (ISO), or null when undated. */
  firstDay: string | null;
  /** Every day on the page, ISO, ascending. */
  days: readonly string[];
  topic: string | null;
  broad: string | null;
  /** Watch-list theme labels, best first. */
  themes: string[];
  /** Search score when the selection came from a search by meaning. */
  score: number | null;
  /** Hugging Face upvotes, or null when the input gave none. */
  upvotes: number | null;
}

/** Sortable columns. */
export type TableColumn = 'title' | 'firstDay' | 'topic' | 'themes' | 'score' | 'upvotes';

/** The arXiv id of a paper id (paper ids are arXiv ids when known, `t:<hash>` otherwise). */
export function arxivIdOf(id: string): string | null {
  return id.startsWith('t:') ? null : id;
}

/** The table row of a paper. */
export function tableRow(
  data: Dataset,
  paper: PaperSummary,
  score: number | null = null,
): TableRow {
  const topic = paper.topic === null ? undefined : data.topic(paper.topic);
  const broad = paper.topic === null ? null : data.topicOf(paper, 'broad');
  return {
    id: paper.id,
    arxivId: arxivIdOf(paper.id),
    title: paper.title,
    firstDay: paper.dates[0] ?? null,
    days: paper.dates,
    topic: topic?.label ?? null,
    broad: broad === null ? null : (data.topic(broad)?.label ?? null),
    themes: paper.themes.map((score) => data.theme(score.theme)?.label ?? score.theme),
    score,
    upvotes: paper.upvotes ?? null,
  };
}

/** Rows sorted by a column; missing values last in either direction, ties by id. */
export function sortRows(
  rows: readonly TableRow[],
  column: TableColumn,
  ascendingOrder: boolean,
): TableRow[] {
  const value = (row: TableRow): string | number | null =>
    column === 'themes' ? (row.themes[0] ?? null) : row[column];
  const order = ascendingOrder ? ascending : descending;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? ascending(a.id, b.id) : va === null ? 1 : -1;
    return order(va, vb) || ascending(a.id, b.id);
  });
}

const CSV_COLUMNS = [
  'id',
  'arxiv_id',
  'title',
  'first_day',
  'days',
  'topic',
  'broad_topic',
  'watch_list',
  'score',
  'upvotes',
];

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The rows as CSV (RFC 4180, CRLF line ends, a header line; days and themes joined by `; `).
 * Score and upvotes are empty where unknown; the columns are always there, so a script reads
 * every export the same way.
 */
export function toCsv(rows: readonly TableRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.id,
        row.arxivId ?? '',
        row.title,
        row.firstDay ?? '',
        row.days.join('; '),
        row.topic ?? '',
        row.broad ?? '',
        row.themes.join('; '),
        row.score === null ? '' : row.score.toFixed(4),
        row.upvotes === null ? '' : String(row.upvotes),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Braces and backslashes escaped for a BibTeX field; the rest (Unicode) kept as is. */
function bibField(text: string): string {
  return text.replace(/[\\{}]/g, (char) => `\\${char}`);
}

/**
 * The rows as BibTeX `@misc` entries: arXiv papers with `eprint`, `archivePrefix` and `url`,
 * every paper with its title (double-braced, so styles keep its capitals), its authors when
 * `authorsOf` knows them (they live in the detail files, which the caller loads first), year
 * and first day on the page. Keys are the arXiv id (or the title hash), unique within the file.
 */
export function toBibtex(
  rows: readonly TableRow[],
  authorsOf: (id: string) => readonly string[] | undefined = () => undefined,
): string {
  const entries = rows.map((row) => {
    const key = (row.arxivId ? `arxiv${row.arxivId}` : row.id.replace(/^t:/, 'paper')).replace(
      /[^A-Za-z0-9.:-]/g,
      '',
    );
    const fields: [string, string][] = [['title', `{${bibField(row.title)}}`]];
    const authors = authorsOf(row.id) ?? [];
    // Names as the source writes them ("First Last"), which BibTeX splits into first and last
    // names itself; bracing each whole name would sort every author by the first name.
    if (authors.length > 0) fields.push(['author', authors.map(bibField).join(' and ')]);
    if (row.firstDay) fields.push(['year', row.firstDay.slice(0, 4)]);
    if (row.arxivId) {
      fields.push(
        ['eprint', row.arxivId],
        ['archivePrefix', 'arXiv'],
        ['url', `https://arxiv.org/abs/${row.arxivId}`],
      );
    }
    if (row.firstDay) fields.push(['note', `Daily papers page of ${row.firstDay}`]);
    const body = fields.map(([name, value]) => `  ${name} = {${value}}`).join(',\n');
    return `@misc{${key},\n${body}\n}`;
  });
  return entries.length === 0 ? '' : `${entries.join('\n\n')}\n`;
}
