/**
 * Bad inputs and bad output paths through the real command (real model, real index): each case
 * must end with a clear message, keep every good record, and account for every bad one.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import type { ArtifactName, PapersFile, RejectsFile } from '../../src/schema/artifacts.ts';
import { artifactPath, committedRunDir } from '../../src/output/run-folder.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
/** Each run loads the model; a slow shared machine needs the margin. */
const RUN_TIMEOUT_MS = 120_000;

interface CliRun {
  code: number;
  stderr: string;
  ms: number;
}

function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeout = RUN_TIMEOUT_MS,
): Promise<CliRun> {
  const started = performance.now();
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'pipeline/src/cli/main.ts', ...args],
      { cwd: REPO, env: { ...process.env, DEBUG: '', ...env }, timeout, maxBuffer: 64 << 20 },
      (error, _stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? -1) : 0;
        done({
          code: typeof code === 'number' ? code : -1,
          stderr,
          ms: performance.now() - started,
        });
      },
    );
  });
}

/** A distinct abstract of about 60 words, long enough to read as an abstract on one line. */
function abstract(topic: string): string {
  return (
    `${topic} is studied here in depth across many settings and data sets. We propose a new ` +
    `method for ${topic.toLowerCase()} that improves results on several standard benchmarks by a ` +
    'wide margin, we analyse why it works through careful ablations of each component, and we ' +
    'release the code and the trained models so that others can build on this work.'
  );
}

/** The JSONL record of paper 2401.0000`n`, its abstract about the first word of `title`. */
function paperRecord(n: number, title: string, date = '2024-01-02'): Record<string, string> {
  return { id: `2401.0000${n}`, date, title, abstract: abstract(title.split(' ')[0]!) };
}

function jsonl(records: object[]): string {
  return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}

let root: string;
let cache: string;

interface CaseResult extends CliRun {
  out: string;
  papers: PapersFile['papers'];
  rejects: RejectsFile['rejects'];
}

/** Writes `files` into a fresh input folder and runs the pipeline on it. */
async function runCase(
  name: string,
  files: Record<string, string | Uint8Array>,
  extra: string[] = [],
): Promise<CaseResult> {
  const input = join(root, name, 'in');
  const out = join(root, name, 'out');
  await mkdir(input, { recursive: true });
  for (const [file, content] of Object.entries(files)) await writeFile(join(input, file), content);
  const run = await cli([
    '--input',
    input,
    '--out',
    out,
    '--cache-dir',
    cache,
    '--year',
    '2024',
    '--no-progress',
    ...extra,
  ]);
  const read = async <T>(name: ArtifactName): Promise<T | null> => {
    const file = artifactPath(committedRunDir(out), name);
    return existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as T) : null;
  };
  return {
    ...run,
    out,
    papers: (await read<PapersFile>('papers'))?.papers ?? [],
    rejects: (await read<RejectsFile>('rejects'))?.rejects ?? [],
  };
}

