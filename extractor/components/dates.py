"""Dates component: date expressions with ISO values, relative ones resolved on the article date.

``doc._.dates`` = ``[{"text", "start", "end", "value"}]`` where ``value`` is ISO ``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``, or ``None`` when it cannot be resolved (a relative date in an
article without a date). The spans are also in ``doc.spans["dates"]`` (label ``DATE``).

Common forms are read by regular expressions over the text (fast); a spaCy ``DATE`` entity that
names a month or a numeric date the expressions did not cover goes to ``dateparser`` (cached).
Month and weekday names are data (``models/calendar.tsv``).

Reporting periods have values of their own: quarters ``1987-Q3`` ("the third quarter", "3RD
QTR", "Q3"), halves ``1987-H1``, runs of months ``1987-01/1987-09`` ("nine months", "Nine mths",
"year to date"), fiscal years ``FY1987`` ("fiscal 1987"), ISO weeks ``1987-W09`` ("last week") and
decades ``198X`` ("the 1980s"). A period without a year is resolved against the period the article
reports (the first one named in its headline or lead, as in "4TH QTR JAN 31 NET") and the
article's date; relative ones ("a year ago", "the prior quarter", "the same period last year")
against the period of their sentence, else the one reported. Fiscal years carry the label the
text gives them ("fiscal 1987" -> ``FY1987``, "the third quarter of fiscal 1987" -> ``1987-Q3``);
where the text gives none, a fiscal year is labelled with the calendar year it ends in, as most
companies do (Wal-Mart's quarter ended January 31, 1987 is the fourth of fiscal 1987:
``1987-Q4``; its year is ``FY1987``), not as Compustat does (the year before, for years ending
January to May). A quarter or half of a year that is not a calendar one carries its fiscal
year's label. A results table's end date may stand on its first line ("2ND QTR NET" then
"Sept 30" or "Periods ended Feb 28"); "the first three qtrs of 1986" is a run of months; "Prior
year" is the fiscal year before the one reported (the year-ago quarter under a quarter's table
alone) and "Current year" its own. A period hanging off a past verb ("the share it reached in
the first quarter") or "ended" on a date is over, whatever the sentence forecasts. A period
without a year and without a business
sense in its sentence ("the third quarter" of a match, "the nine months of pregnancy") is not a
date. The words are data
(``models/periods.tsv``, ``models/period_cues.tsv``).

Earnings and results stories also have: a note that starts with its year ("1985 net includes
... in quarter": ``1985-Q4``); a forecast of the results of a quarter at most three months over
("SEES LOWER 4TH QTR RESULTS" in March 1987: ``1986-Q4``); "last year" after an amount ("from
1.9 mln dlrs last year": the sentence's period a year earlier); year ranges ("2001-2002":
``2001-01/2002-12``); several fiscal years ("its 2007 and 2008 fiscal years"); the full year
("Full-year", "in year": the fiscal year of the period reported); "during the quarter" without a
quarter named (the last of the period reported); runs of months back or ahead in multiples of
three ("over the past 12 months": up to the sentence's period, else the article's month);
"last night", "tonight", seasons and "mid-year" (the year of their middle month,
``models/calendar.tsv``). A day and month without a year more than 183 days after the article
(in a sentence not about what is to come) is of the year before.

The month in which a company's fiscal year ends is read from anything the article states ("4th
qtr ended Jan 31", "the quarter ended Nov. 2" in a third-quarter story, "its fiscal year ends in
June", "the third quarter of the fiscal year ending Feb 1, 2013", "fiscal third quarter" in the
lead, told weeks after such a quarter ended); the period reported without an end of its own, a
table's "Year" and a results sentence's "last year" (its last fiscal year, ``FY2012``) follow
it. "1987/88" is the fiscal year ending in 1988; "the next two quarters" follow the quarter
reported; a weekday in a clause about what is to come ("will be released on Wednesday", "next
week's reports") is the next such day; a month said (or had been said) in, or a run of months
over in, a past sentence later in the year than the article's is last year's; quarters without
a count ("the coming quarters") and a year right after a product's name ("Office 2007") are no
dates. Their words are data (``models/date_words.tsv``).
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..assets import check_rules, read_table, save_rules
from ..doc_index import doc_lowers, doc_text, sentence_bounds
from ..extensions import register_extensions
from ..numbers import parse_digits, parse_words

__all__ = ["DateNormalizer", "Period", "REPORTED_WITHIN", "parse_article_date", "shift_months",
           "is_period_value", "value_year", "shift_value_years"]


@Language.factory("extractor_dates", default_config={},
                  requires=["doc.ents", "token.ent_type", "token.tag", "token.dep",
                            "token.lemma"],
                  assigns=["doc._.dates", "doc.spans"])
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
        if kind not in ("month", "weekday"):
            continue
        table = months if kind == "month" else weekdays
        table[form] = int(number)
        if form != "May":  # headlines in capitals ("JAN 31", "MARCH 2"); "MAY" is a verb there
            table[form.upper()] = int(number)
    return months, weekdays


@lru_cache(maxsize=None)
def _due_words() -> re.Pattern:
    """A word that puts the weekday after it ahead: "due Wednesday", "scheduled for Friday"."""
    words = [form for form, kind, _ in read_table("calendar.tsv") if kind == "due"]
    return re.compile(rf"(?<!\bwas\s)(?<!\bwere\s)\b(?:{_alternation(words)})"
                      rf"(?:\s+(?:out|in|for|on|to\s+\w+(?:\s+on)?))?\s+$", re.IGNORECASE)


@lru_cache(maxsize=None)
def _future_words() -> re.Pattern:
    """Words before a weekday in its sentence that put it ahead ("will be released on Friday")."""
    words = _date_words("weekday_ahead")
    words = [w.replace("'", "['\u2019]") for w in (re.escape(w).replace(r"\ ", r"\s+")
                                                     for w in sorted(words, key=len, reverse=True))]
    return re.compile(rf"(?<![\w'])(?:{'|'.join(words)})\b", re.IGNORECASE)


@lru_cache(maxsize=None)
def _date_words(kind: str) -> frozenset[str]:
    """The forms of one kind of ``models/date_words.tsv``."""
    return frozenset(form for k, form in read_table("date_words.tsv") if k == kind)


@lru_cache(maxsize=None)
def _seasons() -> dict[str, tuple[str, int]]:
    """Seasons and the middle of the year: form -> (kind, first month)."""
    return {form.lower(): (kind, int(number)) for form, kind, number in read_table("calendar.tsv")
            if kind in ("season", "midyear")}


def _alternation(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


_NUMWORD = (r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
            r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
            r"fifty|sixty|seventy|eighty|ninety|hundred|several|few)")
_UNIT = r"(day|week|weekend|month|year|quarter|decade)s?"
_YEAR = r"((?:19|20)\d\d)"
# Reuters writes days under ten in words: "payable April one", "on January one, 1988"
_DAY_WORDS = r"one|two|three|four|five|six|seven|eight|nine"
_YEAR_TOKEN = re.compile(r"(?<![\w,.])(?:19|20)\d\d(?:/\d\d)?(?![\w]|[.,]\d)")
_UNIT_MONTHS = {"month": 1, "quarter": 3, "year": 12, "decade": 120}
_UNIT_GRAIN = {"day": "day", "week": "day", "weekend": "day", "month": "month",
               "quarter": "month", "year": "year", "decade": "year"}
_PAST = {"last", "past", "previous", "prior", "recent"}
_FUTURE = {"next", "coming", "following"}
#: Units whose plural without a count ("in coming weeks", "the past months") is no date.
_COUNTLESS_PLURALS = {"year", "decade", "week", "month", "day", "quarter"}
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
# words of a sentence about what is to come ("expects a loss in the third quarter")
# forms matched as written, not by lemma ("saw" is no forecast): a headline's "sees"
_FORWARD_FORMS = {"see", "sees"}
# past verbs that tell what was said, not what was done ("said it expects ... the quarter")
_SPEECH = {"say", "tell", "add", "note"}
# words of what is to come that are nouns as well: forward only as verbs ("contingency plans")
_FORWARD_VERBS_ONLY = {"plan", "plans", "project", "projects"}
# verbs of a promise: what they are about is to come ("promised second quarter improvements"),
# but the promise itself was made when the text says ("promised in March to ...")
_PROMISE = {"promise", "pledge", "vow"}
_FORWARD = {"expect", "expects", "forecast", "forecasts", "project", "projects", "anticipate",
            "anticipates", "predict", "predicts", "plan", "plans", "target", "outlook", "will",
            "shall", "'ll"}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    months, weekdays = _calendar()
    month = _alternation(months)
    full_months = _alternation(f for f in months if (len(f) > 3 or f == "May")
                               and not f.endswith("."))
    weekday = _alternation(weekdays)
    b_month = rf"(?<![\w.])({month})(?![\w])"
    return {
        # "October-December", "January to March 2019", "April through June"
        "month_range": re.compile(rf"(?<![\w.])(?P<a>{full_months})\s*(?:-|\u2013|\u2014|"
                                  rf"\s+to\s+|\s+through\s+|\s+thru\s+)\s*(?P<b>"
                                  rf"{full_months})(?![\w])(?:,?\s+(?P<y>{_YEAR})\b)?"),
        "iso": re.compile(rf"\b{_YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])\b"),
        "mdy": re.compile(rf"{b_month}\s+(\d{{1,2}}|{_DAY_WORDS})(?:st|nd|rd|th)?(?:,\s*|\s+)"
                          rf"{_YEAR}\b"),
        "dmy": re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{b_month},?\s+{_YEAR}\b"),
        "my": re.compile(rf"{b_month},?\s+(?:of\s+)?{_YEAR}\b"),
        "md": re.compile(rf"{b_month}\s+(\d{{1,2}}|(?:{_DAY_WORDS})(?=\s*[,.;)]|\s*$|\s+(?:to|and|"
                         rf"at|for)\b))(?:st|nd|rd|th)?\b(?![,.]?\d)"
                         rf"(?!\s+(?:years?|months?|weeks?|days?|of|or|and|to\s+\w+\s+(?:years?|pct)"
                         rf")\b)"),
        "dm": re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{b_month}"),
        "month": re.compile(
            rf"\b(?P<prep>(?:in|since|by|until|till|during|from|through|before|after|of)\s+)?"
            rf"(?P<span>(?P<lead>(?:last|next|this|early|late|mid-?|end of)\s?)?"
            rf"(?P<month>{full_months}))\b"),
        "day": re.compile(r"\b(yesterday|today|tomorrow|last\s+night|tonight)\b", re.IGNORECASE),
        "rel": re.compile(rf"\b(?:the\s+)?(last|past|next|coming|previous|prior|following|this"
                          rf"|current|earlier this|later this)\s+{_UNIT.replace('day|', '')}"
                          rf"\b(?!-)",
                          re.IGNORECASE),
        "reln": re.compile(rf"\b(?:the\s+)?(last|past|next|coming|previous|prior|recent)\s+"
                           rf"({_NUMWORD})\s+{_UNIT}\b", re.IGNORECASE),
        "ago": re.compile(rf"\b({_NUMWORD})\s+{_UNIT}\s+ago\b", re.IGNORECASE),
        "weekday": re.compile(rf"\b(?:(last|next|this)\s+)?({weekday})\b(?!\s+[A-Z])"),
        # "this summer", "last fall", "in the spring of 1987", "by mid-year"
        "season": re.compile(
            rf"\b(?:(?P<prep>in|during|by|until|till|since|through|throughout|at|around)\s+)?"
            rf"(?P<span>(?:(?P<lead>this|last|next|early|late|mid|the\s+early|the\s+late)"
            rf"[\s-]+|(?P<the>the)\s+)?(?P<s>{_alternation(_seasons())})"
            rf"(?:,?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b)?)\b(?!-)", re.IGNORECASE),
    }


def _day(word: str) -> int:
    """A day of the month written in digits or (under ten) in words."""
    return int(word) if word.isdigit() else int(parse_words(word.lower()))


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


# -- reporting periods -----------------------------------------------------------------------
#: Values that name a reporting period rather than a day, a month or a calendar year.
PERIOD_VALUE = re.compile(r"^(?:\d{4}-[QH]\d|\d{4}-\d\d/\d{4}-\d\d|FY\d{4})$")
_YEAR_IN_VALUE = re.compile(r"(?<!\d)((?:1[89]|2[01])\d\d)(?!\d)")
# "of" after a period that is not its year: "the first half of the season"
_OF_SOMETHING = re.compile(r"\s+of\s+(?!(?:the\s+|this\s+|last\s+|next\s+|fiscal\s+|calendar\s+)"
                           r"?(?:(?:fiscal\s+|calendar\s+)?year\b|(?:19|20)\d\d|'\d\d))",
                           re.IGNORECASE)
#: sentences (headline first) in which an article names the period it reports
REPORTED_WITHIN = 2
# from a headline's period to the first line of its table: "3RD QTR NET\n\nPeriods ended"
_HEADLINE_END = re.compile(r"(?:[ \t]+(?:OPER|NET|LOSS|PROFIT|EARNINGS|SALES|REVS|REVENUES|"
                           r"RESULTS|SHR|INCOME))*[ \t]*\n\s*"
                           r"(?:(?:(?:periods?|quarters?|qtrs?)[ \t]+)?(?:ended|end|ending)\b)?"
                           r"(?=\s)", re.IGNORECASE)
_YEAR_FOR_BOTH = re.compile(r"\b((?:19|20)\d\d)[ \t]+(?:qtrs?|quarters?|periods?)[ \t]+and[ \t]+$",
                            re.IGNORECASE)
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z-]+)")
# an amount right before "last year": "from 1.9 mln dlrs last year", "vs 40 cts last year"
_AMOUNT_BEFORE = re.compile(r"\d(?:[\d,.]*\d)?\s*(?:(?:mln|bln|billion|million|mn|bn|dlrs?|"
                            r"dollars|cts|cents|pct|percent|stg|yen|marks|francs|crowns|a\s+share|"
                            r"per\s+share)\b\.?\s*|%\s*)*,?\s*$", re.IGNORECASE)
# a note row that starts with its year: "NOTE: 1986 includes", "1985 net includes"
_NOTE_YEAR = re.compile(r"\s*(?:NOTES?\s*[:.-]?\s*)?(?:fiscal\s+)?((?:19|20)\d\d)(?:'s)?\s+"
                        r"(?!pct|percent|%|mln|bln|dlrs|shares|-)(?=\w)", re.IGNORECASE)
# results named before a period: "results for the fourth quarter"
_RESULTS_FOR = re.compile(r"\b(?:results|earnings)\s+(?:for|of|in)\s+(?:the\s+|its\s+)?$",
                          re.IGNORECASE)
# "the next two quarters": counted after the quarter reported
_NEXT_QUARTERS = re.compile(rf"(?:the\s+)?(?:next|coming|following)\s+({_NUMWORD})\s+quarters",
                            re.IGNORECASE)
_LAST_YEAR = re.compile(r"last\s+year", re.IGNORECASE)
# "up 41 percent from last year": a comparison with the year before, not the fiscal year
_COMPARED_TO = re.compile(r"\b(?:from|than|over|versus|vs\.?|with|since)\s+$", re.IGNORECASE)
# where a clause ends before a weekday: what comes before it says nothing of the weekday
_CLAUSE_BREAK = re.compile(r"[,;:\u2014]|\s--\s|\b(?:and|but|while|whereas)\s")
_DROP = object()  # a candidate that turned out not to be a date (nothing to resolve it on)


def is_period_value(value: Optional[str]) -> bool:
    """True for ``1987-Q3``, ``1987-H1``, ``1987-01/1987-09`` and ``FY1987``."""
    return bool(value) and bool(PERIOD_VALUE.match(value))


def value_year(value: Optional[str]) -> Optional[int]:
    """The (last) year a date value names: ``FY1987`` -> 1987, ``1986-04/1987-03`` -> 1987;
    ``None`` for a decade (``198X``) or no value."""
    if not value:
        return None
    years = _YEAR_IN_VALUE.findall(value)
    return int(years[-1]) if years else None


def shift_value_years(value: Optional[str], years: int) -> Optional[str]:
    """A date or period value moved by ``years`` years (``1987-Q3`` -> ``1986-Q3``)."""
    if not value or value.endswith("X"):
        return None
    out = _YEAR_IN_VALUE.sub(lambda m: f"{int(m.group(1)) + years:04d}", value)
    return out.replace("-02-29", "-02-28") if out.endswith("-02-29") else out


def _ym(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _fiscal_label(end: int) -> int:
    """The label of the fiscal year ending in month ``end`` (a month index): the calendar year
    it ends in (Wal-Mart's year to January 31, 1987 is fiscal 1987, as the company says)."""
    return end // 12


def _fiscal_end(fy: int, fye: int) -> int:
    """Month index of the end of fiscal year ``fy`` when fiscal years end in month ``fye``."""
    return fy * 12 + fye - 1


@dataclass(frozen=True)
class Period:
    """A reporting period: ``kind`` Q (quarter), H (half), M (a run of months) or Y (a year)."""

    kind: str
    fy: int  # fiscal-year label
    n: int  # the quarter's or half's number; the number of months of an M
    end: int  # month index (year * 12 + month - 1) of its last month
    fiscal: bool = False  # written as a fiscal year ("fiscal 1987", "FY87")

    @property
    def covered(self) -> int:
        """Months of the fiscal year up to the period's end."""
        return {"Q": 3 * self.n, "H": 6 * self.n, "M": self.n, "Y": 12}[self.kind]

    @property
    def fye(self) -> int:
        """Month (1-12) in which its fiscal year ends."""
        return (self.end + 12 - self.covered) % 12 + 1

    @property
    def value(self) -> str:
        if self.kind in "QH":
            return f"{self.fy:04d}-{self.kind}{self.n}"
        if self.kind == "M":
            return f"{_ym(self.end - self.n + 1)}/{_ym(self.end)}"
        return f"FY{self.fy:04d}" if self.fiscal or self.fye != 12 else f"{self.fy:04d}"

    def years(self, k: int) -> "Period":
        return replace(self, fy=self.fy + k, end=self.end + 12 * k)

    def quarters(self, k: int) -> "Period":
        index = self.fy * 4 + self.n - 1 + k
        return replace(self, fy=index // 4, n=index % 4 + 1, end=self.end + 3 * k)


def _quarter(fy: int, n: int, fye: int) -> Period:
    return Period("Q", fy, n, _fiscal_end(fy, fye) - 3 * (4 - n))


def _half(fy: int, n: int, fye: int) -> Period:
    return Period("H", fy, n, _fiscal_end(fy, fye) - 6 * (2 - n))


def _from_end(kind: str, n: int, end: int) -> Period:
    """The period of ``kind`` and number ``n`` that ends in month ``end``."""
    covered = {"Q": 3 * n, "H": 6 * n, "M": n, "Y": 12}[kind]
    return Period(kind, _fiscal_label(end + 12 - covered), n if kind != "Y" else 0, end)


def _reported_end(calendar_month: int, now: int) -> int:
    """Where a period reported in month ``now`` ends when the text does not say: the calendar
    one (ending in ``calendar_month``) when it ended at most four months before, else the last
    calendar quarter's end (a fiscal period: "1ST QTR" reported in March ends in December)."""
    last = now - 1 - ((now - 1 - (calendar_month - 1)) % 12)
    if now - last <= 4:
        return last
    return now - 1 - ((now - 1 - 2) % 3)


@lru_cache(maxsize=1)
def _period_words() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for form, kind, value in read_table("periods.tsv"):
        out.setdefault(kind, {})[form.lower()] = value
    return out


@lru_cache(maxsize=1)
def _period_cues() -> tuple[frozenset[str], frozenset[str]]:
    business, other = set(), set()
    for word, sense in read_table("period_cues.tsv"):
        (business if sense == "business" else other).add(word.lower())
    return frozenset(business), frozenset(other)


def _words(kind: str) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                    for w in sorted(_period_words()[kind], key=len, reverse=True))


@lru_cache(maxsize=1)
def _period_patterns() -> dict[str, re.Pattern]:
    words = _period_words()
    ordinal = _words("ordinal")
    half_ordinal = "|".join(re.escape(w) for w, v in words["ordinal"].items() if int(v) <= 2)
    quarter = "|".join(w for w, v in words["quarter"].items())
    half = "|".join(w for w, v in words["half"].items())
    months = "|".join(w for w, v in words["months"].items())
    count = _words("count") + r"|1[0-2]|[1-9]"
    ago = _words("year_ago")
    # before an ordinal, "prior" and "previous" are a year ago too ("the prior first quarter")
    ago_lead = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                        sorted(words["year_ago"], key=len, reverse=True) if w != "like") \
        + "|prior|previous"
    tail = _words("year_ago_tail")
    seq = _words("sequence")
    year = r"(?:19|20)\d\d"
    split = rf"{year}(?:\s*[/-]\s*(?:19|20)?\d\d)?(?![\d,.]\d)"
    of_year = (rf"(?:\s+(?:of\s+(?:(?P<fis3>fiscal)\s+(?:year\s+)?)?|in\s+(?P<fis4>fiscal)\s+"
               rf"(?:year\s+)?)(?P<y3>{split})"
               rf"|\s+of\s+(?P<rely>this|last|next|the\s+previous|the\s+prior|the\s+current|the"
               rf"|the\s+same)\s+(?:fiscal\s+|calendar\s+)?year\b)?")
    lead = (rf"(?:(?P<the>the|its|their)\s+)?(?:(?P<pre>{ago_lead})\s+)?"
            rf"(?:(?P<y1>{split})(?:'s)?\s+)?(?:(?P<fis>fiscal)\s+(?:(?P<y2>{split})(?:'s)?\s+)?)?")
    months_map, _ = _calendar()
    month = _alternation(months_map)
    full_months = [f for f in months_map if (len(f) > 3 or f == "May") and not f.endswith(".")
                   and not f.isupper()]
    I = re.IGNORECASE  # noqa: E741
    return {
        # the year may stand between the ordinal and the noun: "the fourth 1986 quarter"
        "quarter": re.compile(rf"\b{lead}(?P<ord>{ordinal})[\s-]+(?:(?P<y5>{year})\s+)?"
                              rf"(?:(?P<fis2>fiscal)\s+)?"
                              rf"(?:{quarter})\b(?!-(?:point|hour|mile)){of_year}"
                              rf"(?:\s+(?P<y4>{year})\b(?![\d,.]\d|\s*(?:pct|%|mln|bln)))?", I),
        "half": re.compile(rf"\b{lead}(?P<ord>{half_ordinal})[\s-]+(?:(?P<y5>{year})\s+)?"
                           rf"(?:(?P<fis2>fiscal)\s+)?"
                           rf"(?:{half})\b(?!-(?:point|hour|mile|time)){of_year}"
                           rf"(?:\s+(?P<y4>{year})\b(?![\d,.]\d|\s*(?:pct|%|mln|bln)))?", I),
        "qcode": re.compile(rf"(?<![\w<.$/-])(?:(?P<y1>{year})\s*[-/]?\s*)?(?P<kind>[QH])"
                            rf"(?P<n>[1-4])(?![\w-])(?:\s*[/'-]\s*(?P<y2>(?:19|20)?\d\d)\b"
                            rf"|\s+(?P<y3>{year})\b)?"),
        "qglued": re.compile(rf"(?<![\w<.$/-])(?P<n>[1-4])(?P<kind>[QH])(?:(?P<y2>\d\d)"
                             rf"|\s+(?P<y3>{year})\b)?(?![\w-])"),
        "months": re.compile(rf"\b(?:(?P<the>the)\s+)?(?:(?P<pre>first|initial|latest|prior|"
                             rf"previous|preceding|{ago})\s+)?"
                             rf"(?:(?P<y1>{split})\s+)?(?:(?P<fis>fiscal)\s+)?"
                             rf"(?P<n>{count})(?P<hyphen>[\s-]+)(?P<noun>{months})\b"
                             rf"(?!-){of_year}", I),
        "ytd": re.compile(r"\b(?:(?:fiscal|calendar)\s+)?year[\s-]+to[\s-]+date\b", I),
        "trailing": re.compile(rf"\b(?:the\s+)?(?:{_words('trailing')})\b", I),
        # "the March quarter": the quarter that ends in that month
        "month_quarter": re.compile(rf"\b(?:the\s+)?(?P<m>{_alternation(full_months)})[\s-]+"
                                    rf"quarter\b(?!\s+of\b)"),
        "fiscal": re.compile(rf"\b(?:(?P<the>the)\s+)?fiscal\s+(?:year\s+)?(?P<y>{year}|'\d\d)"
                             rf"(?:\s*[/-]\s*(?P<y2>(?:19|20)?\d\d))?(?![\d,.]\d)\b"
                             rf"|\b(?:(?P<the2>the)\s+)?(?P<y3>{year})(?:\s*[/-]\s*"
                             rf"(?P<y4>(?:19|20)?\d\d))?\s+fiscal\s+year\b", I),
        "fy": re.compile(r"\bFY\s?'?(?P<y>(?:19|20)?\d\d)(?:\s*[/-]\s*(?P<y2>(?:19|20)?\d\d))?"
                         r"(?![\w,.]\d|\w)"),
        "split_year": re.compile(r"(?<![\w/.$-])(?P<y>(?:19|20)\d\d)/(?P<y2>\d\d)(?![\w/]|[.,]\d)"),
        "fiscal_rel": re.compile(r"\b(?:the\s+)?(?P<rel>this|current|next|coming|last|past|"
                                 r"previous|prior|latest|new)\s+fiscal\s+year\b", I),
        # "the fiscal year ended June 30", "the year to March", "its financial year to end-June"
        "year_ended": re.compile(r"\b(?:the\s+)?(?P<fis>fiscal)\s+year"
                                 r"(?=\s+(?:ended|ending|ends)\s)"
                                 r"|(?:\b(?:the|its|their)\s+|(?<![^\n]))"
                                 r"(?:(?P<fis2>fiscal|financial)\s+)?"
                                 r"year(?=\s+(?:ended|ending|to)\s)", I),
        # a headline's year: "YEAR NET", "YEAR DEC 31 LOSS", "1986 YEAR", "YEAR 1986"
        "title_year": re.compile(r"\b(?:(?P<y1>(?:19|20)\d\d)\s+)?(?:YEAR|YR)"
                                 r"(?:\s+(?P<y2>(?:19|20)\d\d)\b|(?<=\d\d\sYEAR)(?=[ \t]*(?:\n|$))"
                                 r"|(?=(?:\s+[A-Z]{3,4}\.?\s+\d{1,2})?\s+(?:OPER\s+)?"
                                 r"(?:NET|LOSS|PROFIT|EARNINGS|SALES|REVS|REVENUES|RESULTS)\b))"),
        "label": re.compile(r"(?m)^[ \t]*(?P<l>(?:full\s+|fiscal\s+)?year|yr|qtr|quarter)[ \t]*$",
                            I),
        "seq": re.compile(rf"\b(?:(?P<the>the|its|their)\s+)?(?P<rel>{seq})\s+(?:fiscal\s+)?"
                          rf"(?:{quarter})\b(?!-|\s+of\b)", I),
        "bare_quarter": re.compile(rf"\b(?:in|for|during|of|from)\s+(?P<span>(?:the\s+)?"
                                   rf"(?:{quarter}))\b(?!-|\s+of\b)", I),
        "same": re.compile(rf"\b(?:the\s+)?(?P<pre>{ago})\s+(?:(?:year-ago|year-earlier)\s+)?"
                           rf"(?:(?P<y>{split})\s+)?(?P<noun>periods?|{quarter}|{half}|"
                           rf"{months}|weeks?|time)\b(?!-)(?:\s+(?P<tail>{tail})\b"
                           rf"|\s+(?:of|in)\s+(?P<y2>{split}))?", I),
        "year_ago": re.compile(r"\ba\s+year\s+(?P<w>ago|earlier|before|previously)\b", I),
        # the year before the one reported: "Prior year results", "vs loss 14.9 mln year prior"
        "prior_year": re.compile(r"\b(?:the\s+)?(?:prior|previous|preceding)\s+(?:fiscal\s+)?"
                                 r"year\b(?![-']|\s+(?:ago|earlier|before)\b)"
                                 r"|(?<!\ba\s)\byear\s+prior\b"
                                 r"|\b(?:the\s+)?(?P<cur>current)\s+year\b(?![-'])", I),
        # the last of a year: "the last quarter of 2007", "the final half of fiscal 1987"
        "last_of": re.compile(rf"\b(?:the\s+)?(?:last|final)\s+(?P<kind>quarter|qtr|half)\s+of\s+"
                              rf"(?:(?P<fis>fiscal)\s+(?:year\s+)?)?(?P<y>{year})\b(?![\d,.]\d)",
                              I),
        # cumulative quarters: "the first three qtrs of 1986" (a run of months)
        "quarters_run": re.compile(rf"\b(?:the\s+)?(?:first|initial)\s+(?P<k>two|three|2|3)\s+"
                                   rf"(?:quarters|qtrs)\b{of_year}", I),
        "decade": re.compile(r"\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+|mid-)?(?P<c>19|20)"
                             r"(?P<d>\d)0'?s\b"
                             r"|\b(?:the\s+)?(?:(?:early|mid|late)[\s-]+|mid-)?'(?P<d2>\d)0s\b"
                             rf"|\bthe\s+(?:(?:early|mid|late)[\s-]+)?(?P<w>{_words('decade')})\b",
                             I),
        # a run of years: "2001-2002" (the months from the first's January to the last's December)
        "range": re.compile(rf"(?<![\w,.$/-])(?P<a>{year})\s*[-\u2013]\s*(?P<b>{year})"
                            r"(?![\w-]|[.,]\d|\s*(?:pct|%|mln|bln|dlrs|tonnes)\b)"),
        # several fiscal years: "its 2007 and 2008 fiscal years", "fiscal years 2007 and 2008"
        "fiscal_years": re.compile(rf"\b(?P<a>{year}(?:\s*,\s*{year})*\s*,?\s*(?:and|or|&)\s+"
                                   rf"{year})\s+fiscal\s+years\b"
                                   rf"|\bfiscal\s+(?:years\s+)?(?P<b>{year}(?:\s*,\s*{year})*\s*,?"
                                   rf"\s*(?:and|or|&)\s+{year})\b(?![\d,.]\d)", I),
        # the whole fiscal year of the period reported: "Full-year net", "the full year 2019"
        "full_year": re.compile(rf"\b(?:(?:the|its|their)\s+)?(?P<w>{_words('full_year')})\b"
                                rf"(?![-']|\s+(?:ago|earlier|before|prior|of)\b)"
                                rf"(?:\s+(?P<y>{year})\b(?![\d,.]\d))?", I),
        # a results note's "in quarter and ... in year"
        "in_year": re.compile(r"\b(?:in|for)\s+(?P<span>year)\b(?![-'\w]|\s*[\d(]|\s+(?:ago|"
                              r"earlier|before|prior|to|one|two|three|four|five)\b)", I),
        # "from 1.9 mln dlrs last year": the period of the sentence a year earlier
        "last_year": re.compile(r"\blast\s+year\b(?!['\u2019-]|\s+(?:ago|earlier)\b)", I),
        # "over the past 12 months": the run of months up to the article's or the one reported
        "run": re.compile(rf"\b(?:the\s+)?(?P<rel>last|past|recent|final|next|coming|following)\s+"
                          rf"(?P<n>{_NUMWORD})\s+months\b(?:\s+of\s+(?P<y>{year})\b(?![\d,.]\d))?",
                          I),
        "end": re.compile(rf"\s+(?:(?P<w>ended|ending|ends|to|through|thru)\s+(?:in\s+)?)?"
                          rf"(?:end-|the\s+end\s+of\s+)?(?P<m>{month})"
                          rf"(?:\s+(?P<d>\d{{1,2}}|(?:{_DAY_WORDS})(?=[ \t]*(?:[,.;\n]|$))))?\b"
                          rf"(?:,?\s+(?P<y>{year})\b)?"),
    }


