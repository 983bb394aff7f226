/** Where the demo corpus and its run live. Paths are relative to the repository root. */

/** The shipped demo corpus: HF Daily Papers reduced to id, title, abstract, dates (gzipped JSONL). */
export const DEMO_CORPUS = 'pipeline/demo/hf-daily-papers.jsonl.gz';

/** Shipped embeddings of the demo corpus, in the embedding cache's format, gzipped. */
export const DEMO_VECTORS = 'pipeline/demo/embeddings-v1.bin.gz';

/** Output folder of `npm run demo`. */
export const DEMO_OUT = 'data/demo';

/** What made {@link DEMO_VECTORS}: model file hashes, settings, count and the file's sha256. */
export const DEMO_VECTORS_INFO = 'pipeline/demo/embeddings-v1.json';
