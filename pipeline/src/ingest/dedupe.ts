/**
 * Deduplication: records of the same paper (on one day or several) become one paper with all its
 * days and all its sources.
 */
import type { PaperMetadata, Reject } from '../schema/artifacts.ts';
import { arxivUrl, titleId, titleKey } from './identity.ts';
import { reject } from './rejects.ts';
import type { IngestedPaper, PaperRecord } from './types.ts';

/** Papers and the duplicate counts behind them. */
export interface Deduplicated {
  /** In {@link comparePapers} order: first day, then id. */
  papers: IngestedPaper[];
  /**
   * Records with the identity of an earlier record but another text (`conflicting-duplicate`),
   * in reading order. They are not part of any paper.
   */
  rejects: Reject[];
  /** Records that merged into an already seen paper: accepted records - papers. */
  duplicates: number;
  /** Of those, the records that add no new day to their paper (a repeat on a day already seen). */
  duplicatesSameDay: number;
  warnings: string[];
}

/**
 * The record whose text a paper keeps: the longest abstract, then the longest title, then the
 * smaller abstract and title in code-unit order. It depends on the texts only, never on reading
 * order, so the same records in any order give the same paper.
 */
function betterText(a: PaperRecord, b: PaperRecord): PaperRecord {
  if (a.abstract.length !== b.abstract.length) return a.abstract.length > b.abstract.length ? a : b;
  if (a.title.length !== b.title.length) return a.title.length > b.title.length ? a : b;
  if (a.abstract !== b.abstract) return a.abstract < b.abstract ? a : b;
  return a.title <= b.title ? a : b;
}

/** The last day a record puts its paper on; '' for an undated record. */
const lastDay = (record: PaperRecord) => record.dates.at(-1) ?? '';

/**
 * A paper's metadata from its records: the most upvotes (the API's counts are snapshots of the
 * day a page was saved, so the highest is the latest), and each other field from the latest-dated
 * record that has it, where a later page may carry a corrected list or a link added since; equal
 * days go to the smaller value in code-unit order. Like {@link betterText}, independent of
 * reading order.
 */
function mergedMetadata(records: readonly PaperRecord[]): PaperMetadata {
  const merged: PaperMetadata = {};
  const upvotes = records.flatMap((record) =>
    record.upvotes === undefined ? [] : [record.upvotes],
  );
  if (upvotes.length > 0) merged.upvotes = Math.max(...upvotes);
  const latest = <T>(
    valueOf: (record: PaperRecord) => T | undefined,
    key: (value: T) => string,
  ) => {
    let best: { day: string; value: T } | undefined;
    for (const record of records) {
      const value = valueOf(record);
      if (value === undefined) continue;
      const day = lastDay(record);
      if (!best || day > best.day || (day === best.day && key(value) < key(best.value)))
        best = { day, value };
    }
    return best?.value;
  };
  const authors = latest(
    (record) => record.authors,
    (names) => names.join('\u0000'),
  );
  if (authors) merged.authors = authors;
  const githubRepo = latest((record) => record.githubRepo, String);
  if (githubRepo) merged.githubRepo = githubRepo;
  const projectPage = latest((record) => record.projectPage, String);
  if (projectPage) merged.projectPage = projectPage;
  return merged;
}

/** An abstract's comparison key: the same normalization as a title's (see {@link titleKey}). */
const textKey = titleKey;

/**
 * Whether two records of one identity tell the same paper: their titles have the same key and
 * their abstracts too, or one abstract's key starts the other's (a copy cut short).
 */
function sameText(a: PaperRecord, b: PaperRecord): boolean {
  if (titleKey(a.title) !== titleKey(b.title)) return false;
  const keyA = textKey(a.abstract);
  const keyB = textKey(b.abstract);
  return keyA.startsWith(keyB) || keyB.startsWith(keyA);
}

const where = (record: PaperRecord) => `${record.source.file}:${record.source.line}`;

/**
 * Paper order: undated papers first, then by first day, then by id (code-unit order). A new day's
 * papers then come after every paper already seen, so a run with one more day appends rows to the
 * previous run's and can extend its index instead of rebuilding it.
 */
