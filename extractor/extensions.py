"""Every ``Doc._`` / ``Span._`` extension of the extractor, registered in one place.

Results are stored as plain data (strings, numbers, lists and dicts of them) so that they survive
``DocBin`` and pickling; the spans themselves are in ``doc.spans`` groups (``companies``,
``figures``, ``dates``), which ``DocBin`` keeps too.

``Doc._`` extensions (all default ``None`` until the component that fills them has run):

* ``article_id``, ``article_date`` -- set by the caller before the pipeline runs (ISO date);
* ``dateline`` -- the article's dateline given as metadata ("TORONTO, March 3 -"), or ``None``;
  set by the caller like ``article_date`` (read by components.figures for the home currency);
* ``companies`` -- ``[{"name", "role", "mentions": [{"text", "start", "end"}]}]`` (components.companies);
* ``company_groups`` -- ``[{"text", "start", "end", "members": [name, ...]}]``: group references
  such as "those seven companies" resolved to the companies they stand for (components.companies);
* ``figures`` -- records of ``contract.md`` ``figures`` (components.figures);
* ``dates`` -- ``[{"text", "start", "end", "value"}]`` (components.dates);
* ``relations`` -- records of ``contract.md`` ``relations`` (components.relations).

``Doc._.company_index`` (getter) gives the Doc's :class:`extractor.doc_index.DocIndex` (company by
token, mentions, lists of companies, antecedents of references), built on first use after the
companies component and kept for the Doc until ``doc._.companies`` or ``doc._.company_groups``
change; every component that needs companies by token reads it (none rebuilds its own).

``Span._.company`` (getter) gives the canonical company name a span is a mention of, or ``None``.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span

from .doc_index import company_index

DOC_EXTENSIONS = ("article_id", "article_date", "dateline", "companies", "company_groups",
                  "figures", "dates", "relations")


def _span_company(span: Span) -> Optional[str]:
    if span.id_ and span.label_ in {"COMPANY", "CARRIER"}:
        return span.id_  # a mention of doc.spans["companies"]: its id is the canonical name
    for company in span.doc._.companies or ():
        for mention in company["mentions"]:
            if mention["start"] == span.start_char and mention["end"] == span.end_char:
                return company["name"]
    return None


def register_extensions() -> None:
    """Register the extensions (idempotent: safe to call from every component factory)."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("company_index"):
        Doc.set_extension("company_index", getter=company_index)
    if not Span.has_extension("company"):
        Span.set_extension("company", getter=_span_company)


register_extensions()
