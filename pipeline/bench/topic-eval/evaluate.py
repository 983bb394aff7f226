"""The standard topic evaluator, independent of the project's tokenizer.

- Texts: each paper's title + ". " + abstract, cut by scikit-learn's
  CountVectorizer(stop_words="english") analyzer.
- Words: each topic's displayed keywords in weight order, each cut by the same analyzer; the
  first 10 distinct tokens found in the corpus dictionary.
- Coherence: gensim CoherenceModel(coherence="c_npmi", window_size=10, topn=10), one process.
- Diversity: unique words / (10 x topics).

Reads JSON on stdin: {"texts": [str], "topics": [[keyword, ...], ...]}.
Writes JSON on stdout: {"npmi", "diversity", "perTopic", "words", "versions"}.
"""
import json
import sys

import gensim
import sklearn
from gensim.corpora import Dictionary
from gensim.models.coherencemodel import CoherenceModel
from sklearn.feature_extraction.text import CountVectorizer

TOP = 10


def main() -> None:
    data = json.load(sys.stdin)
    analyze = CountVectorizer(stop_words="english").build_analyzer()
    texts = [analyze(text) for text in data["texts"]]
    dictionary = Dictionary(texts)
    topics = []
    for keywords in data["topics"]:
        words = []
        for keyword in keywords:
            for token in analyze(keyword):
                if token in dictionary.token2id and token not in words:
                    words.append(token)
        topics.append(words[:TOP])
    # A topic of fewer than two words has no pair to score. gensim checks topn against the first
    # topic's length only; every topic is already cut to TOP words, so topn = that length keeps
    # each topic whole.
    scored = [words for words in topics if len(words) >= 2]
    per_topic = []
    if scored:
        model = CoherenceModel(
            topics=scored,
            texts=texts,
            dictionary=dictionary,
            coherence="c_npmi",
            window_size=10,
            topn=len(scored[0]),
            processes=1,
        )
        per_topic = model.get_coherence_per_topic()
    unique = {word for words in topics for word in words}
    json.dump(
        {
            "npmi": float(sum(per_topic) / len(per_topic)) if per_topic else None,
            "diversity": len(unique) / (TOP * len(topics)) if topics else None,
            "perTopic": [float(x) for x in per_topic],
            "words": topics,
            "versions": {"scikit-learn": sklearn.__version__, "gensim": gensim.__version__},
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
