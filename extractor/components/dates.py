"""Dates component: date expressions with ISO values, relative ones resolved on the article date.

``doc._.dates`` = ``[{"text", "start", "end", "value"}]`` where ``value`` is ISO ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``, or ``None`` when it cannot be resolved (a relative date in an
article without a date). The spans are also in ``doc.spans["dates"]`` (label ``DATE``).

Common forms are read by regular expressions over the text (fast); a spaCy ``DATE`` entity that
names a month or a numeric date the expressions did not cover goes to ``dateparser`` (cached).
Month and weekday names are data (``models/calendar.tsv``).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..assets import read_table
from ..extensions import register_extensions
from ..numbers import parse_digits, parse_words

__all__ = ["DateNormalizer", "parse_article_date", "shift_months"]


@Language.factory("extractor_dates", default_config={})
def make_dates(nlp: Language, name: str) -> "DateNormalizer":
    register_extensions()
    return DateNormalizer(name)


def parse_article_date(value: object) -> Optional[date]:
    """The article's date from an ISO string (``1987-03-02`` or a date-time), else ``None``."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None
    return day if 1800 <= day.year <= 2200 else None  # no news from year 1: no arithmetic errors


def shift_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (the day clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _iso(day: date, grain: str) -> str:
    if grain == "year":
        return f"{day.year:04d}"
    if grain == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


@lru_cache(maxsize=None)
def _calendar() -> tuple[dict[str, int], dict[str, int]]:
    months, weekdays = {}, {}
    for form, kind, number in read_table("calendar.tsv"):
        table = months if kind == "month" else weekdays
        table[form] = int(number)
        if form != "May":  # headlines in capitals ("JAN 31", "MARCH 2"); "MAY" is a verb there
            table[form.upper()] = int(number)
    return months, weekdays


def _alternation(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_NUMWORD = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
            r"fifty|sixty|seventy|eighty|ninety|hundred|several|few)")
_UNIT = r"(day|week|weekend|month|year|quarter|decade)s?"
_YEAR = r"((?:19|20)\d\d)"
_YEAR_TOKEN = re.compile(r"(?<![\w,.])(?:19|20)\d\d(?:/\d\d)?(?![\w]|[.,]\d)")
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
_UNIT_GRAIN = {"day": "day", "week": "day", "weekend": "day", "month": "month",
               "quarter": "month", "year": "year", "decade": "year"}
_PAST = {"last", "past", "previous", "prior", "recent"}
_FUTURE = {"next", "coming", "following"}
_THIS = {"this", "current", "earlier this", "later this"}
# Words after a year-like number that make it a count or an amount, not a year.
_NOT_YEAR_NEXT = {"%", "pct", "percent", "per", "dlrs", "dollars", "mln", "million", "billion",
                  "bln", "bn", "stg", "yen", "marks", "francs", "shares", "tonnes", "tons",
                  "barrels", "units", "people", "employees", "jobs", "workers", "stores",
                  "cars", "vehicles", "feet", "miles", "km", "acres"}
_YEAR_BEFORE = {"in", "since", "by", "of", "during", "from", "until", "till", "through", "to",
                "before", "after", "early", "late", "mid", "fiscal", "year", "end", "for", "and",
                "-", "between", "calendar", "around", "throughout", "within", "summer",
                "winter", "spring", "autumn", "fall"}
_TIME_NOUNS = {"year", "years", "quarter", "budget", "results", "season", "period"}
_FUTURE_AUX = {"will", "'ll", "shall", "would", "wo"}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    months, weekdays = _calendar()
    month = _alternation(months)
    full_months = _alternation(f for f in months if (len(f) > 3 or f == "May")
                               and not f.endswith("."))
    weekday = _alternation(weekdays)
    b_month = rf"(?<![\w.])({month})(?![\w])"
    return {
        "iso": re.compile(rf"\b{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"),
        "mdy": re.compile(rf"{b_month}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,\s*|\s+){_YEAR}\b"),
        "dmy": re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{b_month},?\s+{_YEAR}\b"),
        "my": re.compile(rf"{b_month},?\s+(?:of\s+)?{_YEAR}\b"),
        "md": re.compile(rf"{b_month}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![,.]?\d)"),
        "dm": re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{b_month}"),
        "month": re.compile(
            rf"\b(?P<prep>(?:in|since|by|until|till|during|from|through|before|after|of)\s+)?"
            rf"(?P<span>(?P<lead>(?:last|next|this|early|late|mid-?|end of)\s?)?"
            rf"(?P<month>{full_months}))\b"),
        "day": re.compile(r"\b(yesterday|today|tomorrow)\b", re.IGNORECASE),
        "rel": re.compile(rf"\b(?:the\s+)?(last|past|next|coming|previous|prior|following|this"
                          rf"|current|earlier this|later this)\s+{_UNIT.replace('day|', '')}"
                          rf"\b(?!-)",
                          re.IGNORECASE),
        "reln": re.compile(rf"\b(?:the\s+)?(last|past|next|coming|previous|prior|recent)\s+"
                           rf"({_NUMWORD})\s+{_UNIT}\b", re.IGNORECASE),
        "ago": re.compile(rf"\b({_NUMWORD})\s+{_UNIT}\s+ago\b", re.IGNORECASE),
        "weekday": re.compile(rf"\b(?:(last|next|this)\s+)?({weekday})\b(?!\s+[A-Z])"),
    }


def _count(word: str) -> Optional[int]:
    word = word.lower()
    if word in ("a", "an"):
        return 1
    if word in ("several", "few"):
        return None
    value = parse_digits(word) if word[0].isdigit() else parse_words(word)
    return int(value) if value is not None else None


def _direction(word: str) -> int:
    word = word.lower()
    if word in _PAST:
        return -1
    if word in _FUTURE:
        return 1
    return 0


@lru_cache(maxsize=2048)
def _dateparser_value(text: str) -> Optional[str]:
    """Absolute dates that the expressions did not cover, read by ``dateparser`` (cached)."""
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - dateparser is a declared dependency
        return None
    data = DateDataParser(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first"}) \
        .get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    grain = {"day": "day", "month": "month", "year": "year"}.get(data.period or "", None)
    return _iso(data.date_obj.date(), grain) if grain else None


class DateNormalizer:
    """Finds date expressions and gives each an ISO value (see the module docstring)."""

    def __init__(self, name: str = "extractor_dates"):
        self.name = name
        months, weekdays = _calendar()
        self.months = months
        self.weekdays = weekdays

    # -- pieces -----------------------------------------------------------------------------
    def _absolute(self, text: str, base: Optional[date]):
        p = _patterns()
        for kind in ("iso", "mdy", "dmy", "my", "md", "dm"):
            for m in p[kind].finditer(text):
                try:
                    if kind == "iso":
                        value = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
                    elif kind == "mdy":
                        value = date(int(m[3]), self.months[m[1]], int(m[2])).isoformat()
                    elif kind == "dmy":
                        value = date(int(m[3]), self.months[m[2]], int(m[1])).isoformat()
                    elif kind == "my":
                        value = f"{int(m[2]):04d}-{self.months[m[1]]:02d}"
                    elif kind == "md":
                        value = (date(base.year, self.months[m[1]], int(m[2])).isoformat()
                                 if base else None)
                    else:
                        value = (date(base.year, self.months[m[2]], int(m[1])).isoformat()
                                 if base else None)
                except ValueError:  # "February 30", a day that does not exist
                    continue
                yield m.start(), m.end(), value, 3
        for m in p["month"].finditer(text):
            if not (m["prep"] or m["lead"]):
                continue
            month = self.months[m["month"]]
            value = None
            if base:
                year = base.year
                lead = (m["lead"] or "").lower()
                if lead.startswith("last") and month >= base.month:
                    year -= 1
                elif lead.startswith("next") and month <= base.month:
                    year += 1
                value = f"{year:04d}-{month:02d}"
            yield m.start("span"), m.end("span"), value, 2

    def _relative(self, text: str, base: Optional[date]):
        p = _patterns()
        for m in p["day"].finditer(text):
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[m[1].lower()]
            yield m.start(), m.end(), (base + timedelta(days=offset)).isoformat() if base \
                else None, 2
        for m in p["rel"].finditer(text):
            unit = m[2].lower()
            direction = _direction(m[1])
            yield m.start(), m.end(), self._offset(base, unit, direction), 2
        for m in p["reln"].finditer(text):
            n = _count(m[2])
            unit = m[3].lower()
            direction = _direction(m[1])
            value = self._offset(base, unit, direction * n) if n is not None else None
            yield m.start(), m.end(), value, 2
        for m in p["ago"].finditer(text):
            n = _count(m[1])
            unit = m[2].lower()
            yield m.start(), m.end(), self._offset(base, unit, -n) if n is not None else None, 2

    @classmethod
    def _offset(cls, base: Optional[date], unit: str, amount: int) -> Optional[str]:
        if base is None:
            return None
        try:
            return cls._shift(base, unit, amount)
        except (ValueError, OverflowError):  # "the past 5000 years": before year 1
            return None

    @staticmethod
    def _shift(base: date, unit: str, amount: int) -> str:
        if unit == "weekend":  # the Saturday of the weekend meant
            if amount < 0:
                return (base - timedelta(days=(base.weekday() - 5) % 7 or 7)).isoformat()
            coming = base + timedelta(days=(5 - base.weekday()) % 7)
            return (coming + timedelta(days=7 * max(amount, 0))).isoformat()
        if unit in ("day", "week"):
            days = amount * (7 if unit != "day" else 1)
            return (base + timedelta(days=days)).isoformat()
        if unit == "quarter":
            start = date(base.year, 3 * ((base.month - 1) // 3) + 1, 1)
            return _iso(shift_months(start, 3 * amount), "month")
        return _iso(shift_months(base, _UNIT_MONTHS[unit] * amount), _UNIT_GRAIN[unit])

    def _weekdays(self, doc: Doc, text: str, base: Optional[date]):
        for m in _patterns()["weekday"].finditer(text):
            weekday = self.weekdays[m[2]]
            value = None
            if base is not None:
                lead = (m[1] or "").lower()
                future = lead == "next" or (not lead and self._future(doc, m.start(2), m.end(2)))
                if future:
                    delta = (weekday - base.weekday()) % 7 or (7 if lead == "next" else 0)
                else:
                    delta = -((base.weekday() - weekday) % 7 or (7 if lead == "last" else 0))
                value = (base + timedelta(days=delta)).isoformat()
            yield m.start(), m.end(), value, 2

    @staticmethod
    def _future(doc: Doc, start: int, end: int) -> bool:
        """True when the weekday hangs off a verb in the future ("will meet on Thursday")."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        verb = span.root
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.tag_ == "VBD" or verb.tag_ == "VBN" and not any(
                c.lower_ in _FUTURE_AUX for c in verb.children):
            return False
        return any(c.lower_ in _FUTURE_AUX or c.tag_ == "TO" for c in verb.children) or \
            verb.lower_ in ("begin", "start", "meet", "open", "close")

    def _years(self, doc: Doc, full_text: str):
        for m in _YEAR_TOKEN.finditer(full_text):
            span = doc.char_span(m.start(), m.end())
            if span is None or len(span) != 1:
                continue
            token = span[0]
            text = token.text
            if not (len(text) in (4, 7) and text[:2] in ("19", "20") and text[2:4].isdigit()):
                continue
            if len(text) == 7 and not re.fullmatch(r"\d{4}/\d\d", text):
                continue
            if len(text) == 4 and not text.isdigit():
                continue
            nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
            prev = doc[token.i - 1] if token.i > 0 else None
            if nxt is not None and (nxt.lower_ in _NOT_YEAR_NEXT or nxt.like_num):
                continue
            if prev is not None and (prev.text in ("$", "£", "€", "¥") or prev.lower_ in (
                    "about", "over", "some", "nearly", "than", "of") and token.ent_type_ != "DATE"):
                continue
            if nxt is not None and token.dep_ == "nummod" and nxt.tag_ in ("NNS", "NNPS") \
                    and nxt.lower_ not in _TIME_NOUNS and token.ent_type_ != "DATE":
                continue  # "2000 employees": a count
            before_ok = prev is not None and prev.lower_ in _YEAR_BEFORE
            if token.ent_type_ != "DATE" and not before_ok \
                    and token.dep_ not in ("pobj", "npadvmod", "compound", "nmod") \
                    and not (nxt is not None and nxt.lower_ in _TIME_NOUNS):
                continue
            yield token.idx, token.idx + len(text), text[:4], 1

    def _fallback(self, doc: Doc, taken: list[tuple[int, int]]):
        months = self.months
        for ent in doc.ents:
            if ent.label_ != "DATE" or any(s < ent.end_char and ent.start_char < e
                                           for s, e in taken):
                continue
            words = {t.text for t in ent}
            if not (words & months.keys() and re.search(r"\b(?:19|20)\d\d\b", ent.text)
                    or re.fullmatch(r"\d{1,2}/\d{1,2}/(?:19|20)?\d\d", ent.text)):
                continue
            value = _dateparser_value(ent.text)
            if value:
                yield ent.start_char, ent.end_char, value, 0

    # -- the component ------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        base = parse_article_date(doc._.article_date)
        text = doc.text
        found = list(self._absolute(text, base))
        found += self._relative(text, base)
        found += self._weekdays(doc, text, base)
        found += self._years(doc, text)
        found.sort(key=lambda f: (-(f[1] - f[0]), -f[3], f[0]))
        kept: list[tuple[int, int, Optional[str], int]] = []
        for item in found:
            if all(item[1] <= s or e <= item[0] for s, e, _, _ in kept):
                kept.append(item)
        kept += self._fallback(doc, [(s, e) for s, e, _, _ in kept])
        kept.sort()
        out, spans = [], []
        for start, end, value, _ in kept:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            out.append({"text": text[start:end], "start": start, "end": end, "value": value})
            spans.append(Span(doc, span.start, span.end, label="DATE"))
        doc._.dates = out
        doc.spans["dates"] = _non_overlapping(spans)
        return doc


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out
