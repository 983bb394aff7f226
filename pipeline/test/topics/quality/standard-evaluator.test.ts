import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  analyzeForWords,
  analyzeTexts,
  evaluatedWords,
  sklearnAnalyzer,
  standardQuality,
  standardScores,
} from '../../../src/topics/quality/standard-evaluator.ts';

/**
 * The 33 seed papers (title + ". " + abstract) plus four edge texts, seven keyword lists with
 * edge cases (hyphens, digits, underscore, accents, stop words, words not in the corpus, a topic
 * of one word), and under `python` what `pipeline/bench/topic-eval/evaluate.py` (scikit-learn
 * 1.9.1, gensim 4.4.0) printed for them.
 */
const fixture = JSON.parse(
  readFileSync(new URL('fixtures/standard-evaluator.json', import.meta.url), 'utf8'),
) as {
  texts: string[];
  topics: string[][];
  python: { npmi: number; diversity: number; perTopic: number[]; words: string[][] };
};

describe('sklearnAnalyzer', () => {
  it("cuts as CountVectorizer(stop_words='english') does", () => {
    expect(sklearnAnalyzer('The text-to-image GPT-4o model, a_b 3D—meshes; x über.')).toEqual([
      'text',
      'image',
      'gpt',
      '4o',
      'model',
      'a_b',
      '3d',
      'meshes',
      'über',
    ]);
  });
});

describe('standardScores against the Python evaluator', () => {
  const texts = analyzeTexts(fixture.texts);
  const ours = standardScores(texts, fixture.topics);

  it('scores the same words', () => {
    expect(ours.words).toEqual(fixture.python.words);
  });

  it('matches its NPMI per topic and its mean to 1e-6, and its diversity', () => {
    const scored = ours.perTopic.filter((value): value is number => value !== null);
    expect(scored).toHaveLength(fixture.python.perTopic.length);
    scored.forEach((value, i) =>
      expect(Math.abs(value - fixture.python.perTopic[i]!)).toBeLessThan(1e-6),
    );
    expect(Math.abs(ours.npmi! - fixture.python.npmi)).toBeLessThan(1e-6);
    expect(ours.diversity).toBeCloseTo(fixture.python.diversity, 12);
  });

  it('leaves a topic of fewer than two words out of NPMI but not out of diversity', () => {
    const single = fixture.topics.findIndex((keywords) => keywords[0] === 'single');
    expect(ours.perTopic[single]).toBeNull();
    expect(ours.words[single]).toEqual(['single']);
  });

  it('counts the windows of every text, empty ones included, as gensim 4.4 does', () => {
    // The fixture holds two texts with no token left ("the of and to" and ""): each is a window.
    const without = analyzeTexts(fixture.texts.filter((text) => sklearnAnalyzer(text).length > 0));
    expect(without.ids.length).toBe(texts.ids.length - 2);
    expect(standardScores(without, fixture.topics).npmi).not.toBe(ours.npmi);
  });
});

describe('evaluatedWords', () => {
  it('keeps the first 10 distinct tokens found in the texts, in keyword order', () => {
    const vocabulary = new Map(['a1', 'b2', 'c3', 'model', 'merging'].map((w, i) => [w, i]));
    expect(evaluatedWords(['model merging', 'merging', 'zz', 'A1 b2'], vocabulary)).toEqual([
      'model',
      'merging',
      'a1',
      'b2',
    ]);
    expect(evaluatedWords(['a1 b2 c3'], vocabulary, 2)).toEqual(['a1', 'b2']);
  });
});

describe('standardQuality', () => {
  it('rounds to 4 decimals and says how it was computed', () => {
    const docs = fixture.texts.map((text) => ({ title: '', abstract: text }));
    const quality = standardQuality(docs, fixture.topics, fixture.topics.slice(0, 2));
    expect(quality.method).toContain('gensim c_npmi');
    expect(quality.diversity).toBe(Math.round(fixture.python.diversity * 10_000) / 10_000);
    expect(quality.broadTopicScores.npmi).not.toBeNull();
  });
});

describe('analyzeForWords', () => {
  it('gives the scores of the fully cut texts, the Python figures, with only the keywords told apart', () => {
    const tokens = fixture.topics.flatMap((keywords) => keywords.flatMap(sklearnAnalyzer));
    const narrow = analyzeForWords(fixture.texts, tokens);
    const full = standardScores(analyzeTexts(fixture.texts), fixture.topics);
    expect(standardScores(narrow, fixture.topics)).toEqual(full);
    // Windows count every token: the narrow texts are as long as the full ones.
    expect(narrow.ids.map((ids) => ids.length)).toEqual(
      analyzeTexts(fixture.texts).ids.map((ids) => ids.length),
    );
    // Only keyword tokens that occur are in its vocabulary.
    expect(narrow.vocabulary.size).toBeLessThan(analyzeTexts(fixture.texts).vocabulary.size);
  });
});

describe('standardQuality counts the windows once', () => {
  it('gives each set the figures it gets alone', () => {
    const docs = fixture.texts.map((text) => ({ title: '', abstract: text }));
    const fine = fixture.topics.slice(0, 3);
    const broad = fixture.topics.slice(3);
    const both = standardQuality(docs, fine, broad);
    const texts = analyzeTexts(docs.map((doc) => `. ${doc.abstract}`));
    const round = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
    expect(both.npmi).toBe(round(standardScores(texts, fine).npmi));
    expect(both.broadTopicScores.npmi).toBe(round(standardScores(texts, broad).npmi));
  });
});
