/**
 * Finds the words of a text for the tokenizer, one char code at a time. A word is letters and
 * digits (`\p{L}`, `\p{N}`) joined by a hyphen or an apostrophe (' or ’) before a letter or digit,
 * or by a dot between two digits ("Qwen2.5-VL-7B", "GPT-4.1"); a dot before a space or the end of
 * the text is never inside a word, so sentence ends ("in 2024. We") stay gaps between words.
 * Between two words, a sentence mark (. ! ?) starts a sentence and any character but white space
 * (`\s`) ends a phrase.
 *
 * The same words as the pattern `[\p{L}\p{N}]+(?:(?:[-'’]|(?<=\p{N})\.(?=\p{N}))[\p{L}\p{N}]+)*`
 * (flags `gu`) that the tokenizer used before, at a fraction of its cost: a table lookup per code
 * unit instead of a Unicode pattern with a lookbehind, a match object per word and tests on the
 * text between words.
 */

import { HASH_SEED, hashUnit } from './substring-ids.ts';

const LETTER = 0;
const DIGIT = 1;
const SPACE = 2;
const MARK = 3;
const SENTENCE_MARK = 4;
const UNKNOWN = 5;

/**
 * Class of one code point, from the same Unicode properties a regular expression uses, so the
 * scanner agrees with the engine's Unicode tables.
 */
function classify(char: string): number {
  if (/\p{L}/u.test(char)) return LETTER;
  if (/\p{N}/u.test(char)) return DIGIT;
  if (/\s/u.test(char)) return SPACE;
  return char === '.' || char === '!' || char === '?' ? SENTENCE_MARK : MARK;
}

// Per UTF-16 code unit, filled on first sight. Lone surrogates are classified as themselves, as
// the `u` flag does.
const unitClass = new Uint8Array(0x10000).fill(UNKNOWN);
// Code points beyond the Basic Multilingual Plane (mathematical letters, emoji): rare.
const astralClass = new Map<number, number>();

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** Code units of the code point at `i` of `text`: 2 for a surrogate pair, else 1. */
function width(text: string, i: number): number {
  return isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1)) ? 2 : 1;
}

/** Class of the code point starting at `i` of `text` (`i` < its length). */
function classAt(text: string, i: number): number {
  const unit = text.charCodeAt(i);
  if (isHighSurrogate(unit) && isLowSurrogate(text.charCodeAt(i + 1))) {
    const codePoint = String.fromCharCode(unit, text.charCodeAt(i + 1)).codePointAt(0)!;
    let cls = astralClass.get(codePoint);
    if (cls === undefined) {
      cls = classify(String.fromCodePoint(codePoint));
      astralClass.set(codePoint, cls);
    }
    return cls;
  }
  let cls = unitClass[unit]!;
  if (cls === UNKNOWN) {
    cls = classify(String.fromCharCode(unit));
    unitClass[unit] = cls;
  }
  return cls;
}

// The ASCII part of `unitClass`, filled up front: nearly every character of an abstract.
const ASCII_CLASS = Uint8Array.from({ length: 0x80 }, (_, unit) =>
  classAt(String.fromCharCode(unit), 0),
);

const HYPHEN = 0x2d;
const APOSTROPHE = 0x27;
const RIGHT_QUOTE = 0x2019;
const DOT = 0x2e;

/** Walks the words of one text; see the module comment for what a word is. */
export class WordScanner {
  /** Start of the current word (code units). */
  start = 0;
  /** End of the current word, exclusive. */
  end = 0;
  /** A sentence mark (. ! ?) lies between the previous word, or the text's start, and this one. */
  sentenceMark = false;
  /** A character other than white space lies there. */
  phraseMark = false;
  /** {@link hashUnit} over the current word's code units, from {@link HASH_SEED}. */
  hash = 0;
  private text = '';

  /** Starts over on `text`. */
  reset(text: string): void {
    this.text = text;
    this.end = 0;
  }

  /** Moves to the next word; false at the end of the text. */
  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.end;
    let sentenceMark = false;
    let phraseMark = false;
    let cls = SPACE;
    while (i < n) {
      const unit = text.charCodeAt(i);
      if (unit < 0x80) {
        cls = ASCII_CLASS[unit]!;
        if (cls <= DIGIT) break;
        i += 1;
      } else {
        cls = classAt(text, i);
        if (cls <= DIGIT) break;
        i += width(text, i);
      }
      if (cls === SENTENCE_MARK) sentenceMark = true;
      if (cls !== SPACE) phraseMark = true;
    }
    if (i >= n) {
      this.end = n;
      return false;
    }
    this.start = i;
    this.sentenceMark = sentenceMark;
    this.phraseMark = phraseMark;
    let hash = HASH_SEED;
    let last = cls;
    for (;;) {
      // A run of letters and digits; the first code point is known to be one.
      while (i < n) {
        const unit = text.charCodeAt(i);
        if (unit < 0x80) {
          const next = ASCII_CLASS[unit]!;
          if (next > DIGIT) break;
          last = next;
          hash = hashUnit(hash, unit);
          i += 1;
        } else {
          const next = classAt(text, i);
          if (next > DIGIT) break;
          last = next;
          hash = hashUnit(hash, unit);
          if (width(text, i) === 2) hash = hashUnit(hash, text.charCodeAt(++i));
          i += 1;
        }
      }
      if (i + 1 >= n || !this.joins(i, last)) break;
      hash = hashUnit(hash, text.charCodeAt(i));
      i += 1;
    }
    this.end = i;
    this.hash = hash;
    return true;
  }

  /** True when the character at `i` joins the run before it (ending in class `last`) to the next. */
  private joins(i: number, last: number): boolean {
    const unit = this.text.charCodeAt(i);
    if (unit === HYPHEN || unit === APOSTROPHE || unit === RIGHT_QUOTE) {
      return classAt(this.text, i + 1) <= DIGIT;
    }
    return unit === DOT && last === DIGIT && classAt(this.text, i + 1) === DIGIT;
  }
}
