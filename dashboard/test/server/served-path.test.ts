import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { servableFile, staysInside } from '../../server/served-path.ts';

let root: string;
let served: string;

beforeAll(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'served-path-')));
  served = join(root, 'served');
  await mkdir(join(served, 'sub'), { recursive: true });
  await writeFile(join(served, 'sub', 'a.json'), '{}');
  await writeFile(join(root, 'secret.txt'), 'SECRET');
  await mkdir(join(root, 'served-sibling'));
  await writeFile(join(root, 'served-sibling', 'b.json'), '{}');
  await symlink(join(root, 'secret.txt'), join(served, 'out.json'));
  await symlink(join(root, 'served-sibling'), join(served, 'linked-dir'));
  await symlink(join(served, 'sub', 'a.json'), join(served, 'in.json'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('servableFile', () => {
  it('gives regular files inside the folder, through links that stay inside', async () => {
    expect(await servableFile(served, 'sub/a.json')).toBe(join(served, 'sub', 'a.json'));
    expect(await servableFile(served, 'in.json')).toBe(join(served, 'sub', 'a.json'));
  });

  it('refuses links out, sibling folders with the same prefix, folders and missing files', async () => {
    expect(await servableFile(served, 'out.json')).toBeNull();
    expect(await servableFile(served, 'linked-dir/b.json')).toBeNull();
    expect(await servableFile(served, '../served-sibling/b.json')).toBeNull();
    expect(await servableFile(served, 'sub')).toBeNull();
    expect(await servableFile(served, 'none.json')).toBeNull();
  });
});

describe('staysInside', () => {
  it('lets missing paths and paths inside through, stops links out', async () => {
    expect(await staysInside(served, '/sub/a.json')).toBe(true);
    expect(await staysInside(served, '/')).toBe(true);
    expect(await staysInside(served, '/none.js')).toBe(true);
    expect(await staysInside(served, '/out.json')).toBe(false);
    expect(await staysInside(served, '/linked-dir/b.json')).toBe(false);
  });
});
