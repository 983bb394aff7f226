/**
 * Page text to paragraphs: runs of non-blank lines, split again where a copy lost the blank
 * line between a paper's abstract and the next paper's title (or between a title and its
 * abstract). Without the split, a title glued onto the previous abstract silently corrupts that
 * abstract and leaves the next abstract without a title.
 */
import { hasVisibleText, joinWrappedLines } from './normalize.ts';

/**
 * A paragraph with more words than this is an abstract: the longest of 84,605 real arXiv titles
 * (Hugging Face daily papers and arXiv cs listings) has 32 words.
 */
export const TITLE_MAX_WORDS = 40;

/**
 * Whether a paragraph is an abstract rather than a title. Titles are short and do not end with a
 * full stop (none of the 84,605 real titles does); abstracts are long or end with one (95 % end
 * with a full stop, and the rest are long: the median abstract has about 200 words).
 */
export function looksLikeAbstract(paragraph: string): boolean {
  return wordCount(paragraph) > TITLE_MAX_WORDS || /\.["'”’)\]]*$/u.test(paragraph);
}

function wordCount(text: string): number {
  return text.split(' ').length;
}

/** A run of non-blank lines. */
export interface Block {
  /** 1-based line of its first line. */
  line: number;
  lines: string[];
}

/** Paragraphs of a page and the places where glued paragraphs were split. */
export interface PageBlocks {
  blocks: Block[];
  /** 1-based lines where a block was split, for a warning. */
  splits: number[];
}

/**
 * A whole abstract on one line, as the site's page text has it: more words than any title.
 * Line-wrapped text never has that many words on a line, so wrapped abstracts are never split.
 */
const isAbstractLine = (line: string) => wordCount(joinWrappedLines([line])) > TITLE_MAX_WORDS;

/** A line that could be a title on its own: short, no closing full stop, starts like a title. */
function isTitleLine(line: string): boolean {
  const text = joinWrappedLines([line]);
  return !looksLikeAbstract(text) && /^["'“‘([]?[\p{L}\p{N}]/u.test(text);
}

function endsSentence(line: string): boolean {
  return /[.!?]["'”’)\]]*$/u.test(joinWrappedLines([line]));
}

/**
 * Where `block` should be split (indexes of the lines that start a new paragraph):
 * - a title line after a one-line abstract that ends a sentence, when an abstract follows it
 *   (the next line of the block, or the next block when it is the block's last line);
 * - a one-line abstract after title lines (the lines since the last split are not an abstract).
 */
function splitPoints(block: Block, nextBlock: Block | undefined): number[] {
  const { lines } = block;
  const points: number[] = [];
  let start = 0;
  for (let i = 1; i < lines.length; i++) {
    const previous = lines[i - 1]!;
    const line = lines[i]!;
    const following =
      i + 1 < lines.length
        ? isAbstractLine(lines[i + 1]!)
        : nextBlock !== undefined && looksLikeAbstract(joinWrappedLines(nextBlock.lines));
    const titleAfterAbstract =
      isAbstractLine(previous) && endsSentence(previous) && isTitleLine(line) && following;
    const abstractAfterTitle =
      isAbstractLine(line) && !looksLikeAbstract(joinWrappedLines(lines.slice(start, i)));
    if (titleAfterAbstract || abstractAfterTitle) {
      points.push(i);
      start = i;
    }
  }
  return points;
}

/**
 * Splits page text into paragraphs. A line with nothing visible on it counts as blank. A block
 * is split where {@link splitPoints} says a blank line was lost.
 */
export function pageBlocks(text: string): PageBlocks {
  const raw: Block[] = [];
  let current: Block | null = null;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (!hasVisibleText(line)) {
      current = null;
      return;
    }
    if (current === null) {
      current = { line: index + 1, lines: [] };
      raw.push(current);
    }
    current.lines.push(line);
  });
  const blocks: Block[] = [];
  const splits: number[] = [];
  raw.forEach((block, index) => {
    let from = 0;
    for (const at of [...splitPoints(block, raw[index + 1]), block.lines.length]) {
      if (at === block.lines.length && from === 0) {
        blocks.push(block);
        break;
      }
      blocks.push({ line: block.line + from, lines: block.lines.slice(from, at) });
      if (at < block.lines.length) splits.push(block.line + at);
      from = at;
    }
  });
  return { blocks, splits };
}

/** Markdown or code at the start of a paragraph: headings, lists, quotes, tables, fences, images, HTML. */
const MARKUP_START = /^(?:#{1,6}\s|[-*+]\s|>\s?|\||```|!\[|<[a-z!/]|\d+[.)]\s)/i;

/**
 * Why a title / abstract pair does not look like a paper (Markdown, code, a heading that ends
 * with a colon), or null when it does. Used for pages without a date line, which must show
 * their shape through their pairs.
 */
export function notPaperShaped(title: string, abstract: string): string | null {
  if (MARKUP_START.test(title)) return `"${title}" is Markdown or code, not a paper title`;
  if (/:$/.test(title)) return `"${title}" ends with a colon, like a heading, not a paper title`;
  if (!/^["'“‘([]?[\p{L}\p{N}]/u.test(title)) return `"${title}" does not start like a title`;
  if (MARKUP_START.test(abstract) || abstract.includes('```'))
    return 'its text is Markdown or code, not an abstract';
  return null;
}
