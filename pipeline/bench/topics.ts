/**
 * Topic discovery at scale, with default options:
 * - arxiv-cs-daily (74,728 papers): wall and CPU time and peak memory of topics + labels, a
 *   re-clustering with a previous run (topics of the papers before the last ~5% of listing days,
 *   then all papers clustered anew with those as the previous run, as `--refit-topics` does: how
 *   many ids survive; the default update adds papers without clustering, see `npm run bench --
 *   incremental`), and agreement with arXiv
 *   primary categories on the clean subset (cs.AI and cs.LG dropped, see the dataset's
 *   PROVENANCE.md), for fine topics and for broad topics;
 * - the Hugging Face corpus (9,877 papers): outlier rate, sizes, time.
 *
 * For both corpora, NPMI and diversity of the top 10 words of the fine topics, of the broad topics and
 * under BERTopic's published protocol (reductions to 10–50 topics: each one and their mean).
 *
 * Embeddings come through the benchmark embedding cache (`.bench-cache/`, shared with the HNSW
 * benchmark; the first run embeds every paper, about 20 minutes on 2 cores) and the k-NN graph
 * (k 15, as the pipeline builds it) through the HNSW index. Each topic run happens in a child
 * process that loads only vectors, graph and texts, so its peak memory is the topic stage's own.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';
import { EmbeddingCache, embedWithCache } from '../src/embed/embedding-cache.ts';
import { loadTransformersEmbedder, paperText } from '../src/embed/transformers-embedder.ts';
import { buildIndex, DEFAULT_INDEX_PARAMS, knnGraph } from '../src/index/hnsw-index.ts';
import type { KnnGraph } from '../src/index/knn.ts';
import {
  DEFAULT_TOPIC_OPTIONS,
  discoverTopics,
  type TopicDoc,
  type TopicResult,
} from '../src/topics/discover-topics.ts';
import { partitionAgreement } from '../src/topics/quality/partition-agreement.ts';
import type { TopicQuality, WordScores } from '../src/topics/quality/topic-quality.ts';
import {
  analyzeTexts,
  evaluatorText,
  standardScores,
} from '../src/topics/quality/standard-evaluator.ts';
import { ARXIV_PAPERS } from './arxiv-texts.ts';
import { BENCH_CACHE_DIR } from './hnsw.ts';
import type { Report, ReportRow } from './report.ts';
import { sharedDataset } from './shared-datasets.ts';
import { evaluatorPython, pythonScores } from './topic-eval/python-evaluator.ts';

/** The Hugging Face corpus; override with `HF_DAILY_PAPERS`. */
export const HF_PAPERS =
  process.env.HF_DAILY_PAPERS ?? sharedDataset('hf-daily-papers/papers.jsonl.gz');

/**
 * arXiv categories of the HF papers that are also in arxiv-cs-daily (4,288 of 9,877; see the
 * dataset's PROVENANCE.md); override with `HF_DAILY_PAPERS_CATEGORIES`.
 */
export const HF_CATEGORIES =
  process.env.HF_DAILY_PAPERS_CATEGORIES ??
  sharedDataset('hf-daily-papers/derived_arxiv_categories_from_dw.tsv');

/**
 * BERTopic 0.17.4 on the same 9,877 HF papers and embeddings, scored by the standard evaluator
 * (measured once in Python, not rerun here): the reference the HF figures are set beside.
 */
const BERTOPIC_HF_REFERENCE: readonly ReportRow[] = [
  {
    label: 'reference: BERTopic 0.17.4 default (not rerun)',
    value: '118 topics, 35.1 % outliers, NPMI 0.084, diversity 0.656, NMI 0.19, fit 80 s',
  },
  {
    label: 'reference: BERTopic 0.17.4 reduced to 94 topics (not rerun)',
    value: '94 topics, 35.1 % outliers, NPMI 0.099, diversity 0.688',
  },
];

/** arXiv primary categories kept for NMI/ARI: cs.AI and cs.LG overlap everything else. */
export const CLEAN_CATEGORIES: ReadonlySet<string> = new Set([
  'cs.CV',
  'cs.CL',
  'cs.GR',
  'cs.RO',
  'cs.IR',
  'cs.SD',
  'eess.AS',
  'cs.IT',
  'cs.GT',
  'cs.CR',
  'cs.HC',
]);

/** Neighbours per paper in the graph, as the pipeline builds it for topics. */
const GRAPH_K = 15;
/** Share of papers (by first listing day) in the previous run of the incremental benchmark. */
const PREVIOUS_SHARE = 0.95;
const CHILD_ENV = 'TOPICS_BENCH_CHILD';

