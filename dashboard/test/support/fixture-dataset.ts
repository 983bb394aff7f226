/** The fixture artifacts as a {@link Dataset}, built once per test file. */
import { Dataset } from '../../src/lib/data/dataset.ts';
import { DetailStore } from '../../src/lib/data/detail-store.ts';
import type { BrowserPapersFile, BrowserTrendsFile } from '../../src/lib/data/browser-format.ts';
import { manifestFingerprint } from '../../src/lib/data/browser-format.ts';
import type { Manifest } from '../../src/lib/data/artifacts.ts';
import { makeFixture, type FixtureArtifacts } from '../fixtures/make-fixture.ts';
import { fakeFetch, fixtureDataFiles, type DataFiles } from './browser-files.ts';

let cached: { artifacts: FixtureArtifacts; dataset: Dataset; files: DataFiles } | undefined;

/**
 * The fixture, its data files, and a dataset over them whose details load through a fake
 * `fetch` (synchronously built, like the app builds it after loading).
 */
export function fixtureDataset(): {
  artifacts: FixtureArtifacts;
  dataset: Dataset;
  files: DataFiles;
} {
  if (!cached) {
    const artifacts = makeFixture();
    const files = fixtureDataFiles(artifacts);
    const papers = JSON.parse(files['browser/papers.json']!) as BrowserPapersFile;
    const source = manifestFingerprint(JSON.parse(files['manifest.json']!) as Manifest);
    const details = new DetailStore(
      'data/',
      fakeFetch(files),
      papers.columns.topic,
      papers.detailChunk,
      source,
    );
    const dataset = new Dataset(
      {
        manifest: artifacts.manifest,
        source,
        papers,
        topics: artifacts.topics,
        themes: artifacts.themes,
        trends: JSON.parse(files['browser/trends.json']!) as BrowserTrendsFile,
      },
      details,
    );
    cached = { artifacts, dataset, files };
  }
  return cached;
}
