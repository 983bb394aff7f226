/**
 * The keyword baseline of the issue and of arxiv-sanity: TF-IDF cosine as scikit-learn's
 * `TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.5)` computes it —
 * lowercase, tokens of two or more word characters, unigrams and bigrams, tf → 1 + ln tf,
 * smooth idf ln((1 + n) / (1 + df)) + 1, L2-normalized rows — and exact nearest neighbours by
 * cosine. Benchmark-only: the pipeline's lexical side is `pipeline/src/index/lexical.ts`.
 */

const TOKEN = /[\p{L}\p{N}_]{2,}/gu;

/** For each row, the other rows by TF-IDF cosine, best first, at most `n`. */
export function tfidfNeighbours(texts: readonly string[], n: number): number[][] {
  const vocabulary = new Map<string, number>();
  const docs = texts.map((text) => {
    const words = text.toLowerCase().match(TOKEN) ?? [];
    const grams = [...words];
    for (let i = 0; i + 1 < words.length; i++) grams.push(`${words[i]} ${words[i + 1]}`);
    const tally = new Map<number, number>();
    for (const gram of grams) {
      let id = vocabulary.get(gram);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(gram, id);
      }
      tally.set(id, (tally.get(id) ?? 0) + 1);
    }
    return tally;
  });
  const df = new Uint32Array(vocabulary.size);
  for (const doc of docs) for (const id of doc.keys()) df[id]! += 1;
  const count = texts.length;
  const rows = docs.map((doc) => {
    const entries: [number, number][] = [];
    for (const [id, tf] of doc) {
      if (df[id]! < 2 || df[id]! > 0.5 * count) continue;
      entries.push([id, (1 + Math.log(tf)) * (Math.log((1 + count) / (1 + df[id]!)) + 1)]);
    }
    const norm = Math.sqrt(entries.reduce((s, [, w]) => s + w * w, 0)) || 1;
    return entries.map(([id, w]) => [id, w / norm] as [number, number]);
  });
  const postings: [number, number][][] = Array.from({ length: vocabulary.size }, () => []);
  rows.forEach((row, r) => {
    for (const [id, w] of row) postings[id]!.push([r, w]);
  });
  const scores = new Float64Array(count);
  return rows.map((row, r) => {
    const touched: number[] = [];
    for (const [id, w] of row) {
      for (const [other, v] of postings[id]!) {
        if (scores[other] === 0) touched.push(other);
        scores[other]! += w * v;
      }
    }
    const found = touched.filter((other) => other !== r);
    found.sort((a, b) => scores[b]! - scores[a]! || a - b);
    for (const other of touched) scores[other] = 0;
    return found.slice(0, n);
  });
}
