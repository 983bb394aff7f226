/**
 * Which watch-list file the dashboard edits: the run's recorded file by default, a different
 * `--themes` with a notice, a missing or changed recorded file with a warning, and the default
 * for runs without the record (manifests written as files; nothing else of a run is read).
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../../../pipeline/src/output/run-folder.ts';
import { chooseWatchListFile } from '../../server/watch-list-file.ts';

const THEMES = '{"defaultThreshold": 0.4, "themes": []}\n';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

let root: string;
let work: string;
let defaultFile: string;

/** A data folder whose run's manifest has `themes` (or none when undefined). */
async function dataWith(name: string, themes: unknown): Promise<string> {
  const dataDir = join(root, name);
  const file = artifactPath(dataDir, 'manifest');
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, JSON.stringify({ schemaVersion: 1, ...(themes ? { themes } : {}) }));
  return dataDir;
}

const choose = (dataDir: string, given?: string) =>
  chooseWatchListFile({ given, dataDir, workDir: work, defaultFile });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'watch-list-file-'));
  work = join(root, 'work');
  await mkdir(join(work, 'config'), { recursive: true });
  defaultFile = join(work, 'config', 'themes.json');
  await writeFile(defaultFile, THEMES);
  await writeFile(join(work, 'mine.json'), THEMES);
  await writeFile(join(root, 'outside.json'), THEMES);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('chooseWatchListFile', () => {
  it('edits the file the run recorded, relative to the working directory', async () => {
    const data = await dataWith('relative', { file: 'mine.json', sha256: sha256(THEMES) });
    const choice = await choose(data);
    expect(choice.file).toBe(join(work, 'mine.json'));
    expect(choice.notices).toEqual([
      `watch list: editing ${join(work, 'mine.json')}, the file the run was scored from`,
    ]);
  });

  it('edits a recorded absolute path outside the working directory', async () => {
    const outside = join(root, 'outside.json');
    const data = await dataWith('absolute', { file: outside, sha256: sha256(THEMES) });
    expect((await choose(data)).file).toBe(outside);
  });

  it('edits a given --themes that is not the recorded file, and says so in one line', async () => {
    const data = await dataWith('given', { file: 'mine.json', sha256: sha256(THEMES) });
    const given = join(root, 'outside.json');
    const choice = await choose(data, given);
    expect(choice.file).toBe(given);
    expect(choice.notices).toHaveLength(1);
    expect(choice.notices[0]).toContain(
      `editing ${given} (--themes), not ${join(work, 'mine.json')}`,
    );
    expect(choice.notices[0]).not.toContain('\n');
    // The recorded file given again is no news.
    const same = await choose(data, join(work, 'mine.json'));
    expect(same.file).toBe(join(work, 'mine.json'));
    expect(same.notices.join('\n')).not.toContain('--themes');
  });

  it('warns when the recorded file is missing', async () => {
    const data = await dataWith('missing', { file: 'gone.json', sha256: sha256(THEMES) });
    const choice = await choose(data);
    expect(choice.file).toBe(join(work, 'gone.json'));
    expect(choice.notices[1]).toMatch(
      /^warning: .*gone\.json, the watch list the run was scored from, cannot be read/,
    );
  });

  it('warns when the recorded file changed since the run', async () => {
    const data = await dataWith('changed', { file: 'mine.json', sha256: sha256('older bytes') });
    const choice = await choose(data);
    expect(choice.file).toBe(join(work, 'mine.json'));
    expect(choice.notices[1]).toBe(
      `warning: ${join(work, 'mine.json')} changed since the run was scored from it: the first ` +
        'edit re-scores every theme from the file as it is now',
    );
    // Checked for a --themes naming the recorded file too.
    expect((await choose(data, join(work, 'mine.json'))).notices[1]).toContain('changed since');
  });

  it('falls back to the default for a run without the record, and without any run', async () => {
    const older = await dataWith('older', undefined);
    expect(await choose(older)).toEqual({
      file: defaultFile,
      notices: [
        `watch list: editing ${defaultFile} (the default: the run records no watch-list file)`,
      ],
    });
    const malformed = await dataWith('malformed', { file: 'mine.json', sha256: 'not a hash' });
    expect((await choose(malformed)).file).toBe(defaultFile);
    expect((await choose(join(root, 'no-run'))).notices[0]).toContain('no run yet');
    const given = join(root, 'outside.json');
    expect((await choose(older, given)).file).toBe(given);
  });
});
