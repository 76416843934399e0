"""Score the extractor's deals against the SENTiVENT gold events (Deal partners, M&A parties).

Gold, per document: every pair of ``Partner`` participants of a ``Deal`` event with two or more
partners, and every ``Acquirer`` x ``Target`` pair of a ``Merger/Acquisition`` event (a pronoun
participant is replaced by the antecedent the annotators linked). Pairs are compared as unordered
pairs of names normalised by :func:`extractor.evaluate.normalise`; a predicted side matches a gold
side when the gold name equals the normalised company name or one of its mentions. Participants
that are not named companies ("its pilots", "the union") are part of the gold, so recall has a
ceiling below 1; ``named`` restricts the gold to pairs whose two sides start with a capital letter.
Gold spans are often longer than a name ("Rockwell Collins ( COL )", "Waltham-based Dragonfly");
the ``lenient`` rows also accept a predicted name found as whole words inside the gold span.

    python benchmarks/score_sentivent.py [--corpus PATH] [--limit N] [--errors]
"""
from __future__ import annotations

import argparse
import json
from itertools import combinations
from pathlib import Path

from extractor import extract
from extractor.evaluate import Score, normalise

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sentivent_events.jsonl"
_PRONOUNS = {"it", "its", "they", "their", "them", "we", "our", "us", "he", "she", "his", "her"}


def _name(part: dict) -> str:
    canonical = part.get("canonical") or None
    text = canonical["text"] if canonical else part["text"]
    return normalise(text)


def _named(part: dict) -> bool:
    canonical = part.get("canonical") or None
    text = (canonical["text"] if canonical else part["text"]).strip()
    return bool(text) and text[0].isupper() and text.lower() not in _PRONOUNS


def gold_pairs(doc: dict) -> tuple[set[frozenset], set[frozenset]]:
    """All gold pairs of a document, and those whose two sides are names."""
    every: set[frozenset] = set()
    named: set[frozenset] = set()
    for event in doc.get("events", []):
        parts = event.get("participants", [])
        candidates = []
        if event["type"] == "Deal":
            partners = [p for p in parts if p["role"] == "Partner"]
            if len(partners) >= 2:
                candidates = list(combinations(partners, 2))
        elif event["type"] == "Merger/Acquisition":
            acquirers = [p for p in parts if p["role"] == "Acquirer"]
            targets = [p for p in parts if p["role"] == "Target"]
            candidates = [(a, t) for a in acquirers for t in targets]
        for x, y in candidates:
            pair = frozenset((_name(x), _name(y)))
            if len(pair) == 2 and "" not in pair:
                every.add(pair)
                if _named(x) and _named(y):
                    named.add(pair)
    return every, named


def _keys(record, name: str) -> set[str]:
    keys = {normalise(name)}
    for company in record.companies:
        if company.name == name:
            keys |= {normalise(m.text) for m in company.mentions}
    keys.discard("")
    return keys


def _match(keys: set[str], gold_side: str, lenient: bool) -> bool:
    if gold_side in keys:
        return True
    return lenient and any(f" {k} " in f" {gold_side} " for k in keys)


def score_doc(record, gold: set[frozenset], lenient: bool = False
              ) -> tuple[Score, list[str], list[str]]:
    """Score one document: predicted pairs (deduplicated) against ``gold``."""
    score = Score()
    found: set[frozenset] = set()
    false_pos: list[str] = []
    seen: set[frozenset] = set()
    for rel in record.relations:
        key = frozenset((rel.source, rel.target))
        if key in seen or len(key) < 2:
            continue
        seen.add(key)
        ka, kb = _keys(record, rel.source), _keys(record, rel.target)
        hits = {g for g in gold if len(g) == 2 and any(
            _match(ka, x, lenient) and _match(kb, y, lenient)
            for x, y in (tuple(g), tuple(g)[::-1]))}
        if hits:
            score.tp += 1
            found |= hits
        else:
            score.fp += 1
            false_pos.append(f"{rel.source} -- {rel.target} ({rel.kind}): {rel.sentence[:120]}")
    missed = [" -- ".join(sorted(g)) for g in gold if g not in found]
    score.fn += len(missed)
    return score, false_pos, missed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    docs = []
    with open(args.corpus, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                docs.append(json.loads(line))
            if args.limit and len(docs) >= args.limit:
                break
    result = extract(texts=[{"id": d["id"], "text": d["text"]} for d in docs])
    by_id = {r.id: r for r in result.records}
    totals = {label: Score() for label in ("all", "named", "all lenient", "named lenient")}
    for doc in docs:
        every, named = gold_pairs(doc)
        record = by_id.get(doc["id"])
        if record is None:
            continue
        for label in totals:
            lenient = label.endswith("lenient")
            gold = named if label.startswith("named") else every
            score, false_pos, missed = score_doc(record, gold, lenient)
            if label.startswith("named"):
                # a right pair whose gold sides are not both names is no false positive here
                right_elsewhere = score_doc(record, every, lenient)[0].tp - score.tp
                score.fp -= right_elsewhere
            totals[label] += score
            if args.errors and label == "all lenient" and (false_pos or missed):
                print(f"== {doc['id']}")
                for item in false_pos:
                    print(f"  FP {item}")
                for item in missed:
                    print(f"  FN {item}")
    print(f"documents: {len(docs)}")
    print(f"{'gold':<15}{'precision':>10}{'recall':>10}{'f1':>10}{'tp':>6}{'fp':>6}{'fn':>6}")
    for label, s in totals.items():
        print(f"{label:<15}{s.precision:>10.3f}{s.recall:>10.3f}{s.f1:>10.3f}"
              f"{s.tp:>6}{s.fp:>6}{s.fn:>6}")


if __name__ == "__main__":
    main()
