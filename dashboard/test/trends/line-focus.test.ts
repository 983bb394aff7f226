import { describe, expect, it } from 'vitest';
import { isLineFocused, lineFocus } from '../../src/lib/trends/line-focus.ts';

describe('line focus', () => {
  it('highlights the topic or theme a series draws', () => {
    expect(lineFocus({ kind: 'topic', key: '12' })).toEqual({ kind: 'topic', id: 12 });
    expect(lineFocus({ kind: 'theme', key: 'agents' })).toEqual({ kind: 'theme', id: 'agents' });
  });

  it('never highlights the remainder', () => {
    expect(lineFocus({ kind: 'other', key: 'other' })).toBeNull();
    expect(isLineFocused({ kind: 'topic', id: 1 }, { kind: 'other', key: '1' })).toBe(false);
  });

  it('finds a series focused only by its own kind and key', () => {
    const topic = { kind: 'topic' as const, key: '3' };
    expect(isLineFocused({ kind: 'topic', id: 3 }, topic)).toBe(true);
    expect(isLineFocused({ kind: 'topic', id: 4 }, topic)).toBe(false);
    expect(isLineFocused({ kind: 'theme', id: '3' }, topic)).toBe(false);
    expect(isLineFocused(null, topic)).toBe(false);
    expect(isLineFocused({ kind: 'theme', id: 'x' }, { kind: 'theme', key: 'x' })).toBe(true);
  });

  it('round-trips: a series is focused by the highlight it stands for', () => {
    for (const line of [
      { kind: 'topic' as const, key: '0' },
      { kind: 'theme' as const, key: 'rl' },
    ])
      expect(isLineFocused(lineFocus(line), line)).toBe(true);
  });
});
