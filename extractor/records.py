"""Plain dataclasses for what leaves the pipeline, and ``Doc`` -> :class:`ArticleRecord`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from spacy.tokens import Doc

from . import extensions  # noqa: F401  (registers the Doc._ extensions)

__all__ = ["Mention", "Company", "DateMention", "Figure", "Relation", "ArticleRecord",
           "record_from_doc"]


@dataclass
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Company:
    name: str
    role: str = "company"  # carrier | partner | company
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class DateMention:
    text: str
    start: int
    end: int
    value: Optional[str] = None  # ISO YYYY, YYYY-MM or YYYY-MM-DD; None when unresolvable


@dataclass
class Figure:
    text: str
    start: int
    end: int
    value: Optional[float]
    unit: Optional[str] = None
    kind: str = "count"
    qualifier: Optional[str] = None
    counts: Optional[str] = None
    companies: list[str] = field(default_factory=list)
    year: Optional[int] = None
    period: Optional[str] = None  # the reporting period it belongs to ("1987-Q3"), a date value
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. range end, converted-from link


@dataclass
class Relation:
    source: str
    target: str
    kind: str
    status: str = "agreed"  # agreed | proposed
    sentence: str = ""
    start: int = 0
    end: int = 0
    year: Optional[int] = None


@dataclass
class ArticleRecord:
    id: str
    path: str = ""
    date: Optional[str] = None
    companies: list[Company] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict in the key order of ``contract.md``."""
        out = asdict(self)
        for fig in out["figures"]:
            extra = fig.pop("extra", None) or {}
            for key, value in extra.items():
                fig.setdefault(key, value)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ArticleRecord":
        figures = [_figure(fig) for fig in data.get("figures", [])]
        return cls(
            id=data["id"], path=data.get("path", ""), date=data.get("date"),
            companies=[Company(name=c["name"], role=c.get("role", "company"),
                               mentions=[Mention(**m) for m in c.get("mentions", [])])
                       for c in data.get("companies", [])],
            dates=[DateMention(**d) for d in data.get("dates", [])],
            figures=figures,
            relations=[Relation(**r) for r in data.get("relations", [])],
        )


_FIGURE_FIELDS = frozenset(Figure.__dataclass_fields__) - {"extra"}


def _figure(data: dict[str, Any]) -> Figure:
    """A :class:`Figure` from a flat dict: unknown keys (and a nested ``extra``) go to ``extra``."""
    extra = {**data.get("extra", {}),
             **{k: v for k, v in data.items() if k not in _FIGURE_FIELDS and k != "extra"}}
    return Figure(**{k: v for k, v in data.items() if k in _FIGURE_FIELDS}, extra=extra)


def record_from_doc(doc: Doc, *, id: Optional[str] = None, path: str = "",
                    date: Optional[str] = None, offset: int = 0) -> ArticleRecord:
    """Turn a processed ``Doc`` into an :class:`ArticleRecord`.

    ``offset`` is added to every character offset (used when a long article was processed in
    parts).
    """
    def shift(item: dict[str, Any]) -> dict[str, Any]:
        item = dict(item)
        item["start"] += offset
        item["end"] += offset
        return item

    companies = [Company(name=c["name"], role=c.get("role", "company"),
                         mentions=[Mention(**shift(m)) for m in c["mentions"]])
                 for c in doc._.companies or ()]
    dates = [DateMention(**shift(d)) for d in doc._.dates or ()]
    figures = [_figure(shift(f)) for f in doc._.figures or ()]
    relations = [Relation(**shift(r)) for r in doc._.relations or ()]
    return ArticleRecord(id=id if id is not None else (doc._.article_id or ""), path=path,
                         date=date if date is not None else doc._.article_date,
                         companies=companies, dates=dates, figures=figures, relations=relations)
