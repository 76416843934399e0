"""Group references ("those seven companies", "the three channel providers", "the two firms")
resolved to the most recent list of that many companies before them."""
from __future__ import annotations

import re

from spacy.tokens import Doc

from .company_lexicons import Lexicons

__all__ = ["find_group_references", "company_lists"]


def company_lists(doc: Doc, companies: list[dict]) -> list[tuple[int, list[str]]]:
    """Lists of companies joined by coordination: ``(end char, [names])`` in text order."""
    by_token: dict[int, str] = {}
    for company in companies:
        for m in company["mentions"]:
            span = doc.char_span(m["start"], m["end"])
            if span is not None:
                by_token[span.root.i] = company["name"]
    lists: dict[int, list[int]] = {}
    for i in by_token:
        tok = doc[i]
        first = tok
        while first.dep_ in {"conj", "appos"} and first.head.i != first.i \
                and first.head.i in by_token:
            first = first.head
        lists.setdefault(first.i, []).append(i)
    out = []
    for first, toks in lists.items():
        names: list[str] = []
        for i in sorted(toks):
            if by_token[i] not in names:
                names.append(by_token[i])
        if len(names) > 1:
            out.append((doc[max(toks)].idx + len(doc[max(toks)]), names))
    out.sort()
    return out


def _number(tok, lex: Lexicons):
    if tok.lower_ in lex.group_numbers:
        return lex.group_numbers[tok.lower_]
    return int(tok.text) if tok.text.isdigit() and len(tok.text) < 3 else None


def find_group_references(doc: Doc, companies: list[dict], lex: Lexicons) -> list[dict]:
    """``[{"text", "start", "end", "members"}]`` for each resolved group reference."""
    lists = None
    out = []
    words = "|".join(sorted(lex.group_numbers))
    if not re.search(rf"\b(?:{words}|\d{{1,2}})\s+(?:[\w-]+\s+){{0,3}}?[a-z]+s\b", doc.text,
                     re.I):
        return out  # no "two firms", "those seven companies" anywhere: nothing to resolve
    for tok in doc:
        if tok.tag_ != "NNS" or tok.lemma_.lower() not in lex.company_nouns:
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
        if lists is None:
            lists = company_lists(doc, companies)
        start = min(det.i, *(c.i for c in tok.lefts if c.dep_ == "nummod"), tok.i)
        span = doc[start:tok.i + 1]
        members = next((names for end, names in reversed(lists)
                        if end <= span.start_char and len(names) == number), None)
        if members:
            out.append({"text": span.text, "start": span.start_char, "end": span.end_char,
                        "members": list(members)})
    return out
