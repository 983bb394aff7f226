import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { artifactPath } from '../../src/output/run-folder.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeStamp, isUpToDate, writeStamp } from '../../src/demo/demo-stamp.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stamp-'));
  await mkdir(join(dir, 'src', 'deep'), { recursive: true });
  await writeFile(join(dir, 'corpus.jsonl'), 'a\n');
  await writeFile(join(dir, 'src', 'a.ts'), 'export const a = 1;\n');
  await writeFile(join(dir, 'src', 'deep', 'b.ts'), 'export const b = 2;\n');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('the demo stamp', () => {
  const inputs = () => [join(dir, 'corpus.jsonl'), join(dir, 'src')];

  it('changes when any file under a named folder changes, and only then', async () => {
    const before = await computeStamp(inputs());
    expect(await computeStamp(inputs())).toBe(before);
    await writeFile(join(dir, 'src', 'deep', 'b.ts'), 'export const b = 3;\n');
    expect(await computeStamp(inputs())).not.toBe(before);
  });

  it('says up to date only for a finished run with the same stamp', async () => {
    const out = join(dir, 'out');
    const stamp = await computeStamp(inputs());
    await writeStamp(out, stamp);
    expect(await isUpToDate(out, stamp)).toBe(false);
    await mkdir(join(out, 'public'), { recursive: true });
    await writeFile(artifactPath(out, 'manifest'), '{}');
    expect(await isUpToDate(out, stamp)).toBe(true);
    expect(await isUpToDate(out, 'other')).toBe(false);
  });
});
