import { describe, expect, it } from 'vitest';
import { DataProblem, loadArtifacts, type FetchLike } from '../../src/lib/data/load-artifacts.ts';
import { makeFixture } from '../fixtures/make-fixture.ts';
import { SCHEMA_VERSION } from '../../src/lib/data/artifacts.ts';

function fakeFetch(files: Record<string, unknown>): FetchLike {
  return async (url: string) => {
    const name = url.slice(url.lastIndexOf('/') + 1);
    if (!(name in files)) return { ok: false, status: 404, text: async () => 'not found' };
    const value = files[name];
    return {
      ok: true,
      status: 200,
      text: async () => (typeof value === 'string' ? value : JSON.stringify(value)),
    };
  };
}

function fixtureFiles(): Record<string, unknown> {
  const fixture = makeFixture();
  return {
    'manifest.json': fixture.manifest,
    'papers.json': fixture.papers,
    'related.json': fixture.related,
    'topics.json': fixture.topics,
    'themes.json': fixture.themes,
    'trends.json': fixture.trends,
  };
}

async function problemOf(files: Record<string, unknown>): Promise<DataProblem> {
  try {
    await loadArtifacts('data/', fakeFetch(files));
  } catch (error) {
    if (error instanceof DataProblem) return error;
    throw error;
  }
  throw new Error('expected a DataProblem');
}

describe('loadArtifacts', () => {
  it('loads every browser artifact of a complete data folder', async () => {
    const loaded = await loadArtifacts('data/', fakeFetch(fixtureFiles()));
    expect(loaded.papers.papers.length).toBeGreaterThan(30);
    expect(loaded.trends.calendar[0]).toBe('2024-03-11');
  });

  it('asks to run the pipeline when there is no manifest', async () => {
    const problem = await problemOf({});
    expect(problem.kind).toBe('missing');
    expect(problem.file).toBe('manifest.json');
    expect(problem.fix).toContain('npm run pipeline');
  });

  it('names the missing artifact when a run did not finish', async () => {
    const files = fixtureFiles();
    delete files['trends.json'];
    const problem = await problemOf(files);
    expect(problem.kind).toBe('incomplete');
    expect(problem.file).toBe('trends.json');
  });

  it('calls older data stale and newer data newer', async () => {
    const older = fixtureFiles();
    older['topics.json'] = {
      ...(older['topics.json'] as object),
      schemaVersion: SCHEMA_VERSION - 1,
    };
    const stale = await problemOf(older);
    expect(stale.kind).toBe('stale');
    expect(stale.fix).toContain('npm run pipeline');

    const newer = fixtureFiles();
    newer['manifest.json'] = {
      ...(newer['manifest.json'] as object),
      schemaVersion: SCHEMA_VERSION + 1,
    };
    expect((await problemOf(newer)).kind).toBe('newer');
  });

  it('reports a file that is not JSON', async () => {
    const files = fixtureFiles();
    files['related.json'] = '{"schemaVersion": 1,';
    const problem = await problemOf(files);
    expect(problem.kind).toBe('invalid');
    expect(problem.message).toContain('related.json');
  });

  it('reports a file without schemaVersion as stale, pointing at the pipeline', async () => {
    const files = fixtureFiles();
    files['themes.json'] = { themes: [] };
    const problem = await problemOf(files);
    expect(problem.kind).toBe('stale');
    expect(problem.message).toContain('themes.json');
  });
});
