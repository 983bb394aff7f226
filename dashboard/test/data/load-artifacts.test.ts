import { describe, expect, it } from 'vitest';
import { DataProblem, loadArtifacts } from '../../src/lib/data/load-artifacts.ts';
import { SCHEMA_VERSION } from '../../src/lib/data/artifacts.ts';
import {
  BROWSER_FORMAT,
  BROWSER_PAPERS_FILE,
  type BrowserPapersFile,
} from '../../src/lib/data/browser-format.ts';
import { fakeFetch, fixtureDataFiles, type DataFiles } from '../support/browser-files.ts';

async function problemOf(files: DataFiles): Promise<DataProblem> {
  try {
    await loadArtifacts('data/', fakeFetch(files));
  } catch (error) {
    if (error instanceof DataProblem) return error;
    throw error;
  }
  throw new Error('expected a DataProblem');
}

/** The fixture's files with one JSON file changed by `edit`. */
function withEdit(name: string, edit: (value: Record<string, unknown>) => void): DataFiles {
  const files = fixtureDataFiles();
  const value = JSON.parse(files[name]!) as Record<string, unknown>;
  edit(value);
  files[name] = JSON.stringify(value);
  return files;
}

describe('loadArtifacts', () => {
  it('loads the manifest, topics, themes, and the browser papers and trends, nothing else', async () => {
    const requested: string[] = [];
    const loaded = await loadArtifacts('data/', fakeFetch(fixtureDataFiles(), requested));
    expect(loaded.papers.count).toBeGreaterThan(30);
    expect(loaded.trends.calendar[0]).toBe('2024-03-11');
    expect(requested.sort()).toEqual(
      [
        'data/browser/papers.json',
        'data/browser/trends.json',
        'data/manifest.json',
        'data/themes.json',
        'data/topics.json',
      ].sort(),
    );
  });

  it('asks to run the pipeline when there is no manifest', async () => {
    const problem = await problemOf({});
    expect(problem.kind).toBe('missing');
    expect(problem.file).toBe('manifest.json');
    expect(problem.fix).toContain('npm run pipeline');
  });

  it('names the missing artifact when a run did not finish', async () => {
    const files = fixtureDataFiles();
    delete files['topics.json'];
    const problem = await problemOf(files);
    expect(problem.kind).toBe('incomplete');
    expect(problem.file).toBe('topics.json');
  });

  it('says how to get browser data when a data folder has none', async () => {
    const files = fixtureDataFiles();
    delete files[BROWSER_PAPERS_FILE];
    const problem = await problemOf(files);
    expect(problem.kind).toBe('incomplete');
    expect(problem.file).toBe(BROWSER_PAPERS_FILE);
    expect(problem.fix).toContain('npm run pipeline');
    expect(problem.fix).toContain('npm run build');
  });

  it('calls older data stale and newer data newer', async () => {
    const stale = await problemOf(
      withEdit('topics.json', (value) => (value.schemaVersion = SCHEMA_VERSION - 1)),
    );
    expect(stale.kind).toBe('stale');
    expect(stale.fix).toContain('npm run pipeline');
    const newer = await problemOf(
      withEdit('manifest.json', (value) => (value.schemaVersion = SCHEMA_VERSION + 1)),
    );
    expect(newer.kind).toBe('newer');
    const staleBrowser = await problemOf(
      withEdit(BROWSER_PAPERS_FILE, (value) => (value.schemaVersion = SCHEMA_VERSION - 1)),
    );
    expect(staleBrowser.kind).toBe('stale');
  });

  it('refuses browser data derived from another run or by another format', async () => {
    const otherRun = await problemOf(
      withEdit('manifest.json', (value) => (value.warnings = ['another run'])),
    );
    expect(otherRun.kind).toBe('outdated');
    expect(otherRun.file).toBe(BROWSER_PAPERS_FILE);
    expect(otherRun.message).toContain('another pipeline run');
    expect(otherRun.fix).toContain('npm run pipeline');
    const otherFormat = await problemOf(
      withEdit(BROWSER_PAPERS_FILE, (value) => (value.format = BROWSER_FORMAT + 1)),
    );
    expect(otherFormat.kind).toBe('outdated');
  });

  it('refuses a browser papers file whose columns disagree', async () => {
    const problem = await problemOf(
      withEdit(BROWSER_PAPERS_FILE, (value) => {
        (value as unknown as BrowserPapersFile).columns.title.pop();
      }),
    );
    expect(problem.kind).toBe('invalid');
    expect(problem.message).toContain('column title');
  });

  it('reports a file that is not JSON', async () => {
    const files = fixtureDataFiles();
    files[BROWSER_PAPERS_FILE] = '{"schemaVersion": 1,';
    const problem = await problemOf(files);
    expect(problem.kind).toBe('invalid');
    expect(problem.message).toContain(BROWSER_PAPERS_FILE);
  });

  it('reports a file without schemaVersion as stale, pointing at the pipeline', async () => {
    const files = fixtureDataFiles();
    files['themes.json'] = JSON.stringify({ themes: [] });
    const problem = await problemOf(files);
    expect(problem.kind).toBe('stale');
    expect(problem.message).toContain('themes.json');
  });
});
