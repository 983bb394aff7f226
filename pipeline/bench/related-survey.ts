/**
 * How far related papers can go by fusing text signals (`npm run bench -- related-survey`),
 * measured with scikit-learn on citations-dev (`related/survey.py`): the pipeline's default
 * hybrid lists next to centred and whitened vectors, hubness correction, graph diffusion, more
 * lexical signals (TF-IDF bigrams, title-to-text, LSA), and a logistic regression over all of
 * them fitted on half A's citations: how far linear fusion goes with the bundled model.
 *
 * The TF-IDF baseline is computed by scikit-learn in the same run; the bench's own port
 * (`related/tfidf-baseline.ts`) is listed too, as a check that the two agree. Vectors come from
 * the window cache `npm run bench -- related` fills (the model runs when it is empty).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { paperText } from '../src/embed/paper-text.ts';
import { loadTransformersEmbedder } from '../src/embed/transformers-embedder.ts';
import { tokenizeCorpus } from '../src/topics/tokenize.ts';
import { buildLexicalIndex, termCounts } from '../src/index/lexical.ts';
import { DEFAULT_HYBRID, HybridScorer } from '../src/index/hybrid.ts';
import { evaluationHalf, readCitationSet } from './related/citations.ts';
import { tfidfNeighbours } from './related/tfidf-baseline.ts';
import { graphOf, pooled, windowVectors } from './related.ts';
import { evaluatorPython } from './topic-eval/python-evaluator.ts';
import { loadRow, type Report } from './report.ts';

const SURVEY = fileURLToPath(new URL('./related/survey.py', import.meta.url));

/** One variant as survey.py reports it. */
interface SurveyResult {
  name: string;
  chosen: string;
  all: number;
  A: number;
  B: number;
}

function bytes(array: Float32Array | Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** Runs the survey; see the module comment. */
export async function benchRelatedSurvey(): Promise<Report> {
  const python = evaluatorPython();
  if ('unavailable' in python)
    throw new Error(`scikit-learn is unavailable: ${python.unavailable}`);
  const set = await readCitationSet();
  const texts = set.ids.map((_, row) => paperText(set.titles[row]!, set.abstracts[row]!));

  const embedder = await loadTransformersEmbedder({ chunks: 'default' });
  const windows = await windowVectors(embedder, texts);
  const dim = embedder.dim;
  await embedder.dispose();
  const vectors = pooled(windows, dim, 'truncated');
  const lexical = buildLexicalIndex(
    termCounts(
      tokenizeCorpus(
        set.ids.map((_, row) => ({ title: set.titles[row]!, abstract: set.abstracts[row]! })),
      ),
    ),
  );
  const scorer = new HybridScorer(
    { vectors, dim, graph: graphOf(vectors, dim), lexical },
    DEFAULT_HYBRID,
  );
  const pipelineLists = set.ids.map((_, row) =>
    scorer
      .rank(row)
      .slice(0, 10)
      .map((hit) => hit.row),
  );

  const folder = mkdtempSync(join(tmpdir(), 'related-survey-'));
  try {
    const entries = lexical.offsets[lexical.count]!;
    writeFileSync(join(folder, 'vectors.f32'), bytes(vectors));
    writeFileSync(join(folder, 'bm25-offsets.u32'), bytes(lexical.offsets));
    writeFileSync(join(folder, 'bm25-terms.u32'), bytes(lexical.terms.subarray(0, entries)));
    writeFileSync(join(folder, 'bm25-weights.f32'), bytes(lexical.weights.subarray(0, entries)));
    writeFileSync(
      join(folder, 'meta.json'),
      JSON.stringify({
        dim,
        texts,
        titles: set.titles,
        halves: set.ids.map((id) => evaluationHalf(id)),
        links: set.links.map((linked) => [...linked]),
        pipelineLists,
        tfidfLists: tfidfNeighbours(texts, 10),
      }),
    );
    const run = spawnSync(python.python, [SURVEY, folder], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`survey.py failed: ${run.stderr}`);
    const survey = JSON.parse(run.stdout) as {
      results: SurveyResult[];
      versions: Record<string, string>;
    };
    const baseline = survey.results[0]!;
    return {
      title:
        `Related papers, what fusing text signals can reach: citations-dev, ${set.ids.length} papers; ` +
        `recall@10 all / half A / half B, and half B against scikit-learn TF-IDF (target ≥ 1.25×)`,
      rows: [
        ...survey.results.map((result) => ({
          label: result.chosen ? `${result.name}: ${result.chosen}` : result.name,
          value:
            `${result.all.toFixed(4)} / ${result.A.toFixed(4)} / ${result.B.toFixed(4)}   ` +
            `${(result.B / baseline.B).toFixed(2)}×`,
        })),
        {
          label: 'evaluated with',
          value: Object.entries(survey.versions)
            .map(([name, version]) => `${name} ${version}`)
            .join(', '),
        },
        loadRow(),
      ],
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