/** A benchmark corpus: texts, first-seen day, reference label, vectors and k-NN graph. */
export interface BenchCorpus {
  name: string;
  docs: (TopicDoc & { date: string; label: string | null })[];
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
}

/** What one topic run in the child process measured. */
interface RunMeasure {
  wallSeconds: number;
  cpuSeconds: number;
  quality: TopicResult['quality'];
  params: TopicResult['params'];
}

/** Everything the child process reports for one corpus. */
interface ChildReport {
  full: RunMeasure;
  agreement: { fine: AgreementFigures; themes: AgreementFigures } | null;
  /** Against every primary category (cs.AI and cs.LG included), outliers as one cluster. */
  allCategories: { fine: AgreementFigures; themes: AgreementFigures } | null;
  /** Displayed keywords of the fine topics, for the Python evaluator. */
  fineKeywords: string[][];
  incremental: {
    previousPapers: number;
    previous: RunMeasure;
    update: RunMeasure;
    keptFineIds: number;
    previousFineTopics: number;
    oldPapersSameTopic: number;
    oldPapers: number;
    changes: { born: number; merged: number; split: number; retired: number };
  } | null;
  peakRssMiB: number;
}

interface AgreementFigures {
  nmi: number;
  ari: number;
  papers: number;
}

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim().normalize('NFC');
}

async function readPapers(file: string): Promise<BenchCorpus['docs']> {
  if (!existsSync(file)) throw new Error(`benchmark corpus ${file} not found`);
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()) });
  const docs: BenchCorpus['docs'] = [];
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const paper = JSON.parse(line) as {
      id: string;
      date: string;
      title: string;
      abstract: string;
      primary_category?: string;
    };
    docs.push({
      id: paper.id,
      date: paper.date,
      title: clean(paper.title),
      abstract: clean(paper.abstract),
      label: paper.primary_category ?? null,
    });
  }
  return docs;
}

/** arXiv primary category by paper id, from a `id, primary_category, …` TSV with a header. */
async function readCategories(file: string): Promise<Map<string, string>> {
  if (!existsSync(file)) return new Map();
  const lines = (await readFile(file, 'utf8')).split('\n').slice(1);
  return new Map(
    lines
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [id, category] = line.split('\t');
        return [id!, category!];
      }),
  );
}

/**
 * Reads a corpus, embeds it through the benchmark cache and builds its k-NN graph. Papers take
 * their reference label from the corpus's `primary_category`, else from `categoriesFile`.
 */
export async function loadBenchCorpus(
  name: string,
  file: string,
  categoriesFile?: string,
): Promise<BenchCorpus> {
  const docs = await readPapers(file);
  if (categoriesFile) {
    const categories = await readCategories(categoriesFile);
    for (const doc of docs) doc.label ??= categories.get(doc.id) ?? null;
  }
  const embedder = await loadTransformersEmbedder();
  try {
    const cache = await EmbeddingCache.open(BENCH_CACHE_DIR, embedder);
    if (cache.warning) process.stderr.write(`warning: ${cache.warning}\n`);
    const { vectors, dim } = await embedWithCache(
      embedder,
      docs.map((doc) => paperText(doc.title, doc.abstract)),
      cache,
      (done, total) => {
        if (done % 5000 === 0 || done === total) {
          process.stderr.write(`${name}: embedded ${done}/${total}\n`);
        }
      },
    );
    const index = buildIndex(vectors, dim, DEFAULT_INDEX_PARAMS);
    return { name, docs, vectors, dim, graph: knnGraph(index, vectors, dim, GRAPH_K) };
  } finally {
    await embedder.dispose();
  }
}

/** Rows of the papers seen before the last (1 − PREVIOUS_SHARE) of listing days. */
function previousRows(docs: BenchCorpus['docs']): number[] {
  const days = docs.map((doc) => doc.date).sort();
  const cut = days[Math.floor(days.length * PREVIOUS_SHARE)]!;
  return docs.flatMap((doc, row) => (doc.date < cut ? [row] : []));
}

/** The graph among `rows` only: neighbours outside are dropped, rows renumbered. */
function subgraph(graph: KnnGraph, rows: number[]): KnnGraph {
  const renumber = new Map(rows.map((row, i) => [row, i]));
  const out: KnnGraph = {
    k: graph.k,
    count: rows.length,
    rows: new Int32Array(rows.length * graph.k).fill(-1),
    scores: new Float32Array(rows.length * graph.k).fill(Number.NaN),
  };
  rows.forEach((row, i) => {
    let j = 0;
    for (let n = 0; n < graph.k; n++) {
      const other = renumber.get(graph.rows[row * graph.k + n]!);
      if (other === undefined) continue;
      out.rows[i * graph.k + j] = other;
      out.scores[i * graph.k + j] = graph.scores[row * graph.k + n]!;
      j++;
    }
  });
  return out;
}

