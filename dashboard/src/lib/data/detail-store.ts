/**
 * The lazily loaded part of the papers (abstract, links, related papers): fetched one detail
 * file at a time when a paper is opened, checked like every data file, and kept for the rest
 * of the visit. Papers of a topic share a file, so opening a related paper usually costs no
 * request.
 */
import {
  BROWSER_FORMAT,
  decodeDetails,
  detailFileName,
  detailPlan,
  type BrowserDetailsFile,
  type DetailPlan,
  type PaperDetails,
} from './browser-format.ts';
import { checkBrowserHead, fetchArtifact, type FetchLike } from './load-artifacts.ts';
import { newRunProblem } from './run-watch.ts';

/** Loads paper details by row. */
export interface DetailSource {
  /** The details of the paper at `row`. Rejects with a `DataProblem` when its file fails. */
  load(row: number): Promise<PaperDetails>;
  /** The details when already loaded, else undefined (never fetches). */
  peek(row: number): PaperDetails | undefined;
}

/** {@link DetailSource} over the detail files of a data folder. */
export class DetailStore implements DetailSource {
  readonly #baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #source: string;
  readonly #topics: readonly number[];
  readonly #chunkSize: number;
  #plan: DetailPlan | null = null;
  readonly #files = new Map<number, Promise<Map<number, PaperDetails>>>();
  readonly #loaded = new Map<number, PaperDetails>();

  /**
   * @param topics the papers file's topic column (decides which file holds which paper)
   * @param chunkSize the papers file's `detailChunk`
   * @param source fingerprint of the manifest the files must be derived from
   */
  constructor(
    baseUrl: string,
    fetchFn: FetchLike,
    topics: readonly number[],
    chunkSize: number,
    source: string,
  ) {
    this.#baseUrl = baseUrl;
    this.#fetch = fetchFn;
    this.#topics = topics;
    this.#chunkSize = chunkSize;
    this.#source = source;
  }

  /** Number of detail files. */
  get fileCount(): number {
    return this.#planned().chunks.length;
  }

  /** The detail file holding the paper at `row`. */
  fileOf(row: number): number {
    return this.#planned().chunkOf[row]!;
  }

  // Computed on first use: the first map frame does not wait for it.
  #planned(): DetailPlan {
    this.#plan ??= detailPlan(this.#topics, this.#chunkSize);
    return this.#plan;
  }

  peek(row: number): PaperDetails | undefined {
    return this.#loaded.get(row);
  }

  async load(row: number): Promise<PaperDetails> {
    const known = this.#loaded.get(row);
    if (known) return known;
    const chunk = this.fileOf(row);
    let file = this.#files.get(chunk);
    if (!file) {
      file = this.#fetchFile(chunk);
      this.#files.set(chunk, file);
      // A failed file may load on a later try (for example once the server is back).
      file.catch(() => this.#files.delete(chunk));
    }
    const details = (await file).get(row);
    if (!details) throw new Error(`${detailFileName(chunk)} does not hold paper row ${row}`);
    return details;
  }

  async #fetchFile(chunk: number): Promise<Map<number, PaperDetails>> {
    const name = detailFileName(chunk);
    const file = (await fetchArtifact(this.#fetch, this.#baseUrl, name)) as BrowserDetailsFile;
    // A detail file of another run than the page's papers: the data was updated under the page.
    if (file.format === BROWSER_FORMAT && file.source !== this.#source) throw newRunProblem(name);
    checkBrowserHead(name, file, this.#source);
    const byRow = decodeDetails(file);
    for (const [row, details] of byRow) this.#loaded.set(row, details);
    return byRow;
  }
}
