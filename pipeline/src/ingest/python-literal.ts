/**
 * A safe parser for Python literals, the `ast.literal_eval` subset that `repr()` of plain data
 * writes: dicts, lists, tuples, sets, strings (both quote styles, triple quotes, raw strings,
 * escapes, adjacent strings concatenated), ints, floats, True, False and None. Nothing is ever
 * evaluated.
 *
 * Hand-rolled because no maintained npm package parses Python literals: the Python parsers on
 * npm (filbert, py-ast, python-ast) are whole-language parsers, unmaintained or far larger than
 * this, and JSON5 and relaxed-JSON parsers lack True/False/None, tuples and Python's escapes.
 */

/** A value a Python literal can hold, as JavaScript data: dict → object, list/tuple/set → array. */
export type PythonValue =
  string | number | boolean | null | PythonValue[] | { [key: string]: PythonValue };

/** Thrown for text that is not a Python literal; `offset` is the 0-based position of the problem. */
export class PythonLiteralError extends Error {
  override name = 'PythonLiteralError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at character ${offset + 1}`);
  }
}

/** Nesting deeper than this is refused, so that hostile input cannot exhaust the stack. */
const MAX_DEPTH = 256;

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const NUMBER = /[+-]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
/** Characters inside a string that need no attention: no quote, backslash or line end. */
const PLAIN_RUN = /[^\\'"\n]+/y;

/**
 * Parses `text` as one Python literal. Dict keys become strings (`1` → `"1"`, `None` → `"None"`);
 * integers beyond 2^53 lose precision. Throws {@link PythonLiteralError} on anything else.
 */
export function parsePythonLiteral(text: string): PythonValue {
  const parser = new Parser(text);
  const value = parser.value(0);
  parser.skipSpace();
  if (parser.pos < text.length)
    throw new PythonLiteralError('unexpected text after the literal', parser.pos);
  return value;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const char = this.text[this.pos]!;
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f')
        this.pos++;
      else if (char === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2;
      else break;
    }
  }

  value(depth: number): PythonValue {
    if (depth > MAX_DEPTH)
      throw new PythonLiteralError(`nested deeper than ${MAX_DEPTH} levels`, this.pos);
    this.skipSpace();
    const char = this.text[this.pos];
    if (char === undefined) throw new PythonLiteralError('unexpected end of text', this.pos);
    if (char === '[') return this.sequence(']', depth);
    if (char === '(') return this.sequence(')', depth);
    if (char === '{') return this.braces(depth);
    if (this.startsString()) return this.strings();
    NUMBER.lastIndex = this.pos;
    const number = NUMBER.exec(this.text);
    if (number) return this.number(number[0]);
    NAME.lastIndex = this.pos;
    const name = NAME.exec(this.text)?.[0];
    if (name === 'True' || name === 'False' || name === 'None') {
      this.pos += name.length;
      return name === 'True' ? true : name === 'False' ? false : null;
    }
    throw new PythonLiteralError(
      name ? `"${name}" is not a Python literal` : `unexpected character "${char}"`,
      this.pos,
    );
  }

  private number(literal: string): number {
    const start = this.pos;
    this.pos += literal.length;
    if (/[jJ]/.test(this.text[this.pos] ?? ''))
      throw new PythonLiteralError('complex numbers are not supported', start);
    const value = Number(literal.replace(/_/g, ''));
    if (!Number.isFinite(value))
      throw new PythonLiteralError(`"${literal}" is not a finite number`, start);
    return value;
  }

  /** A list or tuple, closed by `close`. A tuple of one needs its trailing comma in Python; both read as arrays. */
  private sequence(close: ']' | ')', depth: number): PythonValue[] {
    this.pos++;
    const items: PythonValue[] = [];
    this.items(close, () => items.push(this.value(depth + 1)));
    return items;
  }

  /** `{}` is an empty dict; `{k: v, ...}` a dict; `{a, b}` a set (read as an array). */
  private braces(depth: number): PythonValue {
    const open = this.pos;
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return {};
    }
    const first = this.value(depth + 1);
    this.skipSpace();
    if (this.text[this.pos] !== ':') {
      const set: PythonValue[] = [first];
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.items('}', () => set.push(this.value(depth + 1)));
      } else this.expect('}', open);
      return set;
    }
    const dict: { [key: string]: PythonValue } = {};
    const entry = (key: PythonValue) => {
      this.skipSpace();
      this.expect(':', open);
      // defineProperty, not assignment: a key named "__proto__" must stay a plain key.
      Object.defineProperty(dict, dictKey(key, this.pos), {
        value: this.value(depth + 1),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    };
    entry(first);
    this.skipSpace();
    if (this.text[this.pos] === ',') {
      this.pos++;
      this.items('}', () => entry(this.value(depth + 1)));
    } else this.expect('}', open);
    return dict;
  }

  /** Comma-separated items up to `close`, a trailing comma allowed. */
  private items(close: string, item: () => void): void {
    const open = this.pos - 1;
    this.skipSpace();
    while (this.text[this.pos] !== close) {
      item();
      this.skipSpace();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skipSpace();
      } else {
        this.expect(close, open);
        return;
      }
    }
    this.pos++;
  }

  private expect(char: string, open: number): void {
    if (this.text[this.pos] === char) {
      this.pos++;
      return;
    }
    const found = this.text[this.pos];
    throw new PythonLiteralError(
      found === undefined
        ? `unexpected end of text, "${char}" missing (opened at character ${open + 1})`
        : `expected "${char}" but found "${found}"`,
      this.pos,
    );
  }

  private startsString(): boolean {
    return /^(?:[rRuU]|[bB][rR]?|[rR][bB])?['"]/.test(this.text.slice(this.pos, this.pos + 3));
  }

  /** One string or several adjacent ones, concatenated as Python does. */
  private strings(): string {
    let joined = this.string();
    for (;;) {
      const save = this.pos;
      this.skipSpace();
      if (!this.startsString()) {
        this.pos = save;
        return joined;
      }
      joined += this.string();
    }
  }

  private string(): string {
    const start = this.pos;
    let raw = false;
    while (/[rRuUbB]/.test(this.text[this.pos]!)) {
      const prefix = this.text[this.pos]!.toLowerCase();
      if (prefix === 'b') throw new PythonLiteralError('bytes literals are not supported', start);
      if (prefix === 'r') raw = true;
      this.pos++;
    }
    const quote = this.text[this.pos]!;
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    let value = '';
    for (;;) {
      PLAIN_RUN.lastIndex = this.pos;
      const run = PLAIN_RUN.exec(this.text);
      if (run) {
        value += run[0];
        this.pos += run[0].length;
      }
      const char = this.text[this.pos];
      if (char === undefined) throw new PythonLiteralError('string not closed', start);
      if (this.text.startsWith(delimiter, this.pos)) {
        this.pos += delimiter.length;
        return value;
      }
      if (char === '\n' && !triple)
        throw new PythonLiteralError('line end inside a string', this.pos);
      if (char === '\\') {
        value += raw ? this.rawEscape() : this.escape();
        continue;
      }
      value += char;
      this.pos++;
    }
  }

  /** In a raw string a backslash stays, and only keeps the next character from closing the string. */
  private rawEscape(): string {
    const next = this.text[this.pos + 1] ?? '';
    this.pos += 1 + next.length;
    return `\\${next}`;
  }

  private escape(): string {
    const at = this.pos;
    const next = this.text[at + 1];
    if (next === undefined) throw new PythonLiteralError('string not closed', at);
    if (next === '\n') {
      this.pos += 2;
      return '';
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      this.pos += 2;
      return simple;
    }
    const octal = /^[0-7]{1,3}/.exec(this.text.slice(at + 1, at + 4));
    if (octal) {
      this.pos += 1 + octal[0].length;
      return String.fromCharCode(parseInt(octal[0], 8));
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = this.text.slice(at + 2, at + 2 + width);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === width ? parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) throw new PythonLiteralError(`bad \\${next} escape`, at);
      this.pos += 2 + width;
      return String.fromCodePoint(code);
    }
    if (next === 'N') throw new PythonLiteralError('\\N{...} escapes are not supported', at);
    // Python keeps an unknown escape as written, backslash included.
    this.pos += 2;
    return `\\${next}`;
  }
}

function dictKey(key: PythonValue, offset: number): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'number') return String(key);
  if (key === null) return 'None';
  if (typeof key === 'boolean') return key ? 'True' : 'False';
  throw new PythonLiteralError('a dict key must be a string, number, bool or None', offset);
}
