"""Training the learned carrier decision (:mod:`extractor.carrier_model`).

Sources: the companies of our labelled corpus (``models/labelled/deals.jsonl``, modern and older
news) and of the dev gold, each with the guidelines' ``carrier`` flag. Every article is run
through the company component as shipped (its learned company decision included) with and
without the name lists; each company it finds that the gold names (name or alias, compared as
``extract evaluate`` does) is one example, labelled with the gold flag; companies the gold does
not name say nothing about carriers and are left out.

Cross-validation: 5 folds over articles; the threshold is the best pooled carrier F1 of the
out-of-fold probabilities (companies found with the name lists, as a default run reads them).
Figures per source: carrier precision, recall and F1 over the companies found, for the model and
for the rules alone.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

from .carrier_model import CarrierModel
from .company_model import CompanyModel
from .company_training import _parsed
from .evaluate import _gold_keys, normalise
from .training import Example, GoldArticle, fit, prf

__all__ = ["carrier_examples", "train_carriers", "CarrierReport", "THRESHOLDS", "C",
           "CARRIER_SOURCES"]

#: Thresholds tried on the out-of-fold probabilities.
THRESHOLDS = tuple(round(0.2 + 0.05 * k, 2) for k in range(13))
#: How far below the best out-of-fold F1 a higher threshold may be and still be chosen.
FLAT = 0.005
#: Regularisation (inverse strength) of the logistic regression.
C = 1.0
#: The sources of :func:`extractor.company_training.default_company_sources` (and a user's
#: gold) whose companies carry the guidelines' carrier flag; FiNER-ORD and the company_pairs
#: sentences say nothing of carriers.
CARRIER_SOURCES = ("labelled", "dev", "user")


def carrier_examples(component, doc, art: GoldArticle, tag: str = "") -> list[Example]:
    """One example per company ``component`` finds in ``doc`` that the gold names; the rules'
    verdict rides along in ``Example.pair`` as ``(tag, rules verdict)``."""
    body, headline, accepted = component.accepted(doc)
    members, names, forms, _places = component.groups(doc, body, accepted, headline)
    features = component.carrier_features(doc, members, names, forms)
    gold = [(_gold_keys(c), bool(c.get("carrier"))) for c in art.gold.get("companies", [])]
    out = []
    for k, f in enumerate(features):
        keys = {normalise(x) for x in forms[k]} | {normalise(names[k])}
        label = next((flag for gk, flag in gold if keys & gk), None)
        if label is not None:
            out.append(Example(art.source, art.id, f, label, (tag, "rules=yes" in f)))
    return out


def _decide(example: Example, p: float, threshold: float) -> bool:
    """:meth:`CarrierModel.decide` with the out-of-fold probability ``p``."""
    return CarrierModel.table(example.features, p, threshold)


def _prf(examples: list[Example], decisions: list[bool]) -> dict:
    tp = sum(1 for e, d in zip(examples, decisions) if d and e.label)
    fp = sum(1 for e, d in zip(examples, decisions) if d and not e.label)
    fn = sum(1 for e, d in zip(examples, decisions) if not d and e.label)
    return prf(tp, fp, fn)


@dataclass
class CarrierReport:
    """What :func:`train_carriers` did: out-of-fold and rules-only carrier scores, the model."""

    model: CarrierModel
    cv: dict[str, dict]
    rules: dict[str, dict]
    no_gazetteer: dict[str, dict]
    rules_no_gazetteer: dict[str, dict]
    threshold: float
    examples: int

    def table(self) -> str:
        lines = [f"{'carriers: source':<22}{'P':>7}{'R':>7}{'F1':>7}   rules alone P/R/F1"
                 "   no gazetteer F1 (rules)"]
        for source, row in self.cv.items():
            r = self.rules.get(source, {})
            lines.append(f"{source:<22}{row['p']:>7.3f}{row['r']:>7.3f}{row['f1']:>7.3f}"
                         f"   {r.get('p', 0):.3f}/{r.get('r', 0):.3f}/{r.get('f1', 0):.3f}"
                         f"   {self.no_gazetteer.get(source, {}).get('f1', 0):.3f}"
                         f" ({self.rules_no_gazetteer.get(source, {}).get('f1', 0):.3f})")
        lines.append(f"threshold {self.threshold:.2f} (chosen on out-of-fold runs); "
                     f"{len(self.model.weights)} features; {self.examples} examples")
        return "\n".join(lines)


def train_carriers(nlp, sources: dict[str, Callable[[], Iterable[GoldArticle]]], *,
                   folds: int = 5, seed: int = 0, c: float = C,
                   company_model: Optional[CompanyModel] = None,
                   progress: Optional[Callable[[int], None]] = None) -> CarrierReport:
    """Parse the sources, cross-validate by article, choose the threshold, fit on all.

    ``company_model``: the company decision that finds the companies (default: the shipped
    one; ``extract train --what all`` passes the one it has just trained)."""
    from .components.companies import CompanyRecognizer

    articles = [a for name, make in sources.items() if name in CARRIER_SOURCES for a in make()]
    if not articles:
        raise ValueError("no articles with carrier flags to train the carrier decision on")
    docs = _parsed(nlp, articles, progress)
    model = company_model if company_model is not None else CompanyModel.shipped()
    with_lists = CompanyRecognizer(gazetteer=True, model=model)
    without = CompanyRecognizer(gazetteer=False, model=model)
    examples = [carrier_examples(with_lists, d, a, "lists")
                + carrier_examples(without, d, a, "no_lists") for d, a in zip(docs, articles)]
    flat = [e for ex in examples for e in ex]
    if len({e.label for e in flat}) < 2:
        raise ValueError("the gold names no carrier among the companies found (or only carriers)")
    order = list(range(len(articles)))
    random.Random(seed).shuffle(order)
    fold = {i: k % folds for k, i in enumerate(order)}
    probs: list[tuple[Example, float]] = []
    for f in range(folds):
        train = [e for i in order if fold[i] != f for e in examples[i]]
        fitted = fit(train, c=c, seed=seed, cls=CarrierModel)
        probs += [(e, fitted.probability(e.features))
                  for i in order if fold[i] == f for e in examples[i]]
    scored = [(e, p) for e, p in probs if e.pair[0] == "lists"]
    bare = [(e, p) for e, p in probs if e.pair[0] == "no_lists"]

    def pooled(t: float) -> float:
        return _prf([e for e, _ in scored], [_decide(e, p, t) for e, p in scored])["f1"]

    # precision first where the out-of-fold F1 is flat: the highest threshold within
    # FLAT of the best (a carrier node named wrongly misleads more than one left a company)
    best = max(pooled(t) for t in THRESHOLDS)
    threshold = max(t for t in THRESHOLDS if pooled(t) >= best - FLAT)

    def by_source(items, decide) -> dict[str, dict]:
        out = {}
        for source in sorted({e.source for e, _ in items}):
            part = [(e, p) for e, p in items if e.source == source]
            out[source] = _prf([e for e, _ in part], [decide(e, p) for e, p in part])
        return out

    cv = by_source(scored, lambda e, p: _decide(e, p, threshold))
    rules = by_source(scored, lambda e, p: e.pair[1])
    no_gaz = by_source(bare, lambda e, p: _decide(e, p, threshold))
    rules_bare = by_source(bare, lambda e, p: e.pair[1])
    counts: dict[str, int] = {}
    for e in flat:
        counts[e.source] = counts.get(e.source, 0) + 1
    meta = {"trained_on": counts, "cv": cv, "rules_alone": rules, "no_gazetteer": no_gaz,
            "rules_no_gazetteer": rules_bare,
            "folds": folds, "seed": seed, "C": c, "gazetteer_dropout": True}
    final = fit(flat, c=c, seed=seed, threshold=threshold, meta=meta, cls=CarrierModel)
    return CarrierReport(final, cv, rules, no_gaz, rules_bare, threshold, len(flat))
