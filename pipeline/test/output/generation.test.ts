import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  mkdir,
  mkdtemp,
  readFile,
  readdir,
  readlink,
  rm,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  beginGeneration,
  commitGeneration,
  committedGeneration,
  writeGeneration,
} from '../../src/output/generation.ts';
import { committedRunDir } from '../../src/output/run-folder.ts';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'generation-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

const writeOne = (text: string) => (dir: string) => writeFile(join(dir, 'a.txt'), text);

describe('generation folders', () => {
  it('has no committed generation in a new folder, and readers then take the folder itself', () => {
    expect(committedGeneration(out)).toBeUndefined();
    expect(committedRunDir(out)).toBe(out);
  });

  it('commits a written generation by pointing current at it', async () => {
    const { dir } = await writeGeneration(out, writeOne('one'));
    expect(dir).toBe(join(out, 'generations', '1'));
    expect(await readlink(join(out, 'current'))).toBe('generations/1');
    expect(committedRunDir(out)).toBe(dir);
    expect(await readFile(join(committedRunDir(out), 'a.txt'), 'utf8')).toBe('one');
  });

  it('keeps the new and the replaced generation, removes older ones and strays', async () => {
    await writeGeneration(out, writeOne('one'));
    await writeGeneration(out, writeOne('two'));
    // What a killed run leaves: a half-written generation and a link that was never switched.
    await beginGeneration(out);
    await symlink('generations/3', join(out, '.current.999999.tmp'));
    const { dir } = await writeGeneration(out, writeOne('four'));
    expect(dir).toBe(join(out, 'generations', '4'));
    expect((await readdir(join(out, 'generations'))).sort()).toEqual(['2', '4']);
    expect((await readdir(out)).sort()).toEqual(['current', 'generations']);
    expect(await readFile(join(committedRunDir(out), 'a.txt'), 'utf8')).toBe('four');
  });

  it('leaves current as it was when writing fails, and removes the failed folder', async () => {
    await writeGeneration(out, writeOne('one'));
    await expect(
      writeGeneration(out, async () => {
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(committedGeneration(out)?.number).toBe(1);
    expect(await readdir(join(out, 'generations'))).toEqual(['1']);
  });

  it('ignores a current link that points anywhere but an existing generation', async () => {
    await symlink('elsewhere', join(out, 'current'));
    expect(committedGeneration(out)).toBeUndefined();
    await rm(join(out, 'current'));
    await symlink('generations/7', join(out, 'current'));
    expect(committedGeneration(out)).toBeUndefined();
    await mkdir(join(out, 'generations', '7'), { recursive: true });
    expect(committedGeneration(out)?.number).toBe(7);
  });

  it('numbers a new generation above every folder there, committed or not', async () => {
    await mkdir(join(out, 'generations', '5'), { recursive: true });
    const generation = await beginGeneration(out);
    expect(generation.number).toBe(6);
    await commitGeneration(out, generation);
    expect(committedGeneration(out)?.number).toBe(6);
  });
});
