import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkModelFiles,
  DEFAULT_MODEL_DIR,
  ModelFilesError,
  modelFingerprint,
  parseChecksums,
  REQUIRED_MODEL_FILES,
} from '../../src/embed/model-files.ts';

let dirs: string[] = [];

/** A model directory with small stand-in files and a matching SHA256SUMS. */
async function fakeModelDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'model-files-'));
  dirs.push(dir);
  await cp(join(DEFAULT_MODEL_DIR, 'config.json'), join(dir, 'config.json'));
  await cp(join(DEFAULT_MODEL_DIR, 'tokenizer_config.json'), join(dir, 'tokenizer_config.json'));
  await writeFile(join(dir, 'tokenizer.json'), '{}');
  await mkdir(join(dir, 'onnx'));
  await cp(join(DEFAULT_MODEL_DIR, 'config.json'), join(dir, 'onnx', 'model_quantized.onnx'));
  return dir;
}

async function writeSums(dir: string): Promise<void> {
  const { files } = await checkModelFiles(dir, false);
  const lines = Object.entries(files).map(([path, hash]) => `${hash}  ${path}\n`);
  await writeFile(join(dir, 'SHA256SUMS'), lines.join(''));
}

afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

describe('model files', () => {
  it('verifies the bundled model against its SHA256SUMS', async () => {
    const checked = await checkModelFiles(DEFAULT_MODEL_DIR, true);
    expect(checked.verified).toBe(true);
    expect(Object.keys(checked.files)).toEqual([...REQUIRED_MODEL_FILES].sort());
    const sums = parseChecksums(await readFile(join(DEFAULT_MODEL_DIR, 'SHA256SUMS'), 'utf8'), 'x');
    for (const [path, hash] of sums) expect(checked.files[path]).toBe(hash);
  });

  it('names an altered file', async () => {
    const dir = await fakeModelDir();
    await writeSums(dir);
    await writeFile(join(dir, 'tokenizer.json'), '{"altered": true}');
    const error = await checkModelFiles(dir, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFilesError);
    expect((error as ModelFilesError).problem).toBe('checksum');
    expect((error as ModelFilesError).file).toBe(join(dir, 'tokenizer.json'));
    expect((error as Error).message).toContain('tokenizer.json');
  });

  it('names a missing file, and a file the checksum list does not cover', async () => {
    const dir = await fakeModelDir();
    await writeSums(dir);
    const sums = await readFile(join(dir, 'SHA256SUMS'), 'utf8');
    const withoutConfig = sums.split('\n').filter((line) => !line.endsWith('  config.json'));
    await writeFile(join(dir, 'SHA256SUMS'), withoutConfig.join('\n'));
    await expect(checkModelFiles(dir, true)).rejects.toMatchObject({ problem: 'unlisted' });
    await writeFile(join(dir, 'SHA256SUMS'), sums);
    await rm(join(dir, 'onnx', 'model_quantized.onnx'));
    await expect(checkModelFiles(dir, true)).rejects.toMatchObject({
      problem: 'missing',
      file: join(dir, 'onnx', 'model_quantized.onnx'),
    });
  });

  it('hashes an unlisted directory without vouching for it, unless checksums are required', async () => {
    const dir = await fakeModelDir();
    const checked = await checkModelFiles(dir, false);
    expect(checked.verified).toBe(false);
    expect(Object.keys(checked.files)).toHaveLength(REQUIRED_MODEL_FILES.length);
    await expect(checkModelFiles(dir, true)).rejects.toMatchObject({ problem: 'missing' });
  });

  it('fingerprints content, independent of key order', () => {
    const a = modelFingerprint({ 'a.json': '1', 'b.onnx': '2' });
    expect(modelFingerprint({ 'b.onnx': '2', 'a.json': '1' })).toBe(a);
    expect(modelFingerprint({ 'a.json': '1', 'b.onnx': '3' })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{16}$/);
  });

  it('rejects a malformed checksum line with its line number', () => {
    expect(() => parseChecksums('abc  config.json\n', 'SUMS')).toThrow(/SUMS:1/);
  });
});
