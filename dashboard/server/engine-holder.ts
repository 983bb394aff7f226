/**
 * The search engine of a data folder that a new pipeline run can replace at any time. The holder
 * notices a new run (the manifest, which a run writes last, changed; or the folder was swapped,
 * or the `current` link moved), loads the new engine in the background while the old one keeps
 * answering, and swaps it in with one assignment once it is ready. A folder that lost its run
 * turns search off with the reason; a new run that cannot be loaded does too, since answers
 * from the old index would name papers the new data does not have.
 */
import { realpath, stat } from 'node:fs/promises';
import { artifactPath, committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import type { EngineState } from './api-routes.ts';
import type { SearchEngine } from './search-engine.ts';

/** Options of {@link SearchEngineHolder}. */
export interface EngineHolderOptions {
  /** Least time between two looks at the folder, in ms (default 1000, any value ≥ 0). */
  checkEveryMs?: number;
  /** One line per reload or failure; default silent. */
  log?: (line: string) => void;
}

/**
 * Identity of the run in `dataDir`: the real path of the folder and the manifest's inode, size
 * and modification time; null when there is no manifest.
 */
export async function runFingerprint(dataDir: string): Promise<string | null> {
  try {
    // The committed run's real folder: a new generation is a new folder.
    const folder = await realpath(committedRunDir(dataDir));
    const info = await stat(artifactPath(folder, 'manifest'));
    return `${folder}|${info.ino}|${info.size}|${info.mtimeMs}`;
  } catch {
    return null;
  }
}

/** Keeps the search engine of one data folder in step with the run in it. */
export class SearchEngineHolder {
  #state: EngineState;
  #loadedFrom: string | null;
  #checkedAt = -Infinity;
  #loading: Promise<void> | null = null;
  readonly #checkEveryMs: number;
  readonly #log: (line: string) => void;

  /**
   * @param dataDir the folder the pipeline writes into.
   * @param load loads the engine of a folder (the real one: `loadSearchEngine`).
   * @param initial the engine already loaded at start, and the fingerprint it was loaded from
   *   (see {@link runFingerprint}); `engine: null` with a reason when there is none yet.
   */
  constructor(
    private readonly dataDir: string,
    private readonly load: (dataDir: string) => Promise<SearchEngine>,
    initial: { state: EngineState; fingerprint: string | null },
    options: EngineHolderOptions = {},
  ) {
    this.#state = initial.state;
    this.#loadedFrom = initial.fingerprint;
    this.#checkEveryMs = options.checkEveryMs ?? 1000;
    this.#log = options.log ?? (() => {});
  }

  /** The engine to answer with now (never waits for a reload). */
  get state(): EngineState {
    return this.#state;
  }

  /**
   * Looks at the folder (at most once per `checkEveryMs`) and starts loading a new run when
   * there is one. Resolves when that look, and any load it started, is over; callers that must
   * not wait just ignore the promise.
   */
  check(): Promise<void> {
    if (this.#loading) return this.#loading;
    const now = performance.now();
    if (now - this.#checkedAt < this.#checkEveryMs) return Promise.resolve();
    this.#checkedAt = now;
    this.#loading = this.#reloadIfChanged().finally(() => {
      this.#loading = null;
    });
    return this.#loading;
  }

  /**
   * Looks at the folder every `everyMs` (default: `checkEveryMs`, at least 100 ms), so that a
   * new run is loaded before the next search asks for it. Returns a function that stops it; the
   * timer never keeps the process alive.
   */
  watch(everyMs = Math.max(this.#checkEveryMs, 100)): () => void {
    const timer = setInterval(() => void this.check(), everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  async #reloadIfChanged(): Promise<void> {
    const fingerprint = await runFingerprint(this.dataDir);
    if (fingerprint === this.#loadedFrom) return;
    if (fingerprint === null) {
      this.#loadedFrom = null;
      this.#state = { engine: null, reason: `no run in ${this.dataDir}: run \`npm run pipeline\`` };
      this.#log(`search is off: the run in ${this.dataDir} is gone`);
      return;
    }
    try {
      const engine = await this.load(this.dataDir);
      // The run may have changed again while loading; the next look loads that one.
      this.#state = { engine };
      this.#log(`search reloaded: ${engine.size.toLocaleString('en')} papers`);
    } catch (error) {
      const reason = (error as Error).message;
      this.#state = { engine: null, reason };
      this.#log(`warning: search is off: ${reason}`);
    }
    this.#loadedFrom = fingerprint;
  }
}
