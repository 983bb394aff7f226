/** `npm run fetch` and `npm run update` as a user runs them: summary lines and exit codes. */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { startReplayServer, type ReplayServer } from '../fetch/replay-server.ts';

const run = promisify(execFile);

async function cli(
  command: 'fetch' | 'update',
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--import', 'tsx', `pipeline/src/cli/${command}.ts`, ...args],
      { env: { ...process.env, DEBUG: '' } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('fetch command', () => {
  let server: ReplayServer;
  let dir: string;
  beforeAll(async () => {
    server = await startReplayServer(['pipeline/test/fixtures/fetch']);
    dir = await mkdtemp(join(tmpdir(), 'fetch-cli-'));
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('reports a failed day with its reason and exits with the warnings code, then fills it in', async () => {
    const args = ['--from', '2025-07-22', '--to', '2025-07-27', '--out', dir, '--no-progress'];
    server.script('2025-07-23', [{ kind: 'status', status: 500 }], true);
    const first = await cli('fetch', [...args, '--base-url', server.baseUrl, '--retries', '0']);
    expect(first.code).toBe(EXIT.warnings);
    expect(first.stderr).toContain(
      '3 days fetched (34 papers), 2 empty, 0 already saved, 1 failed',
    );
    expect(first.stderr).toContain(
      '2025-07-23 failed: HTTP 500 (1 attempt); no file written, the next run tries again',
    );
    expect(await readdir(dir)).not.toContain('2025-07-23.json');

    server.script('2025-07-23', []);
    const second = await cli('fetch', [...args, '--base-url', server.baseUrl]);
    expect(second.code).toBe(EXIT.ok);
    expect(second.stderr).toContain(
      '1 days fetched (13 papers), 0 empty, 5 already saved, 0 failed',
    );
  });

  it('refuses a range that runs backwards with the usage code', async () => {
    const { code, stderr } = await cli('fetch', ['--from', '2025-07-27', '--to', '2025-07-26']);
    expect(code).toBe(EXIT.usage);
    expect(stderr).toContain('error: --from 2025-07-27 is after --to 2025-07-26');
  });

  it('update lists its exit codes in --help', async () => {
    const { code, stdout } = await cli('update', ['--help']);
    expect(code).toBe(EXIT.ok);
    for (const exit of [0, 1, 2, 3, 4])
      expect(stdout).toMatch(new RegExp(`^ {2}${exit} {2}\\S`, 'm'));
    expect(stdout).toContain('Exit codes:');
  });
});
