"""Training the learned company decision (:mod:`extractor.company_model`).

Sources (all optional; see :func:`default_company_sources`):

* our labelled corpus (``models/labelled/deals.jsonl``, modern and older news) and the dev gold:
  a candidate is a company when its name is one of the article's gold companies (name or alias,
  compared as ``extract evaluate`` does), else not;
* the deal pairs of CORE train, FIRE dev and REFinD dev (``relations/``): both sides of a
  deal are companies, the sentences' other names unlabelled;
* FiNER-ORD train/val (``relations/finer_ord_train_val.jsonl``): its ORG spans are companies
  unless an organisation word of ``models/org_words.txt`` or a name of
  ``models/not_companies.txt`` makes them a government body, regulator, association ... (the
  guidelines' non-companies, then negatives); PER and LOC spans are negatives.

Every article is read twice, with the name lists and without them (``--no-gazetteer``), so that
the decision does not lean on the lists alone. Cross-validation: folds over articles; each
held-out article is run through the company component with the fold's model and scored like
``extract evaluate`` (company P/R/F1 per source), with the name lists and, the same fold models,
without them (``--no-gazetteer``). The threshold is the best pooled F1 of the labelled sets'
out-of-fold runs with the lists.
"""
from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from .assets import read_lexicon
from .company_model import CompanyModel
from .corpus import article_from_text
from .evaluate import Score, _gold_keys, normalise, score_article
from .records import record_from_doc
from .training import (Example, GoldArticle, SentenceItem, core_items, fire_items, fit,
                       gold_articles, labelled_articles, prf, refind_items)

__all__ = ["finer_articles", "company_pair_sentences", "deal_pair_sentences",
           "default_company_sources", "company_examples", "train_companies",
           "CompanyReport", "COMPANY_SOURCE_WEIGHTS", "THRESHOLDS"]

#: Sample weight per source: FiNER-ORD's organisations are not labelled by our guidelines; the
#: company_pairs sentences name only the two companies of a pair.
COMPANY_SOURCE_WEIGHTS = {"finer": 0.5, "company_pairs": 0.5, "core": 0.5, "fire": 0.5,
                          "refind": 0.5}
#: Words that open a reference rather than a name ("The company", "It", "They"): such mentions
#: of the relation sets are no company names to learn.
_REFERENCE_OPENERS = frozenset({"the", "it", "its", "they", "their", "this", "these", "we", "our"})
#: Sources only trained on, never scored (their labels are not our guidelines').
TRAIN_ONLY = {"finer"}
#: Thresholds tried on the out-of-fold runs, one for the candidates the rules take and one for
#: those they reject (the decision table of :meth:`CompanyModel.decide`).
THRESHOLDS = tuple((yes, no) for yes in (0.15, 0.25, 0.35) for no in (0.45, 0.5, 0.55))
#: Regularisation (inverse strength) of the logistic regression.
C = 1.0


def finer_articles(path: Union[str, Path]) -> Iterator[GoldArticle]:
    """FiNER-ORD lines (one article each, tokens joined by spaces) with companies from ORG."""
    org_words = {w.lower() for w in read_lexicon("org_words.txt")}
    not_companies = {normalise(w) for w in read_lexicon("not_companies.txt")}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            companies, others = set(), set()
            for ent in row.get("entities", []):
                words = set(ent["text"].lower().split())
                if ent["type"] == "ORG" and not words & org_words \
                        and normalise(ent["text"]) not in not_companies:
                    companies.add(ent["text"])
                else:
                    others.add(ent["text"])
            gold = {"id": row["id"], "relations": [],
                    "companies": [{"name": n, "aliases": [], "carrier": False}
                                  for n in sorted(companies)],
                    "not_companies": sorted(others - companies)}
            yield GoldArticle(row["id"], row["text"], None, None, "finer", gold)


def company_pair_sentences(path: Union[str, Path]) -> Iterator[GoldArticle]:
    """company_pairs_gold sentences (2015-17 tech news): the two companies of each labelled pair
    (whatever their relation) are companies; the sentence's other names are unlabelled
    (``partial_companies``: neither examples nor errors)."""
    by_sentence: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                by_sentence.setdefault(row["sentence"], set()).update(
                    (row["company1"], row["company2"]))
    for k, (text, names) in enumerate(sorted(by_sentence.items())):
        gold = {"id": f"company-pairs-{k}", "relations": [], "partial_companies": True,
                "companies": [{"name": n, "aliases": [], "carrier": False}
                              for n in sorted(names)]}
        yield GoldArticle(gold["id"], text, None, None, "company_pairs", gold)