@lru_cache(maxsize=1)
def _period_gates() -> dict[str, tuple[str, ...]]:
    """For a period pattern, words one of which every match holds (the first word of each
    phrase of its word list): a text with none of them (case-folded) cannot match, so the
    pattern is not run over it. Each pattern's own words, from ``periods.tsv``; patterns with
    no gate always run."""
    words = _period_words()

    def heads(*kinds: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
        found = {w.split()[0].casefold() for kind in kinds for w in words[kind]}
        return tuple(sorted(found | set(extra)))

    quarter = heads("quarter")
    return {
        "quarter": quarter, "seq": quarter, "bare_quarter": quarter,
        "half": heads("half"), "months": heads("months"), "run": ("months",),
        "month_quarter": ("quarter",), "last_of": ("last", "final"),
        "quarters_run": ("quarters", "qtrs"), "ytd": ("date",), "trailing": heads("trailing"),
        "fiscal": ("fiscal",), "fiscal_rel": ("fiscal",), "fiscal_years": ("fiscal",),
        "same": heads("year_ago"), "prior_year": ("prior", "previous", "preceding", "current"),
        "decade": heads("decade", extra=("0s", "0's")), "full_year": heads("full_year"),
        "last_year": ("last",), "title_year": ("year", "yr"),
    }


class _GatedPatterns:
    """``_period_patterns()`` for one text: a pattern whose gate words (``_period_gates``) are
    all absent from the text finds nothing without being run (the patterns' optional leads
    make Python's ``re`` try each at every word boundary: most of the dates component's time)."""

    _NONE = re.compile(r"(?!)")

    def __init__(self, patterns: dict[str, re.Pattern], text: str):
        self._patterns = patterns
        self._folded = text.casefold()
        self._gates = _period_gates()

    def __getitem__(self, name: str) -> re.Pattern:
        gate = self._gates.get(name)
        if gate is not None and not any(word in self._folded for word in gate):
            return self._NONE
        return self._patterns[name]


def _year_of(text: Optional[str]) -> Optional[tuple[int, Optional[int]]]:
    """ "1987" -> (1987, None); "1986/87" -> (1986, 1987); "'87" -> (1987, None)."""
    if not text:
        return None
    m = re.match(r"'?(\d{2,4})(?:\s*[/-]\s*(\d{2,4}))?", text.strip())
    if not m:
        return None

    def full(part: str, ref: Optional[int] = None) -> int:
        value = int(part)
        if len(part) == 2:
            if ref is not None:
                return ref // 100 * 100 + value + (100 if value < ref % 100 else 0)
            return 1900 + value if value >= 50 else 2000 + value
        return value
    first = full(m.group(1))
    second = full(m.group(2), first) if m.group(2) else None
    if second is not None and second - first != 1:
        second = None  # "1986-1990" is no fiscal year
    return first, second


@dataclass
class _Cand:
    """A reporting-period candidate waiting for the article's context to get its value."""

    kind: str
    info: dict[str, Any]
    start: int
    end: int
    sent: int = 0
    value: Any = None
    period: Optional[Period] = None


class DateNormalizer:
    """Finds date expressions and gives each an ISO value (see the module docstring)."""

    # -- serialisation: a saved pipeline names the rules it was made with (models/)
    def to_disk(self, path, *, exclude=()) -> None:
        save_rules(Path(path))

    def from_disk(self, path, *, exclude=()) -> "DateNormalizer":
        check_rules(Path(path))
        return self

    def __init__(self, name: str = "extractor_dates"):
        self.name = name
        months, weekdays = _calendar()
        self.months = months
        self.weekdays = weekdays

    # -- pieces -----------------------------------------------------------------------------
    def _year_of_month(self, doc: Doc, start: int, end: int, month: int, base: date,
                       day: Optional[int] = None) -> int:
        """The year of a month named without one: the article's, unless the month is more than
        six months after the article's (then the year before: "in late December" in January)
        or, in a sentence about what is to come, more than six months before it (the year
        after: "by January 19" in September). With a day, six months are counted in days
        ("July 31" in a past report of January 2 is the year before)."""
        delta = month - base.month
        if day is not None:
            try:
                days = (date(base.year, month, day) - base).days
            except ValueError:  # February 29 in a year without one
                days = delta * 30
            delta = max(delta, 7) if days > 183 else min(delta, -7) if days < -183 else delta
        if delta > 6 or delta < -6:
            cand = _Cand("month", {}, start, end,
                         sent=max(0, bisect_right(self._sent_starts, start) - 1))
            forward = self._forward(doc, cand, climb=True)
            if delta > 6 and not forward:
                return base.year - 1
            if delta < -6 and forward:
                return base.year + 1
        return base.year

    def _month_ranges(self, doc: Doc, text: str, base: Optional[date]):
        """A run of months named by its first and last ("October-December", "January to March
        2019"): a calendar quarter or half when it is one (``2013-Q4``), else ``YYYY-MM/YYYY-MM``;
        without a year, the year of its last month as a month alone would get it."""
        for m in _patterns()["month_range"].finditer(text):
            a, b = self.months[m["a"]], self.months[m["b"]]
            if a == b:
                continue
            if m["y"]:
                year = int(m["y"])
            elif base is not None:
                year = self._year_of_month(doc, m.start(), m.end(), b, base)
                if year == base.year and a < b and b > base.month \
                        and self._past_range(doc, m.start(), m.end()):
                    year -= 1  # "profit rose in October-December" in June: last year's
            else:
                yield m.start(), m.end(), None, 3
                continue
            first_year = year if a < b else year - 1
            n = (b - a) % 12 + 1
            if n == 3 and a in (1, 4, 7, 10) and a < b:
                value = f"{year:04d}-Q{(a - 1) // 3 + 1}"
            elif n == 6 and a in (1, 7) and a < b:
                value = f"{year:04d}-H{(a - 1) // 6 + 1}"
            else:
                value = f"{first_year:04d}-{a:02d}/{year:04d}-{b:02d}"
            yield m.start(), m.end(), value, 3

    def _past_range(self, doc: Doc, start: int, end: int) -> bool:
        """True when a run of months hangs off a past verb ("earned 5 mln in October-December",
        "profit in October-December was"), not one of what is to come."""
        if self._done_in(doc, start, end):
            return True
        verb = self._verb(doc, start, end)
        if verb is None or verb.pos_ not in ("VERB", "AUX") or not self._past_verb(verb) \
                or verb.text.isupper() or verb.lemma_.lower() in _FORWARD:
            return False
        return not any(c.lower_ in _FUTURE_AUX or c.tag_ in ("MD", "TO") for c in verb.children)

    def _absolute(self, doc: Doc, text: str, base: Optional[date]):
        p = _patterns()
        yield from self._month_ranges(doc, text, base)
        for kind in ("iso", "mdy", "dmy", "my", "md", "dm"):
            for m in p[kind].finditer(text):
                try:
                    if kind == "iso":
                        value = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
                    elif kind == "mdy":
                        value = date(int(m[3]), self.months[m[1]], _day(m[2])).isoformat()
                    elif kind == "dmy":
                        value = date(int(m[3]), self.months[m[2]], int(m[1])).isoformat()
                    elif kind == "my":
                        value = f"{int(m[2]):04d}-{self.months[m[1]]:02d}"
                    elif kind == "md":
                        month = self.months[m[1]]
                        value = (date(self._year_of_month(doc, m.start(), m.end(), month, base,
                                                          _day(m[2])),
                                      month, _day(m[2])).isoformat() if base else None)
                    else:
                        month = self.months[m[2]]
                        value = (date(self._year_of_month(doc, m.start(), m.end(), month, base,
                                                          int(m[1])),
                                      month, int(m[1])).isoformat() if base else None)
                except ValueError:  # "February 30", a day that does not exist
                    continue
                yield m.start(), m.end(), value, 3
        for m in p["month"].finditer(text):
            if not (m["prep"] or m["lead"]):
                continue
            month = self.months[m["month"]]
            value = None
            if base:
                lead = (m["lead"] or "").lower()
                year = base.year if lead.startswith(("last", "next", "this")) else \
                    self._year_of_month(doc, m.start("span"), m.end("span"), month, base)
                if lead.startswith("last") and month >= base.month:
                    year -= 1
                elif lead.startswith("next") and month <= base.month:
                    year += 1
                elif not lead and year == base.year and month > base.month \
                        and self._done_in(doc, m.start("month"), m.end("month")):
                    year -= 1  # "the plant was closed in April" in February: last April
                value = f"{year:04d}-{month:02d}"
            yield m.start("span"), m.end("span"), value, 2

    def _relative(self, text: str, base: Optional[date]):
        p = _patterns()
        for m in p["day"].finditer(text):
            offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}.get(
                m[1].lower(), -1)  # "last night": the day before
            yield m.start(), m.end(), (base + timedelta(days=offset)).isoformat() if base \
                else None, 2
        for m in p["rel"].finditer(text):
            unit = m[2].lower()
            direction = _direction(m[1])
            if unit in ("quarter", "quarters") and _OF_SOMETHING.match(text, m.end()):
                continue  # "the past quarter of a century"
            if m[0].lower().endswith("s") and unit.rstrip("s") in _COUNTLESS_PLURALS:
                continue  # "in coming years", "in the coming weeks": a span without a count
            if unit == "decade" and m[1].lower() != "past" and base is not None:
                # "this decade" = 198X; "the past decade" is the last ten years (a year)
                yield m.start(), m.end(), f"{base.year // 10 + direction:03d}X", 2
                continue
            yield m.start(), m.end(), self._offset(base, unit, direction), 2
        for m in p["reln"].finditer(text):
            n = _count(m[2])
            unit = m[3].lower()
            direction = _direction(m[1])
            if unit == "quarter" and _OF_SOMETHING.match(text, m.end()):
                continue  # "the last two quarters of the game"
            value = self._offset(base, unit, direction * n) if n is not None else None
            if value is not None and unit == "year" and n >= 2 and direction:
                value = self._years_run(base, n, direction)
            elif value is not None and unit == "quarter" and n >= 2 and direction:
                value = self._quarters_run(base, n, direction)
            yield m.start(), m.end(), value, 2
        for m in p["ago"].finditer(text):
            n = _count(m[1])
            unit = m[2].lower()
            yield m.start(), m.end(), self._offset(base, unit, -n) if n is not None else None, 2

    @staticmethod
    def _years_run(base: date, n: int, direction: int) -> str:
        """The full years of "the last 10 years" (those before the article's) or "the next five
        years" (those after it), as a run of months."""
        first, last = (base.year - n, base.year - 1) if direction < 0 else \
            (base.year + 1, base.year + n)
        return f"{first:04d}-01/{last:04d}-12"

    @staticmethod
    def _quarters_run(base: date, n: int, direction: int) -> str:
        """The whole calendar quarters of "the last five quarters" (those before the article's
        quarter) or "the next two quarters" (those after it), as a run of months."""
        current = base.year * 12 + (base.month - 1) // 3 * 3  # first month of the quarter
        first, last = (current - 3 * n, current - 1) if direction < 0 else \
            (current + 3, current + 3 * n + 2)
        return f"{_ym(first)}/{_ym(last)}"

    @staticmethod
    def _year_edges(text: str):
        """A year with its middle or end joined on: "mid-2011", "end-1986" (the year)."""
        for m in re.finditer(r"\b(?:mid|end|early|late|year-end)-((?:19|20)\d\d)\b(?![-\w])",
                             text, re.IGNORECASE):
            yield m.start(), m.end(), m[1], 2

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
        if unit == "day":
            return (base + timedelta(days=amount)).isoformat()
        if unit == "week":  # a week is an ISO week: "last week" = 1987-W08
            year, week, _ = (base + timedelta(days=7 * amount)).isocalendar()
            return f"{year:04d}-W{week:02d}"
        if unit == "quarter":
            start = shift_months(date(base.year, 3 * ((base.month - 1) // 3) + 1, 1), 3 * amount)
            return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
        return _iso(shift_months(base, _UNIT_MONTHS[unit] * amount), _UNIT_GRAIN[unit])

    def _season_dates(self, doc: Doc, text: str, base: Optional[date]):
        """Seasons ("last fall": the last one that is over) and the middle of the year
        ("mid-year"), valued with the year of their middle month, as "early 1987" is (the
        labelled articles value "next autumn" so); the months only tell which one is meant."""
        for m in _patterns()["season"].finditer(text):
            kind, first = _seasons()[m["s"].lower()]
            lead = re.sub(r"\s+", " ", (m["lead"] or "").lower()).removeprefix("the ")
            if kind == "season" and not (lead or m["y"] or m["prep"] and m["prep"].lower() not in
                                         ("at", "around")):
                continue  # "a fall in prices", "the fall in sales"
            if kind == "season" and not (lead or m["y"]) and re.match(
                    r"\s+(?:of|in|on|to|from|at)\b", text[m.end():]):
                continue  # "since the fall of the Berlin wall"
            if m["s"][0].isupper() and re.match(r"\s+[A-Z]", text[m.end():]):
                continue  # "the Summer Olympics"
            yield m.start("span"), m.end("span"), self._season_value(
                doc, m, kind, first, lead, base), 2

    def _season_value(self, doc: Doc, m: re.Match, kind: str, first: int, lead: str,
                      base: Optional[date]) -> Optional[str]:
        size = 3 if kind == "season" else 2
        if m["y"]:
            start = int(m["y"]) * 12 + first - 1
        elif base is None:
            return None
        else:
            now = base.year * 12 + base.month - 1
            start = base.year * 12 + first - 1
            if lead == "this":
                if start > now + 12 - size:  # "this winter" in January: the one going on
                    start -= 12
            elif lead == "last":
                while start + size - 1 >= now:
                    start -= 12
            elif lead == "next":
                while start <= now:
                    start += 12
            else:
                middle = (first + size // 2 - 1) % 12 + 1
                year = self._year_of_month(doc, m.start("span"), m.end("span"), middle, base)
                start = year * 12 + middle - 1 - size // 2
        return f"{(start + size // 2) // 12:04d}"

    def _weekdays(self, doc: Doc, text: str, base: Optional[date]):
        for m in _patterns()["weekday"].finditer(text):
            weekday = self.weekdays[m[2]]
            value = None
            if m[2] == "Friday" and re.search(r"\b(?:Black|Good)\s+$", text[max(0, m.start() - 6):
                                                                       m.start()]):
                continue  # "Black Friday", "Good Friday": a day of the year, not of the week
            if base is not None:
                lead = (m[1] or "").lower()
                future = lead == "next" or not lead and not self._past_weekday(
                    doc, m.start(2), m.end(2)) and (
                    self._future(doc, m.start(2), m.end(2))
                    or _due_words().search(text, max(0, m.start() - 40), m.start()) is not None
                    or self._future_sentence(doc, text, m.start(2), m.end(2)))
                if not lead and future and self._next_week(text, m.start(2)):
                    delta = 7 - base.weekday() + weekday  # "next week's reports: Cisco on Monday"
                elif future:
                    delta = (weekday - base.weekday()) % 7 or (7 if lead == "next" else 0)
                else:
                    delta = -((base.weekday() - weekday) % 7 or (7 if lead == "last" else 0))
                value = (base + timedelta(days=delta)).isoformat()
            yield m.start(), m.end(), value, 2

    def _sentence_at(self, text: str, pos: int) -> tuple[int, int]:
        k = max(0, bisect_right(self._sent_starts, pos) - 1)
        return self._sent_spans[k] if self._sent_spans else (0, len(text))

    def _next_week(self, text: str, pos: int) -> bool:
        """True when the weekday's sentence speaks of next week ("next week's reports")."""
        start, end = self._sentence_at(text, pos)
        return bool(re.search(r"\bnext\s+week\b", text[start:end], re.IGNORECASE))

    def _past_weekday(self, doc: Doc, start: int, end: int) -> bool:
        """True for a weekday right after a past verb ("said on Wednesday it will ...") or in
        the clause of one ("declined to provide an update on Tuesday")."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in ("on", "late", "early", "last"):
            i -= 1
        ahead = _date_words("ahead_verb") - {"say", "announce"}
        if i >= 0 and doc[i].tag_ == "VBD" and doc[i].lemma_.lower() not in ahead | {"be"}:
            return True
        verb = self._verb(doc, start, end)
        return verb is not None and verb.dep_ == "xcomp" and verb.head.tag_ == "VBD" \
            and verb.head.lemma_.lower() not in ahead

    def _future_sentence(self, doc: Doc, text: str, start: int, end: int) -> bool:
        """True for a weekday in a sentence about what is to come ("results will be released on
        Wednesday", "earnings are to be published Tuesday", "next week's reports"), unless it
        hangs off a past verb ("said on Wednesday it will", "declined to comment on Tuesday")."""
        verb = self._verb(doc, start, end)
        if verb is not None and verb.pos_ in ("VERB", "AUX"):
            if verb.tag_ == "VBD" or verb.tag_ == "VBN" and not any(
                    c.lower_ in _FUTURE_AUX or c.tag_ in ("TO", "MD") for c in verb.children):
                return False
            head = verb.head
            if verb.dep_ in ("xcomp", "ccomp", "advcl") and head.tag_ == "VBD" \
                    and head.lemma_.lower() not in _date_words("ahead_verb"):
                return False  # "declined to provide an update on Tuesday"
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and any(t.tag_ == "VBD" for t in doc[span.end:span.end + 2]):
            return False  # "Channon on Friday sought to dispel"
        sent_start, _ = self._sentence_at(text, start)
        clause = _CLAUSE_BREAK.split(text[sent_start:start])[-1]  # the weekday's own clause
        return bool(_future_words().search(clause)) or self._next_week(text, start)

    @staticmethod
    def _verb(doc: Doc, start: int, end: int):
        """The verb a date hangs off (at most three steps up the parse), else ``None``."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return None
        verb = span.root
        for _ in range(3):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        return verb

    @classmethod
    def _done_in(cls, doc: Doc, start: int, end: int) -> bool:
        """True when a month hangs by its preposition straight off a past verb of something
        done ("was made in April", "bought it in May"; not "said it would sell it in May",
        "payable in April", "declared a dividend payable April 15")."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        prep = span.root.head
        verb = prep.head
        if prep.dep_ != "prep" or verb.pos_ != "VERB" or not cls._past_verb(verb) \
                or verb.text.isupper():
            return False
        lemma = verb.lemma_.lower()
        # a verb of saying tells when it was said only right before the month ("had said in
        # October", "said in October that"): "said it would sell it in May" is not done in May
        said_then = lemma in _SPEECH and prep.i - verb.i in (1, 2) and (
            any(c.lower_ == "had" for c in verb.children) or verb.tag_ == "VBD")
        return lemma not in _FORWARD and (lemma not in _SPEECH or said_then) and not any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "TO") or c.lower_ in _FUTURE_AUX
            for c in verb.children)

    @staticmethod
    def _past_verb(verb) -> bool:
        return verb.tag_ == "VBD" or verb.tag_ == "VBN" and not any(
            c.lower_ in _FUTURE_AUX for c in verb.children)

    @classmethod
    def _future(cls, doc: Doc, start: int, end: int) -> bool:
        """True when the weekday hangs off a verb in the future ("will meet on Thursday")."""
        verb = cls._verb(doc, start, end)
        if verb is None or cls._past_verb(verb):
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
            if not before_ok and prev is not None and self._product_name(prev) \
                    and not (nxt is not None and nxt.tag_ in ("NN", "NNS")):
                continue  # "Office 2007", "Windows 2000": a product's name, not a year
            if token.ent_type_ != "DATE" and not before_ok \
                    and token.dep_ not in ("pobj", "npadvmod", "compound", "nmod") \
                    and not (nxt is not None and nxt.lower_ in _TIME_NOUNS):
                continue
            value = text[:4]
            if len(text) == 7 and int(text[5:]) == (int(text[2:4]) + 1) % 100:
                value = f"FY{int(text[:4]) + 1:04d}"  # NTT's "1987/88": the year to March 1988
            yield token.idx, token.idx + len(text), value, 1

    def _product_name(self, prev) -> bool:
        """True for a capitalised name right before a year that makes the year part of a name
        ("Office 2007", "Windows 2000"), not a month, a weekday or a word of dates."""
        text = prev.text
        # a company's year before a results noun stays a year ("Gillette 1986 profit": the
        # caller checks the noun); so does one of a name spaCy calls an organisation
        return (prev.ent_type_ != "ORG" and text.isalpha() and text[0].isupper() and not text.isupper()
                and prev.tag_ in ("NNP", "NNPS") and not prev.like_num
                and not prev.is_sent_start and text not in self.months
                and text not in self.weekdays and text not in _date_words("year_name"))

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

    # -- reporting periods --------------------------------------------------------------------
    def _end_after(self, text: str, pos: int, base: Optional[date],
                   need_word: bool = False) -> Optional[dict[str, Any]]:
        """The end date written after a period ("4TH QTR JAN 31", "nine months ended Sept 30")."""
        m = _period_patterns()["end"].match(text, pos)
        if not m or not (m["w"] or m["d"] or m["y"]) or (need_word and not m["w"]):
            return None
        month = self.months[m["m"]]
        out: dict[str, Any] = {"end": None, "fix": None, "ended": m["w"] == "ended"}
        if m["y"]:
            out["end"] = int(m["y"]) * 12 + month - 1
        elif base is not None:
            last = calendar.monthrange(base.year, month)[1]
            day = min(_day(m["d"]), last) if m["d"] else last
            year = base.year if (month, day) <= (base.month, base.day) else base.year - 1
            if m["w"] and m["w"] != "ended" and (month - base.month) % 12 <= 6 and \
                    (year + 1) * 12 + month <= base.year * 12 + base.month + 6:
                year += 1  # "the year ending March 31" written in March: the coming one
            out["end"] = year * 12 + month - 1
            if m["d"] and 1 <= _day(m["d"]) <= calendar.monthrange(year, month)[1]:
                out["fix"] = (m.start("m"), date(year, month, _day(m["d"])).isoformat())
        return out

    def _headline_end(self, text: str, pos: int, base: Optional[date],
                      first_para: int) -> Optional[dict[str, Any]]:
        """The end date a results table gives on its first line when the headline does not
        ("2ND QTR NET" then "Sept 30" or "Periods ended Feb 28"), for a period in the headline."""
        if pos > first_para:
            return None
        m = _HEADLINE_END.match(text, pos)
        if not m:
            return None
        end = self._end_after(text, m.end(), base)
        line_end = text.find("\n", m.end() + 1)
        if end is None or end.get("end") is None:
            return None
        rest = text[m.end():len(text) if line_end < 0 else line_end]
        return end if re.fullmatch(r"\s*[A-Za-z.]+\s*(?:\d{1,2}|[a-z]+)?,?\s*(?:(?:19|20)\d\d)?"
                                   r"(?:\s+and\s+(?:19|20)?\d\d)?\s*\.?\s*", rest) else None

    def _period_candidates(self, doc: Doc, text: str, base: Optional[date]) -> list[_Cand]:
        p = _GatedPatterns(_period_patterns(), text)
        words = _period_words()
        ordinals, counts = words["ordinal"], words["count"]
        out: list[_Cand] = []
        first_para = text.find("\n\n")
        first_para = len(text) if first_para < 0 else first_para

        def year_info(m: re.Match, *names: str) -> Optional[int]:
            for name in names:
                got = _year_of(m.groupdict().get(name))
                if got:
                    return got[1] or got[0]
            return None

        def line_alone(start: int, end: int) -> bool:
            left = text.rfind("\n", 0, start) + 1
            right = text.find("\n", end)
            right = len(text) if right < 0 else right
            return not text[left:start].strip() and not text[end:right].strip()

        for kind in ("quarter", "half"):
            for m in p[kind].finditer(text):
                year = year_info(m, "y1", "y2", "y5", "y3", "y4")
                if not year and _OF_SOMETHING.match(text, m.end()):
                    continue  # "the third quarter of the game", "the first half of the season"
                end = self._end_after(text, m.end(), base) or \
                    self._headline_end(text, m.end(), base, first_para)
                year_end = None
                if m["rely"] and not year and end and end.get("end") is not None \
                        and re.search(r"year$", m.group(0), re.IGNORECASE):
                    # "the third quarter of the fiscal year ending Feb 1, 2013": the year's end
                    year_end, end = end["end"], None
                pre = (m["pre"] or "").lower()
                out.append(_Cand(kind, {
                    "n": int(ordinals[m["ord"].lower()]), "year": year, "year_end": year_end,
                    "fiscal": bool(m["fis"] or m["fis2"] or m["fis3"] or m["fis4"]),
                    "shift": -1 if pre and not year else 0,
                    "rely": (m["rely"] or "").lower() or None, "end": end,
                    "strength": "year" if year or (end and end.get("end") is not None)
                    or m["rely"] else ("strong" if "qtr" in m.group(0).lower() or m["fis"]
                                       or m["fis2"] or line_alone(m.start(), m.end())
                                       else "ordinal" if kind == "quarter" else "weak")},
                    m.start(), m.end()))
        for name in ("qcode", "qglued"):
            for m in p[name].finditer(text):
                n = int(m["n"])
                if m["kind"] == "H" and n > 2:
                    continue
                year = year_info(m, "y1", "y2", "y3")
                before = text[max(0, m.start() - 30):m.start()].split()
                named = bool(before) and before[-1][:1].isupper() and before[-1].isalpha() \
                    and not before[-1].isupper() and not re.search(r"[.!?]\s*$|\n\s*$",
                                                                    text[:m.start()])
                out.append(_Cand("quarter" if m["kind"] == "Q" else "half", {
                    "n": n, "year": year, "fiscal": False, "shift": 0, "rely": None,
                    "end": self._end_after(text, m.end(), base) or
                    self._headline_end(text, m.end(), base, first_para),
                    "strength": "ordinal" if named else ("year" if year else "strong")},
                    m.start(), m.end()))
        for m in p["months"].finditer(text):
            n = counts.get(m["n"].lower(), m["n"])
            n = int(n)
            noun = m["noun"].lower()
            after = text[m.end():m.end() + 20].split()
            nxt = after[0].lower().strip(".,;:") if after else ""
            prev = text[max(0, m.start() - 12):m.start()].split()
            prev_word = prev[-1].lower() if prev else ""
            if nxt in words["not_months"] or prev_word in ("past", "last", "next", "coming",
                                                            "recent", "following"):
                continue
            hyphen = m["hyphen"].startswith("-") or noun in ("month", "mth")  # "nine-month net"
            if not 1 <= n <= 12:
                continue
            if _OF_SOMETHING.match(text, m.end()):
                continue  # "the nine months of pregnancy"
            if hyphen and nxt not in words["months_noun"] and not m["pre"]:
                continue  # "six-month bills": a maturity
            year = year_info(m, "y1", "y3")
            if not year:  # "1986 qtr and nine mths include": the year is said once for both
                both = _YEAR_FOR_BOTH.search(text, max(0, m.start() - 30), m.start())
                year = int(both[1]) if both else None
            end = self._end_after(text, m.end(), base, need_word=True)
            pre = (m["pre"] or "").lower()
            label = line_alone(m.start(), m.end()) or bool(re.match(r"[ \t]*\n", text[m.end():]))
            if year or (end and end.get("end") is not None) or m["rely"]:
                strength = "year"
            elif noun in ("mths", "mth", "mos") or label:
                strength = "strong"
            elif m["the"] and n in (3, 6, 9, 12) or hyphen or pre in ("first", "initial"):
                strength = "weak"
            else:
                continue
            out.append(_Cand("months", {
                "n": n, "year": year, "fiscal": bool(m["fis"] or m["fis3"] or m["fis4"]),
                "first": pre in ("first", "initial"),
                "shift": -1 if pre and pre not in ("first", "initial", "latest") and not year
                else 0, "rely": (m["rely"] or "").lower() or None, "end": end,
                # "the previous three months": the quarter before, not a year before
                "sequential": n == 3 and pre in ("previous", "preceding") and not year,
                "strength": strength}, m.start(), m.end()))
        for m in p["ytd"].finditer(text):
            out.append(_Cand("ytd", {"strength": "strong"}, m.start(), m.end()))
        for m in p["trailing"].finditer(text):
            n = int(words["trailing"][re.sub(r"\s+", " ", m.group(0).lower()).removeprefix(
                "the ")])
            out.append(_Cand("trailing", {"n": n, "strength": "strong"}, m.start(), m.end()))
        for m in p["month_quarter"].finditer(text):
            out.append(_Cand("month_quarter", {"month": self.months[m["m"]], "strength": "strong"},
                             m.start(), m.end()))
        for m in p["fiscal"].finditer(text):
            got = _year_of(m["y"] or m["y3"]) if (m["y"] or m["y3"]) else None
            second = _year_of(m["y2"] or m["y4"]) if (m["y2"] or m["y4"]) else None
            if not got:
                continue
            year = got[0]
            if second and (second[0] - year == 1 or second[0] % 100 == (year + 1) % 100):
                year += 1  # "fiscal 1986/87" ends in 1987
            out.append(_Cand("fy", {"year": year, "strength": "year"}, m.start(), m.end()))
        for m in p["fy"].finditer(text):
            got = _year_of(m["y"])
            second = _year_of(m["y2"]) if m["y2"] else None
            year = got[0]
            if second and second[0] % 100 == (year + 1) % 100:
                year += 1
            out.append(_Cand("fy", {"year": year, "strength": "year"}, m.start(), m.end()))
        for m in p["split_year"].finditer(text):  # NTT's "1987/88": the year to March 1988
            if int(m["y2"]) == (int(m["y"]) + 1) % 100:
                out.append(_Cand("fy", {"year": int(m["y"]) + 1, "strength": "year"},
                                 m.start(), m.end()))
        for m in p["fiscal_rel"].finditer(text):
            end = self._end_after(text, m.end(), base, need_word=True)
            if end is not None:  # "the previous fiscal year ended January 31, 1986"
                out.append(_Cand("year_ended", {"end": end, "fiscal": True, "strength": "year"},
                                 m.start(), m.end()))
                continue
            rel = m["rel"].lower()
            shift = {"next": 1, "coming": 1, "this": 0, "current": 0, "new": 0}.get(rel, -1)
            out.append(_Cand("fy_rel", {"shift": shift, "strength": "strong"}, m.start(), m.end()))
        for m in p["year_ended"].finditer(text):
            end = self._end_after(text, m.end(), base, need_word=True)
            if end:
                out.append(_Cand("year_ended", {"end": end, "fiscal": bool(m["fis"] or m["fis2"]),
                                                "strength": "year"}, m.start(), m.end()))
        for m in p["title_year"].finditer(text, 0, first_para):
            year = int(m["y1"] or m["y2"]) if (m["y1"] or m["y2"]) else None
            out.append(_Cand("title_year", {"end": self._end_after(text, m.end(), base) or
                                            self._headline_end(text, m.end(), base, first_para),
                                            "year": year, "strength": "strong"},
                             m.start(), m.end()))
        for m in p["label"].finditer(text):
            label = m["l"].lower()
            kind = "quarter" if label in ("qtr", "quarter") else "year"
            out.append(_Cand("label", {"of": kind, "strength": "strong"}, m.start("l"),
                             m.end("l")))
        for m in p["seq"].finditer(text):
            if m.group(0).lower().endswith(("quarters", "qtrs")):
                continue  # "the coming quarters", "in recent quarters": a span without a count
            rel = words["sequence"][re.sub(r"\s+", " ", m["rel"].lower())]
            out.append(_Cand("seq", {"rel": rel if rel == "current" else int(rel),
                                     "strength": "ordinal"}, m.start(), m.end()))
        for m in p["bare_quarter"].finditer(text):
            if m["span"].lower().endswith(("quarters", "qtrs")):
                continue  # "in quarters to come"
            out.append(_Cand("bare", {"strength": "ordinal"}, m.start("span"), m.end("span")))
        for m in p["same"].finditer(text):
            noun = m["noun"].lower()
            year = _year_of(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else None
            if noun in ("time", "month", "months", "mths", "mth", "mos", "week", "weeks") \
                    and not (m["tail"] or year):
                continue  # "at the same time"
            if (m["pre"] or "").lower() in ("like",) and not (m["tail"] or year):
                continue
            out.append(_Cand("same", {"noun": noun, "year": (year[1] or year[0]) if year
                                      else None, "strength": "ordinal"}, m.start(), m.end()))
        for m in p["prior_year"].finditer(text):
            out.append(_Cand("prior_year", {"strength": "ordinal", "shift": 0 if m["cur"] else -1},
                             m.start(), m.end()))
        for m in p["last_of"].finditer(text):
            kind = "half" if m["kind"].lower() == "half" else "quarter"
            out.append(_Cand(kind, {
                "n": 2 if kind == "half" else 4, "year": int(m["y"]), "fiscal": bool(m["fis"]),
                "shift": 0, "rely": None, "end": None, "strength": "year"}, m.start(), m.end()))
        for m in p["quarters_run"].finditer(text):
            year = year_info(m, "y3")
            out.append(_Cand("months", {
                "n": 3 * int(counts.get(m["k"].lower(), m["k"])), "year": year,
                "fiscal": bool(m["fis3"] or m["fis4"]), "first": True, "shift": 0,
                "rely": (m["rely"] or "").lower() or None, "end": None, "sequential": False,
                "strength": "year" if year or m["rely"] else "weak"}, m.start(), m.end()))
        for m in p["year_ago"].finditer(text):
            out.append(_Cand("year_ago", {"word": m["w"].lower(), "strength": "year"},
                             m.start(), m.end()))
        self._more_candidates(text, out)
        for m in p["decade"].finditer(text):
            if m["w"]:
                value = f"19{_period_words()['decade'][m['w'].lower()]}X"
            elif m["d2"]:
                value = f"19{m['d2']}X" if m["d2"] not in "01" else f"20{m['d2']}X"
            else:
                value = f"{m['c']}{m['d']}X"
            out.append(_Cand("decade", {"value": value, "strength": "year"},
                             m.start(), m.end()))
        return out

    def _more_candidates(self, text: str, out: list[_Cand]) -> None:
        """Year ranges, several fiscal years, the full year, "in year", "last year" after an
        amount and runs of months back or ahead ("the past 12 months")."""
        p = _period_patterns()
        for m in p["range"].finditer(text):
            a, b = int(m["a"]), int(m["b"])
            if a < b <= a + 20:
                out.append(_Cand("range", {"a": a, "b": b, "strength": "year"}, m.start(),
                                 m.end()))
        for m in p["fiscal_years"].finditer(text):
            group = "a" if m["a"] else "b"
            years = list(re.finditer(r"(?:19|20)\d\d", m[group]))
            for i, y in enumerate(years):
                start, end = m.start(group) + y.start(), m.start(group) + y.end()
                if group == "b" and i == 0:
                    start = m.start()
                if group == "a" and i == len(years) - 1:
                    end = m.end()
                out.append(_Cand("fy", {"year": int(y.group(0)), "strength": "year"}, start, end))
        for m in p["full_year"].finditer(text):
            if "-" not in m["w"] and re.search(r"\b(?:a|one)\s+$", text[max(0, m.start() - 5):
                                                                        m.start()], re.I):
                continue  # "it took a full year": a duration ("a full-year profit" is a year)
            out.append(_Cand("full_year", {"year": int(m["y"]) if m["y"] else None,
                                           "strength": "year" if m["y"] else "strong"},
                             m.start(), m.end()))
        for m in p["in_year"].finditer(text):
            out.append(_Cand("full_year", {"year": None, "strength": "ordinal", "in": True},
                             m.start("span"), m.end("span")))
        for m in p["last_year"].finditer(text):
            before = text[max(0, text.rfind("\n", 0, m.start()) + 1, m.start() - 80):m.start()]
            if _AMOUNT_BEFORE.search(before):
                out.append(_Cand("last_year", {"strength": "year"}, m.start(), m.end()))
        for m in p["run"].finditer(text):
            n = _count(m["n"])
            if n is not None and 3 <= n <= 60 and n % 3 == 0:
                ahead = m["rel"].lower() in ("next", "coming", "following")
                if m["y"] and ahead or not m["y"] and (re.match(r"\s+of\b", text[m.end():])
                                                       or m["rel"].lower() == "final"):
                    continue  # "the last three months of the year": which year is not said
                out.append(_Cand("run", {"n": n, "ahead": ahead, "year": int(m["y"]) if m["y"]
                                         else None, "strength": "year"}, m.start(), m.end()))

    # what a sentence is about: "business", "other" (a game, a pregnancy) or None
    def _sense(self, doc: Doc, k: int) -> Optional[str]:
        cached = self._senses.get(k)
        if cached is None:
            business, other = _period_cues()
            start, end = self._sent_spans[k]
            tokens = [t.lower_ for t in doc.char_span(start, end, alignment_mode="expand")] \
                if end > start else []
            n_other = sum(t in other for t in tokens)
            n_business = sum(t in business for t in tokens)
            # one word of a game next to more of business ("the management team ... results")
            # does not make a sentence a match report
            cached = "other" if n_other and n_other >= n_business else (
                "business" if n_business else "")
            self._senses[k] = cached
        return cached or None

    def _accepted(self, doc: Doc, cand: _Cand, doc_business: bool) -> bool:
        strength = cand.info["strength"]
        if strength == "year" or self._before_results_noun(doc_text(doc), cand):
            return True
        sense = self._sense(doc, cand.sent)
        if strength == "strong":
            return sense != "other"
        if strength == "ordinal":
            return sense == "business" or (sense is None and doc_business)
        return sense == "business"

    @staticmethod
    def _before_results_noun(text: str, cand: _Cand) -> bool:
        """True for a quarter or half written right before a noun of results ("first-quarter
        results", "third-quarter profit"): a reporting period whatever else the sentence says."""
        if cand.kind not in ("quarter", "half"):
            return False
        m = _NEXT_WORD.match(text, cand.end)
        return bool(m) and m[1].lower() in _period_words()["months_noun"]

    def _forward(self, doc: Doc, cand: _Cand, climb: bool = False) -> bool:
        """True when the period is spoken of as to come ("expects a loss in the third quarter");
        ``climb``: look further up the parse for the verb (a month's "fell to a reading of 57.9
        in December")."""
        if (cand.info.get("end") or {}).get("ended"):
            return False  # "the quarter ended December 31" is over, whatever was expected
        if self._future(doc, cand.start, cand.end):
            return True
        verb = self._verb(doc, cand.start, cand.end)
        for _ in range(3 if climb else 0):
            if verb is None or verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb is not None and verb.pos_ == "VERB" and self._past_verb(verb) \
                and not verb.text.isupper() and verb.lemma_.lower() not in _FORWARD \
                and verb.lemma_.lower() not in _PROMISE \
                and verb.lemma_.lower() not in _SPEECH:
            return False  # "the share it reached in the first quarter": done, whatever the
            # sentence forecasts
        span = self._sentence(doc, cand)
        return span is not None and any(
            (t.lemma_.lower() in _FORWARD or t.lower_ in _FORWARD or t.lower_ in _FORWARD_FORMS
             or t.lemma_.lower() in _PROMISE and t.pos_ == "VERB")
            and not (t.lower_ in _FORWARD_VERBS_ONLY and t.pos_ not in ("VERB", "AUX"))
            for t in span)

    def _conditional(self, doc: Doc, cand: _Cand) -> bool:
        """True when the sentence says what would happen ("said sales would be hurt in the
        fourth quarter"): a quarter after the one reported is then this year's, not last."""
        span = self._sentence(doc, cand)
        return span is not None and any(t.lower_ == "would" and t.tag_ == "MD" for t in span)

    def _sentence(self, doc: Doc, cand: _Cand) -> Optional[Span]:
        """The sentence of a candidate, as a Span."""
        start, end = self._sent_spans[cand.sent]
        return doc.char_span(start, end, alignment_mode="expand")

    def _resolve(self, doc: Doc, cand: _Cand, base: Optional[date], reported: Optional[Period],
                 anchors: list[tuple[Optional[str], Optional[Period]]],
                 reporting: bool = False) -> tuple[Any, Optional[Period]]:
        """(value, period) of a candidate; ``reporting``: it is the period the article reports."""
        info = cand.info
        kind = cand.kind
        now = base.year * 12 + base.month - 1 if base else None
        fye = reported.fye if reported else (self._fye_hint or 12)
        if kind == "decade":
            return info["value"], None
        if kind in ("quarter", "half"):
            letter, n = ("Q", info["n"]) if kind == "quarter" else ("H", info["n"])
            size = 3 if letter == "Q" else 6
            end = (info.get("end") or {}).get("end")
            year = info["year"]
            if info.get("year_end") is not None:
                stop = info["year_end"]
                period = (_quarter if letter == "Q" else _half)(_fiscal_label(stop), n,
                                                                  stop % 12 + 1)
                return period.value, period
            if year is None and info["rely"] and base:
                rel = info["rely"]
                year = base.year + (-1 if rel in ("last", "the previous", "the prior")
                                    else 1 if rel == "next" else 0)
            if year is not None:
                period = (_quarter if letter == "Q" else _half)(year, n, fye)
            elif end is not None:
                period = _from_end(letter, n, end)
            elif reporting and now is not None and self._fye_hint:
                period = _from_end(letter, n, self._hinted_end(size * n, now))
            elif reporting and now is not None:
                period = _from_end(letter, n, _reported_end(size * n, now))
            elif reported is not None:
                fy = reported.fy
                if info["shift"]:  # "the prior first quarter": of the year before the one reported
                    fy, info = fy + info["shift"], {**info, "shift": 0}
                elif size * n > reported.covered and not self._forward(doc, cand) \
                        and not self._conditional(doc, cand):
                    fy -= 1  # "the fourth quarter" in a third-quarter report: the one before
                elif size * n < reported.covered and self._forward(doc, cand):
                    fy += 1  # "should end the first quarter with" in a fourth-quarter report
                period = (_quarter if letter == "Q" else _half)(fy, n, reported.fye)
            elif now is not None:
                y = base.year
                start = y * 12 + size * (n - 1)
                ended = self._ended_results(doc, cand, now)
                if ended is not None and self._forward(doc, cand):
                    y = ended  # results of a quarter just over, still to come out
                elif self._forward(doc, cand):
                    if start + size - 1 < now - 1:
                        y += 1
                    elif start - 12 + size - 1 >= now - 1:
                        y -= 1  # one that ended last month is still awaited ("report the fourth
                        # quarter" in January)
                elif start > now:
                    y -= 1
                period = Period(letter, y, n, y * 12 + size * n - 1)
            else:
                return None, None
            if info["shift"]:
                period = period.years(info["shift"])
            return period.value, period
        if kind == "months":
            n = info["n"]
            end = (info.get("end") or {}).get("end")
            year, rel = info["year"], info["rely"]
            if year is not None:
                stop = _fiscal_end(year, fye) - 12 + n
            elif rel and base:
                y = base.year + (-1 if rel in ("last", "the previous", "the prior")
                                 else 1 if rel == "next" else 0)
                stop = y * 12 + n - 1
                if rel not in ("last", "next", "the previous", "the prior") and stop >= now \
                        and not self._forward(doc, cand):
                    stop -= 12
            elif end is not None:
                stop = end
            elif reported is not None and not reporting:
                stop = reported.end
                if info["first"] and n < reported.covered:
                    stop = reported.end - reported.covered + n
            elif now is not None:
                stop = self._hinted_end(n, now) if self._fye_hint else _reported_end(n, now)
            else:
                return None, None
            if info.get("sequential"):
                stop -= 3
            period = Period("M", _fiscal_label(stop - n + 12), n, stop)
            if info["shift"] and not info.get("sequential"):
                period = period.years(info["shift"])
            return period.value, period
        if kind == "ytd":
            month = next((v for v, _ in reversed(anchors)
                          if v and re.fullmatch(r"\d{4}-\d\d", v)), None)
            if month:
                y, mo = int(month[:4]), int(month[5:7])
                period = Period("M", y, mo, y * 12 + mo - 1)
            elif reported is not None:
                period = Period("M", reported.fy, reported.covered, reported.end)
            elif now is not None:
                period = Period("M", base.year, base.month, now)
            else:
                return None, None
            return period.value, period
        if kind == "trailing":
            stop = reported.end if reported is not None else (now - 1 if now else None)
            if stop is None:
                return None, None
            period = Period("M", _fiscal_label(stop), info["n"], stop)
            return period.value, period
        if kind == "month_quarter":
            if now is None:
                return None, None
            month = info["month"]
            stop = now - ((now - (month - 1)) % 12)  # the last such month up to the article's
            if stop < now and (stop + 12 - 2 <= now or self._future(doc, cand.start, cand.end)):
                stop += 12  # the quarter in progress, or one spoken of as to come
            if month % 3 == 0:
                period = Period("Q", stop // 12, month // 3, stop)
            else:
                period = Period("M", _fiscal_label(stop), 3, stop)
            return period.value, period
        if kind == "fy":
            period = Period("Y", info["year"], 0, _fiscal_end(info["year"], fye), fiscal=True)
            return period.value, period
        if kind == "fy_rel":
            if now is None:
                return None, None
            current = now + ((fye - 1 - now % 12) % 12)
            period = _from_end("Y", 0, current).years(info["shift"])
            return f"FY{period.fy:04d}", replace(period, fiscal=True)
        if kind == "year_ended":
            end = info["end"]["end"]
            if end is None:
                return None, None
            period = replace(_from_end("Y", 0, end), fiscal=info["fiscal"])
            return period.value, period
        if kind == "title_year":
            if info["year"] is not None:
                period = Period("Y", info["year"], 0, _fiscal_end(info["year"], 12))
                return period.value, period
            end = (info.get("end") or {}).get("end")
            if end is None and now is not None:
                end = self._hinted_end(12, now) if self._fye_hint else _reported_end(12, now)
            if end is None:
                return None, None
            period = _from_end("Y", 0, end)
            return period.value, period
        if kind in ("range", "full_year", "last_year", "run"):
            return self._resolve_more(doc, cand, base, reported, anchors)
        if kind == "label":
            if reported is None:
                return (None if self._has_reported else _DROP), None
            if info["of"] == "quarter":
                return (reported.value, reported) if reported.kind == "Q" else (_DROP, None)
            period = Period("Y", reported.fy, 0, _fiscal_end(reported.fy, reported.fye))
            return period.value, period
        quarter = next((p for _, p in reversed(anchors) if p is not None and p.kind == "Q"),
                       None)
        if kind in ("seq", "bare"):
            anchor = quarter or (reported if reported is not None and reported.kind == "Q"
                                 else None)
            if kind == "bare":
                if anchor is None:
                    anchor = self._quarter_of(doc, cand, base, reported)
                if anchor is None:
                    return (None if self._has_reported else _DROP), None
                return anchor.value, anchor
            rel = info["rel"]
            if anchor is not None and quarter is None and now is not None and anchor.end >= now:
                # the quarter "reported" has not ended: it is the current one, not a report
                period = anchor.quarters({"current": 0, 0: -1}.get(rel, rel))
            elif anchor is not None:
                if rel == "current":
                    period = anchor.quarters(1) if self._forward(doc, cand) else anchor
                elif rel == 1:
                    period = anchor.quarters(1 if quarter is not None else 2)
                else:
                    period = anchor.quarters(rel)
            elif now is not None:
                q = (base.month - 1) // 3
                current = Period("Q", base.year, q + 1, base.year * 12 + 3 * q + 2)
                period = current.quarters({"current": 0, 0: -1}.get(rel, rel))
            else:
                return None, None
            return period.value, period
        if kind == "prior_year":
            shift = info["shift"]
            # the fiscal year before the one of the period reported ("Prior year"), or its own
            # ("Current year net", where its year is not the calendar one)
            if reported is not None and shift and reported.kind != "Y" \
                    and not self._year_table:  # "Prior year net" under a quarter's table alone
                period = reported.years(shift)
                return period.value, period
            if reported is not None and (shift or reported.fye != 12):
                fy = reported.fy + shift
                period = Period("Y", fy, 0, _fiscal_end(fy, reported.fye),
                                fiscal=reported.fiscal)
                return period.value, period
            return (f"{base.year + shift:04d}" if base else None), None
        if kind in ("same", "year_ago"):
            noun = info.get("noun", "period")
            wanted = {"quarter": "Q", "quarters": "Q", "qtr": "Q", "qtrs": "Q", "half": "H",
                      "halves": "H"}.get(noun)
            anchor_period = next((p for _, p in reversed(anchors) if p is not None
                                  and (wanted is None or p.kind == wanted)), None)
            anchor_value = next((v for v, _ in reversed(anchors)
                                 if v and not v.endswith("X") and "-W" not in v), None)
            if noun in ("week", "weeks"):
                anchor_value = next((v for v, _ in reversed(anchors) if v and "-W" in v), None)
                anchor_period = None
            sense = self._sense(doc, cand.sent)
            if anchor_period is None and anchor_value is None and reported is not None and (
                    kind == "same" or sense == "business"
                    or sense is None and (self._doc_business or reported.kind in "QH")) \
                    and (wanted is None or reported.kind == wanted):
                anchor_period = reported
            year = info.get("year")
            if anchor_period is not None:
                shift = (year - anchor_period.fy) if year else -1
                period = anchor_period.years(shift)
                return period.value, period
            if anchor_value is not None:
                shift = (year - value_year(anchor_value)) if year else -1
                return shift_value_years(anchor_value, shift), None
            if kind == "year_ago":
                if info["word"] == "ago":
                    return (f"{base.year - 1:04d}" if base else None), None
                return _DROP, None
            return None, None
        return None, None

    def _hinted_end(self, covered: int, now: int) -> int:
        """The last month up to the article's in which a period covering ``covered`` months of
        the fiscal year ends, the fiscal year ending in month ``self._fye_hint``."""
        month = (self._fye_hint - 1 - (12 - covered)) % 12  # 0-11
        return now - ((now - month) % 12)

    def _quarter_of(self, doc: Doc, cand: _Cand, base: Optional[date],
                    reported: Optional[Period]) -> Optional[Period]:
        """The quarter "during the quarter" means where no quarter is named: the last one of the
        period reported (a year's fourth, nine months' third), else, in a dated results story,
        the last one over by the article's date (the one in progress if spoken of as to come)."""
        if reported is not None:
            if reported.covered % 3 == 0 and 3 <= reported.covered <= 12:
                return Period("Q", reported.fy, reported.covered // 3, reported.end)
            return None
        if base is None or not self._has_reported:
            return None
        q = (base.month - 1) // 3
        current = Period("Q", base.year, q + 1, base.year * 12 + 3 * q + 2)
        return current if self._forward(doc, cand) else current.quarters(-1)

    def _ended_results(self, doc: Doc, cand: _Cand, now: Optional[int]) -> Optional[int]:
        """The year of a quarter or half without a year that ended at most three months before
        the article, when its results are spoken of ("SEES LOWER 4TH QTR RESULTS" in March
        1987: 1986's), else ``None``."""
        if now is None or cand.kind not in ("quarter", "half") or cand.info.get("year") \
                or (cand.info.get("end") or {}).get("end") is not None:
            return None
        size = 3 if cand.kind == "quarter" else 6
        end = (now // 12) * 12 + size * cand.info["n"] - 1
        if end >= now:
            end -= 12
        if now - end > 3:
            return None
        m = _NEXT_WORD.match(doc_text(doc), cand.end)
        results = bool(m) and m[1].lower() in _period_words()["months_noun"] or bool(
            _RESULTS_FOR.search(doc_text(doc), max(0, cand.start - 40), cand.start))
        return end // 12 if results else None

    def _in_note_year(self, doc: Doc, cand: _Cand, k: int) -> tuple[Any, Optional[Period]]:
        """A period without a year in a note that starts with one ("1985 net includes ... in
        quarter", "NOTE: 1986 includes ... in 3rd qtr") is of the note's year."""
        period = cand.period
        if period is None or cand.kind not in ("quarter", "half", "months", "bare", "full_year") \
                or cand.info.get("year") or cand.info.get("shift") \
                or (cand.info.get("end") or {}).get("end") is not None:
            return cand.value, period
        start, stop = self._sent_spans[k]
        m = _NOTE_YEAR.match(doc_text(doc), start, stop)
        if not m or m.end(1) > cand.start:
            return cand.value, period
        shift = int(m[1]) - period.fy
        if shift == 0 or not -3 <= shift <= 1:
            return cand.value, period
        period = period.years(shift)
        return period.value, period

    def _resolve_more(self, doc: Doc, cand: _Cand, base: Optional[date],
                      reported: Optional[Period],
                      anchors: list[tuple[Optional[str], Optional[Period]]]
                      ) -> tuple[Any, Optional[Period]]:
        """(value, period) of a year range, a full year, "last year" after an amount, a run."""
        info, kind = cand.info, cand.kind
        now = base.year * 12 + base.month - 1 if base else None
        if kind == "range":
            return f"{info['a']:04d}-01/{info['b']:04d}-12", None
        if kind == "full_year":
            year_anchor = next((p for _, p in reversed(anchors) if p is not None
                                and p.kind == "Y"), None)
            if info["year"] is not None:
                fye = reported.fye if reported is not None else 12
                period = Period("Y", info["year"], 0, _fiscal_end(info["year"], fye),
                                fiscal=fye != 12)
            elif year_anchor is not None:
                period = year_anchor
            elif reported is not None:
                period = Period("Y", reported.fy, 0, _fiscal_end(reported.fy, reported.fye),
                                fiscal=reported.fiscal)
            elif info.get("in"):
                return (None if self._has_reported else _DROP), None
            elif base is not None:
                # the year in progress when spoken of as to come, else the last one over
                # (a year's results come out in its first quarter)
                y = base.year if self._forward(doc, cand) or base.month > 3 else base.year - 1
                period = Period("Y", y, 0, _fiscal_end(y, 12))
            else:
                return None, None
            return period.value, period
        if kind == "last_year":
            anchor = next((p for _, p in reversed(anchors) if p is not None), None)
            if anchor is not None:
                period = anchor.years(-1)
                return period.value, period
            return (f"{base.year - 1:04d}" if base else None), None
        # up to the end of the year named ("the last three months of 2018"), of the period of
        # the sentence, else of the article's month
        n = info["n"]
        anchor = next((p for _, p in reversed(anchors) if p is not None), None)
        if info["year"] is not None:
            stop = info["year"] * 12 + 11
        elif now is None:
            return None, None
        elif info["ahead"]:
            stop = now + n
        else:
            stop = anchor.end if anchor is not None and anchor.end <= now else now
        return f"{_ym(stop - n + 1)}/{_ym(stop)}", None

    def _periods(self, doc: Doc, kept: list[list[Any]], base: Optional[date]) -> None:
        """Give each kept period candidate its value (in place), in text order."""
        cands = [item for item in kept if isinstance(item[2], _Cand)]
        if not cands:
            return
        reported = None
        self._has_reported = False
        # a results table of a longer period too ("Year" or "Nine mths" as a row label, "YEAR
        # NET" in the headline)
        self._year_table = any(c.kind in ("title_year", "months") or c.kind == "label" and
                               c.info["of"] == "year" for _, _, c, _ in cands)
        # the period reported: the first named in the headline or the lead, else the first
        # named without a year of its own ("the nine months ended October 31")
        eligible = [item[2] for item in kept if isinstance(item[2], _Cand)
                    and item[2].kind in ("quarter", "half", "months", "title_year")
                    and not item[2].info.get("shift") and not self._forward(doc, item[2])]
        first = next((c for c in eligible if c.sent <= REPORTED_WITHIN), None) or next(
            (c for c in eligible if not c.info.get("year")), None)
        self._fye_hint = self._fiscal_evidence(doc, [item[2] for item in kept if isinstance(
            item[2], _Cand)], first, base)
        if first is not None:
            self._has_reported = True
            value, period = self._resolve(doc, first, base, None, [], reporting=True)
            if period is not None:
                reported = period
                first.value, first.period = value, period
        fixes = {}
        anchors_by_sent: dict[int, list[tuple[Optional[str], Optional[Period]]]] = {}
        for item in kept:
            cand = item[2]
            k = bisect_right(self._sent_starts, item[0]) - 1
            anchors = anchors_by_sent.setdefault(k, [])
            if not isinstance(cand, _Cand):
                anchors.append((item[2], None))
                continue
            if cand.period is None and cand.value is None:
                cand.value, cand.period = self._resolve(doc, cand, base, reported, anchors)
                cand.value, cand.period = self._in_note_year(doc, cand, k)
            end = cand.info.get("end")
            if isinstance(end, dict) and end.get("fix"):
                fixes[end["fix"][0]] = end["fix"][1]
            item[2] = cand.value
            if cand.value is not _DROP and cand.kind not in ("seq", "bare", "same", "year_ago",
                                                            "prior_year", "last_year", "run",
                                                            "full_year") \
                    and not cand.info.get("shift"):  # "last year's third quarter" is one too
                anchors.append((cand.value, cand.period))  # relative ones are no anchors
        for item in kept:
            if item[0] in fixes and isinstance(item[2], str) and re.fullmatch(
                    r"\d{4}-\d\d-\d\d", item[2]):
                item[2] = fixes[item[0]]
        self._relative_to_reported(doc, kept, base, reported)

    def _relative_to_reported(self, doc: Doc, kept: list[list[Any]], base: Optional[date],
                              reported: Optional[Period]) -> None:
        """Relative dates of a results story read against the period it reports: "the next two
        quarters" are those after the quarter reported, "last year" of a company whose fiscal
        year is not the calendar one (stated in the article) is its last fiscal year."""
        if base is None or reported is None:
            return
        now = base.year * 12 + base.month - 1
        text = doc_text(doc)
        for item in kept:
            if not isinstance(item[2], str):
                continue
            span = text[item[0]:item[1]]
            m = _NEXT_QUARTERS.fullmatch(span)
            if m and reported.kind in "QHM" and reported.end < now:
                n = _count(m[1])
                if n is not None and 1 < n <= 8:
                    first = reported.end + 1
                    item[2] = f"{_ym(first)}/{_ym(first + 3 * n - 1)}"
                continue
            if _LAST_YEAR.fullmatch(span) and self._fye_hint not in (None, 12) \
                    and re.fullmatch(r"\d{4}", item[2]) \
                    and not re.match(r"['\u2019]s\b", text[item[1]:item[1] + 2]) \
                    and not _COMPARED_TO.search(text[max(0, item[0] - 12):item[0]]) \
                    and self._sense(doc, max(0, bisect_right(self._sent_starts, item[0]) - 1)) \
                    == "business":
                fye = self._fye_hint
                last = now - 1 - ((now - 1 - (fye - 1)) % 12)  # the last fiscal year over
                item[2] = f"FY{_fiscal_label(last):04d}"

    def _fiscal_evidence(self, doc: Doc, cands: list[_Cand], first: Optional[_Cand],
                         base: Optional[date]) -> Optional[int]:
        """The month (1-12) in which the company's fiscal year ends, from what the article says:
        a period with its end ("second quarter ended March 27", "nine months ended Feb 28"), a
        year with its end ("its fiscal year ending in January", "the year ended June 30"), "the
        quarter ended Nov 2" in the story of a numbered quarter, else "fiscal third quarter"
        told in the month after such a quarter ended (``None`` when it says nothing)."""
        for c in cands:
            if c.info.get("year_end") is not None:
                return c.info["year_end"] % 12 + 1
            end = (c.info.get("end") or {}).get("end")
            if end is None:
                continue
            if c.kind in ("quarter", "half"):
                covered = (3 if c.kind == "quarter" else 6) * c.info["n"]
            elif c.kind == "months" and c.info["n"] in (6, 9) and not c.info.get("shift"):
                # (twelve months to a month are as often a trailing year as a fiscal one)
                covered = c.info["n"]
            elif c.kind == "year_ended" or c.kind == "title_year":
                covered = 12
            else:
                continue
            return (end + 12 - covered) % 12 + 1
        if base is None or first is None or first.kind not in ("quarter", "half") \
                or first.info.get("year") or first.info.get("shift"):
            return None
        now = base.year * 12 + base.month - 1
        size = 3 if first.kind == "quarter" else 6
        text = doc_text(doc)
        for c in cands:  # "the quarter ended Nov. 2" in a third-quarter story
            if c.kind == "bare" and first.kind == "quarter":
                end = self._end_after(text, c.end, base, need_word=True)
                stop = (end or {}).get("end")
                if stop is not None and end.get("ended") and 0 <= now - stop <= 4:
                    return (stop + 12 - size * first.info["n"]) % 12 + 1
        fiscal = next((c for c in cands if c.kind == first.kind and c.info.get("fiscal")
                       and c.sent <= REPORTED_WITHIN  # the lead's "fiscal third quarter"
                       and c.info["n"] == first.info["n"] and not c.info.get("year")
                       and not c.info.get("shift") and not self._forward(doc, c)), None)
        if fiscal is None:
            return None
        stop = now - 1 if base.day >= 8 else now - 2  # results come out weeks after the end
        return (stop + 12 - size * first.info["n"]) % 12 + 1

    # -- the component ------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        base = parse_article_date(doc._.article_date)
        text = doc_text(doc)
        if len(doc) and doc.has_annotation("SENT_START"):
            self._sent_spans = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
                                for start, end in sentence_bounds(doc)]
        else:
            self._sent_spans = [(0, len(text))]
        self._sent_starts = [start for start, _ in self._sent_spans]
        self._senses: dict[int, str] = {}
        self._has_reported = False
        self._fye_hint: Optional[int] = None
        found: list[tuple[int, int, Any, int]] = list(self._absolute(doc, text, base))
        found += self._relative(text, base)
        found += self._year_edges(text)
        found += self._weekdays(doc, text, base)
        found += self._season_dates(doc, text, base)
        found += self._years(doc, text)
        business, other = _period_cues()
        lowers = doc_lowers(doc)
        cues = sum(1 for low in lowers if low in business)
        doc_business = cues >= 4 and 2 * sum(1 for low in lowers if low in other) < cues
        self._doc_business = doc_business
        for cand in self._period_candidates(doc, text, base):
            cand.sent = max(0, bisect_right(self._sent_starts, cand.start) - 1)
            if self._accepted(doc, cand, doc_business):
                found.append((cand.start, cand.end, cand, 3))
        found.sort(key=lambda f: (-(f[1] - f[0]), -f[3], f[0]))
        kept: list[list[Any]] = []
        for item in found:
            if all(item[1] <= s or e <= item[0] for s, e, _, _ in kept):
                kept.append(list(item))
        kept.sort(key=lambda k: (k[0], k[1]))
        self._periods(doc, kept, base)
        kept = [k for k in kept if k[2] is not _DROP]
        kept += [list(f) for f in self._fallback(doc, [(s, e) for s, e, _, _ in kept])]
        kept.sort(key=lambda k: (k[0], k[1]))
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
