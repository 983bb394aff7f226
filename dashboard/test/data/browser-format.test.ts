/**
 * The browser data against the artifacts it is made from: decoding (the app's side) what the
 * pipeline's emit stage encodes gives back every field the app shows, exactly, for every paper.
 */
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/lib/data/artifacts.ts';
import {
  decodeDetails,
  decodePapers,
  detailPlan,
  fnv1a,
  manifestFingerprint,
  type PaperDetails,
  type PaperSummary,
} from '../../src/lib/data/browser-format.ts';
import { encodeBrowserData } from '../../../pipeline/src/emit/encode-browser-data.ts';
import { SharedTermFinder } from '../../../pipeline/src/emit/shared-terms.ts';
import { makeFixture } from '../fixtures/make-fixture.ts';
import { browserSources } from '../support/browser-files.ts';

/**
 * The fixture, with the rarer cases made sure of: several themes, no date, no arXiv id, map
 * edges, a neighbour that is not in papers.json (skipped, as the app always did), and metadata
 * on a few papers only (authors, upvotes, links; zero upvotes).
 */
function edgeCaseFixture() {
  const fixture = makeFixture();
  const [a, b, c, d] = fixture.papers.papers;
  a!.authors = ['Ada Lovelace', 'Charles Babbage'];
  a!.upvotes = 42;
  a!.githubRepo = 'https://github.com/example/code';
  b!.upvotes = 0;
  b!.projectPage = 'https://example.org/project';
  d!.authors = ['Grace Hopper'];
  const [first, second] = fixture.themes.themes;
  a!.themes = [
    { theme: second!.id, score: 0.6123 },
    { theme: first!.id, score: 0.4 },
  ];
  b!.dates = [];
  b!.arxivId = null;
  b!.url = null;
  c!.x = 0;
  c!.y = 1;
  fixture.related.related[c!.id] = [
    { id: 'not-a-paper', score: 0.9 },
    ...(fixture.related.related[c!.id] ?? []),
  ];
  return fixture;
}

const fixture = edgeCaseFixture();
const sources = browserSources(fixture);

const summaryOf = (paper: Paper): PaperSummary => ({
  id: paper.id,
  title: paper.title,
  dates: paper.dates,
  topic: paper.topic,
  x: paper.x,
  y: paper.y,
  themes: paper.themes,
  ...(paper.upvotes === undefined ? {} : { upvotes: paper.upvotes }),
});

/** Every paper's details, decoded from all detail files (through JSON, as the browser gets them). */
function allDetails(encoded: ReturnType<typeof encodeBrowserData>): Map<number, PaperDetails> {
  const byRow = new Map<number, PaperDetails>();
  for (const file of encoded.details) {
    for (const [row, details] of decodeDetails(JSON.parse(JSON.stringify(file)))) {
      expect(byRow.has(row), `row ${row} in two detail files`).toBe(false);
      byRow.set(row, details);
    }
  }
  return byRow;
}

