/** The fixture artifacts as a {@link Dataset}, built once per test file. */
import { Dataset } from '../../src/lib/data/dataset.ts';
import { makeFixture, type FixtureArtifacts } from '../fixtures/make-fixture.ts';

let cached: { artifacts: FixtureArtifacts; dataset: Dataset } | undefined;

export function fixtureDataset(): { artifacts: FixtureArtifacts; dataset: Dataset } {
  if (!cached) {
    const artifacts = makeFixture();
    cached = { artifacts, dataset: new Dataset(artifacts) };
  }
  return cached;
}