const reasons = (result: CaseResult) =>
  result.rejects.map((item) => [item.source.file.split('/').pop(), item.source.line, item.reason]);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'bad-inputs-'));
  cache = join(root, 'cache');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('bad input records', { timeout: RUN_TIMEOUT_MS * 2 }, () => {
  it('rejects far-future and far-past dates per record, keeping the calendar to the real days', async () => {
    const result = await runCase('dates', {
      'dated.jsonl': jsonl([
        paperRecord(1, 'Alpha Networks'),
        paperRecord(2, 'Beta Models', '9999-12-31'),
        paperRecord(3, 'Gamma Search', '1000-01-01'),
        paperRecord(4, 'Delta Graphs', '2024-01-03'),
      ]),
    });
    expect(result.code).toBe(EXIT.warnings);
    expect(reasons(result)).toEqual([
      ['dated.jsonl', 2, 'implausible-date'],
      ['dated.jsonl', 3, 'implausible-date'],
    ]);
    expect(result.rejects[0]!.message).toMatch(/9999-12-31 is after \d{4}-\d{2}-\d{2}/);
    expect(result.rejects[1]!.message).toMatch(/1000-01-01 is before 1991-01-01/);
    expect(result.papers.map((paper) => paper.id)).toEqual(['2401.00001', '2401.00004']);
    const trends = artifactPath(committedRunDir(result.out), 'trends');
    expect((await stat(trends)).size).toBeLessThan(20_000);
    expect(await readFile(trends, 'utf8')).not.toContain('9999');
  });

  it('rejects a 5,000-level JSON file and a deep Python-literal entry, and keeps the rest of the run', async () => {
    const deepPython = `{'paper': ${'['.repeat(5000)}${']'.repeat(5000)}}`;
    const result = await runCase('deep', {
      '2024-01-02.json': '['.repeat(5000) + ']'.repeat(5000),
      '2024-01-03.json': JSON.stringify([
        deepPython,
        { paper: { id: '2401.00009', title: 'Epsilon Trees', summary: abstract('Epsilon') } },
      ]),
      'good.jsonl': jsonl([paperRecord(1, 'Alpha Networks')]),
    });
    expect(result.stderr).not.toMatch(/RangeError|Maximum call stack/);
    expect(result.code).toBe(EXIT.warnings);
    expect(reasons(result)).toEqual([
      ['2024-01-02.json', 0, 'too-deep'],
      ['2024-01-03.json', 1, 'bad-python-literal'],
    ]);
    expect(result.stderr).toContain(
      `${join(root, 'deep', 'in', '2024-01-02.json')}: JSON nested more than 64 levels`,
    );
    expect(result.papers.map((paper) => paper.id).sort()).toEqual(['2401.00001', '2401.00009']);
  });

  it('keeps the first of two records with one arXiv id and other texts, rejects the second naming both places, and warns', async () => {
    const result = await runCase('duplicates', {
      'a.jsonl': jsonl([paperRecord(1, 'Alpha Networks'), paperRecord(2, 'Beta Models')]),
      'b.jsonl': jsonl([
        paperRecord(1, 'Gamma Search', '2024-01-03'),
        paperRecord(2, 'Beta models.', '2024-01-03'),
      ]),
    });
    expect(result.code).toBe(EXIT.warnings);
    expect(reasons(result)).toEqual([['b.jsonl', 1, 'conflicting-duplicate']]);
    expect(result.rejects[0]!.message).toContain(`${join(root, 'duplicates', 'in', 'a.jsonl')}:1`);
    expect(result.stderr).toMatch(/b\.jsonl:1: same arXiv id 2401\.00001 as .*a\.jsonl:1/);
    const alpha = result.papers.find((paper) => paper.id === '2401.00001')!;
    expect([alpha.title, alpha.dates]).toEqual(['Alpha Networks', ['2024-01-02']]);
    const beta = result.papers.find((paper) => paper.id === '2401.00002')!;
    expect(beta.dates).toEqual(['2024-01-02', '2024-01-03']);
  });

  it('reads a .jsonl file whose first line starts with [ as JSONL, line by line, and says which format a whole-file reject assumed', async () => {
    const result = await runCase('jsonl-detection', {
      'records.jsonl':
        '[1, 2]\n' + jsonl([paperRecord(1, 'Alpha Networks'), paperRecord(2, 'Beta Models')]),
      'broken.json': 'not json at all',
    });
    expect(result.code).toBe(EXIT.warnings);
    expect(reasons(result)).toEqual([
      ['broken.json', 0, 'bad-json'],
      ['records.jsonl', 1, 'bad-record'],
    ]);
    expect(result.rejects[0]!.message).toContain(
      '(read as daily_papers JSON: the .json extension)',
    );
    expect(result.papers.map((paper) => paper.id)).toEqual(['2401.00001', '2401.00002']);
  });

  it('recovers the papers of a file with one bad byte and of a gzip with trailing garbage, counting papers', async () => {
    const records = (prefix: string, first: number) =>
      [0, 1].map((offset) => ({
        id: `${prefix}.0000${first + offset}`,
        date: '2024-01-02',
        title: `Théorie ${prefix} ${first + offset}`,
        abstract: abstract(`Topic ${prefix} ${first + offset}`),
      }));
    const text = Buffer.from(jsonl([...records('2401', 1), ...records('2401', 3)]));
    const damaged = Buffer.from(text);
    damaged[text.indexOf('Topic 2401 2')] = 0xe9;
    const gz = Buffer.concat([
      gzipSync(jsonl(records('2402', 1))),
      gzipSync(jsonl(records('2402', 3))),
      Buffer.from('GARBAGE'),
    ]);
    const result = await runCase('damaged', { 'bytes.jsonl': damaged, 'members.jsonl.gz': gz });
    expect(result.code).toBe(EXIT.ok);
    expect(result.rejects).toEqual([]);
    expect(result.papers).toHaveLength(8);
    expect(result.stderr).toContain(
      'bytes.jsonl:2: 1 byte sequence that is not UTF-8 replaced by U+FFFD',
    );
    expect(result.stderr).toMatch(
      /members\.jsonl\.gz: gzip data damaged from byte \d+ .* read the 2 complete gzip members/,
    );
    expect(result.stderr).toContain('read 8 records: 8 accepted, 0 rejected');
    const damagedPaper = result.papers.find((paper) => paper.id === '2401.00002')!;
    expect(damagedPaper.abstract).toContain('\uFFFDopic 2401 2');
  });

  it('rejects abstracts made only of invisible characters, and warns about an empty date', async () => {
    const result = await runCase('invisible', {
      'odd.jsonl': jsonl([
        paperRecord(1, 'Alpha Networks'),
        { ...paperRecord(2, 'Beta Models'), abstract: '\u200b\u200e\u2060\u2063\u3164 \u200f' },
        paperRecord(3, 'Gamma Search', ''),
      ]),
    });
    expect(result.code).toBe(EXIT.warnings);
    expect(reasons(result)).toEqual([['odd.jsonl', 2, 'no-abstract']]);
    expect(result.rejects[0]!.message).toContain('only invisible characters');
    expect(result.stderr).toMatch(/odd\.jsonl:3: 1 record has an empty "date"/);
    expect(result.papers.find((paper) => paper.id === '2401.00003')!.dates).toEqual([]);
  });
});

