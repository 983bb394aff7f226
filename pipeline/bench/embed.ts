/**
 * Embedding throughput on 1,000 arxiv-cs-daily abstracts (title + abstract, 256-token cap):
 * the pipeline's embedder (one text per model call, no padding) against a naive baseline — the
 * transformers.js feature-extraction pipeline called in input order with fixed batches of 32 —
 * and against the embedder with length-sorted batches of 32 (batch-dependent vectors with the
 * int8 model; see `pipeline/src/embed/transformers-embedder.ts`).
 *
 * The machine is shared, so the variants take turns on chunks of 250 texts (rotating which goes
 * first): a burst of load from elsewhere hits all of them alike. A run is one pass over the
 * 1,000 texts; the report gives the median of 3 runs.
 */
import { availableParallelism } from 'node:os';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { DEFAULT_MODEL_DIR } from '../src/embed/model-files.ts';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.ts';
import { readArxivTexts } from './arxiv-texts.ts';
import { median, peakRssMiB, loadRow, type Report } from './report.ts';

const TEXTS = 1000;
const RUNS = 3;
const CHUNK = 250;
const BASELINE_BATCH = 32;

type Variant = 'embedder' | 'sorted32' | 'naive';

/** Measures embedding throughput; see the module comment. */
export async function benchEmbedding(): Promise<Report> {
  const texts = await readArxivTexts(TEXTS);
  const embedder = await loadTransformersEmbedder();
  const sorted32 = await loadTransformersEmbedder({ batchSize: BASELINE_BATCH });
  env.allowRemoteModels = false;
  const naive = (await pipeline('feature-extraction', DEFAULT_MODEL_DIR, {
    dtype: 'q8',
    local_files_only: true,
  })) as FeatureExtractionPipeline;
  let truncated = 0;
  let tokenSum = 0;
  const variants: Record<Variant, (chunk: string[]) => Promise<unknown>> = {
    embedder: async (chunk) => {
      const result = await embedder.embed(chunk);
      truncated += result.truncated;
      tokenSum += result.tokens.reduce((sum, n) => sum + n, 0);
    },
    sorted32: (chunk) => sorted32.embed(chunk),
    naive: async (chunk) => {
      for (let start = 0; start < chunk.length; start += BASELINE_BATCH) {
        await naive(chunk.slice(start, start + BASELINE_BATCH), {
          pooling: 'mean',
          normalize: true,
        });
      }
    },
  };
  const names = Object.keys(variants) as Variant[];
  const seconds: Record<Variant, number[]> = { embedder: [], sorted32: [], naive: [] };
  for (let run = 0; run < RUNS; run++) {
    const spent: Record<Variant, number> = { embedder: 0, sorted32: 0, naive: 0 };
    for (let start = 0, turn = 0; start < texts.length; start += CHUNK, turn++) {
      const chunk = texts.slice(start, start + CHUNK);
      for (let i = 0; i < names.length; i++) {
        const name = names[(turn + i) % names.length] as Variant;
        const started = performance.now();
        await variants[name](chunk);
        spent[name] += (performance.now() - started) / 1000;
      }
    }
    for (const name of names) seconds[name].push(spent[name]);
  }
  const meanTokens = tokenSum / (RUNS * texts.length);
  await Promise.all([embedder.dispose(), sorted32.dispose(), naive.dispose()]);

  const rate = (values: number[]): number => texts.length / median(values);
  const ours = rate(seconds.embedder);
  const baseline = rate(seconds.naive);
  const sortedRate = rate(seconds.sorted32);
  return {
    title: `Embedding: ${texts.length} arxiv-cs-daily abstracts, ${embedder.modelId}, median of ${RUNS} runs`,
    rows: [
      { label: 'embedder (one text per call)', value: `${ours.toFixed(1)} abstracts/s` },
      {
        label: 'naive baseline (input order, batch 32)',
        value: `${baseline.toFixed(1)} abstracts/s`,
      },
      { label: 'ratio embedder / baseline', value: `${(ours / baseline).toFixed(2)}×` },
      {
        label: 'length-sorted batches of 32',
        value: `${sortedRate.toFixed(1)} abstracts/s (${(sortedRate / baseline).toFixed(2)}× baseline)`,
      },
      { label: 'runs (s): embedder', value: seconds.embedder.map((s) => s.toFixed(1)).join(', ') },
      { label: 'runs (s): baseline', value: seconds.naive.map((s) => s.toFixed(1)).join(', ') },
      { label: 'runs (s): sorted 32', value: seconds.sorted32.map((s) => s.toFixed(1)).join(', ') },
      { label: 'mean tokens per text', value: meanTokens.toFixed(1) },
      { label: `texts cut to ${embedder.maxTokens} tokens`, value: String(truncated / RUNS) },
      { label: 'os.availableParallelism()', value: String(availableParallelism()) },
      { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
      loadRow(),
    ],
  };
}
