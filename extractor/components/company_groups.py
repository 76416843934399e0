"""Group references ("those seven companies", "the three channel providers", "the two firms")
resolved to the most recent list of that many companies before them (the lists are
:meth:`extractor.doc_index.DocIndex.joined_lists`)."""
from __future__ import annotations

import re

import numpy
from spacy.attrs import TAG
from spacy.tokens import Doc

from ..doc_index import DocIndex, doc_text
from .company_lexicons import Lexicons

__all__ = ["find_group_references"]


def _number(tok, lex: Lexicons):
    if tok.lower_ in lex.group_numbers:
        return lex.group_numbers[tok.lower_]
    return int(tok.text) if tok.text.isdecimal() and len(tok.text) < 3 else None


def find_group_references(doc: Doc, companies: list[dict], lex: Lexicons) -> list[dict]:
    """``[{"text", "start", "end", "members"}]`` for each resolved group reference."""
    index = None
    out = []
    words = "|".join(sorted(lex.group_numbers))
    if not re.search(rf"\b(?:{words}|\d{{1,2}})\s+(?:[\w-]+\s+){{0,3}}?[a-z]+s\b", doc_text(doc),
                     re.I):
        return out  # no "two firms", "those seven companies" anywhere: nothing to resolve
    nns = doc.vocab.strings["NNS"]
    for i in numpy.flatnonzero(doc.to_array(TAG) == nns).tolist():
        tok = doc[i]
        if tok.lemma_.lower() not in lex.company_nouns:
            continue
        number, det = None, None
        for child in tok.lefts:
            if child.dep_ in {"nummod", "det", "predet", "amod", "quantmod"}:
                value = _number(child, lex)
                if value is not None:
                    number = number or value
                    if child.lower_ == "both":
                        det = child
                if child.lower_ in lex.group_determiners and child.dep_ in {"det", "predet",
                                                                              "poss"}:
                    det = det or child
        if not number or det is None:
            continue
        if index is None:
            index = doc._.company_index if companies is doc._.companies \
                else DocIndex.build(doc, companies, [])
        start = min(det.i, *(c.i for c in tok.lefts if c.dep_ == "nummod"), tok.i)
        span = doc[start:tok.i + 1]
        members = index.joined_list_before(span.start_char, number)
        if members:
            out.append({"text": span.text, "start": span.start_char, "end": span.end_char,
                        "members": list(members)})
    return out
