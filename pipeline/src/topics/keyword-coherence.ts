/**
 * How well two keyword candidates go together: their NPMI (Bouma 2009) over sliding windows of
 * the corpus's own content tokens (tokenize.ts: plurals folded, stop and generic words out),
 * counted as gensim's `c_npmi` counts them (quality/npmi.ts). Keywords that stand in the same
 * sentences of the corpus describe one subject; keywords that never meet describe different
 * papers (or are variants of one word: "hallucination" and "hallucinated" are rarely written
 * side by side).
 *
 * The windows are this project's tokens, not the standard evaluator's (scikit-learn's, see
 * quality/standard-evaluator.ts), but the estimator is the same kind: a selection that prefers
 * co-occurring words is expected to score better under it, and README.md says so beside the
 * figures.
 */
import type { TermIndex } from './c-tf-idf.ts';
import { countWindows } from './quality/npmi.ts';
import { contentTexts, type TokenizedCorpus } from './tokenize.ts';

const EPSILON = 1e-12;

/**
 * The association of any two of `terms` (term ids of `index`): the mean window NPMI, in
 * [-1, 1], over the pairs of their distinct content words (generic words such as "model" do not
 * count; a phrase of "reinforcement learning" is its word "reinforcement"). 0 when a term has no
 * content word. One pass over the corpus counts the windows of every term's words.
 */
export function termAssociation(
  corpus: TokenizedCorpus,
  index: TermIndex,
  terms: Iterable<number>,
  windowSize = 10,
): (a: number, b: number) => number {
  const content = (term: number) => index.termKeys(term).filter((key) => corpus.generic[key] === 0);
  // Each term's content words, worked out once: the selection asks for many pairs of the same
  // few thousand terms.
  const contentOf = new Map<number, number[]>();
  const words = new Set<number>();
  for (const term of terms) {
    if (contentOf.has(term)) continue;
    const keys = content(term);
    contentOf.set(term, keys);
    for (const key of keys) words.add(key);
  }
  const counts = countWindows(contentTexts(corpus), words, windowSize);
  const probability = (n: number) => n / counts.windows;
  const npmi = (a: number, b: number) => {
    const slotA = counts.slots.get(a)!;
    const slotB = counts.slots.get(b)!;
    const joint = probability(counts.together(slotA, slotB)) + EPSILON;
    const ratio =
      joint / (probability(counts.occurrences[slotA]!) * probability(counts.occurrences[slotB]!));
    return Math.log(ratio) / -Math.log(joint);
  };
  return (x, y) => {
    let sum = 0;
    let pairs = 0;
    for (const a of contentOf.get(x) ?? content(x)) {
      for (const b of contentOf.get(y) ?? content(y)) {
        if (a === b) continue;
        sum += npmi(a, b);
        pairs++;
      }
    }
    return pairs === 0 ? 0 : sum / pairs;
  };
}
