/**
 * Embedding throughput on 1,000 arxiv-cs-daily abstracts (title + abstract, 256-token cap):
 * the pipeline's embedder against a naive baseline — the transformers.js feature-extraction
 * pipeline called in input order with fixed batches of 32 — and against the embedder with
 * length-sorted batches of 32 (faster, but batch-dependent vectors with the int8 model; see
 * `pipeline/src/embed/transformers-embedder.ts`). Median of 3 interleaved runs each.
 */
import { availableParallelism } from 'node:os';
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { DEFAULT_MODEL_DIR } from '../src/embed/model-files.ts';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.ts';
import { readArxivTexts } from './arxiv-texts.ts';
import { median, peakRssMiB, type Report } from './report.ts';

const TEXTS = 1000;
const RUNS = 3;
const BASELINE_BATCH = 32;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

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
  const runNaive = async (): Promise<void> => {
    for (let start = 0; start < texts.length; start += BASELINE_BATCH) {
      await naive(texts.slice(start, start + BASELINE_BATCH), { pooling: 'mean', normalize: true });
    }
  };

  const seconds = { embedder: [] as number[], sorted32: [] as number[], naive: [] as number[] };
  let truncated = 0;
  let meanTokens = 0;
  for (let run = 0; run < RUNS; run++) {
    seconds.embedder.push(
      await timed(async () => {
        const result = await embedder.embed(texts);
        truncated = result.truncated;
        meanTokens = result.tokens.reduce((sum, n) => sum + n, 0) / texts.length;
      }),
    );
    seconds.sorted32.push(await timed(() => sorted32.embed(texts)));
    seconds.naive.push(await timed(runNaive));
  }
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
      { label: `texts cut to ${embedder.maxTokens} tokens`, value: String(truncated) },
      { label: 'os.availableParallelism()', value: String(availableParallelism()) },
      { label: 'peak RSS', value: `${peakRssMiB().toFixed(0)} MiB` },
    ],
  };
}