/** The given rows of row-major `vectors`, in order. */
function subsetRows(vectors: Float32Array, dim: number, rows: number[]): Float32Array {
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => out.set(vectors.subarray(row * dim, (row + 1) * dim), i * dim));
  return out;
}

function timed(work: () => TopicResult): { result: TopicResult; measure: RunMeasure } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = work();
  const wallSeconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return {
    result,
    measure: {
      wallSeconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      quality: result.quality,
      params: result.params,
    },
  };
}

function agreement(
  docs: BenchCorpus['docs'],
  clusterOf: (row: number) => number,
  categories: ReadonlySet<string> | null = CLEAN_CATEGORIES,
): AgreementFigures {
  const rows = docs.flatMap((doc, row) =>
    doc.label !== null && (categories === null || categories.has(doc.label)) ? [row] : [],
  );
  const { nmi, ari } = partitionAgreement(
    rows.map(clusterOf),
    rows.map((row) => docs[row]!.label!),
  );
  return { nmi, ari, papers: rows.length };
}

/** Runs in the child process: every measurement of one corpus. */
function measureCorpus(corpus: BenchCorpus, incremental: boolean): ChildReport {
  const input = {
    vectors: corpus.vectors,
    dim: corpus.dim,
    graph: corpus.graph,
    docs: corpus.docs,
  };
  const full = timed(() => discoverTopics(input, DEFAULT_TOPIC_OPTIONS));
  const hasLabels = corpus.docs.some((doc) => doc.label !== null);
  const parentOf = new Map(full.result.topics.map((t) => [t.id, t.parent]));
  // An outlier counts as a cluster of its own kind (-1), as BERTopic's -1 topic would.
  const fineOf = (row: number) => full.result.assignment[row] ?? -1;
  const themeOf = (row: number) => {
    const topic = full.result.assignment[row];
    return topic === null || topic === undefined ? -1 : parentOf.get(topic)!;
  };
  const report: ChildReport = {
    full: full.measure,
    agreement: hasLabels
      ? { fine: agreement(corpus.docs, fineOf), themes: agreement(corpus.docs, themeOf) }
      : null,
    allCategories: hasLabels
      ? {
          fine: agreement(corpus.docs, fineOf, null),
          themes: agreement(corpus.docs, themeOf, null),
        }
      : null,
    fineKeywords: full.result.topics
      .filter((t) => t.level === 0)
      .map((t) => t.keywords.map((k) => k.term)),
    incremental: null,
    peakRssMiB: 0,
  };

  if (incremental) {
    const rows = previousRows(corpus.docs);
    const before = timed(() =>
      discoverTopics(
        {
          vectors: subsetRows(corpus.vectors, corpus.dim, rows),
          dim: corpus.dim,
          graph: subgraph(corpus.graph, rows),
          docs: rows.map((row) => corpus.docs[row]!),
        },
        DEFAULT_TOPIC_OPTIONS,
      ),
    );
    const members = new Map<number, string[]>();
    before.result.assignment.forEach((topic, i) => {
      if (topic === null) return;
      members.set(topic, [...(members.get(topic) ?? []), corpus.docs[rows[i]!]!.id]);
    });
    const update = timed(() =>
      discoverTopics(
        { ...input, previous: { topics: before.result.topics, members } },
        DEFAULT_TOPIC_OPTIONS,
      ),
    );
    const oldFine = before.result.topics.filter((t) => t.level === 0).map((t) => t.id);
    const newIds = new Set(update.result.topics.filter((t) => t.level === 0).map((t) => t.id));
    let same = 0;
    rows.forEach((row, i) => {
      const was = before.result.assignment[i];
      if (was !== null && was === update.result.assignment[row]) same++;
    });
    const { born, merged, split, retired } = update.result.changes;
    report.incremental = {
      previousPapers: rows.length,
      previous: before.measure,
      update: update.measure,
      keptFineIds: oldFine.filter((id) => newIds.has(id)).length,
      previousFineTopics: oldFine.length,
      oldPapersSameTopic: same,
      oldPapers: before.result.assignment.filter((t) => t !== null).length,
      changes: {
        born: born.length,
        merged: merged.length,
        split: split.length,
        retired: retired.length,
      },
    };
  }
  report.peakRssMiB = process.resourceUsage().maxRSS / 1024;
  return report;
}

