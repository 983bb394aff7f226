/**
 * Options of topic discovery, with the defaults chosen by measurement (see README.md here).
 */
import { DEFAULTS } from '../defaults.ts';

/** Everything that shapes the topics. Two runs with equal options and input give equal output. */
export interface TopicOptions {
  /** Seed of every random step (Louvain's node order); any 32-bit integer. Default 42. */
  seed: number;
  /**
   * Louvain's modularity resolution γ for fine topics, > 0, or `'auto'` for
   * γ = max(`minResolution`, `resolutionScale` · √n) with n papers. On a k-NN graph the number
   * of communities grows about linearly with γ, so topics grow like √n. Default `'auto'`.
   */
  resolution: number | 'auto';
  /** Multiplier of √n in the automatic resolution; > 0. Default 0.08. */
  resolutionScale: number;
  /** Least automatic resolution, which decides small corpora (n < 625); > 0. Default 2. */
  minResolution: number;
  /**
   * Neighbours per paper taken from the k-NN graph, ≥ 1 (capped at the graph's k), or `'auto'`
   * for min(15, max(5, round(√n))): a neighbourhood that is a small part of a small corpus (6 of
   * 33 papers) and 15 from 225 papers up. Default `'auto'`.
   */
  neighbours: number | 'auto';
  /**
   * Smallest topic in papers, ≥ 1, or `'auto'` for max(2, round(`minTopicSizeScale` · √n)):
   * 2 for the seed pages, 10 for 10k papers (BERTopic's default), 27 for 75k. Default `'auto'`.
   */
  minTopicSize: number | 'auto';
  /** Multiplier of √n in the automatic smallest topic size; > 0. Default 0.1. */
  minTopicSizeScale: number;
  /**
   * Least cosine similarity between a paper and its topic's centroid, in [-1, 1]; a paper below
   * it for every topic is an outlier (topic null). Default 0.5.
   */
  outlierSimilarity: number;
  /**
   * Louvain resolution on the topic graph for broad topics (level 1), > 0, or `'auto'` to search
   * the resolution that gives about √(topics) broad topics (3 for 8 topics, 10 for 100, 19 for 350).
   * Default `'auto'`.
   */
  broadTopicResolution: number | 'auto';
  /** Longest keyword phrase in words, 1–3. Default 2. */
  ngramMax: number;
  /**
   * Exponent on the normalized term frequency in c-TF-IDF, in (0, 1]: 1 is BERTopic's default,
   * 0.5 its `reduce_frequent_words`. Lower values favour specific words over frequent ones.
   * Default 0.5 (the square root, as `reduce_frequent_words`), together with
   * {@link TopicOptions.keywordPapersScale} (see README.md).
   */
  tfExponent: number;
  /** Keywords kept per topic, ≥ 1. Default 10. */
  keywordsPerTopic: number;
  /**
   * Candidates ranked per topic, as a multiple of {@link TopicOptions.keywordsPerTopic}, ≥ 1:
   * cut-off phrases, repeated words and loose phrases are dropped from them before the keywords
   * are chosen (keyword-selection.ts). Default 5.
   */
  keywordCandidates: number;
  /**
   * A 2-word phrase is a keyword candidate only when at least this share of the topic's papers
   * using its rarer word use the phrase, in [0, 1] (keyword-selection.ts). Default 0.5.
   */
  phraseCohesion: number;
  /**
   * Exponent of a term's share among sibling topics (the fine topics of one broad topic) on its
   * keyword weight, ≥ 0; 0 ranks by c-TF-IDF alone (keyword-selection.ts). Default 0.5.
   */
  siblingSeparation: number;
  /**
   * Weight of a candidate's paper-level coherence (NPMI over the corpus's papers) with the
   * keywords already picked, against its c-TF-IDF weight relative to the topic's best, ≥ 0
   * (keyword-selection.ts). 0 picks by weight alone. Default 0.5.
   */
  keywordCoherence: number;
  /**
   * Exponent x of the penalty (1 + n)^−x on a keyword whose words n other topics show
   * (keyword-selection.ts), ≥ 0; 0 switches it off. Default 0.5.
   */
  crossTopicPenalty: number;
  /**
   * A picked single word gives its place to a phrase containing it that weighs at least this
   * share of the word ("structured pruning" for "pruning"), in [0, 1]; 0 switches it off
   * (keyword-selection.ts). Default 0.8.
   */
  phraseUpgrade: number;
  /**
   * A keyword that continues with the same next word in at least this share of its occurrences
   * in the topic is a cut-off phrase ("large language" → "models") and is dropped; in (0, 1].
   * Default 0.8.
   */
  fragmentShare: number;
  /** Keyword phrases joined into a label, ≥ 1. Default 3. */
  labelTerms: number;
  /**
   * A keyword must occur in at least this many papers of the corpus and of its own topic, ≥ 1.
   * Default 2: a word of a single paper never describes a topic.
   */
  minKeywordPapers: number;
  /**
   * A keyword must also occur in at least this × √(topic size) papers of its own topic (rounded
   * up), ≥ 0. Default 1 (10 papers of a 100-paper topic): with the lower
   * {@link TopicOptions.tfExponent} it keeps words of a handful of papers out of a topic's
   * keywords, which raised NPMI and diversity on the HF corpus and diversity on arXiv (see
   * README.md).
   */
  keywordPapersScale: number;
  /** Representative papers per topic (closest to the centroid), ≥ 0. Default 3. */
  representatives: number;
  /**
   * Stable ids: least Jaccard overlap of shared papers for a topic to keep its previous id,
   * in (0, 1]. Default 0.3.
   */
  matchOverlap: number;
  /**
   * Stable ids: least centroid cosine for a topic to keep a previous id when overlap alone did
   * not match it, in (-1, 1]. Default 0.9.
   */
  matchCentroidSimilarity: number;
  /** Stable ids: least Jaccard overlap for a kept topic to keep its previous label too. Default 0.5. */
  keepLabelOverlap: number;
  /** Stable ids: least share of a previous topic's papers that counts as a part of a split. Default 0.3. */
  splitShare: number;
  /** Measure NPMI coherence (a pass over all abstracts) into the quality figures. Default true. */
  measureCoherence: boolean;
}

