import { describe, expect, it } from 'vitest';
import { topicEvolution, type EvolutionPaper } from '../../src/trends/topic-evolution.ts';

describe('topicEvolution', () => {
  const paper = (topic: number | null, firstDay: string | null, text: string): EvolutionPaper => ({
    title: text,
    abstract: `${text}. We study it.`,
    topic,
    firstDay,
  });
  // Topic 1 moves from convolutional networks to transformers; topic 2 stays on speech.
  const papers: EvolutionPaper[] = [
    paper(1, '2024-02-10', 'Convolutional networks for image classification'),
    paper(1, '2024-03-01', 'Deeper convolutional networks for image recognition'),
    paper(1, '2024-03-20', 'Pruning convolutional networks'),
    paper(1, '2024-05-02', 'Vision transformers for image classification'),
    paper(1, '2024-06-11', 'Efficient vision transformers'),
    paper(1, '2024-06-30', 'Vision transformers at scale'),
    paper(2, '2024-01-15', 'Speech recognition with acoustic models'),
    paper(2, '2024-04-15', 'Speech recognition in noisy rooms'),
    paper(2, '2024-05-15', 'Multilingual speech recognition'),
    paper(null, '2024-05-15', 'An unassigned paper on convolutional networks'),
    paper(2, null, 'An undated paper on speech recognition'),
  ];
  const evolution = topicEvolution(papers);

  it('gives each topic its keywords per quarter, quarters ascending', () => {
    expect(evolution.map((t) => t.topic)).toEqual([1, 2]);
    const [conv, transformers] = evolution[0]!.quarters;
    expect(conv).toMatchObject({ start: '2024-01-01', papers: 3 });
    expect(transformers).toMatchObject({ start: '2024-04-01', papers: 3 });
    const words = (q: typeof conv) => q!.keywords.map((k) => k.term.toLowerCase()).join(' ');
    expect(words(conv)).toMatch(/convolutional/);
    expect(words(conv)).not.toMatch(/transformer/);
    expect(words(transformers)).toMatch(/transformer/);
    expect(words(transformers)).not.toMatch(/convolutional/);
  });

  it('leaves out unassigned and undated papers, and is deterministic', () => {
    const speech = evolution[1]!.quarters;
    expect(speech.map((q) => [q.start, q.papers])).toEqual([
      ['2024-01-01', 1],
      ['2024-04-01', 2],
    ]);
    // The papers threshold is capped at the quarter's size, so one paper still has words.
    expect(speech[0]!.keywords[0]!.term).toBe('speech recognition');
    expect(JSON.stringify(topicEvolution([...papers].reverse()))).toBe(JSON.stringify(evolution));
    expect(topicEvolution([])).toEqual([]);
  });
});
