/**
 * Notices a new pipeline run under an open page. The page keeps the data it loaded; the
 * server (or a rebuilt static bundle) serves the new run's files, whose fingerprint no longer
 * matches. {@link RunWatch} compares the served `manifest.json` with the loaded one when the
 * page comes back into view and every {@link RUN_CHECK_MS}; a detail file of the new run
 * reports the same through {@link newRunProblem}. Either way the reader is offered a reload.
 */
import { ARTIFACT_FILES, type Manifest } from './artifacts.ts';
import { manifestFingerprint } from './browser-format.ts';
import { DataProblem, type FetchLike } from './load-artifacts.ts';

/** Interval between background checks of the served manifest, ms (default 60 s). */
export const RUN_CHECK_MS = 60_000;

/** The problem a file of a newer run than the page's data raises. */
export function newRunProblem(file: string): DataProblem {
  return new DataProblem(
    'updated',
    file,
    'The pipeline ran again since this page was loaded, so this page’s papers are out of date.',
    'Reload the page to see the new run.',
  );
}

/** Whether an error means "a new run replaced the data". */
export function isNewRun(error: unknown): boolean {
  return error instanceof DataProblem && error.kind === 'updated';
}

/** Watches the served manifest of a data folder for a run other than the loaded one. */
export class RunWatch {
  readonly #baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #source: string;
  #checking = false;

  /**
   * @param source fingerprint of the manifest the page loaded
   */
  constructor(baseUrl: string, fetchFn: FetchLike, source: string) {
    this.#baseUrl = baseUrl;
    this.#fetch = fetchFn;
    this.#source = source;
  }

  /**
   * Whether the served manifest belongs to another run. A failed request answers false: the
   * server may be restarting, and the next check will tell.
   */
  async changed(): Promise<boolean> {
    if (this.#checking) return false;
    this.#checking = true;
    try {
      const response = await this.#fetch(`${this.#baseUrl}${ARTIFACT_FILES.manifest}`);
      if (!response.ok) return false;
      return manifestFingerprint(JSON.parse(await response.text()) as Manifest) !== this.#source;
    } catch {
      return false;
    } finally {
      this.#checking = false;
    }
  }

  /**
   * Checks when the page becomes visible or focused and every `intervalMs`, and calls
   * `onChange` once when a new run is found. Returns a function that stops watching.
   */
  start(onChange: () => void, intervalMs = RUN_CHECK_MS): () => void {
    let stopped = false;
    const check = () => {
      void this.changed().then((changed) => {
        if (changed && !stopped) {
          stop();
          onChange();
        }
      });
    };
    const onVisible = () => {
      if (document.visibilityState === 'visible') check();
    };
    const timer = setInterval(check, intervalMs);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', check);
    const stop = () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', check);
    };
    return stop;
  }
}