def deal_pair_sentences(items: Iterable[SentenceItem]) -> Iterator[GoldArticle]:
    """Sentences of the deal sets (CORE train, FIRE dev, REFinD dev: the converters of
    :mod:`extractor.training`): both sides of a pair labelled a deal are companies (an
    acquisition, a merger, an agreement is between companies); the sentence's other names are
    unlabelled (``partial_companies``), and so are references ("The company", "it")."""
    for item in items:
        names = set()
        for a, b, label in item.pairs:
            if not label:
                continue
            for start, end in (a, b):
                form = item.text[start:end].strip()
                if form[:1].isupper() and form.split()[0].lower() not in _REFERENCE_OPENERS:
                    names.add(form)
        if names:
            gold = {"id": item.id, "relations": [], "partial_companies": True,
                    "companies": [{"name": n, "aliases": [], "carrier": False}
                                  for n in sorted(names)]}
            yield GoldArticle(item.id, item.text, None, None, item.source, gold)


def default_company_sources(shared: Union[str, Path], labelled: Optional[Union[str, Path]]
                            = None) -> dict[str, Callable[[], Iterable[GoldArticle]]]:
    shared = Path(shared)
    out: dict[str, Callable[[], Iterable[GoldArticle]]] = {}
    if labelled is not None and Path(labelled).exists():
        out["labelled"] = lambda: labelled_articles(labelled, shared / "corpora")
    gold = shared / "gold"
    if (gold / "dev.jsonl").exists():
        out["dev"] = lambda: gold_articles(gold / "dev.jsonl", gold / "dev_articles.jsonl", "dev")
    finer = shared / "relations" / "finer_ord_train_val.jsonl"
    if finer.exists():
        out["finer"] = lambda: finer_articles(finer)
    pairs = shared / "corpora" / "company_pairs_gold.jsonl"
    if pairs.exists():
        out["company_pairs"] = lambda: company_pair_sentences(pairs)
    relations = shared / "relations"
    for name, file, items in (("core", "core_train.json", core_items),
                              ("fire", "fire_dev_company_pairs.jsonl", fire_items),
                              ("refind", "refind_dev_org_org.jsonl", refind_items)):
        if (relations / file).exists():
            out[name] = (lambda f=relations / file, read=items:
                         deal_pair_sentences(read(f)))
    return out


def _parsed(nlp, articles: list[GoldArticle], progress: Optional[Callable[[int], None]]):
    """The articles as Docs up to (not including) the extractor's components."""
    from .pipeline import COMPONENTS

    texts = [article_from_text(a.text, id=a.id, title=a.title, date=a.date).text
             for a in articles]
    docs = []
    with nlp.select_pipes(disable=[c for c in COMPONENTS if c in nlp.pipe_names]):
        for doc in nlp.pipe(texts, batch_size=16):
            docs.append(doc)
            if progress:
                progress(1)
    return docs


def company_examples(component, doc, art: GoldArticle) -> list[Example]:
    """One example per body candidate of ``doc``, labelled by the article's gold companies."""
    body, _headline, verdicts = component.candidates(doc)
    features = component.features(doc, body, verdicts)
    keys: set[str] = set()
    for company in art.gold.get("companies", []):
        keys |= _gold_keys(company)
    partial = art.gold.get("partial_companies")
    nots = {normalise(n) for n in art.gold.get("not_companies", [])}
    out = []
    for c, f in zip(body, features):
        key = normalise(c.span(doc).text)
        if partial and key not in keys and key not in nots:
            continue  # a name the partial gold says nothing about
        out.append(Example(art.source, art.id, f, key in keys))
    return out


def _score(component, model, items) -> dict[str, Score]:
    """Company scores per source of running ``component`` with ``model`` over ``items``."""
    component.model = model
    out: dict[str, Score] = {}
    for doc, art in items:
        component(doc)
        out.setdefault(art.source, Score())
        out[art.source] += score_article(record_from_doc(doc, id=art.id), art.gold).companies
    return out


def _add(into: dict[str, Score], scores: dict[str, Score]) -> None:
    """Add per-source scores into a running total."""
    for source, s in scores.items():
        into.setdefault(source, Score())
        into[source] += s


def _table(t: tuple) -> dict[str, float]:
    return {"rules_yes": t[0], "rules_no": t[1]}


def _rows(scores: dict[str, Score]) -> dict[str, dict]:
    return {s: prf(v.tp, v.fp, v.fn) for s, v in sorted(scores.items())}