/** The defaults documented on {@link TopicOptions}. */
export const DEFAULT_TOPIC_OPTIONS: Readonly<TopicOptions> = Object.freeze({
  seed: DEFAULTS.seed,
  resolution: 'auto',
  resolutionScale: 0.08,
  minResolution: 2,
  neighbours: 'auto',
  minTopicSize: 'auto',
  minTopicSizeScale: 0.1,
  outlierSimilarity: 0.5,
  broadTopicResolution: 'auto',
  ngramMax: 2,
  tfExponent: 0.5,
  keywordsPerTopic: 10,
  keywordCandidates: 5,
  phraseCohesion: 0.5,
  siblingSeparation: 0.25,
  keywordCoherence: 3,
  crossTopicPenalty: 0.4,
  phraseUpgrade: 0.8,
  fragmentShare: 0.8,
  labelTerms: 3,
  minKeywordPapers: 2,
  keywordPapersScale: 1,
  representatives: 3,
  matchOverlap: 0.3,
  matchCentroidSimilarity: 0.9,
  keepLabelOverlap: 0.5,
  splitShare: 0.3,
  measureCoherence: true,
});

/** The resolution, neighbours and smallest topic size actually used for `papers` papers. */
export function effectiveScale(
  options: TopicOptions,
  papers: number,
): { resolution: number; neighbours: number; minTopicSize: number } {
  const root = Math.sqrt(papers);
  return {
    resolution:
      options.resolution === 'auto'
        ? Math.max(options.minResolution, options.resolutionScale * root)
        : options.resolution,
    neighbours:
      options.neighbours === 'auto'
        ? Math.min(15, Math.max(5, Math.round(root)))
        : options.neighbours,
    minTopicSize:
      options.minTopicSize === 'auto'
        ? Math.max(2, Math.round(options.minTopicSizeScale * root))
        : options.minTopicSize,
  };
}

