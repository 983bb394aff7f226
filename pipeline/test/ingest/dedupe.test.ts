import { describe, expect, it } from 'vitest';
import { dedupeRecords } from '../../src/ingest/dedupe.ts';
import { titleId, titleKey } from '../../src/ingest/identity.ts';
import type { PaperRecord } from '../../src/ingest/types.ts';

let line = 0;
function record(
  title: string,
  dates: string[],
  arxivId: string | null = null,
  abstract = 'An abstract.',
): PaperRecord {
  line++;
  return { source: { file: 'in.txt', line }, dates, title, abstract, arxivId };
}

describe('dedupeRecords', () => {
  it('collapses case, punctuation and spacing variants of a title into one paper', () => {
    const result = dedupeRecords([
      record('PFGM++: Unlocking the Potential of Physics-Inspired Generative Models', [
        '2024-03-17',
      ]),
      record('pfgm++ unlocking the potential of physics inspired generative models', [
        '2024-03-11',
      ]),
      record('PFGM++  Unlocking the Potential of Physics‐Inspired Generative Models.', [
        '2024-03-14',
      ]),
    ]);
    expect(result.papers).toHaveLength(1);
    const paper = result.papers[0]!;
    expect(paper.id).toBe(
      titleId(titleKey('PFGM++: Unlocking the Potential of Physics-Inspired Generative Models')),
    );
    expect(paper.dates).toEqual(['2024-03-11', '2024-03-14', '2024-03-17']);
    expect(paper.arxivId).toBeNull();
    expect(paper.url).toBeNull();
    expect(paper.sources.map((s) => s.line)).toHaveLength(3);
    expect(result.duplicates).toBe(2);
    expect(result.duplicatesSameDay).toBe(0);
  });

  it('merges a title-only record into the paper with the same title and an arXiv id', () => {
    const result = dedupeRecords([
      record('Go Wider Instead of Deeper', ['2024-03-11']),
      record('Go wider instead of deeper', ['2024-03-12'], '2107.11817'),
      record('Something Else', ['2024-03-12']),
    ]);
    expect(result.papers.map((p) => [p.id, p.dates, p.sources.length])).toEqual([
      ['2107.11817', ['2024-03-11', '2024-03-12'], 2],
      [titleId(titleKey('Something Else')), ['2024-03-12'], 1],
    ]);
    expect(result.papers[0]!.url).toBe('https://arxiv.org/abs/2107.11817');
  });

  it('keeps papers with different arXiv ids apart even with the same title, and says where a title-only record went', () => {
    const result = dedupeRecords([
      record('Same Title', ['2024-01-01'], '2401.00002'),
      record('Same Title', ['2024-01-01'], '2401.00001'),
      record('same title', ['2024-01-02']),
    ]);
    expect(result.papers.map((p) => [p.id, p.sources.length])).toEqual([
      ['2401.00001', 2],
      ['2401.00002', 1],
    ]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /matches 2 arXiv papers \(2401\.00001, 2401\.00002\); merged into 2401\.00001/,
    );
  });

  it('counts a repeat on the same day once, as a same-day duplicate', () => {
    const result = dedupeRecords([
      record('A Paper', ['2024-03-17'], '2403.00001'),
      record('A Paper', ['2024-03-17'], '2403.00001'),
      record('A Paper', ['2024-03-18'], '2403.00001'),
      record('A Paper', [], '2403.00001'),
    ]);
    expect(result.papers).toHaveLength(1);
    expect(result.papers[0]!.dates).toEqual(['2024-03-17', '2024-03-18']);
    expect(result.duplicates).toBe(3);
    expect(result.duplicatesSameDay).toBe(1);
  });

  it('chooses the text of a paper by content, whatever the reading order', () => {
    const records = [
      record('A Title', ['2024-03-17'], '2403.00001', 'A much longer'),
      record('A title.', ['2024-03-18'], '2403.00001', 'A much longer abstract text.'),
      record('a title', ['2024-03-19'], '2403.00001', 'A much longer abstract text.'),
    ];
    const forward = dedupeRecords(records).papers[0]!;
    const backward = dedupeRecords([...records].reverse()).papers[0]!;
    expect([forward.title, forward.abstract]).toEqual(['A title.', 'A much longer abstract text.']);
    expect([backward.id, backward.title, backward.abstract, backward.dates]).toEqual([
      forward.id,
      forward.title,
      forward.abstract,
      forward.dates,
    ]);
  });

  it('keeps the first of two records with one arXiv id but other texts, and rejects the other naming both', () => {
    const first = record('Alpha Networks', ['2024-03-17'], '2403.00001', 'About alpha.');
    const other = record('Beta Models', ['2024-03-18'], '2403.00001', 'About beta.');
    const sameTitle = record('Alpha Networks', ['2024-03-19'], '2403.00001', 'Not alpha.');
    const result = dedupeRecords([first, other, sameTitle]);
    expect(result.papers.map((paper) => [paper.title, paper.abstract, paper.dates])).toEqual([
      ['Alpha Networks', 'About alpha.', ['2024-03-17']],
    ]);
    expect(result.rejects.map((item) => [item.reason, item.source])).toEqual([
      ['conflicting-duplicate', other.source],
      ['conflicting-duplicate', sameTitle.source],
    ]);
    expect(result.rejects[0]!.message).toContain(`${first.source.file}:${first.source.line}`);
    expect(result.rejects[0]!.message).toContain('another title and abstract');
    expect(result.rejects[1]!.message).toContain('another abstract');
    expect(result.duplicates).toBe(0);
  });

  it('sorts papers by id and keeps sources in reading order', () => {
    const result = dedupeRecords([
      record('B', ['2024-01-02'], '2402.00001'),
      record('A', ['2024-01-01'], '2401.00001'),
      record('B', ['2024-01-01'], '2402.00001'),
    ]);
    expect(result.papers.map((p) => p.id)).toEqual(['2401.00001', '2402.00001']);
    const b = result.papers[1]!;
    expect(b.sources[0]!.line).toBeLessThan(b.sources[1]!.line);
  });

  it('puts undated papers first, then orders by first day, then by id', () => {
    const result = dedupeRecords([
      record('Late', ['2024-01-03'], '2301.00001'),
      record('Early B', ['2024-01-01', '2024-01-03'], '2402.00002'),
      record('Early A', ['2024-01-01'], '2402.00001'),
      record('Undated', [], '2405.00001'),
    ]);
    expect(result.papers.map((p) => p.id)).toEqual([
      '2405.00001',
      '2402.00001',
      '2402.00002',
      '2301.00001',
    ]);
  });
});