/** Hands a corpus to a child process of this module and returns what it measured. */
async function measureInChild(corpus: BenchCorpus, incremental: boolean): Promise<ChildReport> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-topics-'));
  try {
    await writeFile(join(dir, 'vectors.f32'), corpus.vectors);
    await writeFile(join(dir, 'rows.i32'), corpus.graph.rows);
    await writeFile(join(dir, 'scores.f32'), corpus.graph.scores);
    await writeFile(
      join(dir, 'corpus.json'),
      JSON.stringify({
        name: corpus.name,
        dim: corpus.dim,
        k: corpus.graph.k,
        incremental,
        docs: corpus.docs,
      }),
    );
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url)],
      { env: { ...process.env, [CHILD_ENV]: dir }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`topics benchmark child failed (exit ${child.status})`);
    return JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as ChildReport;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runChild(dir: string): Promise<void> {
  const meta = JSON.parse(await readFile(join(dir, 'corpus.json'), 'utf8')) as {
    name: string;
    dim: number;
    k: number;
    incremental: boolean;
    docs: BenchCorpus['docs'];
  };
  const bytes = async (name: string) => {
    const buffer = await readFile(join(dir, name));
    return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  };
  const corpus: BenchCorpus = {
    name: meta.name,
    docs: meta.docs,
    dim: meta.dim,
    vectors: new Float32Array(await bytes('vectors.f32')),
    graph: {
      k: meta.k,
      count: meta.docs.length,
      rows: new Int32Array(await bytes('rows.i32')),
      scores: new Float32Array(await bytes('scores.f32')),
    },
  };
  await writeFile(
    join(dir, 'report.json'),
    JSON.stringify(measureCorpus(corpus, meta.incremental)),
  );
}

/** A score as the quality object rounds it (4 decimals); "–" when it was not measured. */
const score = (value: number | null) => (value === null ? '–' : value.toFixed(4));
const scores = (s: WordScores) => `${score(s.npmi)} / ${score(s.diversity)}`;

/**
 * NPMI and diversity of the top 10 words at three levels: the fine topics, the broad topics, and
 * BERTopic's published protocol (the fine topics reduced to 10–50 topics, each count scored,
 * then averaged), with the figures of each reduction on one line per measure.
 */
function wordScoreRows(quality: TopicQuality): ReportRow[] {
  const runs = quality.reference.runs;
  const counts = runs.map((run) => run.topics).join(' / ');
  const standard = quality.standard;
  return [
    ...(standard
      ? [
          {
            label: 'standard evaluator: NPMI / diversity, fine topics (displayed keywords)',
            value: scores(standard),
          },
          {
            label: 'standard evaluator: NPMI / diversity, broad topics',
            value: scores(standard.broadTopicScores),
          },
        ]
      : []),
    { label: 'own measure: NPMI / diversity, fine topics (top 10 words)', value: scores(quality) },
    {
      label: 'own measure: NPMI / diversity, broad topics',
      value: scores(quality.broadTopicScores),
    },
    {
      label: 'own measure: NPMI / diversity, published protocol (mean)',
      value: scores(quality.reference),
    },
    {
      label: `protocol NPMI at ${counts} topics`,
      value: runs.map((run) => score(run.npmi)).join(' / '),
    },
    {
      label: `protocol diversity at ${counts} topics`,
      value: runs.map((run) => score(run.diversity)).join(' / '),
    },
  ];
}

const seconds = (m: RunMeasure) =>
  `${m.wallSeconds.toFixed(1)} s wall, ${m.cpuSeconds.toFixed(1)} s CPU`;
const qualityRows = (m: RunMeasure) => [
  {
    label: 'topics / broad topics',
    value: `${m.quality.topics} / ${m.quality.broadTopics} (resolution ${m.params.resolution}, min size ${m.params.minTopicSize})`,
  },
  {
    label: 'topic size min / median / max',
    value: `${m.quality.size.min} / ${m.quality.size.median} / ${m.quality.size.max}`,
  },
  {
    label: 'outliers',
    value: `${m.quality.outliers} (${(m.quality.outlierRate * 100).toFixed(1)} %)`,
  },
  ...wordScoreRows(m.quality),
];

