/**
 * The search behind the API: the embedding model, the HNSW index, the paper vectors and a
 * lexical (BM25) index over the papers' words, loaded once when the server starts. Results are
 * ranked by the same hybrid score as `related.json` (`pipeline/src/index/hybrid.ts`, parameters
 * from the manifest): free text is embedded with the model the pipeline used (checked against
 * the manifest) and cut into words by the pipeline's tokenizer; a set of papers is searched by
 * the mean of their vectors, re-normalized, and the sum of their word vectors.
 */
import { readFile } from 'node:fs/promises';
import type { HierarchicalNSW } from 'hnswlib-node';
import { artifactPath, committedRunDir } from '../../pipeline/src/output/run-folder.ts';
import {
  checkSchemaVersion,
  type ArtifactName,
  type Manifest,
  type PapersFile,
  type TopicsFile,
} from '../../pipeline/src/schema/artifacts.ts';
import { loadIndex, searchIndex } from '../../pipeline/src/index/hnsw-index.ts';
import type { Embedder } from '../../pipeline/src/embed/embedder.ts';
import { loadTransformersEmbedder } from '../../pipeline/src/embed/transformers-embedder.ts';
import { checkIndexFile } from './index-check.ts';
import { tokenizeCorpus, type TokenizedCorpus } from '../../pipeline/src/topics/tokenize.ts';
import {
  buildLexicalIndex,
  rowsQuery,
  termCounts,
  textQuery,
  type LexicalIndex,
} from '../../pipeline/src/index/lexical.ts';
import {
  DEFAULT_HYBRID,
  hybridSearch,
  type HybridOptions,
} from '../../pipeline/src/index/hybrid.ts';

/**
 * A found paper: its hybrid score to the query (4 decimals), title, first day (ISO, null when
 * undated) and fine topic (null for a paper in no topic), so a script needs no other file.
 */
export interface SearchHit {
  id: string;
  score: number;
  title: string;
  firstDay: string | null;
  topic: { id: number; label: string } | null;
  /** The paper's upvotes, when the input had them. */
  upvotes?: number;
}

/** What a hit says about its paper besides id and score. */
type PaperCard = Omit<SearchHit, 'id' | 'score'>;

/** Dense candidates taken from the index before the hybrid re-rank. */
const DENSE_CANDIDATES = 50;

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
  /** The loaded model, which the watch-list editor reuses; absent in fakes. */
  readonly embedder?: Embedder;
}

/** Method descriptions returned with results, shown under them in the app. */
export const SEARCH_METHODS = {
  text: 'Query embedded with the pipeline’s model and cut into the pipeline’s words; papers ranked by a blend of embedding cosine (HNSW candidates) and BM25 word cosine, as related papers are.',
  similar:
    'Mean of the set’s paper vectors, re-normalized, and the sum of their word vectors; papers ranked by a blend of embedding cosine and BM25 word cosine, as related papers are.',
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

class IndexSearchEngine implements SearchEngine {
  readonly #rows = new Map<string, number>();

  constructor(
    readonly modelId: string,
    private readonly ids: readonly string[],
    private readonly vectors: Float32Array,
    private readonly dim: number,
    private readonly index: HierarchicalNSW,
    readonly embedder: Embedder,
    private readonly words: TokenizedCorpus,
    private readonly lexical: LexicalIndex,
    private readonly cards: readonly PaperCard[],
    private readonly hybrid: HybridOptions,
  ) {
    ids.forEach((id, row) => this.#rows.set(id, row));
    words.surfaces.forEach((surface, id) => {
      const lower = surface.toLowerCase();
      if (!this.#wordKey.has(lower)) this.#wordKey.set(lower, words.surfaceKey[id]!);
    });
  }

  /** Lowercase written form → the corpus's word key id, so a query folds plurals as papers do. */
  readonly #wordKey = new Map<string, number>();

  #queryCounts(text: string): Map<number, number> {
    const query = tokenizeCorpus([{ title: '', abstract: text }]);
    const counts = new Map<number, number>();
    for (const token of query.docs[0] ?? []) {
      if (token < 0) continue;
      const key = this.#wordKey.get(query.surfaces[token >> 1]!.toLowerCase());
      if (key === undefined || this.words.generic[key] === 1) continue;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  get size(): number {
    return this.ids.length;
  }

  hasPaper(id: string): boolean {
    return this.#rows.has(id);
  }

  async searchText(text: string, k: number): Promise<SearchHit[]> {
    const { vectors } = await this.embedder.embed([text]);
    const lexical = textQuery(this.lexical, this.#queryCounts(text));
    return this.#hits(vectors.subarray(0, this.dim), lexical, k, new Set());
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
    return this.#hits(mean, rowsQuery(this.lexical, rows), k, new Set(rows));
  }

  #hits(
    vector: Float32Array,
    lexical: ReturnType<typeof textQuery>,
    k: number,
    exclude: ReadonlySet<number>,
  ): SearchHit[] {
    const dense = searchIndex(this.index, vector, Math.max(k, DENSE_CANDIDATES) + exclude.size);
    const corpus = { vectors: this.vectors, dim: this.dim, lexical: this.lexical };
    return hybridSearch(
      corpus,
      { vector, lexical },
      dense.map((hit) => hit.row),
      k,
      { ...this.hybrid, lexicalCandidates: Math.max(k, this.hybrid.lexicalCandidates) },
      exclude,
    ).map((hit) => ({ id: this.ids[hit.row]!, score: hit.score, ...this.cards[hit.row]! }));
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
  const topicsFile = await readJson<TopicsFile>(runDir, 'topics');
  const labels = new Map(topicsFile.topics.map((topic) => [topic.id, topic.label]));
  const cards = papers.papers.map((paper) => ({
    title: paper.title,
    firstDay: paper.dates[0] ?? null,
    topic: paper.topic === null ? null : { id: paper.topic, label: labels.get(paper.topic) ?? '' },
    ...(paper.upvotes === undefined ? {} : { upvotes: paper.upvotes }),
  }));
  const words = tokenizeCorpus(papers.papers);
  const lexical = buildLexicalIndex(termCounts(words));
  const hybrid = manifest.related
    ? { alpha: manifest.related.alpha, lexicalCandidates: manifest.related.lexicalCandidates }
    : DEFAULT_HYBRID;
  return new IndexSearchEngine(
    manifest.model.id,
    ids,
    vectors,
    dim,
    index,
    embedder,
    words,
    lexical,
    cards,
    hybrid,
  );
}
