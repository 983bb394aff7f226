import { describe, expect, it } from 'vitest';
import { searchWords, TextSearch } from '../../src/lib/search/text-search.ts';
import { fixtureDataset } from '../support/fixture-dataset.ts';

describe('TextSearch', () => {
  const { dataset } = fixtureDataset();
  const search = new TextSearch(dataset.papers, [...dataset.broadTopics, ...dataset.fineTopics]);
  const titles = (query: string) =>
    search.search(query).papers.map((hit) => dataset.papers[hit.row]!.title);

  it('finds titles by word prefixes, every word required, case and accents ignored', () => {
    const found = titles('MERG');
    expect(found.length).toBeGreaterThanOrEqual(3);
    for (const title of found.slice(0, 3)) expect(title.toLowerCase()).toContain('merg');
    expect(titles('schrodinger bridges')).toEqual([
      'Multi-marginal Schrödinger Bridges with Iterative Reference Refinement',
    ]);
    expect(titles('merging zebra')).toEqual([]);
  });

  it('ranks whole-word title matches above prefix matches', () => {
    const hits = search.search('pruning').papers;
    const first = dataset.papers[hits[0]!.row]!.title.toLowerCase();
    expect(searchWords(first)).toContain('pruning');
  });

  it('finds topics by label and keywords, and their papers through the topic', () => {
    const result = search.search('model merging');
    expect(result.topics.map((hit) => hit.topic.label)).toContain('model merging');
    const mergingTopic = dataset.fineTopics.find((topic) => topic.label === 'model merging')!;
    const rows = new Set(result.papers.map((hit) => hit.row));
    for (const row of dataset.membersOf(mergingTopic.id)) expect(rows.has(row)).toBe(true);
  });

  it('returns nothing for a blank query and caps the list', () => {
    expect(search.search('   ')).toEqual({ papers: [], all: [], total: 0, topics: [] });
    const capped = search.search('a', 2);
    expect(capped.papers).toHaveLength(2);
    expect(capped.total).toBeGreaterThan(2);
    expect(capped.all).toHaveLength(capped.total);
  });
});
