/** Vectors for a list of texts: one flat row-major buffer. */
export interface EmbeddingBatch {
  /** texts.length × dim values, row i belongs to texts[i]. L2-normalized rows. */
  vectors: Float32Array;
  dim: number;
  /** How many texts were cut to the token limit. */
  truncated: number;
  /**
   * Token count of each text before truncation, special tokens included (aligned with the
   * texts). A text was truncated when its count exceeds the embedder's `maxTokens`.
   */
  tokens: Uint32Array;
}

/** Progress callback: `done` of `total` texts embedded so far. */
export type EmbedProgress = (done: number, total: number) => void;

/** Turns texts into normalized sentence embeddings. Tests substitute a fake. */
export interface Embedder {
  /** Identifies the weights; part of the cache key. */
  readonly modelId: string;
  /**
   * Pooling strategy; part of the cache key. `mean` over the tokens of one window, or
   * `mean+chunks/<overlap>/<pooling>` when long texts are embedded in windows (see `chunks.ts`).
   */
  readonly pooling: string;
  /** True when texts over `maxTokens` are embedded whole, in windows, so none is cut. Default false. */
  readonly chunksLongTexts?: boolean;
  /** Token cap per text; part of the cache key. */
  readonly maxTokens: number;
  readonly dim: number;
  /** Weights variant as loaded, for example `q8` (int8 ONNX); recorded in the manifest. */
  readonly dtype: string;
  /** sha256 of each model file by relative path; recorded in the manifest. */
  readonly files: Readonly<Record<string, string>>;
  embed(texts: string[], onProgress?: EmbedProgress): Promise<EmbeddingBatch>;
}
