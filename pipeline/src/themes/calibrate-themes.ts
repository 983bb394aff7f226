/**
 * Maintenance command, not part of a pipeline run: measures how well each theme's threshold
 * separates weak positives from weak negatives on a corpus, and proposes F-beta-optimal
 * thresholds to write into the theme file. README.md beside this file records a run.
 *
 *   npx tsx pipeline/src/themes/calibrate-themes.ts --papers papers.jsonl.gz \
 *     [--vectors papers.f32] [--themes pipeline/config/themes.json] [--beta 2]
 *
 * `--papers`: JSONL (optionally gzipped) with `title` and `abstract` per line. `--vectors`:
 * row-major float32 embeddings of `paperText(title, abstract)` in the same order, to skip
 * embedding the corpus; without it the corpus is embedded with the bundled model.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { loadTransformersEmbedder, paperText } from '../embed/transformers-embedder.ts';
import {
  calibrateThreshold,
  compilePatterns,
  weakLabel,
  type ThresholdPoint,
  type WeakLabel,
} from './calibration.ts';
import { embedThemes, loadThemeConfig } from './score-themes.ts';

const { values } = parseArgs({
  options: {
    papers: { type: 'string' },
    vectors: { type: 'string' },
    themes: { type: 'string', default: 'pipeline/config/themes.json' },
    beta: { type: 'string', default: '2' },
  },
});
if (!values.papers) {
  console.error('--papers <file.jsonl[.gz]> is required');
  process.exit(2);
}
const beta = Number(values.beta);

const raw = readFileSync(values.papers);
const text = (values.papers.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
const papers = text
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as { title: string; abstract: string });

const embedder = await loadTransformersEmbedder();
const { dim } = embedder;
let vectors: Float32Array;
if (values.vectors) {
  const bytes = readFileSync(values.vectors);
  vectors = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  if (vectors.length !== papers.length * dim) {
    throw new RangeError(
      `${values.vectors}: ${vectors.length / dim} rows for ${papers.length} papers of dimension ${dim}`,
    );
  }
} else {
  vectors = (await embedder.embed(papers.map((p) => paperText(p.title, p.abstract)))).vectors;
}

const themes = await loadThemeConfig(values.themes);
const themeVectors = await embedThemes(themes, embedder);
await embedder.dispose();

const fmt = (p: ThresholdPoint) =>
  `${p.threshold.toFixed(2)}  P ${p.precision.toFixed(2)}  R ${p.recall.toFixed(2)}  ` +
  `F ${p.f.toFixed(2)}  selected ${p.selected}`;

console.log(`${papers.length} papers; F${beta}-optimal thresholds (grid 0.20–0.80, step 0.01)\n`);
const pooled: { scores: number[]; labels: WeakLabel[] } = { scores: [], labels: [] };
themes.forEach((theme, t) => {
  const scores = new Float64Array(papers.length);
  for (let row = 0; row < papers.length; row++) {
    let dot = 0;
    for (let d = 0; d < dim; d++)
      dot += vectors[row * dim + d]! * themeVectors.vectors[t * dim + d]!;
    scores[row] = Math.round(dot * 1e4) / 1e4;
  }
  const patterns = compilePatterns(theme.weakLabelPatterns);
  if (patterns.length === 0) {
    console.log(`${theme.id}: no weakLabelPatterns, skipped\n`);
    return;
  }
  console.log(`${theme.id} (configured threshold ${theme.threshold})`);
  for (const rule of ['text', 'title'] as const) {
    const labels: WeakLabel[] = papers.map((p) => weakLabel(p.title, p.abstract, patterns, rule));
    if (rule === 'title') {
      pooled.scores.push(...scores);
      pooled.labels.push(...labels);
    }
    const calibration = calibrateThreshold(scores, labels, { beta });
    const f1 = calibrateThreshold(scores, labels, { beta: 1 });
    const at = (threshold: number) =>
      calibrateThreshold(scores, labels, { beta, from: threshold, to: threshold }).best;
    console.log(
      `  ${rule.padEnd(5)} ${calibration.positives} positives, ${calibration.negatives} negatives\n` +
        `    F${beta}-best   ${fmt(calibration.best)}\n` +
        `    F1-best   ${fmt(f1.best)}\n` +
        `    configured ${fmt(at(theme.threshold))}`,
    );
  }
  console.log('');
});
if (pooled.labels.length > 0) {
  const all = calibrateThreshold(pooled.scores, pooled.labels, { beta });
  console.log(`all themes pooled, title rule: F${beta}-best ${fmt(all.best)}`);
}
