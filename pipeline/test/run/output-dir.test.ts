/**
 * The output folder's checks belong to the run, so every command that runs the pipeline
 * (`pipeline`, `update`, `demo`) gets them, with the exit codes the command line documents
 * (the command itself is tested in `pipeline/test/cli/bad-inputs.test.ts`).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/describe-error.ts';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { silentProgress } from '../../src/cli/progress.ts';
import { OutputPathError, prepareOutputDir } from '../../src/run/output-dir.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { createFakeEmbedder } from '../embed/fake-embedder.ts';
import { testRunOptions } from './test-run-options.ts';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'output-dir-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(OutputPathError);
  return describeError(error);
};

describe('prepareOutputDir', () => {
  it('refuses the root and an input folder as a misuse (exit 2)', async () => {
    expect((await refusal(prepareOutputDir('/', []))).exitCode).toBe(EXIT.usage);
    const input = join(root, 'in');
    await mkdir(input);
    const same = await refusal(prepareOutputDir(input, [input]));
    expect(same).toEqual({
      exitCode: EXIT.usage,
      message: expect.stringContaining(`is the input folder ${input}`) as string,
    });
  });

  it('refuses a path under a file as a run that cannot be done (exit 1)', async () => {
    const file = join(root, 'a-file');
    await writeFile(file, 'x');
    const under = await refusal(prepareOutputDir(join(file, 'out'), []));
    expect(under.exitCode).toBe(EXIT.failed);
    expect(under.message).toContain(`${file} is a file, not a folder`);
  });

  it('creates a missing folder', async () => {
    await prepareOutputDir(join(root, 'new', 'out'), []);
    expect(existsSync(join(root, 'new', 'out'))).toBe(true);
  });
});

describe('runPipeline', () => {
  it('checks the output folder itself, before reading any input', async () => {
    const input = join(root, 'pages');
    await mkdir(input);
    await writeFile(join(input, 'a.jsonl'), '{"title": "Alpha", "abstract": "An abstract."}\n');
    const lines: string[] = [];
    const refused = await refusal(
      runPipeline(testRunOptions([input], input), {
        log: (line) => lines.push(line),
        progress: silentProgress,
        loadEmbedder: async () => createFakeEmbedder(16),
      }),
    );
    expect(refused.exitCode).toBe(EXIT.usage);
    expect(lines).toEqual([]);
    expect(existsSync(join(input, 'current'))).toBe(false);
  });
});
