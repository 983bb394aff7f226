/**
 * The semantic search behind the API: the embedding model, the HNSW index and the paper
 * vectors, loaded once when the server starts. Free text is embedded with the model the
 * pipeline used (checked against the manifest); a set of papers is searched by the mean of
 * their vectors, re-normalized (the centroid direction of the set).
 */
import { readFile } from 'node:fs/promises';
import type { HierarchicalNSW } from 'hnswlib-node';
import { artifactPath, committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import {
  checkSchemaVersion,
  type ArtifactName,
  type Manifest,
  type PapersFile,
} from '../../pipeline/src/schema/artifacts.ts';
import { loadIndex, searchIndex } from '../../pipeline/src/index/hnsw-index.ts';
import type { Embedder } from '../../pipeline/src/embed/embedder.ts';
import { loadTransformersEmbedder } from '../../pipeline/src/embed/transformers-embedder.ts';
import { checkIndexFile } from './index-check.ts';

/** A found paper with its cosine similarity to the query, 4 decimals. */
export interface SearchHit {
  id: string;
  score: number;
}

/** What the API needs; tests substitute a fake. */
export interface SearchEngine {
  /** Number of indexed papers. */
  readonly size: number;
  /** Model id as recorded in the manifest. */
  readonly modelId: string;
  hasPaper(id: string): boolean;
  /** The `k` papers nearest to the text's embedding, best first. */
  searchText(text: string, k: number): Promise<SearchHit[]>;
  /** The `k` papers nearest to the mean vector of `ids`, the ids themselves excluded. */
  similarTo(ids: readonly string[], k: number): SearchHit[];
}

/** Method descriptions returned with results, shown under them in the app. */
export const SEARCH_METHODS = {
  text: 'Query embedded with the pipeline’s model; nearest papers by cosine similarity in the HNSW index.',
  similar:
    'Mean of the set’s paper vectors, re-normalized; nearest papers by cosine similarity in the HNSW index.',
} as const;

/** Why the engine could not load, with the fix. */
export class SearchEngineError extends Error {
  override name = 'SearchEngineError';
}

/** Options of {@link loadSearchEngine}. */
export interface SearchEngineOptions {
  /** Model directory; default the bundled model. Must be the model the pipeline used. */
  model?: string;
  /** Loads the embedder; tests pass a fake. */
  loadEmbedder?: (model: string | undefined) => Promise<Embedder>;
}

const round4 = (value: number) => Math.round(value * 10_000) / 10_000;

class IndexSearchEngine implements SearchEngine {
  readonly #rows = new Map<string, number>();

  constructor(
    readonly modelId: string,
    private readonly ids: readonly string[],
    private readonly vectors: Float32Array,
    private readonly dim: number,
    private readonly index: HierarchicalNSW,
    private readonly embedder: Embedder,
  ) {
    ids.forEach((id, row) => this.#rows.set(id, row));
  }

  get size(): number {
    return this.ids.length;
  }

  hasPaper(id: string): boolean {
    return this.#rows.has(id);
  }

  async searchText(text: string, k: number): Promise<SearchHit[]> {
    const { vectors } = await this.embedder.embed([text]);
    return this.#hits(vectors.subarray(0, this.dim), k, new Set());
  }

  similarTo(ids: readonly string[], k: number): SearchHit[] {
    const mean = new Float32Array(this.dim);
    const rows = ids.map((id) => {
      const row = this.#rows.get(id);
      if (row === undefined) throw new SearchEngineError(`unknown paper id ${id}`);
      return row;
    });
    for (const row of rows) {
      const vector = this.vectors.subarray(row * this.dim, (row + 1) * this.dim);
      for (let i = 0; i < this.dim; i++) mean[i]! += vector[i]!;
    }
    let norm = 0;
    for (let i = 0; i < this.dim; i++) norm += mean[i]! * mean[i]!;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < this.dim; i++) mean[i]! /= norm;
    return this.#hits(mean, k, new Set(rows));
  }

  #hits(query: Float32Array, k: number, exclude: ReadonlySet<number>): SearchHit[] {
    return searchIndex(this.index, query, k + exclude.size)
      .filter((hit) => !exclude.has(hit.row))
      .slice(0, k)
      .map((hit) => ({ id: this.ids[hit.row]!, score: round4(hit.score) }));
  }
}

async function readJson<T>(runDir: string, name: ArtifactName): Promise<T> {
  const file = artifactPath(runDir, name);
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new SearchEngineError(`${file} is missing: run \`npm run pipeline\` first`);
  }
  const value = JSON.parse(text) as unknown;
  checkSchemaVersion(file, value);
  return value as T;
}

/**
 * Loads the model, and the index and the vectors of the committed run in the data folder (its
 * private half).
 *
 * @throws {SearchEngineError} when a file is missing, the vectors do not match the papers, or
 *   the model differs from the one that embedded the data.
 */
export async function loadSearchEngine(
  dataDir: string,
  options: SearchEngineOptions = {},
): Promise<SearchEngine> {
  const runDir = committedRunDir(dataDir);
  const manifest = await readJson<Manifest>(runDir, 'manifest');
  const papers = await readJson<PapersFile>(runDir, 'papers');
  const ids = papers.papers.map((paper) => paper.id);
  const dim = manifest.model.dim;

  const vectorFile = artifactPath(runDir, 'embeddings');
  let bytes: Buffer;
  try {
    bytes = await readFile(vectorFile);
  } catch {
    throw new SearchEngineError(`${vectorFile} is missing: run \`npm run pipeline\` first`);
  }
  if (bytes.byteLength !== ids.length * dim * 4) {
    throw new SearchEngineError(
      `${vectorFile} holds ${bytes.byteLength} bytes, expected ${ids.length} papers × ${dim} floats × 4; ` +
        'the data folder is from two different runs: run `npm run pipeline` again',
    );
  }
  const aligned = new Uint8Array(bytes.byteLength);
  aligned.set(bytes);
  const vectors = new Float32Array(aligned.buffer);

  const indexFile = artifactPath(runDir, 'index');
  await checkIndexFile(indexFile, { count: ids.length, dim });
  const index = await loadIndex(indexFile, dim, manifest.index.efSearch);
  if (index.getCurrentCount() !== ids.length) {
    throw new SearchEngineError(
      `${indexFile} holds ${index.getCurrentCount()} papers but papers.json has ${ids.length}: run \`npm run pipeline\` again`,
    );
  }

  const loadEmbedder =
    options.loadEmbedder ??
    ((model: string | undefined) => loadTransformersEmbedder(model ? { model } : {}));
  const embedder = await loadEmbedder(options.model);
  if (embedder.modelId !== manifest.model.id || embedder.dim !== dim) {
    throw new SearchEngineError(
      `the data was embedded with ${manifest.model.id} (dim ${dim}) but the server loaded ` +
        `${embedder.modelId} (dim ${embedder.dim}): start the server with --model <the pipeline's model>`,
    );
  }
  return new IndexSearchEngine(manifest.model.id, ids, vectors, dim, index, embedder);
}
