/**
 * `npx tsx pipeline/bench/keyword-ablation.ts <run folder> [options JSON ...]`: the displayed
 * keywords of a finished run's partition (its `papers.json` topics and `topics.json` themes),
 * chosen again under each set of keyword options (merged over the defaults) and scored by the
 * standard evaluator (pipeline/src/topics/quality/standard-evaluator.ts). The partition is read,
 * not recomputed, so only the keyword choice differs between lines. Without options it runs the
 * ablation of README.md in pipeline/src/topics/.
 */
import { artifactPath, committedRunDir } from '../src/output/run-folder.ts';
import { readFileSync } from 'node:fs';
import { buildTermIndex } from '../src/topics/c-tf-idf.ts';
import { DEFAULT_TOPIC_OPTIONS, type TopicOptions } from '../src/topics/topic-options.ts';
import {
  analyzeTexts,
  evaluatorText,
  standardScores,
} from '../src/topics/quality/standard-evaluator.ts';
import { describeGroups } from '../src/topics/topic-keywords.ts';
import { tokenizeCorpus } from '../src/topics/tokenize.ts';

const OFF: Partial<TopicOptions> = {
  phraseCohesion: 0,
  keywordCoherence: 0,
  siblingSeparation: 0,
  crossTopicPenalty: 0,
  phraseUpgrade: 0,
};

/** Each step of the selection switched on in turn, then each left out of the defaults. */
const ABLATION: [string, Partial<TopicOptions>][] = [
  ['no repeated word only', OFF],
  ['+ phrases only when cohesive (0.5)', { ...OFF, phraseCohesion: 0.5 }],
  ['+ coherence-aware pick (3)', { ...OFF, phraseCohesion: 0.5, keywordCoherence: 3 }],
  [
    '+ sibling separation (0.25)',
    { ...OFF, phraseCohesion: 0.5, keywordCoherence: 3, siblingSeparation: 0.25 },
  ],
  ['+ cross-topic penalty (0.4)', { phraseUpgrade: 0 }],
  ['+ phrase for a picked word (0.8) = defaults', {}],
  ['defaults without coherence', { keywordCoherence: 0 }],
  ['defaults without sibling separation', { siblingSeparation: 0 }],
  ['defaults without cross-topic penalty', { crossTopicPenalty: 0 }],
  ['defaults, coherence 1 / 5', { keywordCoherence: 1 }],
  ['', { keywordCoherence: 5 }],
  ['defaults, cross-topic penalty 0.2 / 0.6', { crossTopicPenalty: 0.2 }],
  ['', { crossTopicPenalty: 0.6 }],
];

const [folder, ...given] = process.argv.slice(2);
if (!folder) throw new Error('usage: keyword-ablation.ts <run folder> [options JSON ...]');
const papers = (
  JSON.parse(readFileSync(artifactPath(committedRunDir(folder), 'papers'), 'utf8')) as {
    papers: { id: string; title: string; abstract: string; topic: number | null }[];
  }
).papers;
const topics = (
  JSON.parse(readFileSync(artifactPath(committedRunDir(folder), 'topics'), 'utf8')) as {
    topics: { id: number; level: number; parent: number | null }[];
  }
).topics;
const fine = topics.filter((t) => t.level === 0);
const themeSlot = new Map(topics.filter((t) => t.level === 1).map((t, i) => [t.id, i]));
const slot = new Map(fine.map((t, i) => [t.id, i]));
const groupOf = Int32Array.from(papers, (p) => (p.topic === null ? -1 : slot.get(p.topic)!));
const parentOf = Int32Array.from(fine, (t) => themeSlot.get(t.parent!)!);
const texts = analyzeTexts(papers.map(evaluatorText));
const corpus = tokenizeCorpus(papers);
const index = buildTermIndex(corpus, DEFAULT_TOPIC_OPTIONS.ngramMax);

const variants: [string, Partial<TopicOptions>][] =
  given.length > 0 ? given.map((g) => [g, JSON.parse(g) as Partial<TopicOptions>]) : ABLATION;
process.stdout.write(`${papers.length} papers, ${fine.length} topics; NPMI / diversity\n`);
for (const [name, options] of variants) {
  const text = describeGroups(
    corpus,
    index,
    { groupOf, count: fine.length },
    { ...DEFAULT_TOPIC_OPTIONS, ...options },
    undefined,
    parentOf,
  );
  const scores = standardScores(
    texts,
    text.map((t) => t.keywords.map((k) => k.term)),
  );
  const short = scores.words.filter((words) => words.length < 10).length;
  process.stdout.write(
    `${(name || JSON.stringify(options)).padEnd(48)} ${scores.npmi!.toFixed(4)} / ${scores.diversity!.toFixed(4)}` +
      `  (${short} topics under 10 words)\n`,
  );
}
