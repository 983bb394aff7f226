/**
 * Text normalization shared by every parser: one spelling of whitespace, one Unicode form, and
 * line-wrapped paragraphs joined back into one line.
 */

/** Characters that render as nothing: soft hyphen, zero-width spaces and joiners, word joiner, BOM. */
const INVISIBLE = '\u00AD\u200B-\u200D\u2060\uFEFF';
/** C0/C1 control characters other than tab and line ends; they only ever appear as damage. */
const CONTROL = '\u0000-\u0008\u000E-\u001F\u007F-\u009F';
/**
 * Everything that is not already a lone plain space: runs of two or more whitespace, control or
 * invisible characters, or one such character other than a plain space. Matching lone spaces too
 * would cost a replacement per word.
 */
const UNTIDY = new RegExp(`[\\s${CONTROL}${INVISIBLE}]{2,}|[^\\S ]|[${CONTROL}${INVISIBLE}]`, 'g');
const ONLY_INVISIBLE = new RegExp(`^[${INVISIBLE}]+$`);

/**
 * NFC, invisible characters removed, control characters and every run of whitespace (tabs,
 * line ends, non-breaking and other Unicode spaces) turned into one space, trimmed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .replace(UNTIDY, (run) => (ONLY_INVISIBLE.test(run) ? '' : ' '))
    .trim();
}

/**
 * Characters that show nothing on their own: format characters (zero-width, bidi marks, tags),
 * controls, separators and whitespace, combining marks, and the Hangul fillers and blank braille
 * pattern, which are letters or symbols by category but render blank.
 */
const NOTHING_VISIBLE = /[\p{Cf}\p{Cc}\p{Z}\s\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]/gu;

/** Whether `text` has at least one character that shows (a text of only invisible characters is empty). */
export function hasVisibleText(text: string): boolean {
  return text.replace(NOTHING_VISIBLE, '') !== '';
}

/** A line that ends in a word and a hyphen (`state-of-`, `GPT-`). */
const HYPHEN_END = /[\p{L}\p{N}]-$/u;
const WORD_START = /^[\p{L}\p{N}]/u;

/**
 * Joins the lines of one wrapped paragraph with single spaces, except after a line that ends in
 * `<letter or digit>-` before a line that starts with a letter or digit: there the hyphen is kept
 * and no space is added (`state-of-` + `the-art` → `state-of-the-art`, `Vision-` + `Language`
 * → `Vision-Language`). A hyphen at a line end is never removed: whether it split a compound or
 * a word (`compu-` + `tation`) cannot be told from the text, and keeping it never loses a
 * character. The one case this gets wrong is a suspended hyphen at a line end (`pre-` + `and
 * post-training` → `pre-and post-training`).
 */
export function joinWrappedLines(lines: readonly string[]): string {
  let joined = '';
  for (const raw of lines) {
    const line = normalizeText(raw);
    if (line === '') continue;
    if (joined === '') joined = line;
    else if (HYPHEN_END.test(joined) && WORD_START.test(line)) joined += line;
    else joined += ` ${line}`;
  }
  return joined;
}

/** Up to 200 characters of `text`, whitespace collapsed, for a reject's `excerpt`. */
export function excerptOf(text: string): string {
  const flat = normalizeText(text);
  return flat.length <= 200 ? flat : `${flat.slice(0, 199)}…`;
}
