/**
 * Sentence embeddings with @huggingface/transformers (ONNX Runtime on the CPU): the bundled
 * all-MiniLM-L6-v2 int8 model by default, mean pooling over the attention mask, L2
 * normalization — the recipe of sentence-transformers (arXiv:1908.10084).
 *
 * The pipeline object supplies the tokenizer and the model; this module feeds the model itself
 * so that each text is tokenized once (the lengths drive truncation counts and batching) and so
 * that truncation keeps the closing `[SEP]` as sentence-transformers does (transformers.js cuts
 * it off).
 *
 * Batch size defaults to 1 on purpose. The int8 model quantizes activations dynamically
 * (DynamicQuantizeLinear: one scale per tensor), so in a batch every text's vector depends on
 * the other texts and the padding: measured cosine ≈ 0.99 to the text embedded alone. That
 * would make a vector depend on which texts happened to miss the cache, and two runs on the
 * same input would differ. Alone, a text always gets the same bytes.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  env,
  mean_pooling,
  pipeline,
  Tensor,
  type FeatureExtractionPipeline,
} from '@huggingface/transformers';
import type { EmbedProgress, Embedder, EmbeddingBatch } from './embedder.ts';
import { lengthSortedBatches } from './length-batches.ts';
import {
  chunkSpans,
  chunkWeights,
  DEFAULT_CHUNKS,
  poolChunks,
  poolingName,
  type ChunkOptions,
} from './chunks.ts';
import {
  checkModelFiles,
  DEFAULT_MODEL_DIR,
  ModelFilesError,
  modelFingerprint,
} from './model-files.ts';

export { paperText } from './paper-text.ts';
export { DEFAULT_MODEL_DIR, ModelFilesError } from './model-files.ts';

/** Options of {@link loadTransformersEmbedder}. */
export interface TransformersEmbedderOptions {
  /**
   * A model directory (config.json, tokenizer files, onnx/model_quantized.onnx) or a Hugging Face
   * Hub id. Default: the bundled all-MiniLM-L6-v2 ({@link DEFAULT_MODEL_DIR}).
   */
  model?: string;
  /** Allow downloading a Hub model. Default false: never touch the network unless asked. */
  allowDownload?: boolean;
  /**
   * Token cap per text, special tokens included. Default 256 (what all-MiniLM-L6-v2 was trained
   * with); range 3 to the tokenizer's `model_max_length`. Longer texts keep their first tokens.
   */
  maxTokens?: number;
  /**
   * Texts per model call, ≥ 1. Default 1, which keeps every vector independent of the other
   * texts (see the module comment). Larger batches group texts of similar token length.
   */
  batchSize?: number;
  /**
   * How texts longer than `maxTokens` are embedded: overlapping windows pooled into one vector
   * (`'default'` for {@link DEFAULT_CHUNKS}, with the overlap capped at a quarter window), or
   * `null` (the default) to keep only their first `maxTokens` tokens. Truncation stays the
   * default: on citations-dev whole abstracts did not improve related papers, and the theme
   * thresholds are calibrated on truncated vectors.
   */
  chunks?: ChunkOptions | 'default' | null;
}

/** Window vectors of texts, before pooling: what {@link TransformersEmbedder.embedChunks} returns. */
export interface ChunkVectors {
  /** One unit vector per window, row-major, windows of text 0 first. */
  vectors: Float32Array;
  dim: number;
  /** Windows per text (aligned with the texts). */
  counts: Uint32Array;
  /** Content tokens per window (aligned with the windows). */
  lengths: Uint32Array;
  /** Token count of each text, special tokens included. */
  tokens: Uint32Array;
}

/** An {@link Embedder} backed by a transformers.js model, with what the manifest records. */
export interface TransformersEmbedder extends Embedder {
  /** The model as given: a directory path or a Hub id. */
  readonly source: string;
  /** ONNX weights variant. */
  readonly dtype: 'q8';
  /** True when the files matched the directory's SHA256SUMS. */
  readonly verified: boolean;
  /** Texts per model call. */
  readonly batchSize: number;
  /** Chunking of long texts; null when they are truncated. */
  readonly chunks: ChunkOptions | null;
  /**
   * Embeds every window of every text (with {@link chunkSpans}, whatever `chunks` says about
   * pooling), so that benchmarks can pool the same windows several ways.
   */
  embedChunks(texts: string[], onProgress?: EmbedProgress): Promise<ChunkVectors>;
  /** Releases the ONNX session. */
  dispose(): Promise<void>;
}

