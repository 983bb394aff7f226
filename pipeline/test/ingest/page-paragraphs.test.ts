import { describe, expect, it } from 'vitest';
import { notPaperShaped, pageBlocks } from '../../src/ingest/page-paragraphs.ts';

const longAbstract = (topic: string) =>
  `${topic} is studied here. ` +
  'We propose a method that improves results on several benchmarks by a wide margin, analyse why it works through ablations of each component, and release the code and the trained models so that others can build on this work in the future.';

const texts = (text: string) => pageBlocks(text).blocks.map((block) => block.lines.join(' / '));

describe('pageBlocks', () => {
  it('splits a title glued under a one-line abstract, and an abstract glued under its title', () => {
    const page = [
      'Alpha Title',
      '',
      longAbstract('Alpha'),
      'Beta Title',
      '',
      longAbstract('Beta'),
      '',
      'Gamma Title',
      longAbstract('Gamma'),
    ].join('\n');
    const { blocks, splits } = pageBlocks(page);
    expect(blocks.map((block) => block.line)).toEqual([1, 3, 4, 6, 8, 9]);
    expect(splits).toEqual([4, 9]);
    expect(texts(page)).toEqual([
      'Alpha Title',
      longAbstract('Alpha'),
      'Beta Title',
      longAbstract('Beta'),
      'Gamma Title',
      longAbstract('Gamma'),
    ]);
  });

  it('never splits a line-wrapped abstract, whatever its lines look like', () => {
    const wrapped = [
      'Alpha Title',
      '',
      'We study alpha networks and show that they improve accuracy.',
      'Experiments On Three Benchmarks Show Gains',
      'over strong baselines on every benchmark we tried.',
    ].join('\n');
    expect(pageBlocks(wrapped).splits).toEqual([]);
    expect(texts(wrapped)).toHaveLength(2);
  });

  it('does not split a title line when no abstract follows it', () => {
    const page = [longAbstract('Alpha'), 'Beta Title', '', 'Another Title'].join('\n');
    expect(pageBlocks(page).splits).toEqual([]);
  });

  it('treats a line of invisible characters as blank', () => {
    expect(texts('Alpha Title\n\u200b\u200e\u3164\nAn abstract.')).toEqual([
      'Alpha Title',
      'An abstract.',
    ]);
  });
});

describe('notPaperShaped', () => {
  it('accepts paper titles and abstracts', () => {
    expect(notPaperShaped('Go Wider Instead of Deeper', 'We study width.')).toBeNull();
    expect(notPaperShaped('"Quoted" Titles: A Study', 'We study quotes.')).toBeNull();
  });

  it('names Markdown, code and headings', () => {
    expect(notPaperShaped('## Architecture', 'Text.')).toMatch(/Markdown or code/);
    expect(notPaperShaped('Libraries and why:', 'Text.')).toMatch(/ends with a colon/);
    expect(notPaperShaped('A Title', '```sh npm test ```')).toMatch(/not an abstract/);
    expect(notPaperShaped('- item', 'Text.')).toMatch(/Markdown/);
  });
});
