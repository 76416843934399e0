"""What the deal model costs: seconds in the relation component with and without it.

Runs the pipeline up to the relation component once over N Reuters articles, then times the
relation component alone with the trained model (every candidate pair scored) and rules-only,
and the whole pipeline, so the model's share of the pipeline's time is printed.

    python benchmarks/deal_model_cost.py [--corpus PATH] [--limit 600]
"""
from __future__ import annotations

import argparse
import time

import extractor
from extractor.components.relations import RelationExtractor
from _common import read_articles, reuters_path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None)
    ap.add_argument("--limit", type=int, default=600)
    args = ap.parse_args()
    nlp = extractor.load()
    arts = read_articles(reuters_path(args.corpus), args.limit)
    started = time.perf_counter()
    docs = []
    for art in arts:
        doc = nlp.make_doc(art.text)
        doc._.article_date = art.date
        docs.append(doc)
    before = [name for name, _ in nlp.pipeline if name != "extractor_relations"]
    with nlp.select_pipes(enable=before):
        docs = list(nlp.pipe(docs, batch_size=64))
    pipeline = time.perf_counter() - started
    learned = nlp.get_pipe("extractor_relations")
    rules = RelationExtractor(nlp, "rules", model=None)
    timings = {}
    for name, comp in (("rules only", rules), ("deal model", learned)):
        t = time.perf_counter()
        for doc in docs:
            comp(doc)
        timings[name] = time.perf_counter() - t
    total = pipeline + timings["deal model"]
    extra = timings["deal model"] - timings["rules only"]
    print(f"{len(docs)} articles: pipeline before relations {pipeline:.1f}s; relations rules "
          f"only {timings['rules only']:.2f}s, with the deal model {timings['deal model']:.2f}s;"
          f" the model adds {extra:.2f}s = {100 * extra / total:.1f}% of the pipeline's time")


if __name__ == "__main__":
    main()
