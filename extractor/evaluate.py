"""Score records against hand-made gold, by the rules of the gold set's README.

* Names are compared after :func:`normalise`.
* Companies, per article: a predicted company is right when its name, or the text of any of its
  mentions, normalises to the name or an alias of a gold company no earlier prediction took.
* Relations, per article: unordered pairs, each side mapped to a gold company as above, a pair
  counted once; right if it is a gold pair of any status.
* Micro-averaged precision, recall and F1; ``agreed``-only relation recall; carrier-role accuracy
  over the companies found.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional, Union

from .names import legal_words
from .records import ArticleRecord

__all__ = ["normalise", "Score", "ArticleScore", "EvalReport", "score_article", "score",
           "read_gold"]

_POSSESSIVE = re.compile(r"'s\b")
_PUNCT = re.compile(r"[<>\"().,;:!?]")
_AMPERSAND = re.compile(r"\s+&\s+")  # " & " joined to "&" (any run of spaces or a line break)


def normalise(name: str) -> str:
    """Normalise a company name for comparison (gold README rules)."""
    text = name.lower().replace("\u2019", "'")
    text = _POSSESSIVE.sub("", text)
    text = _PUNCT.sub("", text)
    text = _AMPERSAND.sub("&", text).replace("-", " ")
    stop = _stop_words()
    return " ".join(w for w in text.split() if w not in stop)


@lru_cache(maxsize=None)
def _stop_words() -> frozenset[str]:
    """Words the gold README drops from names: its legal words (``models/legal_suffixes.txt``,
    uses "gold") and "the"."""
    return frozenset(legal_words("gold")) | {"the"}


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: "Score") -> "Score":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


@dataclass
class ArticleScore:
    id: str
    companies: Score = field(default_factory=Score)
    relations: Score = field(default_factory=Score)
    agreed_found: int = 0
    agreed_total: int = 0
    roles_right: int = 0
    roles_total: int = 0
    company_fp: list = field(default_factory=list)
    company_fn: list = field(default_factory=list)
    role_errors: list = field(default_factory=list)
    relation_fp: list = field(default_factory=list)
    relation_fn: list = field(default_factory=list)


def _gold_keys(company: dict) -> set[str]:
    return {normalise(company["name"])} | {normalise(a) for a in company.get("aliases", [])}


def score_article(record: Optional[ArticleRecord], gold: dict) -> ArticleScore:
    """Score one article's record against its gold entry."""
    result = ArticleScore(id=gold["id"])
    gold_companies = gold.get("companies", [])
    gold_keys = [_gold_keys(c) for c in gold_companies]
    not_companies = {normalise(n) for n in gold.get("not_companies", [])}
    taken: set[int] = set()
    name_to_gold: dict[str, int] = {}
    companies = record.companies if record else []
    for company in companies:
        keys = {normalise(company.name)} | {normalise(m.text) for m in company.mentions}
        keys.discard("")
        match = next((i for i, gk in enumerate(gold_keys) if i not in taken and gk & keys), None)
        any_match = next((i for i, gk in enumerate(gold_keys) if gk & keys), None)
        # relations name companies by their canonical name: map it to the gold company this
        # prediction took, or (for a second node of a company already found) the one it names
        mapped = match if match is not None else any_match
        if mapped is not None:
            name_to_gold.setdefault(company.name, mapped)
        if match is None:
            result.companies.fp += 1
            why = (" [duplicate]" if any_match is not None
                   else " [not a company]" if keys & not_companies else "")
            result.company_fp.append(company.name + why)
            continue
        taken.add(match)
        result.companies.tp += 1
        result.roles_total += 1
        is_carrier = company.role == "carrier"
        if is_carrier == bool(gold_companies[match].get("carrier")):
            result.roles_right += 1
        else:
            result.role_errors.append(company.name + (" [not a carrier]" if is_carrier
                                                      else " [is a carrier]"))
    for i, company in enumerate(gold_companies):
        if i not in taken:
            result.companies.fn += 1
            result.company_fn.append(company["name"])

    def gold_index(name: str) -> Union[int, str]:
        """The gold company a name denotes (index), else its normalised form."""
        key = normalise(name)
        return next((i for i, gk in enumerate(gold_keys) if key in gk), key)

    def predicted_index(name: str) -> Union[int, str]:
        return name_to_gold[name] if name in name_to_gold else gold_index(name)

    gold_pairs: dict[frozenset, str] = {}
    for rel in gold.get("relations", []):
        pair = frozenset((gold_index(rel["a"]), gold_index(rel["b"])))
        if gold_pairs.get(pair) != "agreed":
            gold_pairs[pair] = rel.get("status", "agreed")
    predicted: set[frozenset] = set()
    for rel in (record.relations if record else []):
        pair = frozenset((predicted_index(rel.source), predicted_index(rel.target)))
        if pair in predicted or (len(pair) < 2 and rel.source == rel.target):
            continue
        predicted.add(pair)
        if pair in gold_pairs:
            result.relations.tp += 1
        else:
            result.relations.fp += 1
            result.relation_fp.append(f"{rel.source} -- {rel.target} ({rel.kind})")
    for pair, status in gold_pairs.items():
        if status == "agreed":
            result.agreed_total += 1
            result.agreed_found += pair in predicted
        if pair not in predicted:
            result.relations.fn += 1
            names = [gold_companies[i]["name"] if isinstance(i, int) else i for i in pair]
            result.relation_fn.append(" -- ".join(names) + f" ({status})")
    return result


