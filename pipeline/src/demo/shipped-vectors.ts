/**
 * Pre-computed embeddings of the demo corpus, shipped beside it so a fresh clone does not spend
 * minutes embedding 9,877 abstracts. They are used only when they provably come from the model
 * that would compute them now:
 *
 * 1. the sha256 of every model file, the model id, pooling and token cap recorded with the vectors
 *    equal the loaded model's (so a changed or other model never reuses them);
 * 2. the file's own checksum holds (see `embed/cache-file.ts`);
 * 3. a few vectors, recomputed by the loaded model, agree (cosine ≥ {@link SPOT_CHECK_MIN_COSINE});
 *    the int8 kernels differ in the last bits between CPUs, nothing more is allowed.
 *
 * When any check fails the vectors are ignored and the pipeline embeds as usual. Accepted vectors
 * go into the run's content-addressed embedding cache, under the same keys the pipeline uses.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Embedder } from '../embed/embedder.ts';
import { cacheKey, EmbeddingCache } from '../embed/embedding-cache.ts';
import { decodeCache, type CacheEntry } from '../embed/cache-file.ts';

/** Lowest cosine between a shipped vector and the same text embedded now. */
export const SPOT_CHECK_MIN_COSINE = 0.999;
/** Texts recomputed for the spot check. */
export const SPOT_CHECK_TEXTS = 4;

/** The JSON beside the vectors file: what made the vectors. */
export const ShippedVectorsInfo = z.object({
  modelId: z.string(),
  pooling: z.string(),
  maxTokens: z.number().int(),
  dim: z.number().int(),
  /** sha256 of each model file by relative path, as the embedder reports them. */
  files: z.record(z.string(), z.string()),
  /** Vectors in the file. */
  count: z.number().int(),
  /** sha256 of the gzipped vectors file. */
  sha256: z.string(),
});
export type ShippedVectorsInfo = z.infer<typeof ShippedVectorsInfo>;

/** What happened to the shipped vectors. */
export type SeedResult =
  { used: true; added: number; checked: number } | { used: false; reason: string };

/** Where the model that made the vectors differs from `embedder`; null when it does not. */
export function modelMismatch(info: ShippedVectorsInfo, embedder: Embedder): string | null {
  if (info.modelId !== embedder.modelId)
    return `made by model ${info.modelId}, not ${embedder.modelId}`;
  if (info.pooling !== embedder.pooling || info.maxTokens !== embedder.maxTokens) {
    return `made with ${info.pooling} pooling and ${info.maxTokens} tokens, not ${embedder.pooling} and ${embedder.maxTokens}`;
  }
  if (info.dim !== embedder.dim) return `${info.dim}-dimensional, the model makes ${embedder.dim}`;
  const paths = new Set([...Object.keys(info.files), ...Object.keys(embedder.files)]);
  for (const path of [...paths].sort()) {
    if (info.files[path] !== embedder.files[path]) {
      return `model file ${path} has sha256 ${embedder.files[path] ?? '(missing)'}, the vectors were made with ${info.files[path] ?? '(no such file)'}`;
    }
  }
  return null;
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += (a[i] as number) * (b[i] as number);
    na += (a[i] as number) ** 2;
    nb += (b[i] as number) ** 2;
  }
  return dot / Math.sqrt(na * nb);
}

/**
 * Checks the shipped vectors against `embedder` and adds those missing from the cache of
 * `cacheDir`, saving it. Never throws for bad or mismatching vectors: it says why they were not
 * used.
 *
 * @param texts the texts the run will embed (the spot check picks from them, evenly spaced).
 */
export async function seedCacheFromShippedVectors(
  files: { vectors: string; info: string },
  cacheDir: string,
  embedder: Embedder,
  texts: string[],
): Promise<SeedResult> {
  let info: ShippedVectorsInfo;
  let gz: Buffer;
  try {
    info = ShippedVectorsInfo.parse(JSON.parse(await readFile(files.info, 'utf8')));
    gz = await readFile(files.vectors);
  } catch (error) {
    return {
      used: false,
      reason: `${files.info} or ${files.vectors} unreadable (${(error as Error).message})`,
    };
  }
  const mismatch = modelMismatch(info, embedder);
  if (mismatch) return { used: false, reason: mismatch };
  if (createHash('sha256').update(gz).digest('hex') !== info.sha256) {
    return { used: false, reason: `${files.vectors} does not match the sha256 in ${files.info}` };
  }
  let entries: Map<string, CacheEntry>;
  try {
    entries = decodeCache(gunzipSync(gz)).entries;
  } catch (error) {
    return { used: false, reason: `${files.vectors} is damaged (${(error as Error).message})` };
  }

  const known = texts.filter((text) => entries.has(cacheKey(embedder, text)));
  const step = Math.max(1, Math.floor(known.length / SPOT_CHECK_TEXTS));
  const sample = known.filter((_, i) => i % step === 0).slice(0, SPOT_CHECK_TEXTS);
  const fresh = await embedder.embed(sample);
  for (let i = 0; i < sample.length; i++) {
    const shipped = entries.get(cacheKey(embedder, sample[i] as string))!.vector;
    const now = fresh.vectors.subarray(i * fresh.dim, (i + 1) * fresh.dim);
    const similarity = cosine(shipped, now);
    if (!(similarity >= SPOT_CHECK_MIN_COSINE)) {
      return {
        used: false,
        reason: `a shipped vector differs from the model's (cosine ${similarity.toFixed(4)} < ${SPOT_CHECK_MIN_COSINE})`,
      };
    }
  }

  const cache = await EmbeddingCache.open(cacheDir, embedder);
  let added = 0;
  for (const [key, entry] of entries) {
    if (cache.get(key)) continue;
    cache.set(key, entry);
    added += 1;
  }
  await cache.save();
  return { used: true, added, checked: sample.length };
}