const DEFAULT_MAX_TOKENS = 256;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Where transformers.js keeps the files of a downloaded Hub model: `<env.cacheDir>/<id>/`. */
function downloadedModelDir(hubId: string): string {
  if (!env.cacheDir) {
    throw new Error(
      `transformers.js has no file cache (env.cacheDir), so ${hubId} cannot be hashed`,
    );
  }
  return resolve(env.cacheDir, hubId);
}

/**
 * Loads the model, checking the bundled files against their SHA256SUMS first.
 *
 * @throws {ModelFilesError} when a model file is missing or altered, or when `model` is not a
 *   directory and `allowDownload` is false.
 */
export async function loadTransformersEmbedder(
  options: TransformersEmbedderOptions = {},
): Promise<TransformersEmbedder> {
  const source = options.model ?? DEFAULT_MODEL_DIR;
  const allowDownload = options.allowDownload ?? false;
  const batchSize = options.batchSize ?? 1;

  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be an integer ≥ 1, got ${batchSize}`);
  }

  const localDir = isDirectory(resolve(source)) ? resolve(source) : null;
  if (localDir === null && !allowDownload) {
    throw new ModelFilesError(
      source,
      'download-refused',
      `model "${source}" is not a directory; to download it from the Hugging Face Hub, ` +
        'ask for it explicitly (allowDownload / --allow-download), or pass a local model directory',
    );
  }
  const checked = localDir
    ? await checkModelFiles(localDir, localDir === resolve(DEFAULT_MODEL_DIR))
    : null;

  env.allowRemoteModels = allowDownload;
  env.allowLocalModels = true;
  // An absolute path is not a valid Hub id, so transformers.js reads the directory as is.
  const extractor = (await pipeline('feature-extraction', localDir ?? source, {
    dtype: 'q8',
    local_files_only: !allowDownload,
  })) as FeatureExtractionPipeline;

  const modelFiles = checked ?? (await checkModelFiles(downloadedModelDir(source), false));
  const tokenizer = extractor.tokenizer;
  const limit = tokenizer.model_max_length;
  const maxTokens = options.maxTokens ?? Math.min(DEFAULT_MAX_TOKENS, limit);
  if (!Number.isInteger(maxTokens) || maxTokens < 3 || maxTokens > limit) {
    await extractor.dispose();
    throw new RangeError(`maxTokens must be an integer from 3 to ${limit}, got ${maxTokens}`);
  }
  // Default windows overlap by 32 tokens, or by a quarter of a window under a small token cap.
  const chunks =
    options.chunks === undefined
      ? null
      : options.chunks === 'default'
        ? {
            ...DEFAULT_CHUNKS,
            overlap: Math.min(DEFAULT_CHUNKS.overlap, Math.floor((maxTokens - 2) / 4)),
          }
        : options.chunks;
  if (
    chunks &&
    (!Number.isInteger(chunks.overlap) || chunks.overlap < 0 || chunks.overlap >= maxTokens - 2)
  ) {
    await extractor.dispose();
    throw new RangeError(
      `chunk overlap must be an integer from 0 to ${maxTokens - 3} tokens, got ${chunks.overlap}`,
    );
  }
  const probe = tokenizer('a');
  const withTokenTypes = 'token_type_ids' in probe;
  const sepId = tokenizer.sep_token_id;
  const dim = (extractor.model.config as unknown as { hidden_size: number }).hidden_size;

  const name = localDir ? localDir.split(/[\\/]/).pop() : source;
  const modelId = `${name}:q8:${modelFingerprint(modelFiles.files)}`;

  /**
   * A text's windows as token ids, each `[CLS] content [SEP]` of at most `maxTokens` ids, and
   * the text's whole length. The first window is the truncated text, ending in `[SEP]` as
   * sentence-transformers does; with chunking off it is the only one.
   */
  function encode(text: string, overlap: number | null): { windows: Int32Array[]; length: number } {
    const ids = tokenizer.encode(text);
    if (ids.length <= maxTokens) return { windows: [Int32Array.from(ids)], length: ids.length };
    const hasSep = sepId !== undefined && ids[ids.length - 1] === sepId;
    const head = ids.slice(0, 1);
    const content = ids.slice(1, hasSep ? -1 : undefined);
    const tail = hasSep ? [sepId] : [];
    const width = maxTokens - head.length - tail.length;
    const spans =
      overlap === null ? [{ start: 0, end: width }] : chunkSpans(content.length, width, overlap);
    const windows = spans.map((span) =>
      Int32Array.from([...head, ...content.slice(span.start, span.end), ...tail]),
    );
    return { windows, length: ids.length };
  }

  async function embedBatch(encoded: Int32Array[]): Promise<Float32Array> {
    const rows = encoded.length;
    const width = Math.max(...encoded.map((ids) => ids.length));
    const inputIds = new BigInt64Array(rows * width);
    const mask = new BigInt64Array(rows * width);
    encoded.forEach((ids, r) => {
      ids.forEach((id, c) => {
        inputIds[r * width + c] = BigInt(id);
        mask[r * width + c] = 1n;
      });
    });
    const inputs: Record<string, Tensor> = {
      input_ids: new Tensor('int64', inputIds, [rows, width]),
      attention_mask: new Tensor('int64', mask, [rows, width]),
    };
    if (withTokenTypes) {
      inputs.token_type_ids = new Tensor('int64', new BigInt64Array(rows * width), [rows, width]);
    }
    const output = (await extractor.model(inputs)) as { last_hidden_state: Tensor };
    const pooled = mean_pooling(output.last_hidden_state, inputs.attention_mask as Tensor);
    return pooled.normalize(2, -1).data as Float32Array;
  }

  /**
   * Embeds windows in length-sorted batches. Progress is in texts, pro rata of the windows done
   * (windows run shortest first, so counting finished texts would stall until the end).
   */
  async function embedWindows(
    windows: Int32Array[],
    texts: number,
    onProgress?: EmbedProgress,
  ): Promise<Float32Array> {
    const vectors = new Float32Array(windows.length * dim);
    const batches = lengthSortedBatches(
      windows.map((ids) => ids.length),
      batchSize,
    );
    let done = 0;
    for (const batch of batches) {
      const pooled = await embedBatch(batch.map((i) => windows[i] as Int32Array));
      batch.forEach((row, j) => vectors.set(pooled.subarray(j * dim, (j + 1) * dim), row * dim));
      done += batch.length;
      onProgress?.(Math.floor((texts * done) / windows.length), texts);
    }
    return vectors;
  }

  async function embedChunks(texts: string[], onProgress?: EmbedProgress): Promise<ChunkVectors> {
    const overlap = chunks?.overlap ?? DEFAULT_CHUNKS.overlap;
    const tokens = new Uint32Array(texts.length);
    const counts = new Uint32Array(texts.length);
    const windows: Int32Array[] = [];
    texts.forEach((text, i) => {
      const encoded = encode(text, overlap);
      tokens[i] = encoded.length;
      counts[i] = encoded.windows.length;
      windows.push(...encoded.windows);
    });
    const lengths = Uint32Array.from(windows, (ids) => ids.length - 2);
    const vectors = await embedWindows(windows, texts.length, onProgress);
    return { vectors, dim, counts, lengths, tokens };
  }

  async function embed(texts: string[], onProgress?: EmbedProgress): Promise<EmbeddingBatch> {
    const vectors = new Float32Array(texts.length * dim);
    if (chunks === null) {
      const tokens = new Uint32Array(texts.length);
      const windows = texts.map((text, i) => {
        const {
          windows: [first],
          length,
        } = encode(text, null);
        tokens[i] = length;
        return first as Int32Array;
      });
      vectors.set(await embedWindows(windows, texts.length, onProgress));
      const truncated = tokens.reduce((n, length) => n + (length > maxTokens ? 1 : 0), 0);
      return { vectors, dim, truncated, tokens };
    }
    const windows = await embedChunks(texts, onProgress);
    let offset = 0;
    texts.forEach((_, i) => {
      const count = windows.counts[i]!;
      if (count === 1) {
        // One window is the truncated embedding itself: same bytes as with chunking off.
        vectors.set(windows.vectors.subarray(offset * dim, (offset + 1) * dim), i * dim);
        offset += 1;
        return;
      }
      const spans = Array.from(windows.lengths.subarray(offset, offset + count), (length) => ({
        start: 0,
        end: length as number,
      }));
      const weights = chunkWeights(spans, chunks.pooling);
      vectors.set(poolChunks(windows.vectors, dim, offset, weights), i * dim);
      offset += count;
    });
    return { vectors, dim, truncated: 0, tokens: windows.tokens };
  }

  return {
    modelId,
    pooling: poolingName(chunks),
    chunksLongTexts: chunks !== null,
    maxTokens,
    dim,
    source,
    dtype: 'q8',
    files: modelFiles.files,
    verified: modelFiles.verified,
    batchSize,
    chunks,
    embed,
    embedChunks,
    dispose: () => extractor.dispose(),
  };
}
