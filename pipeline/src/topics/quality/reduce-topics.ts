/**
 * Fewer topics from many, the way BERTopic's `nr_topics` reduced them in the version its
 * published evaluation ran (0.9.4; Grootendorst 2022, arXiv:2203.05794, which scores every model
 * reduced to 10, 20, 30, 40 and 50 topics and averages): the cosine similarity of every two
 * topics' c-TF-IDF vectors is computed once; then, until the wanted count remains, the topic with
 * the fewest papers (merged papers count) joins the most similar topic not yet merged away, and
 * keeps that topic's original vector for later merges.
 *
 * Reproduced rather than replaced by the broad topics' Louvain search or an agglomerative
 * clustering so that the reduced figures compare with the published ones; README.md here
 * measures the alternatives. Two quirks of 0.9.4 are left out: its outlier topic can absorb a
 * topic, and without outliers it stops one topic early.
 */
import { numberBySize } from '../hierarchy.ts';

/** A topic's term vector: term ids and their weights, parallel. */
export interface TermVector {
  terms: ArrayLike<number>;
  weights: ArrayLike<number>;
}

/**
 * Cosine similarity of every two topics' term vectors, as a topics × topics row-major matrix
 * (the diagonal 0, as BERTopic fills it). A topic without terms is similar to nothing.
 */
export function topicSimilarities(vectors: readonly TermVector[]): Float64Array {
  const topics = vectors.length;
  const similarity = new Float64Array(topics * topics);
  // Postings of every term: the topics holding it and their unit-vector weights, so the work is
  // the sum over terms of (topics holding the term)², not topics² × vocabulary.
  let maxTerm = -1;
  let entries = 0;
  for (const { terms } of vectors) {
    entries += terms.length;
    for (let i = 0; i < terms.length; i++) maxTerm = Math.max(maxTerm, terms[i]!);
  }
  const start = new Int32Array(maxTerm + 2);
  for (const { terms } of vectors) for (let i = 0; i < terms.length; i++) start[terms[i]! + 1]!++;
  for (let t = 0; t <= maxTerm; t++) start[t + 1]! += start[t]!;
  const fill = start.slice(0, maxTerm + 1);
  const topicAt = new Int32Array(entries);
  const weightAt = new Float64Array(entries);
  vectors.forEach(({ terms, weights }, topic) => {
    let norm = 0;
    for (let i = 0; i < weights.length; i++) norm += weights[i]! * weights[i]!;
    norm = Math.sqrt(norm);
    for (let i = 0; i < terms.length; i++) {
      const at = fill[terms[i]!]!++;
      topicAt[at] = topic;
      weightAt[at] = weights[i]! / norm;
    }
  });
  for (let t = 0; t <= maxTerm; t++) {
    for (let i = start[t]!; i < start[t + 1]!; i++) {
      const rowA = topicAt[i]! * topics;
      const wa = weightAt[i]!;
      for (let j = i + 1; j < start[t + 1]!; j++)
        similarity[rowA + topicAt[j]!]! += wa * weightAt[j]!;
    }
  }
  // Postings list topics in ascending order, so only the upper triangle was filled.
  for (let a = 0; a < topics; a++) {
    for (let b = a + 1; b < topics; b++) similarity[b * topics + a] = similarity[a * topics + b]!;
  }
  return similarity;
}

/**
 * Reduces `sizes.length` topics to each of `counts` by merging the smallest topic into its most
 * similar one (see the module comment), in one pass: the partitions are nested. Returns, per
 * count in input order, the group of every topic, numbered 0, 1, … by descending papers. A
 * count ≥ the topics leaves every topic alone (as BERTopic does); a count < 1 is refused.
 * Ties: the later topic is the smaller, the earlier topic the more similar.
 */
export function mergeSmallest(
  similarity: Float64Array,
  sizes: readonly number[],
  counts: readonly number[],
): Int32Array[] {
  const topics = sizes.length;
  if (similarity.length !== topics * topics) {
    throw new RangeError(`mergeSmallest: ${similarity.length} similarities for ${topics} topics`);
  }
  for (const count of counts) {
    if (!(Number.isInteger(count) && count >= 1)) {
      throw new RangeError(`mergeSmallest: cannot reduce to ${count} topics`);
    }
  }
  const groupOf = Int32Array.from({ length: topics }, (_, t) => t);
  const size = Float64Array.from(sizes);
  const alive = new Uint8Array(topics).fill(1);
  const found = new Map<number, Int32Array>();
  const snapshot = () => numberBySize(densely(groupOf), sizes);
  let remaining = topics;
  const wanted = [...new Set(counts)].sort((a, b) => b - a);
  for (const count of wanted) {
    while (remaining > count) {
      let smallest = -1;
      for (let t = 0; t < topics; t++) {
        if (alive[t] === 1 && (smallest < 0 || size[t]! <= size[smallest]!)) smallest = t;
      }
      let into = -1;
      for (let t = 0; t < topics; t++) {
        if (alive[t] === 0 || t === smallest) continue;
        if (
          into < 0 ||
          similarity[smallest * topics + t]! > similarity[smallest * topics + into]!
        ) {
          into = t;
        }
      }
      for (let t = 0; t < topics; t++) if (groupOf[t] === smallest) groupOf[t] = into;
      size[into]! += size[smallest]!;
      alive[smallest] = 0;
      remaining--;
    }
    found.set(count, snapshot());
  }
  return counts.map((count) => found.get(count)!);
}

/** Group labels renumbered 0, 1, … in order of first appearance. */
function densely(labels: Int32Array): Int32Array {
  const index = new Map<number, number>();
  return Int32Array.from(labels, (label) => {
    let dense = index.get(label);
    if (dense === undefined) {
      dense = index.size;
      index.set(label, dense);
    }
    return dense;
  });
}