describe('files that are not what they seem', { timeout: RUN_TIMEOUT_MS * 2 }, () => {
  it('rejects a README as a whole instead of reading its headings as papers', async () => {
    const result = await runCase('readme', {
      'README.txt': await readFile(join(REPO, 'README.md')),
    });
    expect(result.code).toBe(EXIT.failed);
    expect(result.papers).toEqual([]);
    expect(result.stderr).toMatch(
      /README\.txt: not a papers page: it has no date line .* is Markdown or code/,
    );
    expect(result.stderr).toContain('nothing to embed (1 rejected');
  });

  it('splits a title glued onto the abstract above it, keeping both papers whole', async () => {
    const page = [
      'Mar 17',
      '',
      'Alpha Networks for Vision',
      '',
      abstract('Alpha'),
      'Beta Models of Language',
      '',
      abstract('Beta'),
      '',
      'Gamma Search Methods',
      '',
      abstract('Gamma'),
      '',
    ].join('\n');
    const result = await runCase('glued', { 'page.txt': page });
    expect(result.code).toBe(EXIT.ok);
    expect(result.stderr).toMatch(
      /page\.txt:6: a title or abstract line follows the paragraph above with no blank line between/,
    );
    const byTitle = new Map(result.papers.map((paper) => [paper.title, paper.abstract]));
    expect([...byTitle.keys()].sort()).toEqual([
      'Alpha Networks for Vision',
      'Beta Models of Language',
      'Gamma Search Methods',
    ]);
    expect(byTitle.get('Alpha Networks for Vision')).toBe(abstract('Alpha'));
    expect(byTitle.get('Beta Models of Language')).toBe(abstract('Beta'));
  });

  it('decodes a Windows-1252 page with a warning naming the file, and still refuses binary', async () => {
    const page = [
      'Mar 17',
      '',
      'Café Networks for “Résumé” Parsing',
      '',
      abstract('Café'),
      '',
    ].join('\n');
    const result = await runCase('latin1', {
      // Latin-1 bytes, with Windows-1252's curly quotes at 0x93 / 0x94.
      'page.txt': Buffer.from(page.replace('“', '\u0093').replace('”', '\u0094'), 'latin1'),
      'junk.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)),
    });
    expect(result.code).toBe(EXIT.warnings);
    expect(result.stderr).toMatch(
      /page\.txt:3: not UTF-8 but Windows-1252 \(Latin-1\) text; decoded as Windows-1252/,
    );
    expect(result.papers.map((paper) => paper.title)).toEqual([
      'Café Networks for “Résumé” Parsing',
    ]);
    expect(reasons(result)).toEqual([['junk.txt', 0, 'binary']]);
  });
});

describe('output paths', { timeout: RUN_TIMEOUT_MS }, () => {
  const seeds = join(REPO, 'seeds');

  it('refuses an --out that cannot be created, at once, before reading any input', async () => {
    const run = await cli(
      ['--input', seeds, '--out', '/proc/no-such/out', '--no-progress'],
      {},
      30_000,
    );
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr).toContain('error: --out /proc/no-such/out: cannot create /proc/no-such');
    expect(run.stderr).not.toContain('read ');
  });

  it('refuses the file system root and an input folder as --out', async () => {
    const rootRun = await cli(['--input', seeds, '--out', '/', '--no-progress']);
    expect(rootRun.code).toBe(EXIT.usage);
    expect(rootRun.stderr).toContain('is the root of the file system');
    const input = join(root, 'same', 'in');
    await mkdir(input, { recursive: true });
    await writeFile(join(input, 'a.jsonl'), jsonl([paperRecord(1, 'Alpha')]));
    const sameRun = await cli(['--input', input, '--out', input, '--no-progress']);
    expect(sameRun.code).toBe(EXIT.usage);
    expect(sameRun.stderr).toContain(`is the input folder ${input}`);
    expect(existsSync(join(input, 'current'))).toBe(false);
  });

  it('refuses an --out that is a file before reading any input', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    const run = await cli(['--input', seeds, '--out', join(file, 'out'), '--no-progress']);
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr).toContain(`${file} is a file, not a folder`);
    expect(run.stderr).not.toContain('read ');
  });

  it("resolves a relative --out and --input against the caller's folder (INIT_CWD under npm)", async () => {
    const caller = join(root, 'caller');
    await mkdir(join(caller, 'pages'), { recursive: true });
    await writeFile(
      join(caller, 'pages', 'a.jsonl'),
      jsonl([paperRecord(1, 'Alpha Networks'), paperRecord(2, 'Beta Models')]),
    );
    const run = await cli(
      ['--input', 'pages', '--out', 'relative-out', '--cache-dir', cache, '--no-progress'],
      { INIT_CWD: caller },
    );
    expect(run.code).toBe(EXIT.ok);
    expect(
      existsSync(artifactPath(committedRunDir(join(caller, 'relative-out')), 'manifest')),
    ).toBe(true);
    expect(existsSync(join(REPO, 'relative-out'))).toBe(false);
  });
});
