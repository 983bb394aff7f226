/**
 * Pipeline artifacts scaled up from the seed fixture, for measuring the dashboard at corpus
 * sizes (for example 75k papers) without a real run of that size: each paper is a copy of a
 * fixture paper (same title and abstract, so the same bytes per paper, and gzip sizes far
 * below real ones), placed with seeded jitter around its topic. Only the JSON artifacts are
 * written (the browser data is derived from them as from a real run); without vectors and
 * index the search API is not measured on this data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomLcg, randomNormal } from 'd3';
import { ARTIFACT_FILES, type Neighbour, type Paper } from '../../pipeline/src/schema/artifacts.ts';
import { makeFixture } from '../test/fixtures/make-fixture.ts';

/** Writes `count` papers' worth of browser artifacts into `outDir`. Same arguments → same files. */
export function writeScaledFixture(outDir: string, count: number, seed = 1): void {
  const fixture = makeFixture();
  const base = fixture.papers.papers;
  const random = randomLcg(seed);
  const jitter = randomNormal.source(random)(0, 0.035);
  const clamp = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;
  const copyId = (id: string, copy: number) => `${id}-${String(copy).padStart(6, '0')}`;
  const papers: Paper[] = [];
  for (let i = 0; i < count; i++) {
    const source = base[i % base.length]!;
    const copy = Math.floor(i / base.length);
    papers.push({
      ...source,
      id: copyId(source.id, copy),
      x: clamp(source.x + jitter()),
      y: clamp(source.y + jitter()),
    });
  }
  papers.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const related: Record<string, Neighbour[]> = {};
  for (const paper of papers) {
    const [sourceId, copy] = [paper.id.slice(0, -7), Number(paper.id.slice(-6))];
    related[paper.id] = (fixture.related.related[sourceId] ?? []).map((neighbour) => ({
      id: copyId(neighbour.id, copy),
      score: neighbour.score,
    }));
  }
  const scale = count / base.length;
  const topics = fixture.topics.topics.map((topic) => ({
    ...topic,
    size: Math.round(topic.size * scale),
  }));
  mkdirSync(outDir, { recursive: true });
  const write = (name: keyof typeof ARTIFACT_FILES, value: unknown) =>
    writeFileSync(join(outDir, ARTIFACT_FILES[name]), JSON.stringify(value));
  write('manifest', { ...fixture.manifest, counts: { ...fixture.manifest.counts, papers: count } });
  write('papers', { schemaVersion: fixture.papers.schemaVersion, papers });
  write('related', { ...fixture.related, related });
  write('topics', { ...fixture.topics, topics });
  write('themes', fixture.themes);
  write('trends', fixture.trends);
  write('rejects', fixture.rejects);
}
