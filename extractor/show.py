"""One article as an HTML page: why the graph has the edges it has.

The article's text is marked with spaCy's displaCy (manual mode): companies by role, figures and
dates, each with its normalised value on hover; below it, the deals found with the sentence each
comes from, then tables of the companies, figures and dates. Used by ``extract show ARTICLE``::

    from extractor.show import show_article
    show_article("corpus/china-mobile-channel-partners.txt", output="page.html")
"""
from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Iterable, Optional, Union

from .corpus import Article, ReadError, read_paths
from .records import ArticleRecord

__all__ = ["read_article", "entity_spans", "render_html", "show_article", "COLORS"]

COLORS = {
    "CARRIER": "#f4a6a6",
    "PARTNER": "#9fd3f0",
    "COMPANY": "#d5dbe3",
    "FIGURE": "#c8e6a0",
    "DATE": "#ffe08a",
}
_TEMPLATE = (
    '<mark class="entity" title="{title}" style="background: {bg}; padding: 0.3em 0.5em; '
    'margin: 0 0.2em; line-height: 2; border-radius: 0.35em;">{text}<span style="font-size: '
    '0.7em; font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; '
    'margin-left: 0.4rem">{label}{kb_link}</span></mark>')
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto;
       max-width: 60em; padding: 0 1em; color: #222; }}