/** The report for the arXiv corpus (vectors and graph given). */
export async function measureArxivTopics(arxiv: BenchCorpus): Promise<Report> {
  const big = await measureInChild(arxiv, true);
  const inc = big.incremental!;
  const fmt = (a: AgreementFigures) => `NMI ${a.nmi.toFixed(3)}, ARI ${a.ari.toFixed(3)}`;
  return {
    title: `Topics: ${arxiv.docs.length} ${arxiv.name} papers (k-NN graph k ${arxiv.graph.k}, default options)`,
    rows: [
      { label: 'topics + labels + quality', value: seconds(big.full) },
      ...qualityRows(big.full),
      ...(big.agreement
        ? [
            {
              label: `vs arXiv category, fine (${big.agreement.fine.papers} clean papers)`,
              value: fmt(big.agreement.fine),
            },
            { label: 'vs arXiv category, broad topics', value: fmt(big.agreement.themes) },
          ]
        : []),
      {
        label: `previous run (${inc.previousPapers} papers)`,
        value: seconds(inc.previous),
      },
      {
        label: 're-clustering with the previous run (stable ids, --refit-topics)',
        value: seconds(inc.update),
      },
      {
        label: 'previous fine topics keeping their id',
        value: `${inc.keptFineIds} of ${inc.previousFineTopics}`,
      },
      {
        label: 'old papers keeping their topic id',
        value: `${inc.oldPapersSameTopic} of ${inc.oldPapers} (${((100 * inc.oldPapersSameTopic) / inc.oldPapers).toFixed(1)} %)`,
      },
      {
        label: 'changes born / merged / split / retired',
        value: `${inc.changes.born} / ${inc.changes.merged} / ${inc.changes.split} / ${inc.changes.retired}`,
      },
      { label: 'peak RSS of the topics process', value: `${big.peakRssMiB.toFixed(0)} MiB` },
    ],
  };
}

/**
 * The standard evaluator in Python on the same texts and displayed keywords, and the largest
 * difference from the TypeScript port; throws when they differ by more than 1e-6.
 */
function pythonCheck(corpus: BenchCorpus, report: ChildReport): ReportRow[] {
  const found = evaluatorPython();
  if ('unavailable' in found) {
    return [{ label: 'Python evaluator check', value: `skipped: ${found.unavailable}` }];
  }
  const texts = corpus.docs.map(evaluatorText);
  const python = pythonScores(found.python, texts, report.fineKeywords);
  const ours = standardScores(analyzeTexts(texts), report.fineKeywords);
  const gap = (a: number | null, b: number | null) =>
    a === null || b === null ? (a === b ? 0 : Number.POSITIVE_INFINITY) : Math.abs(a - b);
  const largest = Math.max(gap(python.npmi, ours.npmi), gap(python.diversity, ours.diversity));
  if (!(largest <= 1e-6)) {
    throw new Error(
      `standard evaluator: TypeScript ${ours.npmi} / ${ours.diversity} against Python ` +
        `${python.npmi} / ${python.diversity}`,
    );
  }
  const versions = Object.entries(python.versions)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  return [
    {
      label: `Python evaluator (${versions}): NPMI / diversity`,
      value: `${python.npmi!.toFixed(6)} / ${python.diversity!.toFixed(6)}, largest difference from the TypeScript port ${largest.toExponential(1)}`,
    },
  ];
}

/** The report for the Hugging Face corpus (vectors and graph given). */
export async function measureHfTopics(hf: BenchCorpus): Promise<Report> {
  const small = await measureInChild(hf, false);
  const fmt = (a: AgreementFigures) => `NMI ${a.nmi.toFixed(3)}, ARI ${a.ari.toFixed(3)}`;
  const all = small.allCategories;
  return {
    title: `Topics: ${hf.docs.length} ${hf.name} papers (default options)`,
    rows: [
      { label: 'topics + labels + quality', value: seconds(small.full) },
      ...qualityRows(small.full),
      ...pythonCheck(hf, small),
      ...(all
        ? [
            {
              label: `vs arXiv primary category, fine (${all.fine.papers} papers with one, outliers as one cluster)`,
              value: fmt(all.fine),
            },
            { label: 'vs arXiv primary category, broad topics', value: fmt(all.themes) },
          ]
        : []),
      ...BERTOPIC_HF_REFERENCE,
      { label: 'peak RSS of the topics process', value: `${small.peakRssMiB.toFixed(0)} MiB` },
    ],
  };
}

/** Runs the benchmark; see the module comment. */
export async function benchTopics(): Promise<Report[]> {
  const arxiv = await loadBenchCorpus('arxiv-cs-daily', ARXIV_PAPERS);
  const arxivReport = await measureArxivTopics(arxiv);
  return [arxivReport, await benchHfTopics()];
}

/** The Hugging Face part alone (`npm run bench -- topics-hf`): no arXiv embeddings needed. */
export async function benchHfTopics(): Promise<Report> {
  const hf = await loadBenchCorpus('hf-daily-papers', HF_PAPERS, HF_CATEGORIES);
  return measureHfTopics(hf);
}

const childDir = process.env[CHILD_ENV];
if (childDir) await runChild(childDir);
