/**
 * Which watch-list file `npm run dashboard` edits: by default the one the committed run's themes
 * were scored from (`manifest.themes`, see `pipeline/src/themes/themes-source.ts`), so a run made
 * with `npm run pipeline -- --themes my-themes.json` is edited in `my-themes.json`, not in the
 * default file whose themes would then silently replace the run's. A `--themes` given on the
 * command line wins, and the start says when it is not the run's file. A run written before the
 * manifest recorded the file falls back to the default.
 */
import { readFile } from 'node:fs/promises';
import { artifactPath, committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import {
  recordedThemesFile,
  recordedThemesState,
  themesSourceOfManifest,
} from '../../pipeline/src/themes/themes-source.ts';
import type { ManifestThemes } from '../../pipeline/src/schema/artifacts.ts';

/** What {@link chooseWatchListFile} needs. */
export interface WatchListQuestion {
  /** The `--themes` file, absolute, or undefined when the command line gave none. */
  given: string | undefined;
  /** The pipeline's output folder (`--data`). */
  dataDir: string;
  /** The folder a recorded relative path is taken from: the working directory. */
  workDir: string;
  /** The file used when neither `--themes` nor the run names one, absolute. */
  defaultFile: string;
}

/** The file to edit, and what to tell the user about it at start. */
export interface WatchListChoice {
  /** Absolute path of the file the watch-list editor reads and saves. */
  file: string;
  /** One line per thing worth knowing; lines about a problem start with `warning:`. */
  notices: string[];
}

/**
 * Whether `dataDir` holds a committed run (a readable manifest), and the run's `themes` record
 * when it has a well-formed one. A manifest that cannot be parsed counts as a run without the
 * record: the page reports a damaged run itself.
 */
export async function recordedThemes(
  dataDir: string,
): Promise<{ run: boolean; themes: ManifestThemes | undefined }> {
  let text: string;
  try {
    text = await readFile(artifactPath(committedRunDir(dataDir), 'manifest'), 'utf8');
  } catch {
    return { run: false, themes: undefined };
  }
  try {
    return { run: true, themes: themesSourceOfManifest(JSON.parse(text)) };
  } catch {
    return { run: true, themes: undefined };
  }
}

/** Decides which watch-list file the dashboard edits (see the module comment). */
export async function chooseWatchListFile(question: WatchListQuestion): Promise<WatchListChoice> {
  const { given, workDir, defaultFile } = question;
  const { run, themes: recorded } = await recordedThemes(question.dataDir);
  if (!recorded) {
    const file = given ?? defaultFile;
    const why = given
      ? '--themes'
      : run
        ? 'the default: the run records no watch-list file'
        : 'the default: no run yet';
    return { file, notices: [`watch list: editing ${file} (${why})`] };
  }
  const runFile = recordedThemesFile(recorded, workDir);
  if (given !== undefined && given !== runFile) {
    return {
      file: given,
      notices: [
        `watch list: editing ${given} (--themes), not ${runFile}, the file the run was scored ` +
          `from; the first edit re-scores every theme from ${given}`,
      ],
    };
  }
  const notices = [`watch list: editing ${runFile}, the file the run was scored from`];
  const state = await recordedThemesState(recorded, workDir);
  if (state === 'missing') {
    notices.push(
      `warning: ${runFile}, the watch list the run was scored from, cannot be read: the watch ` +
        'list stays read-only until the file is back, or start with --themes <file>',
    );
  } else if (state === 'changed') {
    notices.push(
      `warning: ${runFile} changed since the run was scored from it: the first edit re-scores ` +
        'every theme from the file as it is now',
    );
  }
  return { file: runFile, notices };
}
