import { describe, expect, it } from 'vitest';
import { PythonLiteralError, parsePythonLiteral } from '../../src/ingest/python-literal.ts';

describe('parsePythonLiteral', () => {
  it('reads the repr of a daily_papers entry', () => {
    const text =
      "{'paper': {'id': '2412.07730', 'authors': [{'_id': 'a1', 'name': 'Zongyu Lin', 'hidden': False}], " +
      "'upvotes': 12, 'title': 'STIV: Scalable Text and Image', 'summary': 'Line one\\nline two', " +
      "'githubRepo': None, 'isPro': True, 'score': -1.5e3}, 'numComments': 0}";
    expect(parsePythonLiteral(text)).toEqual({
      paper: {
        id: '2412.07730',
        authors: [{ _id: 'a1', name: 'Zongyu Lin', hidden: false }],
        upvotes: 12,
        title: 'STIV: Scalable Text and Image',
        summary: 'Line one\nline two',
        githubRepo: null,
        isPro: true,
        score: -1500,
      },
      numComments: 0,
    });
  });

  it('reads both quote styles and the escapes repr() writes', () => {
    expect(parsePythonLiteral(`"it's"`)).toBe("it's");
    expect(parsePythonLiteral(`'say "hi"'`)).toBe('say "hi"');
    expect(parsePythonLiteral(`'don\\'t'`)).toBe("don't");
    expect(parsePythonLiteral(`'back\\\\slash'`)).toBe('back\\slash');
    expect(parsePythonLiteral(`'\\t\\r\\x41\\u00e9\\U0001F600\\101'`)).toBe('\t\rAé😀A');
    expect(parsePythonLiteral(`'unknown \\d escape'`)).toBe('unknown \\d escape');
    expect(parsePythonLiteral(`r'raw \\n'`)).toBe('raw \\n');
    expect(parsePythonLiteral(`'''triple 'quoted'\nstring'''`)).toBe("triple 'quoted'\nstring");
    expect(parsePythonLiteral(`'adjacent ' "strings"`)).toBe('adjacent strings');
  });

  it('reads tuples and sets as arrays, and trailing commas', () => {
    expect(parsePythonLiteral('(1, 2.5, (3,), ())')).toEqual([1, 2.5, [3], []]);
    expect(parsePythonLiteral('{1, 2,}')).toEqual([1, 2]);
    expect(parsePythonLiteral('[1, [2, {}],]')).toEqual([1, [2, {}]]);
    expect(parsePythonLiteral('{1: None, True: 1_000}')).toEqual({ '1': null, True: 1000 });
  });

  it('keeps a "__proto__" key as a plain key', () => {
    const value = parsePythonLiteral("{'__proto__': {'polluted': True}}") as Record<
      string,
      unknown
    >;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['__import__("os")', /is not a Python literal/],
    ["{'a': 1", /"}" missing/],
    ["'open", /string not closed/],
    ["'line\nend'", /line end inside a string/],
    ['[1, 2] extra', /unexpected text after the literal/],
    ["b'bytes'", /bytes literals/],
    ['1j', /complex numbers/],
    ['inf', /"inf" is not a Python literal/],
    ["'\\N{BULLET}'", /\\N\{\.\.\.\} escapes/],
    ['['.repeat(300) + ']'.repeat(300), /nested deeper/],
    ['', /unexpected end of text/],
  ])('refuses %j with a positioned message', (text, message) => {
    expect(() => parsePythonLiteral(text)).toThrow(PythonLiteralError);
    expect(() => parsePythonLiteral(text)).toThrow(message);
    expect(() => parsePythonLiteral(text)).toThrow(/at character \d+/);
  });
});
