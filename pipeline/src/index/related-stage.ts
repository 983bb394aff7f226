/**
 * The related-papers stage: `related.json` by the hybrid ranking (`hybrid.ts`), computed for
 * all papers, or, when the index was extended by a new day, extended from the previous run's
 * lists so that a new day costs its own papers and not the corpus.
 *
 * Lexical statistics (document frequencies, mean length) change with every new paper. An
 * extension keeps the statistics of the last full computation, so old lists and new scores stay
 * comparable; new words count as rare until then. Once the papers added since then exceed
 * {@link RELATED_REFRESH_SHARE} of the corpus (the share at which topics are clustered anew), or
 * the parameters changed, the lists are computed afresh over all papers with fresh statistics.
 * Between two full computations an idf moves by at most ln(1.05) ≈ 0.05.
 * The neighbourhood term (`hybrid.ts`) of an old paper offered a new one is taken from the
 * current corpus; like the statistics, the old entries of its list keep the scores they had.
 */
import { readFile } from 'node:fs/promises';
import { digestProblem } from '../output/checksums.ts';
import { artifactPath } from '../output/run-folder.ts';
import {
  ARTIFACT_FILES,
  checkSchemaVersion,
  type Manifest,
  type Neighbour,
  type RelatedFile,
} from '../schema/artifacts.ts';
import { tokenizeCorpus } from '../topics/tokenize.ts';
import { extendHybrid, hybridRelated, DEFAULT_HYBRID, type HybridOptions } from './hybrid.ts';
import type { KnnGraph } from './knn.ts';
import { buildLexicalIndex, lexicalStats, termCounts } from './lexical.ts';

/** Share of papers added since the last full computation that triggers a new one. */
export const RELATED_REFRESH_SHARE = 0.05;

/** What `manifest.related` records. */
export type RelatedManifest = NonNullable<Manifest['related']>;

/** Inputs of {@link relatedStage}, rows in `papers.json` order. */
export interface RelatedInputs {
  papers: readonly { id: string; title: string; abstract: string }[];
  vectors: Float32Array;
  dim: number;
  graph: KnnGraph;
  /** Neighbours per paper. */
  k: number;
  /** How the index stage got its graph; only an extension allows extending the lists. */
  indexBuild: Manifest['index']['build'];
  /** The previous run's manifest in the output folder, if any. */
  previous: Manifest | undefined;
  /** The previous run's folder (a verified generation), holding its `related.json`. */
  previousDir: string | undefined;
  options?: HybridOptions;
}

/**
 * The previous run's lists, or undefined when they cannot be trusted: unreadable, of another
 * schema version, or not the bytes whose size and sha256 the previous manifest recorded.
 */
async function readPreviousRelated(
  runDir: string,
  manifest: Manifest,
): Promise<RelatedFile | undefined> {
  const file = artifactPath(runDir, 'related');
  const expected = manifest.artifacts?.[ARTIFACT_FILES.related];
  if (!expected) return undefined;
  try {
    const bytes = await readFile(file);
    if (await digestProblem(bytes, expected)) return undefined;
    const value = JSON.parse(bytes.toString('utf8')) as unknown;
    checkSchemaVersion(file, value);
    return value as RelatedFile;
  } catch {
    return undefined;
  }
}

/** Why the lists cannot be extended, or null when they can. */
function extensionBlocker(inputs: RelatedInputs, options: HybridOptions): string | null {
  const { indexBuild, previous, papers } = inputs;
  if (indexBuild.mode !== 'extended') return 'the index was built anew';
  const before = previous?.related;
  if (!before) return 'the previous run has no hybrid lists';
  if (
    before.alpha !== options.alpha ||
    before.lexicalCandidates !== options.lexicalCandidates ||
    before.neighbourhood?.weight !== options.neighbourhood?.weight ||
    before.neighbourhood?.size !== options.neighbourhood?.size ||
    before.k !== inputs.k
  ) {
    return 'the related-papers parameters changed';
  }
  const added = papers.length - before.lexicalStatsPapers;
  if (added > RELATED_REFRESH_SHARE * before.lexicalStatsPapers) {
    return `${added} papers added since the lexical statistics were counted (more than ${RELATED_REFRESH_SHARE * 100} %)`;
  }
  return null;
}

/**
 * Computes or extends the related lists; see the module comment.
 *
 * @returns paper id → up to `k` neighbours by hybrid score (keys in row order), and the
 *   manifest entry saying how they were made.
 */
export async function relatedStage(
  inputs: RelatedInputs,
): Promise<{ related: Record<string, Neighbour[]>; manifest: RelatedManifest }> {
  const options = inputs.options ?? DEFAULT_HYBRID;
  const { papers, vectors, dim, graph, k } = inputs;
  const ids = papers.map((paper) => paper.id);
  const parameters = { method: 'hybrid' as const, ...options, k };

  let reason = extensionBlocker(inputs, options);
  let previousLists: RelatedFile | undefined;
  if (reason === null) {
    previousLists =
      inputs.previousDir && inputs.previous
        ? await readPreviousRelated(inputs.previousDir, inputs.previous)
        : undefined;
    if (!previousLists) reason = 'the previous related.json could not be read';
  }
  const firstNew =
    inputs.indexBuild.mode === 'extended' ? papers.length - inputs.indexBuild.added : 0;
  if (reason === null && previousLists && firstNew === papers.length) {
    const related: Record<string, Neighbour[]> = {};
    for (const id of ids) related[id] = previousLists.related[id] ?? [];
    return {
      related,
      manifest: {
        ...parameters,
        lexicalStatsPapers: inputs.previous!.related!.lexicalStatsPapers,
        build: { mode: 'extended', added: 0 },
      },
    };
  }

  const counts = termCounts(tokenizeCorpus(papers));
  if (reason === null && previousLists) {
    const statsPapers = inputs.previous!.related!.lexicalStatsPapers;
    const lexical = buildLexicalIndex(counts, lexicalStats(counts, statsPapers));
    const corpus = { vectors, dim, graph, lexical };
    const related = extendHybrid(corpus, ids, k, options, previousLists.related, firstNew);
    return {
      related,
      manifest: {
        ...parameters,
        lexicalStatsPapers: statsPapers,
        build: { mode: 'extended', added: papers.length - firstNew },
      },
    };
  }
  const lexical = buildLexicalIndex(counts);
  const related = hybridRelated({ vectors, dim, graph, lexical }, ids, k, options);
  return {
    related,
    manifest: {
      ...parameters,
      lexicalStatsPapers: papers.length,
      build: { mode: 'computed', reason: reason ?? 'first run' },
    },
  };
}
