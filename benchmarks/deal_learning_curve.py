"""Would more labelled articles help the deal decision? A learning curve on our own corpus.

Collects the deal training examples once (every source of ``extract train``), then repeats the
5-fold cross-validation of ``extract train`` (candidate decision, then the article-level pair
decision on its out-of-fold scores) with only a share of the labelled articles of one set in
the training folds; every held-out fold is scored in full, so the rows are comparable. A curve
that is still rising says "annotate more"; a flat one says the features are the limit.

    python benchmarks/deal_learning_curve.py [--shared ../shared] [--set labelled-modern]
                                             [--shares 0.25 0.5 0.75 1]
"""
from __future__ import annotations

import argparse
import random
from pathlib import Path

import extractor
from extractor import training

ROOT = Path(__file__).resolve().parents[1]


def curve(examples, gold_pairs, learn_set: str, shares, seed: int = 0) -> list[tuple]:
    """``(share, scores per article source)`` for each share of ``learn_set``'s articles."""
    groups = sorted({e.group for e in examples if e.source == learn_set})
    folds = training.folds_of(examples, 5, seed)
    articles = sorted({e.source for e in examples if e.names is not None})
    rows = []
    for share in shares:
        keep = set(random.Random(seed).sample(groups, int(round(len(groups) * share))))
        probs = [0.0] * len(examples)
        for f in range(5):
            train = [e for e, k in zip(examples, folds) if k != f
                     and (e.source != learn_set or e.group in keep)]
            model = training.fit(train, seed=seed, weights=training.SOURCE_WEIGHTS)
            for i, (e, k) in enumerate(zip(examples, folds)):
                if k == f:
                    probs[i] = model.probability(e.features)
        pairs = training.pair_examples(examples, probs)
        pair_probs = training.cross_validate(pairs, k=5, seed=seed, c=training.PAIR_C,
                                             weights={})
        threshold = training.choose_threshold(pairs, pair_probs, articles, gold_pairs,
                                              min_precision=training.PAIR_MIN_PRECISION)
        rows.append((share, training.score_examples(pairs, pair_probs, threshold, gold_pairs)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--set", default="labelled-modern", help="the labelled set to thin out")
    ap.add_argument("--shares", type=float, nargs="+", default=[0.25, 0.5, 0.75, 1.0])
    args = ap.parse_args()
    nlp = extractor.load()
    sources = training.default_sources(args.shared, ROOT / "models" / "labelled" / "deals.jsonl")
    gold_pairs = training.GoldPairs()
    examples = training.collect_examples(nlp, sources, gold_pairs)
    rows = curve(examples, gold_pairs, args.set, args.shares)
    names = sorted(rows[0][1])
    print(f"{args.set} share in training" + "".join(f"{n:>18}" for n in names))
    for share, scores in rows:
        print(f"{share:>29.2f}" + "".join(f"{scores[n]['f1']:>18.3f}" for n in names))


if __name__ == "__main__":
    main()
