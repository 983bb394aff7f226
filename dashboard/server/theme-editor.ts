/**
 * The watch-list editor behind `/api/themes`: reads the theme file the runs use, applies one
 * edit at a time, and re-scores the committed run with the edited themes
 * (`pipeline/src/themes/rescore-run.ts`), which saves the file atomically and commits a new
 * generation under the run lock. Edits are serialized: each one reads the file the previous one
 * wrote, so two edits sent at once never lose one another.
 */
import { readFile } from 'node:fs/promises';
import type { Embedder } from '../../pipeline/src/embed/embedder.ts';
import {
  applyThemeEdit,
  readThemeFile,
  restoreThemeFile,
  saveThemeFile,
  themeFileText,
  type ThemeEdit,
} from '../../pipeline/src/themes/edit-theme-file.ts';
import { rescoreRun } from '../../pipeline/src/themes/rescore-run.ts';
import { themesSourceOf } from '../../pipeline/src/themes/themes-source.ts';
import type { ThemeFileJson } from '../../pipeline/src/themes/theme-config.ts';

/** What the editor answers after reading or editing: the file as written, and where it is. */
export interface ThemeListing {
  /** The theme file's path as the server was given it. */
  file: string;
  defaultThreshold: number;
  /** The themes as written in the file (thresholds unresolved). */
  themes: ThemeFileJson['themes'];
}

/** After an edit: the listing, plus the members per theme in the new generation. */
export interface EditOutcome extends ThemeListing {
  sizes: Record<string, number>;
}

/** Edits the watch list of one data folder. */
export class ThemeEditor {
  #last: Promise<unknown> = Promise.resolve();

  /**
   * @param dataDir the pipeline's output folder.
   * @param themesFile the theme file the runs use (`--themes`).
   * @param embedder the run's model (the search engine's, or loaded when first needed).
   * @param workDir the folder the new manifest's `themes.file` is recorded relative to (see
   *   `pipeline/src/themes/themes-source.ts`). Default: the working directory.
   */
  constructor(
    readonly dataDir: string,
    readonly themesFile: string,
    private readonly embedder: () => Promise<Embedder>,
    private readonly workDir: string = process.cwd(),
  ) {}

  /** The theme file as it is now. */
  async list(): Promise<ThemeListing> {
    return this.#listing(await readThemeFile(this.themesFile));
  }

  /**
   * Applies `edit`, re-scores and commits; runs after every edit asked for before it.
   *
   * @throws {ThemeConfigError} when the edited file would be invalid (nothing is written).
   * @throws {UnknownThemeError} when the edit names a theme the file lacks.
   * @throws {RunLockedError} when a pipeline run holds the data folder (nothing is written).
   */
  edit(edit: ThemeEdit): Promise<EditOutcome> {
    const next = this.#last.then(
      () => this.#apply(edit),
      () => this.#apply(edit),
    );
    this.#last = next.catch(() => undefined);
    return next;
  }

  async #apply(edit: ThemeEdit): Promise<EditOutcome> {
    const current = await readThemeFile(this.themesFile);
    const edited = applyThemeEdit(current, edit, this.themesFile);
    // The exact bytes, to put back if the edit fails after the save.
    const original = await readFile(this.themesFile);
    let saved = false;
    try {
      const outcome = await rescoreRun(this.dataDir, edited.themes, await this.embedder(), {
        // The run now follows this file, with the bytes saved below.
        themesSource: themesSourceOf(this.themesFile, themeFileText(edited.json), this.workDir),
        beforeCommit: async () => {
          await saveThemeFile(this.themesFile, edited.json);
          saved = true;
        },
      });
      return { ...this.#listing(edited.json), sizes: outcome.sizes };
    } catch (error) {
      // The new generation failed after the file was saved: the file goes back to the bytes
      // the committed run was scored with (and its manifest's sha256 describes).
      if (saved) await restoreThemeFile(this.themesFile, original);
      throw error;
    }
  }

  #listing(json: ThemeFileJson): ThemeListing {
    return { file: this.themesFile, defaultThreshold: json.defaultThreshold, themes: json.themes };
  }
}
