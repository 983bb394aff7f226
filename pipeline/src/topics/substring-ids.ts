/**
 * Ids of distinct substrings of longer texts, looked up by position: a tokenizer meets tens of
 * millions of words but only a few hundred thousand distinct ones, and a `Map<string, …>` would
 * need a new string (and its hash) per occurrence. Here a word is hashed from the text's code
 * units in place and compared unit by unit; a string is made only for a new word.
 */

/** Hash of the empty substring: the FNV-1a offset basis (32-bit). */
export const HASH_SEED = 0x811c9dc5;

/** FNV-1a step: the hash of a substring extended by one code unit. */
export function hashUnit(hash: number, unit: number): number {
  return Math.imul(hash ^ unit, 0x01000193);
}

/** {@link hashUnit} over `text[start, end)`. */
export function hashUnits(text: string, start: number, end: number): number {
  let hash = HASH_SEED;
  for (let i = start; i < end; i++) hash = hashUnit(hash, text.charCodeAt(i));
  return hash;
}

/** Int32 fields of a table slot: hash, id + 1 (0 when empty), start in the pool, length. */
const SLOT = 4;

/** Interns substrings `text[start, end)`, giving each distinct one an id in order of first sight. */
export class SubstringIds {
  /** The distinct substrings, by id. */
  readonly strings: string[] = [];
  /**
   * Open addressing with linear probing, at most half full. A slot holds what a probe compares,
   * so that it reads one cache line and then the pool, not a string object.
   */
  private table = new Int32Array(SLOT << 12);
  /** The code units of every distinct substring, one after the other in order of first sight. */
  private pool = new Uint16Array(1 << 16);
  private poolLength = 0;

  /**
   * Id of `text.slice(start, end)`, a new one (the next integer) when first seen. `hash` is
   * {@link hashUnits} of it, passed in by a caller that computed it while reading the text.
   */
  id(text: string, start: number, end: number, hash = hashUnits(text, start, end)): number {
    const table = this.table;
    const pool = this.pool;
    const mask = table.length / SLOT - 1;
    const length = end - start;
    for (let slot = (hash ^ (hash >>> 16)) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const stored = table[at + 1]!;
      if (stored === 0) return this.add(text, start, end, hash, at);
      if (table[at] !== hash || table[at + 3] !== length) continue;
      const from = table[at + 2]! - start;
      let i = start;
      while (i < end && pool[from + i] === text.charCodeAt(i)) i += 1;
      if (i === end) return stored - 1;
    }
  }

  private add(text: string, start: number, end: number, hash: number, at: number): number {
    const id = this.strings.length;
    const length = end - start;
    if (this.poolLength + length > this.pool.length) {
      const pool = new Uint16Array(Math.max(2 * this.pool.length, this.poolLength + length));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = 0; i < length; i++) this.pool[this.poolLength + i] = text.charCodeAt(start + i);
    this.strings.push(text.slice(start, end));
    this.table.set([hash, id + 1, this.poolLength, length], at);
    this.poolLength += length;
    if (2 * SLOT * this.strings.length > this.table.length) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.table;
    const table = new Int32Array(old.length * 2);
    const mask = table.length / SLOT - 1;
    for (let from = 0; from < old.length; from += SLOT) {
      if (old[from + 1] === 0) continue;
      const hash = old[from]!;
      let slot = (hash ^ (hash >>> 16)) & mask;
      while (table[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
      table.set(old.subarray(from, from + SLOT), slot * SLOT);
    }
    this.table = table;
  }
}
