/**
 * The ingest stage: input paths to deduplicated papers plus every rejected record, with nothing
 * lost on the way (read = accepted + rejected, checked).
 */
import type { InputSummary, Reject } from '../schema/artifacts.ts';
import { dedupeRecords } from './dedupe.ts';
import { listInputFiles, readInputFile } from './input-files.ts';
import { parseInput, type ParsedInput } from './parse-input.ts';
import { plausibleDayRange, utcToday } from './plausible-day.ts';
import { reject, rejectWarnings } from './rejects.ts';
import type { IngestOptions, IngestResult, PaperRecord } from './types.ts';

export { InputError } from './input-files.ts';

async function readAndParse(file: string, options: IngestOptions): Promise<ParsedInput> {
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    return {
      format: 'unknown',
      sha256: '',
      read: 1,
      records: [],
      rejects: [reject(file, 0, 'unreadable', `cannot be read (${code}); check its permissions`)],
      warnings: [],
    };
  }
  return parseInput(bytes, file, options);
}

/**
 * Reads every input (files, or folders of them; see `listInputFiles`), one file at a time, and
 * deduplicates the records into papers. Page text, `daily_papers` JSON and JSONL are told apart
 * by content; `.gz` is undone by content too. A bad record or a bad file becomes a reject with
 * file, line and reason, and a warning line; only an input path that cannot be used at all
 * throws (`InputError`). Records dated outside the plausible span (see `plausible-day.ts`,
 * ending a few days after `options.today`) are rejected.
 *
 * Warnings come in this order: the input listing, then per file its notes and its rejects, then
 * deduplication notes.
 */
export async function ingestInputs(paths: string[], options: IngestOptions): Promise<IngestResult> {
  const listing = await listInputFiles(paths);
  const parseOptions: IngestOptions = {
    ...options,
    dayRange: options.dayRange ?? plausibleDayRange(options.today ?? utcToday()),
  };
  const warnings = [...listing.warnings];
  const records: PaperRecord[] = [];
  const rejects: Reject[] = [];
  const inputs: InputSummary[] = [];
  let read = 0;

  for (const file of listing.files) {
    const parsed = await readAndParse(file, parseOptions);
    if (parsed.read !== parsed.records.length + parsed.rejects.length) {
      throw new Error(
        `ingest bug: ${file} read ${parsed.read} records but produced ${parsed.records.length} records and ${parsed.rejects.length} rejects`,
      );
    }
    read += parsed.read;
    for (const record of parsed.records) records.push(record);
    rejects.push(...parsed.rejects);
    warnings.push(...parsed.warnings, ...rejectWarnings(parsed.rejects));
    inputs.push({
      file,
      format: parsed.format,
      sha256: parsed.sha256,
      records: parsed.read,
      rejected: parsed.rejects.length,
    });
  }

  const deduplicated = dedupeRecords(records);
  warnings.push(...deduplicated.warnings, ...rejectWarnings(deduplicated.rejects));
  rejects.push(...deduplicated.rejects);
  for (const item of deduplicated.rejects) {
    const input = inputs.find((summary) => summary.file === item.source.file);
    if (input) input.rejected++;
  }
  const { papers } = deduplicated;
  const accepted = papers.reduce((sum, paper) => sum + paper.sources.length, 0);
  if (read !== accepted + rejects.length) {
    throw new Error(
      `ingest bug: read ${read} records but accepted ${accepted} and rejected ${rejects.length}; records were lost`,
    );
  }
  return {
    papers,
    rejects,
    inputs,
    counts: {
      read,
      accepted,
      rejected: rejects.length,
      duplicates: deduplicated.duplicates,
      duplicatesSameDay: deduplicated.duplicatesSameDay,
      papers: papers.length,
      multiDay: papers.filter((paper) => paper.dates.length > 1).length,
      undated: papers.filter((paper) => paper.dates.length === 0).length,
    },
    warnings,
  };
}
