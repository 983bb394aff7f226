import { describe, expect, it } from 'vitest';
import { labelPhrases, sameWord, uniqueLabels, type LabelTerm } from '../../src/topics/labels.ts';

const term = (text: string): LabelTerm => ({ text, words: text.toLowerCase().split(' ') });

describe('sameWord', () => {
  it('treats prefixes and 6-character stems as one word', () => {
    expect(sameWord('agent', 'agentic')).toBe(true);
    expect(sameWord('rl', 'rlhf')).toBe(true);
    expect(sameWord('physical', 'physically')).toBe(true);
    expect(sameWord('merging', 'model')).toBe(false);
    expect(sameWord('diffusion', 'different')).toBe(false);
  });
});

describe('labelPhrases', () => {
  it('prefers the more specific phrase and never repeats a word', () => {
    const picked = labelPhrases(
      ['merging', 'model merging', 'task vectors', 'merging methods', 'AdaMerging'].map(term),
      3,
      10,
    );
    expect(picked.map((p) => p.text)).toEqual(['model merging', 'task vectors', 'AdaMerging']);
  });

  it('skips variants of a picked word', () => {
    const picked = labelPhrases(['physical', 'physically', 'simulation', 'robot'].map(term), 3, 10);
    expect(picked.map((p) => p.text)).toEqual(['physical', 'simulation', 'robot']);
  });

  it('looks only at the first `window` phrases', () => {
    expect(labelPhrases(['a', 'b', 'c'].map(term), 3, 2).map((p) => p.text)).toEqual(['a', 'b']);
  });
});

describe('uniqueLabels', () => {
  it('extends a colliding label with the next phrase, then falls back to the id', () => {
    const ranked = ['diffusion', 'video', 'audio'].map(term);
    const labels = uniqueLabels(
      [
        { id: 0, ranked },
        { id: 1, ranked },
        { id: 2, ranked: ranked.slice(0, 2) },
      ],
      2,
      10,
    );
    expect([...labels]).toEqual([
      [0, 'diffusion, video'],
      [1, 'diffusion, video, audio'],
      [2, 'diffusion, video #2'],
    ]);
  });

  it('keeps reserved labels and makes the others avoid them, case-insensitively', () => {
    const labels = uniqueLabels(
      [
        { id: 3, ranked: ['lora', 'adapters'].map(term) },
        { id: 7, ranked: [], reserved: 'LoRA' },
      ],
      1,
      10,
    );
    expect(labels.get(7)).toBe('LoRA');
    expect(labels.get(3)).toBe('lora, adapters');
  });
});
