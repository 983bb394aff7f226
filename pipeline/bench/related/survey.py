"""How far related papers can go by fusing text signals, measured with scikit-learn.

Reads what `related-survey.ts` exported (the bundled model's vectors, the pipeline's BM25 rows,
the texts, the citation links, the halves and the pipeline's own top-10 lists) from the folder
given as the only argument, and prints one JSON object: recall@10 of every variant on all papers
and on each half.

Every variant ranks all papers exactly (full similarity matrices; the pipeline ranks a candidate
set). Parameters are chosen on half A and reported on half B, as in `npm run bench -- related`.
The last variant fits the fusion instead of searching a grid: a logistic regression over all the
signals and their per-paper z-scores, fitted on the citations of half A (which the pipeline may
not use) and scored on half B.
"""

import itertools
import json
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

K = 10


def load(folder: Path):
    meta = json.loads((folder / "meta.json").read_text())
    n, dim = len(meta["texts"]), meta["dim"]
    vectors = np.fromfile(folder / "vectors.f32", dtype=np.float32).reshape(n, dim)
    offsets = np.fromfile(folder / "bm25-offsets.u32", dtype=np.uint32)
    terms = np.fromfile(folder / "bm25-terms.u32", dtype=np.uint32)
    weights = np.fromfile(folder / "bm25-weights.f32", dtype=np.float32)
    bm25 = sp.csr_matrix((weights, terms, offsets), shape=(n, int(terms.max()) + 1))
    return meta, vectors, bm25


class Scorer:
    """recall@10 of a score matrix or of ranked lists, on all papers and on each half."""

    def __init__(self, meta):
        self.links = [set(row) for row in meta["links"]]
        halves = meta["halves"]
        linked = [i for i, row in enumerate(self.links) if row]
        self.rows = {
            "all": linked,
            "A": [i for i in linked if halves[i] == "A"],
            "B": [i for i in linked if halves[i] == "B"],
        }

    def lists(self, scores: np.ndarray) -> list:
        masked = scores.astype(np.float32, copy=True)
        np.fill_diagonal(masked, -np.inf)
        top = np.argpartition(-masked, K, axis=1)[:, :K]
        return top.tolist()

    def recall(self, top: list, half: str) -> float:
        rows = self.rows[half]
        return float(
            np.mean([len(set(top[i][:K]) & self.links[i]) / min(K, len(self.links[i])) for i in rows])
        )

    def report(self, top: list) -> dict:
        return {half: round(self.recall(top, half), 4) for half in ("all", "A", "B")}


def unit_rows(x: np.ndarray) -> np.ndarray:
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def neighbourhood(scores: np.ndarray, size: int) -> np.ndarray:
    """Mean score of each paper's `size` best other papers to every paper, symmetrized."""
    masked = scores.copy()
    np.fill_diagonal(masked, -np.inf)
    best = np.argpartition(-masked, size, axis=1)[:, :size]
    mean = np.zeros_like(scores)
    mean[np.arange(len(scores))[:, None], best] = 1 / size
    with_self = scores.copy()
    np.fill_diagonal(with_self, 1.0)
    around = mean @ with_self
    return (around + around.T) / 2


def diffusion(scores: np.ndarray, k: int, alpha: float) -> np.ndarray:
    """Diffusion over the mutual k-NN graph (Zhou et al. 2004; Iscen et al., CVPR 2017)."""
    n = len(scores)
    masked = scores.copy()
    np.fill_diagonal(masked, -np.inf)
    best = np.argpartition(-masked, k, axis=1)[:, :k]
    rows = np.arange(n)[:, None]
    w = np.zeros_like(scores)
    w[rows, best] = np.maximum(scores[rows, best], 0) ** 3
    w = np.minimum(w, w.T)
    d = np.sqrt(np.maximum(w.sum(1), 1e-12))
    f = np.linalg.inv(np.eye(n) - alpha * w / d[:, None] / d[None, :])
    f = (f + f.T) / 2
    return f / np.sqrt(np.outer(np.diag(f), np.diag(f)))


def row_z(x: np.ndarray) -> np.ndarray:
    off = x.copy()
    np.fill_diagonal(off, np.nan)
    return (x - np.nanmean(off, 1, keepdims=True)) / np.nanstd(off, 1, keepdims=True)


