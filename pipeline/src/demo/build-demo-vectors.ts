/**
 * Maintainer script, not part of any run: writes the demo corpus's pre-computed embeddings
 * (`pipeline/demo/embeddings-v1.bin.gz` and its `.json`), taking vectors from an existing
 * embedding cache when it has them and embedding the rest with the bundled model.
 *
 *   npx tsx pipeline/src/demo/build-demo-vectors.ts [cache dir to borrow from]
 */
import { createHash } from 'node:crypto';
import { gzipSync, constants } from 'node:zlib';
import { ingestInputs } from '../ingest/ingest.ts';
import { loadTransformersEmbedder, paperText } from '../embed/transformers-embedder.ts';
import { cacheKey, EmbeddingCache, embedWithCache } from '../embed/embedding-cache.ts';
import { encodeCache, type CacheEntry } from '../embed/cache-file.ts';
import { writeFileAtomic, artifactJson } from '../output/atomic-write.ts';
import { DEMO_CORPUS, DEMO_VECTORS, DEMO_VECTORS_INFO } from './demo-files.ts';
import type { ShippedVectorsInfo } from './shipped-vectors.ts';

async function main(): Promise<void> {
  const borrowFrom = process.argv[2] ?? 'data/demo/cache';
  const ingest = await ingestInputs([DEMO_CORPUS], {});
  const texts = ingest.papers.map((p) => paperText(p.title, p.abstract));
  const embedder = await loadTransformersEmbedder();
  const cache = await EmbeddingCache.open(borrowFrom, embedder);
  const embedded = await embedWithCache(embedder, texts, cache);
  const entries = new Map<string, CacheEntry>();
  texts.forEach((text, i) => {
    entries.set(cacheKey(embedder, text), {
      vector: embedded.vectors.slice(i * embedded.dim, (i + 1) * embedded.dim),
      tokens: embedded.tokens[i] as number,
    });
  });
  const gz = gzipSync(encodeCache(embedded.dim, entries), { level: constants.Z_BEST_COMPRESSION });
  const info: ShippedVectorsInfo = {
    modelId: embedder.modelId,
    pooling: embedder.pooling,
    maxTokens: embedder.maxTokens,
    dim: embedded.dim,
    files: { ...embedder.files },
    count: entries.size,
    sha256: createHash('sha256').update(gz).digest('hex'),
  };
  await writeFileAtomic(DEMO_VECTORS, gz);
  await writeFileAtomic(DEMO_VECTORS_INFO, artifactJson(info, true));
  await embedder.dispose();
  process.stderr.write(
    `${DEMO_VECTORS}: ${entries.size} vectors (${embedded.hits} borrowed, ${embedded.computed} embedded), ${gz.length} bytes\n`,
  );
}

await main();