@dataclass
class EvalReport:
    articles: list[ArticleScore]
    missing: list[str] = field(default_factory=list)

    def total(self) -> ArticleScore:
        total = ArticleScore(id="all")
        for a in self.articles:
            total.companies += a.companies
            total.relations += a.relations
            total.agreed_found += a.agreed_found
            total.agreed_total += a.agreed_total
            total.roles_right += a.roles_right
            total.roles_total += a.roles_total
        return total

    def as_dict(self) -> dict:
        t = self.total()
        return {
            "articles": len(self.articles),
            "companies": {"precision": t.companies.precision, "recall": t.companies.recall,
                          "f1": t.companies.f1, "tp": t.companies.tp, "fp": t.companies.fp,
                          "fn": t.companies.fn},
            "relations": {"precision": t.relations.precision, "recall": t.relations.recall,
                          "f1": t.relations.f1, "tp": t.relations.tp, "fp": t.relations.fp,
                          "fn": t.relations.fn,
                          "agreed_recall": (t.agreed_found / t.agreed_total
                                            if t.agreed_total else 0.0)},
            "carrier_role_accuracy": t.roles_right / t.roles_total if t.roles_total else 0.0,
        }

    def table(self, errors: bool = False) -> str:
        d = self.as_dict()
        c, r = d["companies"], d["relations"]
        lines = [
            f"articles scored: {d['articles']}" + (f" (missing from input: {len(self.missing)})"
                                                    if self.missing else ""),
            f"{'':<12}{'precision':>10}{'recall':>10}{'f1':>10}{'tp':>6}{'fp':>6}{'fn':>6}",
            f"{'companies':<12}{c['precision']:>10.3f}{c['recall']:>10.3f}{c['f1']:>10.3f}"
            f"{c['tp']:>6}{c['fp']:>6}{c['fn']:>6}",
            f"{'relations':<12}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>10.3f}"
            f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}",
            f"agreed-only relation recall: {r['agreed_recall']:.3f}",
            f"carrier-role accuracy (companies found): {d['carrier_role_accuracy']:.3f}",
        ]
        if errors:
            if self.missing:
                lines.append(f"\nnot in the input (scored as all misses): "
                             f"{', '.join(self.missing)}")
            for a in self.articles:
                parts = [("company FP", a.company_fp), ("company FN", a.company_fn),
                         ("wrong role", a.role_errors), ("relation FP", a.relation_fp),
                         ("relation FN", a.relation_fn)]
                if any(items for _, items in parts):
                    lines.append(f"\n== {a.id}")
                    lines.extend(f"  {label}: {'; '.join(items)}" for label, items in parts if items)
        return "\n".join(lines)


def read_gold(path: Union[str, Path]) -> list[dict]:
    """Gold entries (one JSON object per line, as in ``gold/dev.jsonl``)."""
    entries = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"line {number}: not valid JSON: {exc}") from None
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise ValueError(f"line {number}: expected an object with an 'id'")
            if not isinstance(entry.get("companies", []), list) or not isinstance(
                    entry.get("relations", []), list):
                raise ValueError(f"line {number}: 'companies' and 'relations' must be lists")
            entries.append(entry)
    return entries


def score(records: Iterable[ArticleRecord], gold: list[dict]) -> EvalReport:
    """Score records against gold entries, matched by article id."""
    by_id = {r.id: r for r in records}
    scores, missing = [], []
    for entry in gold:
        record = by_id.get(entry["id"])
        if record is None:
            missing.append(entry["id"])
        scores.append(score_article(record, entry))
    return EvalReport(scores, missing)
