"""Relations component: deals between companies, found through the dependency parse.

Reads ``doc._.companies`` and ``doc._.company_groups`` (companies component) and ``doc._.dates``
(dates component); writes ``doc._.relations``::

    [{"source", "target", "kind", "status", "sentence", "start", "end", "year"}]

``source`` is the carrier where one side is a carrier (else the acting party: acquirer, bidder,
subject); the other side of a deal with a carrier gets role ``partner`` in ``doc._.companies``.
Only sentences with a deal word and a company are looked at. The rules are in
:mod:`extractor.relation_rules`, their words and patterns in ``models/``.
"""
from __future__ import annotations

import re
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..extensions import register_extensions
from ..relation_rules import CompanyIndex, DealFinder, years_in

__all__ = ["make_relations", "RelationExtractor"]

_YEAR = re.compile(r"^(\d{4})")


@Language.factory("extractor_relations", default_config={"gazetteer": True})
def make_relations(nlp: Language, name: str, gazetteer: bool) -> "RelationExtractor":
    register_extensions()
    return RelationExtractor(nlp, name, gazetteer=gazetteer)


class RelationExtractor:
    """Deals between the doc's companies (see module docstring).

    ``gazetteer`` is accepted for symmetry with the companies component; the relation rules use
    no list of names, so it changes nothing here.
    """

    def __init__(self, nlp: Language, name: str = "extractor_relations", *,
                 gazetteer: bool = True):
        self.name = name
        self.gazetteer = gazetteer
        self.finder = DealFinder(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        index = CompanyIndex.from_doc(doc)
        out: list[dict] = []
        if index and doc.has_annotation("DEP"):
            fallback_year = _article_year(doc)
            for sent in _segments(doc):
                if not self.finder.is_candidate(sent, index):
                    continue
                year = _sentence_year(doc, sent)
                for deal in self.finder.find(sent, index):
                    source, target = _orient(deal.a, deal.b, index.roles)
                    out.append({"source": source, "target": target, "kind": deal.kind,
                                "status": deal.status, "sentence": sent.text,
                                "start": sent.start_char, "end": sent.end_char,
                                "year": year if year is not None else fallback_year})
        _mark_partners(doc, out, index.roles)
        doc._.relations = out
        return doc


def _segments(doc: Doc):
    """Sentences, cut at paragraph breaks (a headline the parser ran into the first sentence)."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    yield doc[start:tok.i]
                start = tok.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _orient(a: str, b: str, roles: dict[str, str]) -> tuple[str, str]:
    if roles.get(b) == "carrier" and roles.get(a) != "carrier":
        return b, a
    return a, b


def _mark_partners(doc: Doc, relations: list[dict], roles: dict[str, str]) -> None:
    partners = {r["target"] for r in relations if roles.get(r["source"]) == "carrier"}
    for company in doc._.companies or ():
        if company["name"] in partners and company.get("role", "company") == "company":
            company["role"] = "partner"


def _sentence_year(doc: Doc, sent: Span) -> Optional[int]:
    if doc._.dates is None:
        return years_in(sent.text)
    for date in doc._.dates:
        if sent.start_char <= date["start"] and date["end"] <= sent.end_char:
            m = _YEAR.match(str(date.get("value") or ""))
            if m:
                return int(m.group(1))
    return None


def _article_year(doc: Doc) -> Optional[int]:
    m = _YEAR.match(str(doc._.article_date or ""))
    return int(m.group(1)) if m else None
