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
  const probe = tokenizer('a');
  const withTokenTypes = 'token_type_ids' in probe;
  const sepId = tokenizer.sep_token_id;
  const dim = (extractor.model.config as unknown as { hidden_size: number }).hidden_size;

  const name = localDir ? localDir.split(/[\\/]/).pop() : source;
  const modelId = `${name}:q8:${modelFingerprint(modelFiles.files)}`;

  /** Token ids of a text cut to `maxTokens`, keeping a closing [SEP]; and its uncut length. */
  function encode(text: string): { ids: Int32Array; length: number } {
    const ids = tokenizer.encode(text);
    const cut = Int32Array.from(ids.length <= maxTokens ? ids : ids.slice(0, maxTokens));
    if (ids.length > maxTokens && sepId !== undefined && ids[ids.length - 1] === sepId) {
      cut[maxTokens - 1] = sepId;
    }
    return { ids: cut, length: ids.length };
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

  async function embed(texts: string[], onProgress?: EmbedProgress): Promise<EmbeddingBatch> {
    const vectors = new Float32Array(texts.length * dim);
    const tokens = new Uint32Array(texts.length);
    const encoded = texts.map((text, i) => {
      const { ids, length } = encode(text);
      tokens[i] = length;
      return ids;
    });
    const truncated = tokens.reduce((n, length) => n + (length > maxTokens ? 1 : 0), 0);
    const batches = lengthSortedBatches(
      encoded.map((ids) => ids.length),
      batchSize,
    );
    let done = 0;
    for (const batch of batches) {
      const pooled = await embedBatch(batch.map((i) => encoded[i] as Int32Array));
      batch.forEach((row, j) => vectors.set(pooled.subarray(j * dim, (j + 1) * dim), row * dim));
      done += batch.length;
      onProgress?.(done, texts.length);
    }
    return { vectors, dim, truncated, tokens };
  }

  return {
    modelId,
    pooling: 'mean',
    maxTokens,
    dim,
    source,
    dtype: 'q8',
    files: modelFiles.files,
    verified: modelFiles.verified,
    batchSize,
    embed,
    dispose: () => extractor.dispose(),
  };
}