describe('browser data round trip', () => {
  const papers = fixture.papers.papers;

  it('covers the cases worth checking', () => {
    // Without these the round trip below would prove little.
    expect(papers.some((paper) => paper.topic === null && paper.nearestTopics.length > 0)).toBe(
      true,
    );
    expect(papers.some((paper) => paper.dates.length > 1)).toBe(true);
    expect(papers.some((paper) => paper.themes.length > 1)).toBe(true);
    expect(papers.some((paper) => paper.arxivId === null)).toBe(true);
    expect(papers.some((paper) => paper.dates.length === 0)).toBe(true);
    expect(papers.some((paper) => paper.x === 0 && paper.y === 1)).toBe(true);
    expect(papers.some((paper) => paper.upvotes === 0)).toBe(true);
    expect(papers.some((paper) => paper.upvotes === undefined)).toBe(true);
  });

  it('gives back every paper’s map and list fields exactly, in papers.json order', () => {
    const encoded = encodeBrowserData(sources);
    const decoded = decodePapers(JSON.parse(JSON.stringify(encoded.papers)));
    expect(decoded).toEqual(papers.map(summaryOf));
    // Coordinates and scores are integers in the file: no float text to get wrong.
    expect(encoded.papers.columns.x.every(Number.isInteger)).toBe(true);
    expect(encoded.papers.columns.themes.flat().every(Number.isInteger)).toBe(true);
  });

  it('gives back every paper’s abstract, links, nearest topics and related papers', () => {
    for (const detailChunk of [1, 7, 128, 10_000]) {
      const encoded = encodeBrowserData(sources, { detailChunk });
      const details = allDetails(encoded);
      expect(details.size).toBe(papers.length);
      papers.forEach((paper, row) => {
        const got = details.get(row)!;
        expect(got.abstract).toBe(paper.abstract);
        expect(got.arxivId).toBe(paper.arxivId);
        expect(got.url).toBe(paper.url);
        expect(got.authors).toEqual(paper.authors ?? []);
        expect(got.githubRepo).toBe(paper.githubRepo ?? null);
        expect(got.projectPage).toBe(paper.projectPage ?? null);
        expect(got.nearestTopics).toEqual(paper.nearestTopics);
        const neighbours = (fixture.related.related[paper.id] ?? []).filter(
          (neighbour) => neighbour.id !== 'not-a-paper',
        );
        expect(
          got.related.map((entry) => ({ id: papers[entry.row]!.id, score: entry.score })),
        ).toEqual(neighbours);
      });
    }
  });

  it('stores the shared terms the pipeline’s finder finds from both abstracts', () => {
    const details = allDetails(encodeBrowserData(sources));
    const finder = new SharedTermFinder(papers, fixture.topics.topics, fixture.themes.themes);
    let withTerms = 0;
    papers.forEach((_, row) => {
      for (const entry of details.get(row)!.related) {
        const expected = finder.find(row, entry.row);
        expect(entry.terms).toEqual(expected);
        if (expected.length > 0) withTerms++;
      }
    });
    expect(withTerms).toBeGreaterThan(papers.length);
  });

  it('writes no metadata columns for papers without metadata', () => {
    const plain = browserSources(makeFixture());
    const encoded = JSON.parse(JSON.stringify(encodeBrowserData(plain))) as ReturnType<
      typeof encodeBrowserData
    >;
    expect(Object.keys(encoded.papers.columns)).toEqual([
      'id',
      'title',
      'topic',
      'x',
      'y',
      'dates',
      'themes',
    ]);
    for (const file of encoded.details) {
      expect(Object.keys(file)).toEqual([
        'chunk',
        'rows',
        'abstract',
        'arxivId',
        'url',
        'nearestTopics',
        'related',
        'terms',
      ]);
    }
    const details = allDetails(encoded);
    expect([...details.values()].every((got) => got.authors.length === 0)).toBe(true);
  });

  it('writes a metadata column only into the detail files whose papers have it', () => {
    const encoded = encodeBrowserData(sources, { detailChunk: 1 });
    const withAuthors = encoded.details.filter((file) => file.authors !== undefined);
    const rowsWithAuthors = papers.flatMap((paper, row) => (paper.authors ? [row] : []));
    expect(withAuthors.map((file) => file.rows[0]).sort((x, y) => x! - y!)).toEqual(
      rowsWithAuthors,
    );
    expect(withAuthors.map((file) => file.authors)).toEqual(
      withAuthors.map((file) => [papers[file.rows[0]!]!.authors]),
    );
    expect(encoded.papers.columns.upvotes).toEqual(papers.map((paper) => paper.upvotes ?? null));
  });

  it('is a function of the artifacts: same input, same files', () => {
    expect(JSON.stringify(encodeBrowserData(sources))).toBe(
      JSON.stringify(encodeBrowserData({ ...sources, papers: structuredClone(sources.papers) })),
    );
  });

  it('gives back the trends, first-seen papers as rows of the papers file', () => {
    const { trends } = encodeBrowserData(sources);
    const { firstSeen, ...rest } = fixture.trends;
    expect(firstSeen.length).toBeGreaterThan(0);
    const { firstSeen: rows, ...encoded } = JSON.parse(JSON.stringify(trends)) as typeof trends;
    const { schemaVersion, ...body } = rest;
    expect(schemaVersion).toBeGreaterThan(0);
    expect(encoded).toEqual(body);
    const ids = fixture.papers.papers.map((paper) => paper.id);
    expect(rows.map((day) => ({ ...day, rows: day.rows.map((row) => ids[row]).sort() }))).toEqual(
      firstSeen.map(({ date, papers, topics }) => ({ date, rows: [...papers].sort(), topics })),
    );
  });
});

describe('detailPlan', () => {
  it('puts every row in one file, topic by topic, papers in no topic last', () => {
    const topicColumn = [3, -1, 0, 3, 0, 0, -1, 2, 3, 0];
    const plan = detailPlan(topicColumn, 3);
    expect(plan.chunks).toEqual([[2, 4, 5], [9, 7, 0], [3, 8, 1], [6]]);
    plan.chunks.forEach((rows, chunk) =>
      rows.forEach((row) => expect(plan.chunkOf[row]).toBe(chunk)),
    );
  });
});

describe('manifestFingerprint', () => {
  it('is 32-bit FNV-1a', () => {
    expect(fnv1a('')).toBe('811c9dc5');
    expect(fnv1a('a')).toBe('e40c292c');
    expect(fnv1a('foobar')).toBe('bf9cf968');
  });

  it('tells runs apart by everything but their timings', () => {
    const { manifest } = makeFixture();
    const source = manifestFingerprint(manifest);
    expect(manifestFingerprint({ ...manifest, timingsMs: { embed: 1 } })).toBe(source);
    expect(manifestFingerprint({ ...manifest, warnings: ['x'] })).not.toBe(source);
  });
});
