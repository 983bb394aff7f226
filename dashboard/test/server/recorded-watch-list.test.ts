/**
 * The whole way, with the real pipeline and model: a run given `--themes my-themes.json` records
 * that file in its manifest, and `npm run dashboard` started without `--themes` edits that file
 * (over HTTP), not the default one, and the re-scored run records its new bytes. A second start
 * says when the file changed since, and a third when `--themes` names another file.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, committedRunDir } from '../../../pipeline/src/output/run-folder.ts';
import type { Manifest } from '../../../pipeline/src/schema/artifacts.ts';
import { removeAll, startServer, type RunningServer } from '../support/dashboard-harness.ts';
import { REPO_ROOT, run } from '../support/seed-pipeline.ts';
import { jsonRequest, type JsonAnswer } from '../support/json-request.ts';

const DEFAULT_THEMES = join(REPO_ROOT, 'pipeline/config/themes.json');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let root: string;
let outDir: string;
let dist: string;
let myThemes: string;
let defaultBytes: Buffer;
const servers: RunningServer[] = [];

/** One JSON request to `server`, sent as the dashboard's own page sends it. */
function call(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<JsonAnswer> {
  return jsonRequest(server.url, method, path, body);
}

async function serve(args: string[] = []): Promise<RunningServer> {
  const server = await startServer(['--data', outDir, '--dist', dist, '--no-search', ...args]);
  servers.push(server);
  return server;
}

const manifestOf = async () =>
  JSON.parse(await readFile(artifactPath(committedRunDir(outDir), 'manifest'), 'utf8')) as Manifest;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'recorded-watch-list-'));
  outDir = join(root, 'data');
  // Only /api/themes is asked for: a page stands in for the built app.
  dist = join(root, 'dist');
  await mkdir(dist);
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  myThemes = join(root, 'my-themes.json');
  defaultBytes = await readFile(DEFAULT_THEMES);
  await writeFile(myThemes, defaultBytes);
  await run(process.execPath, [
    '--import',
    'tsx',
    'pipeline/src/cli/main.ts',
    '--input',
    join(REPO_ROOT, 'seeds/000_fbd22c066664c8d8.txt'),
    '--input',
    join(REPO_ROOT, 'seeds/001_308ffe09e75e67e3.txt'),
    '--out',
    outDir,
    '--cache-dir',
    join(root, 'cache'),
    '--themes',
    myThemes,
    '--no-progress',
  ]);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  await removeAll([root]);
});

describe('the dashboard edits the watch list the run recorded', () => {
  it('records the run’s --themes file and edits it when started without --themes', async () => {
    expect((await manifestOf()).themes).toEqual({ file: myThemes, sha256: sha256(defaultBytes) });

    const server = await serve();
    expect(server.stderr()).toContain(
      `watch list: editing ${myThemes}, the file the run was scored from`,
    );
    const listing = await call(server, 'GET', '/api/themes');
    expect(listing.body).toMatchObject({ editable: true, file: myThemes });

    const added = await call(server, 'POST', '/api/themes', {
      id: 'continual-learning',
      label: 'Continual learning',
      description: 'Learning a sequence of tasks without forgetting the earlier ones.',
      keywords: ['continual learning', 'catastrophic forgetting'],
    });
    expect(added.status).toBe(201);
    const saved = await readFile(myThemes);
    expect(saved.toString()).toContain('"continual-learning"');
    // The default file is left alone.
    expect((await readFile(DEFAULT_THEMES)).equals(defaultBytes)).toBe(true);
    // The new run's themes come from the edited file, and its manifest says so.
    const manifest = await manifestOf();
    expect(manifest.themes).toEqual({ file: myThemes, sha256: sha256(saved) });
    const themes = JSON.parse(
      await readFile(artifactPath(committedRunDir(outDir), 'themes'), 'utf8'),
    ) as { themes: { id: string }[] };
    expect(themes.themes.map((theme) => theme.id)).toContain('continual-learning');
  });

  it('says at start when the file changed since the run, or --themes names another', async () => {
    await writeFile(myThemes, `${(await readFile(myThemes, 'utf8')).trimEnd()}\n\n`);
    const changed = await serve();
    expect(changed.stderr()).toContain(`warning: ${myThemes} changed since the run was scored`);

    const other = join(root, 'other-themes.json');
    await writeFile(other, defaultBytes);
    const given = await serve(['--themes', other]);
    expect(given.stderr()).toContain(`watch list: editing ${other} (--themes), not ${myThemes}`);
    expect((await call(given, 'GET', '/api/themes')).body).toMatchObject({ file: other });
  });
});