export function comparePapers(a: IngestedPaper, b: IngestedPaper): number {
  const dayA = a.dates[0] ?? '';
  const dayB = b.dates[0] ?? '';
  if (dayA !== dayB) return dayA < dayB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Groups records into papers. Identity is the arXiv id when a record has one. A record without
 * one is matched by its title key (see {@link titleKey}): it joins the arXiv paper whose record
 * titles have the same key (the smallest such id if several do, with a warning), else the
 * title-only paper `t:<hash>`. Two records with different arXiv ids stay two papers even when
 * their titles match. A record whose text differs from the first record of its identity (see
 * {@link sameText}) is not merged: the first is kept, the other rejected
 * (`conflicting-duplicate`, naming both places). Each paper keeps the text chosen by
 * {@link betterText}, the union of its days (sorted), every source in reading order, and the
 * metadata of {@link mergedMetadata}.
 */
export function dedupeRecords(records: readonly PaperRecord[]): Deduplicated {
  const warnings: string[] = [];
  const keys = records.map((record) => titleKey(record.title));

  const arxivByTitle = new Map<string, Set<string>>();
  records.forEach((record, index) => {
    if (record.arxivId === null) return;
    const key = keys[index]!;
    const ids = arxivByTitle.get(key) ?? new Set<string>();
    ids.add(record.arxivId);
    arxivByTitle.set(key, ids);
  });

  const groups = new Map<string, PaperRecord[]>();
  const ambiguous = new Set<string>();
  records.forEach((record, index) => {
    let id = record.arxivId;
    if (id === null) {
      const key = keys[index]!;
      const candidates = [...(arxivByTitle.get(key) ?? [])].sort();
      if (candidates.length > 1 && !ambiguous.has(key)) {
        ambiguous.add(key);
        warnings.push(
          `${record.source.file}:${record.source.line}: title "${record.title}" has no arXiv id and matches ${candidates.length} arXiv papers (${candidates.join(', ')}); merged into ${candidates[0]}`,
        );
      }
      id = candidates[0] ?? titleId(key);
    }
    const group = groups.get(id);
    if (group) group.push(record);
    else groups.set(id, [record]);
  });

  const conflicts: { order: number; reject: Reject }[] = [];
  const order = new Map(records.map((record, index) => [record, index]));
  for (const [id, group] of groups) {
    const first = group[0]!;
    const agreeing = group.filter((record, index) => {
      if (index === 0 || sameText(first, record)) return true;
      const what = id.startsWith('t:') ? 'title' : `arXiv id ${id}`;
      conflicts.push({
        order: order.get(record)!,
        reject: reject(
          record.source.file,
          record.source.line,
          'conflicting-duplicate',
          `same ${what} as ${where(first)} but another ${titleKey(first.title) === titleKey(record.title) ? 'abstract' : 'title and abstract'} ("${first.title}" there, "${record.title}" here); kept ${where(first)}: correct the id or the text`,
          record.title,
        ),
      });
      return false;
    });
    groups.set(id, agreeing);
  }
  const rejects = conflicts.sort((a, b) => a.order - b.order).map((conflict) => conflict.reject);

  let duplicatesSameDay = 0;
  const papers: IngestedPaper[] = [];
  for (const [id, group] of groups) {
    const days = new Set<string>();
    group.forEach((record, index) => {
      const before = days.size;
      for (const day of record.dates) days.add(day);
      if (index > 0 && record.dates.length > 0 && days.size === before) duplicatesSameDay++;
    });
    const chosen = group.reduce(betterText);
    const arxivId = id.startsWith('t:') ? null : id;
    papers.push({
      id,
      title: chosen.title,
      abstract: chosen.abstract,
      dates: [...days].sort(),
      arxivId,
      url: arxivId === null ? null : arxivUrl(arxivId),
      sources: group.map((record) => record.source),
      ...mergedMetadata(group),
    });
  }
  papers.sort(comparePapers);
  const accepted = records.length - rejects.length;
  return { papers, rejects, duplicates: accepted - papers.length, duplicatesSameDay, warnings };
}
