/**
 * How each fine topic's words changed: c-TF-IDF keywords of the topic's papers in each quarter,
 * every (topic, quarter) pair a class, read from each paper's title and the opening of its
 * abstract, as BERTopic's topics-over-time does (Grootendorst 2022,
 * arXiv:2203.05794, section 3.3, without its averaging with the global topic words, so a
 * quarter shows what was new in it). Reuses the topic stage's tokenizer and c-TF-IDF.
 */
import type { TopicEvolution } from '../schema/artifacts.ts';
import { buildTermIndex, countClassTerms, rankClassTerms, readTerms } from '../topics/c-tf-idf.ts';
import { tokenizeCorpus } from '../topics/tokenize.ts';
import { periodStart } from './periods.ts';

/** Options of {@link topicEvolution}. */
export interface EvolutionOptions {
  /** Keywords per topic and quarter. Default 5; ≥ 1. */
  keywords: number;
  /**
   * Papers of the topic-quarter a keyword must occur in (and papers of the corpus). Default 2:
   * a word of one paper describes that paper, not the quarter.
   */
  minPapers: number;
  /** Longest phrase, in words. Default 2, as the topic keywords. */
  ngramMax: number;
  /** Exponent of the normalized tf, as the topic keywords (see c-tf-idf.ts). Default 0.5. */
  tfExponent: number;
  /** Share of a phrase's occurrences continuing with one word that makes it a fragment. 0.8. */
  fragmentShare: number;
  /**
   * Characters of the abstract read after the title, cut back to a word boundary; ≥ 0, default
   * 400. The title and the opening of an abstract say what a paper is about; the rest is mostly
   * method and results. Reading all of it cost 12.9 s of CPU on the 74,728 arXiv papers against
   * 5.7 s for the opening, over the trends budget (10 s with the history and bursts); about a
   * third of that is tokenizing and half the c-TF-IDF term index, which grows with the text.
   */
  abstractChars: number;
}

/** Defaults of {@link EvolutionOptions}. */
export const DEFAULT_EVOLUTION_OPTIONS: Readonly<EvolutionOptions> = {
  keywords: 5,
  minPapers: 2,
  ngramMax: 2,
  tfExponent: 0.5,
  fragmentShare: 0.8,
  abstractChars: 400,
};

/** The first `chars` characters of `text`, cut back to the last space inside them. */
export function opening(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const cut = text.lastIndexOf(' ', chars);
  return text.slice(0, cut > 0 ? cut : chars);
}

/** A paper as the evolution needs it. */
export interface EvolutionPaper {
  title: string;
  abstract: string;
  /** Fine topic id, or null (no part). */
  topic: number | null;
  /** First ISO day the paper was seen, or null when undated (no part). */
  firstDay: string | null;
}

/**
 * Keywords per fine topic and quarter of first appearance, topics ascending, quarters ascending.
 * Pure and deterministic.
 */
export function topicEvolution(
  papers: readonly EvolutionPaper[],
  options: EvolutionOptions = DEFAULT_EVOLUTION_OPTIONS,
): TopicEvolution[] {
  const classIds = new Map<string, number>();
  const classes: { topic: number; start: string }[] = [];
  const docs: { title: string; abstract: string }[] = [];
  const classOf: number[] = [];
  for (const paper of papers) {
    if (paper.topic === null || paper.firstDay === null) continue;
    const start = periodStart(paper.firstDay, 'quarter');
    const name = `${paper.topic}:${start}`;
    let c = classIds.get(name);
    if (c === undefined) {
      c = classes.length;
      classes.push({ topic: paper.topic, start });
      classIds.set(name, c);
    }
    docs.push({ title: paper.title, abstract: opening(paper.abstract, options.abstractChars) });
    classOf.push(c);
  }
  if (docs.length === 0) return [];
  const corpus = tokenizeCorpus(docs);
  const index = buildTermIndex(corpus, options.ngramMax);
  const counts = countClassTerms(index, classOf, classes.length);
  // Twice the keywords are ranked, so that enough remain once fragments are dropped.
  const ranked = rankClassTerms(index, counts, {
    top: 2 * options.keywords,
    minDocFrequency: options.minPapers,
    minClassDocs: options.minPapers,
    tfExponent: options.tfExponent,
  });
  const members: number[][] = classes.map(() => []);
  classOf.forEach((c, doc) => members[c]!.push(doc));

  const byTopic = new Map<number, TopicEvolution['quarters']>();
  classes.forEach((cls, c) => {
    const terms = ranked[c]!;
    const reading = readTerms(
      corpus,
      index,
      terms.map((t) => t.term),
      members[c]!,
      options.fragmentShare,
    );
    const keywords = terms
      .filter((t) => !reading.get(t.term)!.fragment)
      .slice(0, options.keywords)
      .map((t) => ({
        term: reading.get(t.term)!.display,
        weight: Math.round(t.weight * 1e4) / 1e4,
      }));
    const quarters = byTopic.get(cls.topic) ?? [];
    quarters.push({ start: cls.start, papers: counts.docs[c]!, keywords });
    byTopic.set(cls.topic, quarters);
  });
  return [...byTopic]
    .sort(([a], [b]) => a - b)
    .map(([topic, quarters]) => ({
      topic,
      quarters: quarters.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)),
    }));
}
