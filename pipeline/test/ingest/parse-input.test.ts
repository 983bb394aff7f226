import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, parseInput } from '../../src/ingest/parse-input.ts';

describe('detectFormat', () => {
  it.each([
    ['[{"paper": {}}]', 'a.json', 'hf-api-json'],
    ['[{"paper": {}}]', 'a.txt', 'hf-api-json'],
    ['[Daily Papers]\n\nMar 17\n', 'a.txt', 'page-text'],
    ['{Daily Papers}\n\nMar 17\n', 'a.txt', 'page-text'],
    ['[Daily Papers]\n\nMar 17\n', 'a.json', 'hf-api-json'],
    ['{\n  "status": "success",\n  "data": []\n}', 'a.json', 'hf-api-json'],
    ['{"status": "success", "date": "2025-01-10", "data": []}', 'a.json', 'hf-api-json'],
    ['{"title": "A", "abstract": "S."}\n{"title": "B"}', 'a.json', 'jsonl'],
    ['{"title": "A", "abstract": "S."}', 'papers', 'jsonl'],
    ['{broken', 'a.jsonl.gz', 'jsonl'],
    ['{broken', 'a.ndjson', 'jsonl'],
    ['not json at all', 'a.jsonl', 'jsonl'],
    ['not json at all', 'a.json', 'hf-api-json'],
    ['new\n\nMar 17\n', 'a.txt', 'page-text'],
    ['new\n\nMar 17\n', 'a', 'page-text'],
  ])('reads %j named %s as %s', (text, file, format) => {
    expect(detectFormat(text, file)).toBe(format);
  });
});

describe('parseInput', () => {
  const page = 'new\n\nMar 17\n\nA Title\n\nAn abstract that ends with a full stop.\n';

  it('decodes, detects and parses, hashing the raw bytes', () => {
    const bytes = gzipSync(new TextEncoder().encode(page));
    const parsed = parseInput(bytes, 'p.txt.gz', { year: 2024 });
    expect(parsed.format).toBe('page-text');
    expect(parsed.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.records.map((r) => [r.title, r.dates])).toEqual([['A Title', ['2024-03-17']]]);
  });

  it('reports a file that is not text as one read record and one reject, format unknown', () => {
    const parsed = parseInput(new Uint8Array([0, 1, 2, 3]), 'junk.txt', {});
    expect(parsed).toMatchObject({ format: 'unknown', read: 1, records: [] });
    expect(parsed.rejects.map((r) => r.reason)).toEqual(['binary']);
  });
});
