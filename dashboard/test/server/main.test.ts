/** The dashboard command's exit codes agree with the pipeline's (`pipeline/src/cli/exit-codes.ts`). */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../../pipeline/src/cli/exit-codes.ts';

const run = promisify(execFile);

async function command(
  script: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('dashboard command', () => {
  it('exits 2 on an invalid command line, as the pipeline does', async () => {
    const { code, stderr } = await command('dashboard/server/main.ts', ['--port', 'abc']);
    expect(stderr).toContain('port');
    expect(code).toBe(EXIT.usage);
    expect((await command('dashboard/server/main.ts', ['--no-such-option'])).code).toBe(EXIT.usage);
  });

  it('exits 0 on --help', async () => {
    const { code, stdout } = await command('dashboard/server/main.ts', ['--help']);
    expect(stdout).toContain('--no-search');
    expect(code).toBe(EXIT.ok);
  });
});