h1 {{ font-size: 1.4em; }} h2 {{ font-size: 1.15em; margin-top: 2em; }}
.meta {{ color: #666; font-size: 0.9em; }}
.legend mark {{ padding: 0.15em 0.5em; border-radius: 0.35em; margin-right: 0.4em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.92em; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.35em 0.5em; text-align: left;
          vertical-align: top; }}
th {{ background: #f5f5f5; }}
.sentence mark {{ background: #fff3b0; padding: 0 0.15em; }}
.none {{ color: #888; font-style: italic; }}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def read_article(path: Union[str, os.PathLike], id: Optional[str] = None) -> Article:
    """The article in file ``path``: for a JSON Lines file the one with ``id``, or the first.

    Raises
    ------
    LookupError
        No article (with that id) in the file.
    ValueError
        The file cannot be read.
    """
    first_error: Optional[ReadError] = None
    for item in read_paths([path]):
        if isinstance(item, ReadError):
            first_error = first_error or item
            continue
        if id is None or item.id == id or item.id.endswith(f":{id}"):
            return item
    if first_error is not None and id is None:
        raise ValueError(str(first_error))
    raise LookupError(f"{path}: no article with id {id!r}" if id else
                      f"{path}: no article in this file")


def _fmt(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def entity_spans(record: ArticleRecord, text: str) -> list[dict]:
    """displaCy's manual ``ents`` for ``record``: companies (by role), figures and dates, each
    with a hover title; overlapping spans are dropped (companies win, then dates, then the
    longer span)."""
    candidates = []
    for company in record.companies:
        label = company.role.upper() if company.role.upper() in COLORS else "COMPANY"
        for m in company.mentions:
            title = company.name if m.text == company.name else f"{m.text} = {company.name}"
            candidates.append((0, m.start, m.end, label, f"{title} ({company.role})"))
    for d in record.dates:
        candidates.append((1, d.start, d.end, "DATE", f"date: {d.value or 'unresolved'}"))
    for f in record.figures:
        parts = [f.kind, _fmt(f.value)]
        parts += [p for p in (f.unit, f.qualifier and f"qualifier {f.qualifier}",
                              f.counts and f"counts {f.counts}",
                              f.year and f"year {_year(f.year)}",
                              f.companies and "of " + ", ".join(f.companies)) if p]
        candidates.append((2, f.start, f.end, "FIGURE", "; ".join(p for p in parts if p)))
    spans: list[dict] = []
    taken: list[tuple[int, int]] = []
    for _, start, end, label, title in sorted(candidates, key=lambda c: (c[0], c[1] - c[2])):
        if not (0 <= start < end <= len(text)) or any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        spans.append({"start": start, "end": end, "label": label,
                      "params": {"title": html.escape(title, quote=True)}})
    return sorted(spans, key=lambda s: s["start"])


def _marked_sentence(record: ArticleRecord, text: str, start: int, end: int,
                     names: Iterable[str], fallback: str) -> str:
    """The sentence ``text[start:end]`` with the mentions of ``names`` marked (HTML)."""
    if not (0 <= start < end <= len(text)):
        return html.escape(fallback)
    wanted = set(names)
    marks = sorted({(m.start, m.end) for c in record.companies if c.name in wanted
                    for m in c.mentions if start <= m.start and m.end <= end})
    out, pos = [], start
    for s, e in marks:
        if s < pos:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _table(headers: list[str], rows: list[list[str]], empty: str) -> str:
    if not rows:
        return f'<p class="none">{html.escape(empty)}</p>'
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _year(value) -> str:
    if value is None:
        return ""
    return str(int(value)) if isinstance(value, (int, float)) else str(value)


def render_html(article: Article, record: ArticleRecord,
                aliases: Optional[dict] = None) -> str:
    """The whole HTML page for ``article`` and its ``record``.

    ``aliases`` is the graph's alias table (default ``models/aliases.tsv``; ``{}`` for none):
    where the graph's node names differ from the article's, the deal says so.
    """
    from spacy import displacy

    from .graph import GraphBuilder

    builder = GraphBuilder(aliases).update([record])
    node = builder.node_id
    text = article.text
    esc = html.escape
    marked = displacy.render(
        {"text": text, "ents": entity_spans(record, text), "title": None},
        style="ent", manual=True, page=False, jupyter=False,
        options={"colors": COLORS, "template": _TEMPLATE})
    title = article.title or article.id
    meta = " · ".join(esc(p) for p in (article.id, article.date or "", article.path) if p)
    legend = "".join(f'<mark style="background: {c}">{esc(k.lower())}</mark>'
                     for k, c in COLORS.items())
    def between(r) -> str:
        text = f"{esc(r.source)} — {esc(r.target)}"
        a, b = node(r.source), node(r.target)
        if (a, b) != (r.source, r.target):
            text += f'<br><span class="meta">in the graph: {esc(a)} — {esc(b)}</span>'
        return text

    relations = [[between(r), esc(r.kind.replace("_", " ")), esc(r.status), esc(_year(r.year)),
                  '<span class="sentence">'
                  + _marked_sentence(record, text, r.start, r.end, (r.source, r.target),
                                     r.sentence)
                  + "</span>"]
                 for r in record.relations]
    companies = [[esc(c.name), esc(c.role), str(len(c.mentions)),
                  esc(", ".join(sorted({m.text for m in c.mentions})))]
                 for c in record.companies]
    figures = [[esc(f.text), esc(_fmt(f.value)), esc(f.kind), esc(f.unit or ""),
                esc(f.qualifier or ""), esc(f.counts or ""), esc(", ".join(f.companies)),
                esc(_year(f.year))] for f in record.figures]
    dates = [[esc(d.text), esc(d.value or "unresolved")] for d in record.dates]
    body = "\n".join([
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{meta}</p>',
        f'<p class="legend">{legend}<span class="meta">hover a mark for its value</span></p>',
        marked,
        f"<h2>Deals ({len(relations)})</h2>",
        _table(["between", "kind", "status", "year", "sentence"], relations,
               "No deal found in this article."),
        f"<h2>Companies ({len(companies)})</h2>",
        _table(["name", "role", "mentions", "as written"], companies, "No company found."),
        f"<h2>Figures ({len(figures)})</h2>",
        _table(["text", "value", "kind", "unit", "qualifier", "counts", "companies", "year"],
               figures, "No figure found."),
        f"<h2>Dates ({len(dates)})</h2>",
        _table(["text", "value"], dates, "No date found."),
    ])
    return _PAGE.format(title=esc(f"{title} — extractor"), body=body)


def default_output(article: Article) -> Path:
    """``<article id>.html`` in the current folder (characters unsafe in file names replaced)."""
    stem = re.sub(r"[^\w.-]+", "_", article.id).strip("._") or "article"
    return Path(f"{stem}.html")


def show_article(path: Union[str, os.PathLike, Article], *, id: Optional[str] = None,
                 output: Optional[Union[str, os.PathLike]] = None, extractor=None,
                 model: Optional[str] = None, gazetteer: bool = True) -> Path:
    """Extract one article and write its HTML page; returns the page's path.

    ``path`` is a file (see :func:`read_article`) or an :class:`Article` already read.
    ``extractor`` is a loaded :class:`extractor.runner.Extractor` (else one is loaded with
    ``model`` and ``gazetteer``).
    """
    from .export import atomic_write
    from .pipeline import DEFAULT_MODEL
    from .runner import Extractor

    article = path if isinstance(path, Article) else read_article(path, id)
    extractor = extractor or Extractor(model or DEFAULT_MODEL, gazetteer=gazetteer)
    result = next(iter(extractor.process([article])))
    if isinstance(result, ReadError):
        raise ValueError(str(result))
    output = Path(output) if output else default_output(article)
    with atomic_write(output, "w", encoding="utf-8") as handle:
        handle.write(render_html(article, result, aliases=None if extractor.gazetteer else {}))
    return output