/** Throws a RangeError naming the first option outside its documented range. */
export function checkTopicOptions(options: TopicOptions): void {
  const fail = (name: string, value: unknown, range: string) => {
    throw new RangeError(`topic option ${name} = ${String(value)} is outside ${range}`);
  };
  if (!Number.isInteger(options.seed)) fail('seed', options.seed, 'the integers');
  if (options.resolution !== 'auto' && !(options.resolution > 0)) {
    fail('resolution', options.resolution, "(0, ∞) or 'auto'");
  }
  if (!(options.resolutionScale > 0)) fail('resolutionScale', options.resolutionScale, '(0, ∞)');
  if (!(options.minResolution > 0)) fail('minResolution', options.minResolution, '(0, ∞)');
  if (options.neighbours !== 'auto' && !(options.neighbours >= 1)) {
    fail('neighbours', options.neighbours, "[1, ∞) or 'auto'");
  }
  if (options.minTopicSize !== 'auto' && !(options.minTopicSize >= 1)) {
    fail('minTopicSize', options.minTopicSize, "[1, ∞) or 'auto'");
  }
  if (!(options.minTopicSizeScale > 0))
    fail('minTopicSizeScale', options.minTopicSizeScale, '(0, ∞)');
  if (!(options.outlierSimilarity >= -1 && options.outlierSimilarity <= 1)) {
    fail('outlierSimilarity', options.outlierSimilarity, '[-1, 1]');
  }
  if (options.broadTopicResolution !== 'auto' && !(options.broadTopicResolution > 0)) {
    fail('broadTopicResolution', options.broadTopicResolution, "(0, ∞) or 'auto'");
  }
  if (![1, 2, 3].includes(options.ngramMax)) fail('ngramMax', options.ngramMax, '1–3');
  if (!(options.tfExponent > 0 && options.tfExponent <= 1)) {
    fail('tfExponent', options.tfExponent, '(0, 1]');
  }
  if (!(options.keywordsPerTopic >= 1))
    fail('keywordsPerTopic', options.keywordsPerTopic, '[1, ∞)');
  if (!(options.keywordCandidates >= 1)) {
    fail('keywordCandidates', options.keywordCandidates, '[1, ∞)');
  }
  if (!(options.phraseCohesion >= 0 && options.phraseCohesion <= 1)) {
    fail('phraseCohesion', options.phraseCohesion, '[0, 1]');
  }
  if (!(options.siblingSeparation >= 0)) {
    fail('siblingSeparation', options.siblingSeparation, '[0, ∞)');
  }
  if (!(options.keywordCoherence >= 0)) {
    fail('keywordCoherence', options.keywordCoherence, '[0, ∞)');
  }
  if (!(options.crossTopicPenalty >= 0)) {
    fail('crossTopicPenalty', options.crossTopicPenalty, '[0, ∞)');
  }
  if (!(options.phraseUpgrade >= 0 && options.phraseUpgrade <= 1)) {
    fail('phraseUpgrade', options.phraseUpgrade, '[0, 1]');
  }
  if (!(options.fragmentShare > 0 && options.fragmentShare <= 1)) {
    fail('fragmentShare', options.fragmentShare, '(0, 1]');
  }
  if (!(options.labelTerms >= 1)) fail('labelTerms', options.labelTerms, '[1, ∞)');
  if (!(options.minKeywordPapers >= 1))
    fail('minKeywordPapers', options.minKeywordPapers, '[1, ∞)');
  if (!(options.keywordPapersScale >= 0)) {
    fail('keywordPapersScale', options.keywordPapersScale, '[0, ∞)');
  }
  if (!(options.representatives >= 0)) fail('representatives', options.representatives, '[0, ∞)');
  if (!(options.matchOverlap > 0 && options.matchOverlap <= 1)) {
    fail('matchOverlap', options.matchOverlap, '(0, 1]');
  }
  if (!(options.matchCentroidSimilarity > -1 && options.matchCentroidSimilarity <= 1)) {
    fail('matchCentroidSimilarity', options.matchCentroidSimilarity, '(-1, 1]');
  }
  if (!(options.keepLabelOverlap > 0 && options.keepLabelOverlap <= 1)) {
    fail('keepLabelOverlap', options.keepLabelOverlap, '(0, 1]');
  }
  if (!(options.splitShare > 0 && options.splitShare <= 0.5)) {
    fail('splitShare', options.splitShare, '(0, 0.5]');
  }
}
