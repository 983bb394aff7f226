/**
 * Keeps the server on one whole pipeline run while the pipeline commits new ones.
 *
 * The pipeline writes each run into a new generation folder and then switches the output
 * folder's `current` link (see `pipeline/src/output/generation.ts`). A request resolves the link
 * once, through {@link PinnedRun.current}, and is answered from that generation only; when the
 * link has moved, the state of the old generation (its data route, caches and browser data) is
 * replaced by one made for the new generation, so no answer mixes files of two runs.
 */
import { committedRunDir } from '../../pipeline/src/output/run-folder.ts';

/** State made for one run folder, replaced when the committed run changes. */
export class PinnedRun<T> {
  readonly #outDir: string;
  readonly #create: (runDir: string) => T;
  #runDir: string;
  #state: T;

  /**
   * @param outDir the pipeline's output folder (with `current`), or a single run folder.
   * @param create makes the state of one run folder; called now, and again on each switch.
   */
  constructor(outDir: string, create: (runDir: string) => T) {
    this.#outDir = outDir;
    this.#create = create;
    this.#runDir = committedRunDir(outDir);
    this.#state = create(this.#runDir);
  }

  /** The committed run folder now, and its state (made anew when `current` moved). */
  current(): { runDir: string; state: T } {
    const runDir = committedRunDir(this.#outDir);
    if (runDir !== this.#runDir) {
      this.#runDir = runDir;
      this.#state = this.#create(runDir);
    }
    return { runDir, state: this.#state };
  }
}
