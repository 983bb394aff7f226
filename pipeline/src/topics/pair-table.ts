/**
 * A map from pairs of non-negative 31-bit integers to non-negative integers, as open addressing
 * over typed arrays. The term index looks up a (phrase, next word) pair for every word of every
 * abstract; as a `Map` keyed by `a × n + b` those keys are past the small-integer range, so each
 * lookup boxed and hashed a double, which was most of the index's time.
 */
export class PairTable {
  #keysA: Int32Array;
  #keysB: Int32Array;
  #values: Int32Array;
  #mask: number;
  #size = 0;

  constructor(capacity = 1 << 16) {
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.#mask = slots - 1;
    this.#keysA = new Int32Array(slots).fill(-1);
    this.#keysB = new Int32Array(slots);
    this.#values = new Int32Array(slots);
  }

  /** Pairs stored. */
  get size(): number {
    return this.#size;
  }

  #slot(a: number, b: number): number {
    let slot = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77)) & this.#mask;
    while (this.#keysA[slot] !== -1) {
      if (this.#keysA[slot] === a && this.#keysB[slot] === b) return slot;
      slot = (slot + 1) & this.#mask;
    }
    return slot;
  }

  /** The value of (a, b), or -1 when there is none. */
  get(a: number, b: number): number {
    const slot = this.#slot(a, b);
    return this.#keysA[slot] === -1 ? -1 : this.#values[slot]!;
  }

  /** Sets the value of (a, b); `value` ≥ 0. */
  set(a: number, b: number, value: number): void {
    const slot = this.#slot(a, b);
    if (this.#keysA[slot] === -1) {
      this.#keysA[slot] = a;
      this.#keysB[slot] = b;
      this.#size++;
    }
    this.#values[slot] = value;
    if (this.#size * 2 > this.#mask) this.#grow();
  }

  #grow(): void {
    const [keysA, keysB, values] = [this.#keysA, this.#keysB, this.#values];
    const slots = (this.#mask + 1) * 2;
    this.#mask = slots - 1;
    this.#keysA = new Int32Array(slots).fill(-1);
    this.#keysB = new Int32Array(slots);
    this.#values = new Int32Array(slots);
    for (let i = 0; i < keysA.length; i++) {
      if (keysA[i] === -1) continue;
      const slot = this.#slot(keysA[i]!, keysB[i]!);
      this.#keysA[slot] = keysA[i]!;
      this.#keysB[slot] = keysB[i]!;
      this.#values[slot] = values[i]!;
    }
  }
}