@dataclass
class CompanyReport:
    """What :func:`train_companies` did: out-of-fold and rules-only scores, the model."""

    model: CompanyModel
    cv: dict[str, dict]
    rules: dict[str, dict]
    threshold: tuple
    examples: int
    #: out-of-fold scores of the same fold models run with the name lists off (``--no-gazetteer``)
    no_gazetteer: dict[str, dict] = field(default_factory=dict)

    def table(self) -> str:
        lines = [f"{'companies: source':<22}{'P':>7}{'R':>7}{'F1':>7}   rules alone F1"
                 "   no name lists F1"]
        for source, row in self.cv.items():
            lines.append(f"{source:<22}{row['p']:>7.3f}{row['r']:>7.3f}{row['f1']:>7.3f}"
                         f"   {self.rules.get(source, {}).get('f1', 0):>14.3f}"
                         f"   {self.no_gazetteer.get(source, {}).get('f1', 0):>17.3f}")
        lines.append(f"thresholds {self.threshold[0]:.2f} where the rules take a name, "
                     f"{self.threshold[1]:.2f} where they do not (chosen on out-of-fold runs); "
                     f"{len(self.model.weights)} features; {self.examples} examples")
        return "\n".join(lines)


def train_companies(nlp, sources: dict[str, Callable[[], Iterable[GoldArticle]]], *,
                    folds: int = 5, seed: int = 0, c: float = C,
                    weights: Optional[dict[str, float]] = None,
                    progress: Optional[Callable[[int], None]] = None) -> CompanyReport:
    """Parse the sources, cross-validate by article, choose the threshold, fit on all."""
    from .components.companies import CompanyRecognizer

    weights = COMPANY_SOURCE_WEIGHTS if weights is None else weights
    articles = [a for make in sources.values() for a in make()]
    if not articles:
        raise ValueError("no articles to train the company decision on")
    docs = _parsed(nlp, articles, progress)
    with_lists = CompanyRecognizer(gazetteer=True)
    without = CompanyRecognizer(gazetteer=False)
    examples = [company_examples(with_lists, d, a) + company_examples(without, d, a)
                for d, a in zip(docs, articles)]
    flat = [e for ex in examples for e in ex]
    if len({e.label for e in flat}) < 2:
        raise ValueError("the gold names no company the candidates hold (or only companies)")
    scored = [i for i, a in enumerate(articles) if a.source not in TRAIN_ONLY]
    order = scored[:]
    random.Random(seed).shuffle(order)
    fold = {i: k % folds for k, i in enumerate(order)}
    extra = [e for i, ex in enumerate(examples) if i not in fold for e in ex]
    oof: dict[tuple, dict[str, Score]] = {t: {} for t in THRESHOLDS}
    runs = []  # (fold model, its held-out articles)
    for f in range(folds):
        train = [e for i in scored if fold[i] != f for e in examples[i]] + extra
        model = fit(train, c=c, seed=seed, weights=weights, cls=CompanyModel)
        test = [(docs[i], articles[i]) for i in scored if fold[i] == f]
        runs.append((model, test))
        for t in THRESHOLDS:
            model.meta["thresholds"] = _table(t)
            _add(oof[t], _score(with_lists, model, test))
        if progress:
            progress(len(test))
    rules = _rows(_score(with_lists, None, [(docs[i], articles[i]) for i in scored]))

    partial = {a.source for a in articles if a.gold.get("partial_companies")}

    def pooled(t: tuple) -> float:
        total = Score()
        for source, s in oof[t].items():
            if source not in partial:  # recall only there: not in the threshold's F1
                total += s
        return total.f1

    threshold = max(THRESHOLDS, key=lambda t: (round(pooled(t), 4), -abs(t[1] - 0.5)))
    cv = _rows(oof[threshold])
    bare: dict[str, Score] = {}  # the same fold models, the lists off
    for model, test in runs:
        model.meta["thresholds"] = _table(threshold)
        _add(bare, _score(without, model, test))
    by_source = {}
    for e in flat:
        by_source[e.source] = by_source.get(e.source, 0) + 1
    meta = {"trained_on": by_source, "cv": cv, "rules_alone": rules, "folds": folds,
            "seed": seed, "C": c, "source_weights": {s: weights.get(s, 1.0) for s in by_source},
            "gazetteer_dropout": True, "thresholds": _table(threshold)}
    model = fit(flat, c=c, seed=seed, weights=weights, threshold=threshold[1], meta=meta,
                cls=CompanyModel)
    return CompanyReport(model, cv, rules, threshold, len(flat), _rows(bare))