def main() -> None:
    folder = Path(sys.argv[1])
    meta, vectors, bm25 = load(folder)
    scorer = Scorer(meta)
    results = []

    def add(name: str, top: list, chosen: str = "") -> None:
        results.append({"name": name, "chosen": chosen, **scorer.report(top)})

    def best_on_a(name: str, grid, make) -> np.ndarray:
        """Scores every grid point on half A; adds and returns the best one."""
        scored = []
        for params in grid:
            scores = make(*params)
            scored.append((scorer.recall(scorer.lists(scores), "A"), params, scores))
        _, params, scores = max(scored, key=lambda entry: entry[0])
        add(name, scorer.lists(scores), ", ".join(str(p) for p in params))
        return scores

    texts, titles = meta["texts"], meta["titles"]
    tfidf = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_df=0.5)
    x = tfidf.fit_transform(texts)
    t = (x @ x.T).toarray().astype(np.float32)
    add("TF-IDF, scikit-learn (the baseline)", scorer.lists(t))
    add("TF-IDF, the bench's own port", meta["tfidfLists"])
    add("pipeline default hybrid (its written lists)", meta["pipelineLists"])

    dense = (vectors @ vectors.T).astype(np.float32)
    lexical = (bm25 @ bm25.T).toarray().astype(np.float32)
    add("dense (bundled model)", scorer.lists(dense))
    add("lexical (pipeline BM25)", scorer.lists(lexical))
    alphas = [0.2, 0.3, 0.4, 0.5]
    blend = best_on_a(
        "blend dense + BM25 (alpha)", [(a,) for a in alphas], lambda a: a * dense + (1 - a) * lexical
    )

    centred = unit_rows(vectors - vectors.mean(0))
    dense_c = centred @ centred.T
    best_on_a(
        "blend, dense centred (alpha)",
        [(a,) for a in alphas],
        lambda a: a * dense_c + (1 - a) * lexical,
    )
    mean = vectors.mean(0)
    u, s, _ = np.linalg.svd(np.cov((vectors - mean).T))
    whitened = unit_rows((vectors - mean) @ (u[:, :256] / np.sqrt(s[:256])))
    dense_w = whitened @ whitened.T
    best_on_a(
        "blend, dense whitened to 256 dims (alpha)",
        [(a,) for a in alphas],
        lambda a: a * dense_w + (1 - a) * lexical,
    )

    def csls(k: int, g: float) -> np.ndarray:
        masked = blend.copy()
        np.fill_diagonal(masked, -np.inf)
        r = np.sort(masked, axis=1)[:, -k:].mean(1)
        return blend - g / 2 * (r[:, None] + r[None, :])

    best_on_a("blend + hubness correction, CSLS (k, weight)", itertools.product([10, 20], [0.25, 0.5]), csls)
    best_on_a(
        "blend + neighbourhood term (size, weight)",
        itertools.product([3, 5, 8], [0.5, 1.0]),
        lambda size, w: (blend + w * neighbourhood(blend, size)) / (1 + w),
    )
    diffused = {(k, a): diffusion(blend, k, a) for k in (10, 20) for a in (0.8, 0.95)}
    best_on_a(
        "blend + graph diffusion (k, alpha, weight)",
        itertools.product([10, 20], [0.8, 0.95], [0.5, 1.0]),
        lambda k, a, w: blend + w * diffused[(k, a)],
    )

    titled = (tfidf.transform(titles) @ x.T).toarray().astype(np.float32)
    title_text = (titled + titled.T) / 2
    lsa = unit_rows(TruncatedSVD(200, random_state=0).fit_transform(x)).astype(np.float32)
    latent = lsa @ lsa.T
    signals = best_on_a(
        "blend of dense, BM25, TF-IDF, title-to-text, LSA (alpha, tf-idf, title, lsa)",
        itertools.product([0.25, 0.3, 0.35], [0, 0.35, 0.5], [0, 0.15, 0.3], [0, 0.1, 0.2]),
        lambda a, tf, c, z: a * dense + (1 - a) * ((1 - tf) * lexical + tf * t) + c * title_text + z * latent,
    )
    best_on_a(
        "that blend + neighbourhood term (size, weight)",
        itertools.product([3, 5, 8], [0.5, 1.0]),
        lambda size, w: (signals + w * neighbourhood(signals, size)) / (1 + w),
    )

    features = {
        "dense": dense,
        "bm25": lexical,
        "tfidf": t,
        "title": title_text,
        "lsa": latent,
        "neighbourhood": neighbourhood(blend, 5),
    }
    features.update({f"{name} z": row_z(value) for name, value in list(features.items())})
    names = list(features)
    candidates = np.argpartition(-np.where(np.eye(len(blend), dtype=bool), -np.inf, blend), 100, axis=1)[:, :100]
    train_x, train_y = [], []
    for i in scorer.rows["A"]:
        cand = candidates[i]
        train_x.append(np.stack([features[name][i, cand] for name in names], 1))
        train_y.append(np.array([j in scorer.links[i] for j in cand]))
    model = LogisticRegression(max_iter=5000).fit(np.concatenate(train_x), np.concatenate(train_y))
    fitted = sum(w * features[name] for w, name in zip(model.coef_[0], names))
    add(
        "logistic regression over 12 signals, fitted on half A's citations",
        scorer.lists(fitted),
        f"{len(names)} weights",
    )

    print(
        json.dumps(
            {
                "results": results,
                "versions": {"scikit-learn": sklearn.__version__, "numpy": np.__version__},
            }
        )
    )


if __name__ == "__main__":
    main()
