"""The relation rules alone on labelled company pairs: PARTNER found, COMPETITOR kept out.

Reads ``company_pairs_gold.jsonl`` (sentence, company1, company2, label). The two companies of
each sentence are given to the pipeline by hand (so company recognition does not count), and a
pair counts as predicted when the relations component links them. PARTNER pairs are positives,
COMPETITOR pairs negatives (a deal rule firing on them is a false positive); other labels are
left out.

    python benchmarks/score_company_pairs.py [--corpus PATH] [--errors]
"""
from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

import extractor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "company_pairs_gold.jsonl"


def relations_with(nlp, text: str, names: list[str]) -> set[frozenset]:
    """Run the pipeline on ``text`` with ``names`` as its companies; the linked pairs."""
    doc = nlp.make_doc(text)
    for pipe_name, proc in nlp.pipeline:
        if pipe_name != "extractor_companies":
            doc = proc(doc)
            continue
        taken: set[int] = set()
        companies = []
        for name in sorted(names, key=len, reverse=True):
            mentions = []
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if not taken & set(range(m.start(), m.end())):
                    taken |= set(range(m.start(), m.end()))
                    mentions.append({"text": name, "start": m.start(), "end": m.end()})
            companies.append({"name": name, "role": "company", "mentions": mentions})
        doc._.companies = companies
        doc._.company_groups = []
    return {frozenset((r["source"], r["target"])) for r in doc._.relations or ()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT))
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    by_sentence: dict[str, dict[frozenset, set[str]]] = defaultdict(dict)
    with open(args.corpus, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pair = frozenset((row["company1"], row["company2"]))
            if len(pair) == 2:
                by_sentence[row["sentence"]].setdefault(pair, set()).add(row["relation"])
    nlp = extractor.load()
    tp = fp = fn = tn = 0
    for sentence, pairs in by_sentence.items():
        predicted = relations_with(nlp, sentence, sorted({n for p in pairs for n in p}))
        for pair, labels in pairs.items():
            positive = "PARTNER" in labels
            if not positive and "COMPETITOR" not in labels:
                continue
            found = pair in predicted
            tp += found and positive
            fp += found and not positive
            fn += positive and not found
            tn += not positive and not found
            if args.errors and found != positive:
                print(f"{'FP' if found else 'FN'} {' -- '.join(sorted(pair))}: {sentence[:160]}")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    print(f"sentences: {len(by_sentence)}")
    print(f"PARTNER pairs found: {tp} of {tp + fn} (recall {recall:.3f}); "
          f"COMPETITOR pairs linked: {fp} of {fp + tn}; precision {precision:.3f}")


if __name__ == "__main__":
    main()
