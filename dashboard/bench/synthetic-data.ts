/**
 * Pipeline artifacts scaled up from the seed fixture, for measuring the dashboard at corpus
 * sizes (for example 75k papers) without a real run of that size: each paper is a copy of a
 * fixture paper (same title and abstract, so the same bytes per paper, and gzip sizes far
 * below real ones), placed with seeded jitter around its topic. The JSON artifacts are written
 * into the run folder's halves and the browser data by the pipeline's emit stage, as a real run
 * does; without vectors and index the search API is not measured on this data.
 */
import { randomLcg, randomNormal } from 'd3';
import type { ArtifactName, Neighbour, Paper } from '../../pipeline/src/schema/artifacts.ts';
import { manifestFingerprint } from '../../pipeline/src/schema/browser-files.ts';
import { artifactPath, runFolderParts } from '../../pipeline/src/output/run-folder.ts';
import { writeFileAtomic } from '../../pipeline/src/output/atomic-write.ts';
import { encodeBrowserData } from '../../pipeline/src/emit/encode-browser-data.ts';
import { writeBrowserData } from '../../pipeline/src/emit/write-browser-data.ts';
import { makeFixture } from '../test/fixtures/make-fixture.ts';

/** Writes `count` papers' worth of artifacts into the run folder `outDir`. Same arguments → same files. */
export async function writeScaledFixture(outDir: string, count: number, seed = 1): Promise<void> {
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
  const write = (name: ArtifactName, value: unknown) =>
    writeFileAtomic(artifactPath(outDir, name), JSON.stringify(value));
  const manifest = { ...fixture.manifest, counts: { ...fixture.manifest.counts, papers: count } };
  await write('papers', { schemaVersion: fixture.papers.schemaVersion, papers });
  await write('related', { ...fixture.related, related });
  await write('topics', { ...fixture.topics, topics });
  await write('themes', fixture.themes);
  await write('trends', fixture.trends);
  await write('rejects', fixture.rejects);
  const browser = encodeBrowserData({
    papers,
    related,
    topics: { topics, changes: fixture.topics.changes },
    themes: fixture.themes.themes,
    trends: fixture.trends,
  });
  await writeBrowserData(runFolderParts(outDir).public, browser, manifestFingerprint(manifest));
  await write('manifest', manifest);
}
