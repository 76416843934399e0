"""Figures component: numbers with value, kind, unit, qualifier, counted noun, companies and year.

``doc._.figures`` holds one dict per figure (see ``contract.md``): ``text``, ``start``, ``end``,
``value`` (a number), ``unit`` (ISO currency, ``percent`` ...), ``kind`` (``count``, ``money``,
``percent``, ``multiplier``, ``share_price``, ``fraction``, ``number``), ``qualifier``
("over", "about", ...), ``counts`` (the counted noun phrase), ``companies`` (canonical names),
``year`` (int), ``period`` (the reporting period it belongs to, a date value such as ``1987-Q3``,
or ``None``); extra keys: ``range_end`` ("10 to 15 pct"), ``converted_from`` (the figure in
brackets after a currency conversion: "$6.3bn (£3.4bn)"). Spans go to ``doc.spans["figures"]``.

Figures are read token by token (the parse is unreliable around numbers and units); the parse
is used for what a figure counts and whom it belongs to. Words are data in ``models/``:
``currencies.tsv``, ``currency_adjectives.tsv``, ``magnitudes.tsv``, ``figure_qualifiers.tsv``,
``multipliers.tsv``, ``fractions.tsv``, ``figure_name_heads.txt``, ``figure_rows.tsv``,
``figure_periods.tsv``, ``periods.tsv`` (the dates component's words of periods).

Money by context: a bare amount in a money row of a results table ("Net 24.1 mln vs 18.2 mln") or
after money words ("revenues of 300 mln") is money in the currency the article established (one
it states, "in Canadian dlrs"; else the nearest earlier in the sentence or paragraph; else its
first), or ``unit: None`` when none is known; a shares row ("Avg shrs") counts ``shares``. In an
article in another dollar ("Shr 3.25 H.K. Dlrs") a plain "dlrs" is that dollar. A table row's
``period`` is its section's ("Nine mths", "Year"; before any, the headline's), a year earlier
after "vs"; in the notes under the table the one they name ("63,000 vs 211,000 for qtr", "1986
qtr and year", "both periods", "... respectively"); in a sentence it is the nearest period named
there (for money in a results sentence a year too: "1986 net profit rose to 145 mln"), not one
named for the figure compared with ("336 mln from 235 mln in the year-ago quarter": the year after
that), else the period the article reports (the lead's first that is no forecast; "annual" money:
its year). Words in ``figure_periods.tsv`` and ``periods.tsv``.

Which dollar a plain "dlrs" / "dollars" / "cts" is (a "$" or "US$", "U.S. dlrs", "C$",
"Canadian dlrs" names its own), decided in this order:

=====================================================  =====================================
evidence in the article                                plain dollars are
=====================================================  =====================================
a stated currency ("(in Canadian dlrs)", "all          that currency
figures in Canadian dollars", "figures in U.S. dlrs")
an amount marked in another dollar anywhere            that dollar ("U.S. dlrs" amounts stay
("4.5 mln Canadian dlrs", "C$12", "H.K. Dlrs")         the exception)
home-country cues of one country worth 2 or more       that country's dollar
(``models/currency_cues.tsv``: a note line "NOTE:
U.S. funds." 20, a Canadian dateline 2 (in the text,
"TORONTO (Reuters) -", or ``Doc._.dateline``, the
reader's ``dateline`` field "TORONTO, March 3 -"),
a Canadian province after its city "OAKVILLE,
Ontario" 2, another dateline "SYDNEY" 1, an
exchange named 1, a ticker "<X.TO>" 2, a headline
word "CANADIAN" 1, inside the
headline's company name "<CANADIAN FOREMOST LTD>" 2,
a province 1; plus
"not American" cues: "Ltd" 1, a NASDAQ foreign
ticker "<DLCFF>" 1, amounts marked "U.S. dlrs" 1
unless the first amount is one)
"not American" cues worth 2 but no one country (or a   ``unit: None`` (cannot be known)
tie between two)
nothing of the above                                   ``USD`` (the wire's dollar)
=====================================================  =====================================
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from functools import lru_cache
from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..assets import check_rules, read_lexicon, read_table, save_rules
from ..doc_index import DocIndex, doc_lowers, doc_text, sentence_bounds
from ..extensions import register_extensions
from .dates import (_FORWARD, _FORWARD_FORMS, _FUTURE_AUX, REPORTED_WITHIN, is_period_value,
                    parse_article_date, shift_value_years, value_year)
from ..numbers import (NUMBER_WORDS, TENS_WORDS, UNIT_WORDS, as_number, fraction_word,
                       is_number_word, magnitude, parse_digits, parse_words, split_suffixed)

__all__ = ["FigureExtractor"]


@Language.factory("extractor_figures", default_config={},
                  requires=["token.ent_type", "token.tag", "token.dep", "doc._.companies",
                            "doc._.company_groups", "doc._.dates"],
                  assigns=["doc._.figures", "doc.spans"])
def make_figures(nlp: Language, name: str) -> "FigureExtractor":
    register_extensions()
    return FigureExtractor(name)


# -- data ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Currency:
    iso: str
    family: str
    factor: Decimal


@lru_cache(maxsize=None)
def _currencies() -> tuple[dict[str, _Currency], dict[str, _Currency]]:
    """(symbols before a number, words after it), both keyed by lower-case form."""
    symbols, words = {}, {}
    for form, iso, family, factor in read_table("currencies.tsv"):
        entry = _Currency(iso, family, Decimal(factor))
        (words if form[0].isalpha() and not form.endswith("$") else symbols)[form.lower()] = entry
        if form.upper() == iso:  # an ISO code: before the number too ("EUR 1.1 billion")
            symbols[form.lower()] = entry
    return symbols, words


@lru_cache(maxsize=None)
def _currency_adjectives() -> dict[tuple[str, ...], dict[str, str]]:
    out: dict[tuple[str, ...], dict[str, str]] = {}
    for adjective, family, iso in read_table("currency_adjectives.tsv"):
        out.setdefault(tuple(adjective.lower().split()), {})[family] = iso
    return out


@lru_cache(maxsize=None)
def _currency_cues() -> tuple[tuple[str, str, str, int, re.Pattern], ...]:
    """(kind, form, ISO code or "-", weight, pattern) of ``models/currency_cues.tsv``."""
    out = []
    for kind, form, iso, weight in read_table("currency_cues.tsv"):
        if kind == "cents":
            continue  # not a cue of a country: see _cents_currencies
        if kind not in _CUE_PATTERNS:
            raise ValueError(f"currency_cues.tsv: unknown cue kind {kind!r} (known: "
                             f"{', '.join(sorted(_CUE_PATTERNS))})")
        out.append((kind, form, iso, int(weight), re.compile(_CUE_PATTERNS[kind](form))))
    return tuple(out)


@lru_cache(maxsize=None)
def _cents_currencies() -> frozenset[str]:
    """ISO codes of currencies other than dollars whose hundredths are "cents" too (rand): rows
    of kind ``cents`` of ``models/currency_cues.tsv``."""
    return frozenset(iso for kind, _, iso, _ in read_table("currency_cues.tsv") if kind == "cents")


def _words_pattern(form: str) -> str:
    return r"(?<![\w.-])" + re.escape(form).replace(r"\ ", r"\s+") + r"(?![\w-])"


# how each kind of currency cue is found (see models/currency_cues.tsv)
_CUE_PATTERNS = {
    "dateline": lambda form: r"(?:^|\n)[ \t]*" + re.escape(form) + r"(?=,|[ \t]+\(|[ \t]+-)",
    # the province or state after a dateline's city ("OAKVILLE, Ontario, March 3 -")
    "region": lambda form: r"(?im)^[ \t]*[^\W\d][^,\n]{0,40},[ \t]*" + re.escape(form)
    + r"(?=,|[ \t]+\(|[ \t]+-)",
    "exchange": _words_pattern,
    "ticker": lambda form: r"[<(][A-Z][A-Z0-9.]{0,8}?" + re.escape(form) + r"[>)]",
    "fifth_letter": lambda form: r"[<(][A-Z]{4}" + re.escape(form) + r"[>)]",
    "title": lambda form: "(?i)" + _words_pattern(form),
    "title_name": lambda form: r"(?i)<[^<>\n]*" + _words_pattern(form) + r"[^<>\n]*>",
    "place": _words_pattern,
    "legal": lambda form: f"(?:{_words_pattern(form)}|{_words_pattern(form.upper())})",
    "marked": re.escape,
    # a line of its own naming the currency of the figures ("NOTE: U.S. funds.")
    "note": lambda form: r"(?im)^[ \t]*(?:note[ \t]*[:-]?[ \t]*)?" + _words_pattern(form)
    + r"[ \t]*\.?[ \t]*$",
}


@lru_cache(maxsize=None)
def _qualifiers() -> dict[tuple[str, ...], str]:
    return {tuple(phrase.lower().split()): norm for phrase, norm in
            read_table("figure_qualifiers.tsv")}


@lru_cache(maxsize=None)
def _multipliers() -> dict[str, Decimal]:
    return {form.lower(): Decimal(value) for form, value in read_table("multipliers.tsv")}


@lru_cache(maxsize=None)
def _months() -> frozenset[str]:
    forms = [row[0] for row in read_table("calendar.tsv") if row[1] == "month"]
    return frozenset(forms + [f.upper() for f in forms if f != "May"])


@lru_cache(maxsize=None)
def _name_heads() -> frozenset[str]:
    return frozenset(read_lexicon("figure_name_heads.txt"))


@lru_cache(maxsize=None)
def _figure_period_words() -> dict[str, tuple[tuple[str, ...], ...]]:
    """``models/figure_periods.tsv``: kind -> phrases as lower-case token tuples, longest first;
    the ``annual`` phrases include the ``full_year`` forms of ``models/periods.tsv``."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for phrase, kind in read_table("figure_periods.tsv"):
        out.setdefault(kind, []).append(tuple(phrase.lower().split()))
    out.setdefault("annual", []).extend(
        tuple(f.split()) for f in _reporting_words().get("full_year", {}))
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in out.items()}


@lru_cache(maxsize=None)
def _reporting_words() -> dict[str, dict[str, str]]:
    """``models/periods.tsv`` (the words of reporting periods): kind -> {form: value}."""
    out: dict[str, dict[str, str]] = {}
    for form, kind, value in read_table("periods.tsv"):
        out.setdefault(kind, {})[form.lower()] = value
    return out


def _alternation(forms) -> str:
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len,
                                                                        reverse=True))


@lru_cache(maxsize=None)
def _note_pattern() -> re.Pattern:
    """A period named in a note under a results table: "qtr", "4th qtr", "six mths", "year",
    "both periods", with a year or a sequence word before it ("1986 qtr", "prior periods")."""
    words, mine = _reporting_words(), _figure_period_words()
    ordinal = _alternation(words.get("ordinal", {}))
    sequence = _alternation(list(words.get("sequence", {})) + ["current"])
    return re.compile(
        rf"(?<![\w-])(?:(?P<year>(?:19|20)\d\d)(?:'s)?\s+)?(?:(?P<seq>{sequence})\s+)?(?:"
        rf"(?:(?:{ordinal})\s+)?(?P<q>{_alternation(words.get('quarter', {}))})"
        rf"|(?:(?:{ordinal})\s+)?(?P<h>{_alternation(words.get('half', {}))})"
        rf"|(?P<n>{_alternation(words.get('count', {}))}|\d{{1,2}})[\s-]+"
        rf"(?P<m>{_alternation(words.get('months', {}))})"
        rf"|(?P<y>{_alternation(' '.join(p) for p in mine.get('year', ()))})"
        rf"|(?P<b>{_alternation(' '.join(p) for p in mine.get('both', ()))}))"
        rf"(?![\w-])(?![\s-]+(?:ago|earlier|before)\b)", re.IGNORECASE)


@lru_cache(maxsize=None)
def _rows() -> dict[str, str]:
    """Results-table row labels and results nouns: word -> ``money`` or ``shares``."""
    return {word.lower(): kind for word, kind in read_table("figure_rows.tsv")}


_PERCENT = {"%", "pct", "percent", "pc"}
_SHARE = {"share", "shr", "shares"}
_TABLE_LABELS = {"net", "revs", "shr", "shrs", "sales", "loss", "profit", "avg", "revenues",
                 "oper", "income", "assets", "deposits", "loans", "qtr", "year"}
_COMPARED = {"from", "against", "vs", "vs.", "versus", "after", "with"}
_UNKNOWN = object()  # a plain dollar whose country the article leaves open
_PENCE = re.compile(r"^(\d+(?:\.\d+)?)p$")
_MEASURE_NEXT = {"high", "long", "tall", "wide", "deep", "away", "above", "below", "square",
                 "thick", "across"}
_PER_SHARE_LABELS = {"shr", "shrs", "div", "dividend", "qtly", "qtrly", "eps"}
_TIME_AFTER = {"a.m.", "p.m.", "am", "pm", "gmt", "est", "edt", "bst", "cet", "hrs", "hours"}
_NAME_ENTS = {"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PERSON", "GPE", "LOC"}
_DEFINITE = {"the", "these", "those", "both", "all", "its", "their"}
_PRONOUNS = {"it", "they", "we", "he", "she", "its", "their", "our"}
_TIMES_NEXT = {"more", "as", "the", "higher", "larger", "bigger", "greater", "over", "its",
               "their", "that", "faster", "what", "lower", "smaller"}
_SMALL_WORDS = {"one", "a", "an"}
_VERB_POS = {"VERB", "AUX"}
_CLIMB = {"xcomp", "ccomp", "advcl", "conj", "acl", "relcl", "pcomp"}
# a results-table row: a label, then the first figure ("Net 24.1 mln vs 18.2 mln")
_ROW_UNIT = r"(?:\s*(?:%|[A-Za-z][A-Za-z.]*(?:\s+[A-Za-z][A-Za-z.]*)?))?"
# words that make a "label" a sentence ("Sales rose to 5 mln dlrs."), not a table row's label
_NOT_LABEL = {"to", "from", "of", "at", "by", "was", "were", "is", "are", "rose", "fell", "said",
              "grew", "totaled", "totalled", "reached", "be", "been", "has", "had", "will",
              "would", "increased", "decreased", "declined", "jumped", "dropped", "climbed"}
_ROW = re.compile(
    rf"^\s*(?P<label>[A-Za-z][A-Za-z.&/'-]*(?:\s+[A-Za-z][A-Za-z.&/'-]*){{0,3}}?)\s+"
    rf"(?:(?:profit|loss)\s+)?[-($]?\d[\d,./]*\)?{_ROW_UNIT}"
    rf"(?:\s+vs\.?\s+(?:(?:profit|loss)\s+)?[-($]?(?:\d[\d,./]*|[a-z]+)\)?{_ROW_UNIT})*"
    rf"\s*\.?\s*$", re.IGNORECASE)
# periods of notes under a results table ("NOTE: Net includes gains of 63,000 vs 211,000 for qtr")
_NOTE_LINE = re.compile(r"(?im)^[ \t]*notes?\b")
_NOTE_SENTENCE = re.compile(r"\.\s+(?=[A-Z0-9])")
_VS_GAP = re.compile(r"\s*,?\s*(?:vs\.?|versus)\s+(?:(?:profit|loss|credits?|gains?|charges?)\s+)?",
                     re.IGNORECASE)
_BACK_GAP = re.compile(r"[\s,]*(?:(?:in|for|during|of)\s+)?(?:the\s+)?", re.IGNORECASE)
_UNIT_GAP = re.compile(r"\s*(?:and|&|,)\s*", re.IGNORECASE)
_YEAR_IN_TEXT = re.compile(r"(?<![\w.,])((?:19|20)\d\d)(?![\w]|[.,]\d)")
_YEAR_VALUE = re.compile(r"(?:FY)?\d{4}")
_MONEY_KINDS = {"money", "per_share", "share_price"}
# a period named as the same one a year before ("a year earlier", "the year-ago quarter")
_AGO = re.compile(r"\b(?:ago|earlier|before)\b|year-ago|year-earlier|corresponding|comparable",
                  re.IGNORECASE)
_TITLE_YEAR = re.compile(r"^(?:(?:19|20)\d\d\s+)?(?:YEAR|YR)(?:\s+(?:19|20)\d\d)?$")
# a period that is already the one compared with ("a year ago", "the prior quarter")
_RELATIVE = re.compile(r"ago|earlier|before|prior|previous|preceding|same|comparable|"
                       r"corresponding|last", re.IGNORECASE)


@dataclass
class _Figure:
    start: int  # token indices, end exclusive
    end: int
    value: Decimal
    num: int  # index of the token that carries the number (for the parse)
    kind: str = "number"
    unit: Optional[str] = None
    qualifier: Optional[str] = None
    counts: Optional[str] = None
    extra: dict[str, Any] = field(default_factory=dict)
    bare: bool = True  # no magnitude, unit or fraction: a plain number
    has_magnitude: bool = False
    word: bool = False  # written in words
    scale: Decimal = Decimal(1)  # magnitude and unit factors applied to the number


class FigureExtractor:
    """Finds figures and attaches them to companies and years (see the module docstring)."""

    # -- serialisation: a saved pipeline names the rules it was made with (models/)
    def to_disk(self, path, *, exclude=()) -> None:
        save_rules(Path(path))

    def from_disk(self, path, *, exclude=()) -> "FigureExtractor":
        check_rules(Path(path))
        return self

    def __init__(self, name: str = "extractor_figures"):
        self.name = name
        self.symbols, self.currency_words = _currencies()
        self.adjectives = _currency_adjectives()
        self.qualifiers = _qualifiers()
        self.max_qualifier = max(len(k) for k in self.qualifiers)
        self.multipliers = _multipliers()
        self.name_heads = _name_heads()
        self.rows = _rows()
        self.dollars = frozenset(f["dollar"] for f in self.adjectives.values() if "dollar" in f)
        # words a figure can start with (a cheap test before reading one at every token)
        self.openers = frozenset(
            {k[0] for k in self.qualifiers} | set(self.symbols) | set(self.multipliers)
            | {"us", "u.s.", "a", "one", "half", "dozen"} | set(NUMBER_WORDS)
            | set(UNIT_WORDS) | {u + "-" + v for u in TENS_WORDS for v in UNIT_WORDS[1:10]})

    # -- reading a figure -----------------------------------------------------------------------
    def _qualifier(self, doc: Doc, i: int) -> tuple[Optional[str], int]:
        for size in range(min(self.max_qualifier, len(doc) - i), 0, -1):
            key = tuple(doc_lowers(doc)[i:i + size])
            if key in self.qualifiers:
                return self.qualifiers[key], size
        return None, 0

    def _number(self, doc: Doc, j: int) -> Optional[tuple[Decimal, int, bool, bool, bool]]:
        """Read a number at token ``j``: (value, end, has_magnitude, word, fraction)."""
        n = len(doc)
        tok = doc[j]
        text = tok.text
        value = parse_digits(text)
        if value is not None and "/" not in text:
            end = j + 1
            # Reuters' "2-1/2" = 2.5
            if end + 1 < n and doc[end].text == "-" and not tok.whitespace_ \
                    and not doc[end].whitespace_ and "/" in doc[end + 1].text:
                frac = parse_digits(doc[end + 1].text)
                if frac is not None and frac < 1:
                    return value + frac, end + 2, False, False, False
            # stock tables: "4 1/8" = 4.125
            if end < n and tok.whitespace_ == " " and "/" in doc[end].text and "." not in text:
                frac = parse_digits(doc[end].text)
                if frac is not None and frac < 1:
                    return value + frac, end + 1, False, False, False
            return value, end, False, False, False
        if value is not None:  # "1/2" alone
            return value, j + 1, False, False, True
        glued = split_suffixed(text)
        if glued is not None:
            if text[-1].isupper() and not text[-2].isalpha() and not (
                    j and doc[j - 1].lower_ in self.symbols):
                return None  # "3B minicomputer", "5G": a code, not "3 billion"
            if text[-1] in "mM" and j + 1 < n and doc[j + 1].lower_ in _MEASURE_NEXT:
                return glued[0], j + 1, False, False, False  # "2.5m high": metres, not millions
            return glued[0] * glued[1], j + 1, True, False, False
        lower = tok.lower_
        # fractions in words: "a third", "two-thirds", "half"
        frac = self._fraction(doc, j)
        if frac is not None:
            if frac[0] >= 1:  # "a quarter of a million": a number, not a fraction
                return frac[0], frac[1], True, True, False
            return frac[0], frac[1], False, True, True
        if lower == "dozen" or (lower in ("a", "one") and j + 1 < n
                                 and doc[j + 1].lower_ in ("dozen", "hundred", "thousand")):
            pass
        elif not is_number_word(lower):
            return None
        # number words: "thirty-five", "one hundred and five", "a dozen"
        k = j
        words: list[str] = []
        while k < n:
            low = doc[k].lower_
            if is_number_word(low) or low == "dozen" or (k == j and low in ("a", "one")):
                words.append(low)
                k += 1
            elif low == "-" and words and k + 1 < n and is_number_word(doc[k + 1].lower_) \
                    and not doc[k - 1].whitespace_:
                k += 1
            elif low == "and" and words and words[-1] == "hundred" and k + 1 < n \
                    and is_number_word(doc[k + 1].lower_):
                words.append(low)
                k += 1
            else:
                break
        if not words:
            return None
        dozen = words[-1] == "dozen"
        if dozen:
            words = words[:-1] or ["one"]
        value = parse_words(" ".join(words))
        if value is None:
            return None
        if dozen:
            value *= 12
        has_mag = any(w in ("million", "billion", "trillion", "thousand") for w in words[1:])
        return value, k, has_mag, True, False

    def _fraction(self, doc: Doc, j: int) -> Optional[tuple[Decimal, int]]:
        n = len(doc)
        low = doc[j].lower_
        if low == "half" and (j == 0 or doc[j - 1].lower_ not in ("first", "second")):
            # "half of", "by half"
            if (j + 1 < n and doc[j + 1].lower_ == "of") or (j and doc[j - 1].lower_ == "by"):
                return Decimal("0.5"), j + 1
            return None
        count: Optional[Decimal] = None
        k = j
        if low in ("a", "one"):
            count, k = Decimal(1), j + 1
        elif is_number_word(low):
            count = parse_words(low)
            k = j + 1
            if k < n and doc[k].text == "-" and not doc[j].whitespace_:
                k += 1
        if count is None or k >= n:
            return None
        part = fraction_word(doc[k].lower_)
        if part is None or doc[k].lower_ in ("half", "halves"):
            return None
        word = doc[k].lower_
        after = doc[k + 1].lower_ if k + 1 < n else ""
        before = doc[j - 1].lower_ if j else ""
        hyphen = doc[k - 1].text == "-"
        # "two thirds" is a fraction; "a third" only with "of" or after "by" ("a third party",
        # "a third goal"); "quarter(s)" only with "of" or hyphenated ("three-quarters")
        if word.startswith("quarter"):
            if after != "of" and not hyphen:
                return None
        elif not (word.endswith("s") and count > 1) and after != "of" and before != "by":
            return None
        value, end = count * part, k + 1
        # "a quarter of a million jobs"
        if after == "of" and k + 3 < n and doc[k + 2].lower_ == "a":
            factor = magnitude(doc[k + 3].lower_)
            if factor is not None and factor >= 1000:
                value, end = value * factor, k + 4
        if value >= 1 and end == k + 1:
            return None  # "the four quarters of a match": four of them, not one whole
        return value, end

    def _unit_after(self, doc: Doc, k: int, symbol: Optional[_Currency]):
        """Unit after the number at token ``k``: (kind, unit, factor, end)."""
        n = len(doc)
        if k < n and doc[k].lower_ in _PERCENT:
            end = k + 1
            if end < n and doc[end].lower_ in ("point", "points"):
                return "percent", "percentage_point", Decimal(1), end + 1
            return "percent", "percent", Decimal(1), end
        if k + 1 < n and doc[k].lower_ == "per" and doc[k + 1].lower_ == "cent":
            return "percent", "percent", Decimal(1), k + 2
        if k + 1 < n and doc[k].lower_ == "percentage" and doc[k + 1].lower_ in ("point", "points"):
            return "percent", "percentage_point", Decimal(1), k + 2
        # "Australian dlrs", "Hong Kong dollars", "U.S. dlrs"
        for size in (2, 1):
            if k + size < n:
                key = tuple(doc_lowers(doc)[k:k + size])
                families = self.adjectives.get(key) or self.adjectives.get(
                    tuple(w.replace(".", "") for w in key))  # "H.K. Dlrs"
                cur = self.currency_words.get(doc[k + size].lower_)
                if families and cur and cur.family in families:
                    return "money", families[cur.family], cur.factor, k + size + 1
        if k < n:
            cur = self.currency_words.get(doc[k].lower_)
            if cur is not None and not (doc[k].lower_ in ("mark", "real", "won", "crown", "rand")
                                        and symbol is None and doc[k].text[0].isupper()):
                return "money", cur.iso, cur.factor, k + 1
        if symbol is not None:
            return "money", symbol.iso, symbol.factor, k
        return None

    def _read(self, doc: Doc, i: int, allow_qualifier: bool = True) -> Optional[_Figure]:
        n = len(doc)
        qualifier, q = self._qualifier(doc, i) if allow_qualifier else (None, 0)
        j = i + q
        if j >= n:
            return None
        symbol = None
        low = doc[j].lower_
        if low in self.symbols:
            symbol = self.symbols[low]
            j += 1
        elif low in ("us", "u.s.") and j + 1 < n and doc[j + 1].text == "$":
            symbol = self.symbols["$"]
            j += 2
        if j >= n:
            return None
        pence = _PENCE.match(doc[j].text)
        if pence and symbol is None:  # "gained 9p to 448"
            return _Figure(start=i, end=j + 1, value=Decimal(pence.group(1)) / 100, num=j,
                           kind="money", unit="GBP", qualifier=qualifier, bare=False)
        number = self._number(doc, j)
        if number is None:
            return None
        value, k, has_mag, word, fraction = number
        fig = _Figure(start=i, end=k, value=value, num=k - 1, qualifier=qualifier,
                      word=word, has_magnitude=has_mag)
        glued = split_suffixed(doc[j].text)
        if glued is not None and has_mag:
            fig.scale = glued[1]
        if fraction:
            fig.kind, fig.unit, fig.bare = "fraction", None, False
            return fig
        if k < n and not has_mag:
            factor = magnitude(doc[k].lower_)
            single = doc[k].lower_.rstrip(".") in ("m", "b", "k", "bn", "mn")
            glued = not doc[k - 1].whitespace_ and (k + 1 >= n
                                                    or doc[k + 1].lower_ not in _MEASURE_NEXT)
            if factor is not None and (not single or symbol is not None or glued
                                       or self._unit_after(doc, k + 1, None) is not None):
                value *= factor
                fig.scale = factor
                k += 1
                fig.has_magnitude = True
                fig.num = k - 1
        fig.value, fig.end = value, k
        unit = self._unit_after(doc, k, symbol)
        if unit is not None:
            kind, iso, factor, end = unit
            fig.kind, fig.unit, fig.value, fig.end = kind, iso, value * factor, end
            fig.scale *= factor
            fig.bare = False
            if kind == "money":
                self._share_price(doc, fig)
            return fig
        # multipliers: "three times more", "a three-fold increase", "10-fold"
        if k < n and doc[k].lower_ == "times" and k + 1 < n and doc[k + 1].lower_ in _TIMES_NEXT:
            fig.kind, fig.end, fig.bare = "multiplier", k + 1, False
            return fig
        if k + 1 < n and doc[k].text == "-" and doc[k + 1].lower_ == "fold":
            fig.kind, fig.end, fig.bare = "multiplier", k + 2, False
            return fig
        if fig.has_magnitude:
            fig.bare = False
        return fig

    def _share_price(self, doc: Doc, fig: _Figure) -> None:
        n, k = len(doc), fig.end
        if fig.start and (doc[fig.start - 1].lower_ in _PER_SHARE_LABELS or fig.start > 1 and (
                doc[fig.start - 2].lower_ in _PER_SHARE_LABELS
                and doc[fig.start - 1].lower_ in ("loss", "profit", "earnings", "net"))):
            fig.kind = "per_share"  # Reuters' results tables: "Shr 1.20 dlrs"
            return
        if k + 1 < n and doc[k].lower_ in ("a", "per", "/") and doc[k + 1].lower_ in _SHARE:
            fig.kind, fig.end = "share_price", k + 2
            return
        prev = doc[fig.start - 1] if fig.start else None
        if prev is not None and prev.lower_ == "at" and fig.start >= 2 and any(
                t.lower_ in _SHARE or t.lower_ in ("stock", "shares") for t in
                doc[max(0, fig.start - 6):fig.start - 1]):
            fig.kind = "share_price"

    # -- what must not be a figure --------------------------------------------------------------
    def _excluded(self, doc: Doc, fig: _Figure, blocked: list[bool]) -> bool:
        if any(blocked[t] for t in range(fig.start, fig.end)):
            return True
        first = doc[fig.start]
        if fig.word and first.is_title and not first.is_sent_start and fig.qualifier is None:
            after = doc[fig.end] if fig.end < len(doc) else None
            before = doc[fig.start - 1]
            if (after is not None and after.is_title and after.pos_ in ("PROPN", "NOUN")) or \
                    (before.is_title and before.pos_ == "PROPN"):
                return True  # a title or a name: "Six Nations", "Million Dollar Baby"
        if not fig.bare:
            return False
        if first.text[:1] == "0" and first.text[1:2].isdigit():
            return True  # a code: "007"
        tok = doc[fig.num]
        first = doc[fig.start]
        prev = doc[fig.start - 1] if fig.start else None
        nxt = doc[fig.end] if fig.end < len(doc) else None
        # list numbers: "1." at the start of a line
        if tok.tag_ == "LS" or (nxt is not None and nxt.text in (".", ")") and (
                prev is None or prev.is_space or "\n" in prev.text_with_ws)):
            return True
        if prev is not None and (prev.text in self.name_heads or prev.text in (":", "#")):
            return True  # "Chapter 11", "Flight 370", "(NYSE: 1234)"
        if tok.ent_type_ in _NAME_ENTS or first.ent_type_ in _NAME_ENTS:
            if not (prev is not None and prev.lower_ in _TABLE_LABELS):
                return True
        if nxt is not None and nxt.lower_ in _TIME_AFTER:
            return True
        if self._glued_pair(doc, fig.start, fig.end):
            return True  # a score or a vote ("a 2-1 decision"), not a figure
        if prev is not None and prev.lower_ in ("top", "no", "no.", "number"):
            return True  # a rank: "the top three"
        months = _months()
        if nxt is not None and (nxt.text in months or fig.end + 2 < len(doc)
                                and nxt.lower_ in ("to", "-", "and")
                                and doc[fig.end + 1].like_num
                                and doc[fig.end + 2].text in months):
            return True  # a day: "6 January", "from 6 to 9 January"
        if prev is not None and (prev.text in months or prev.text.capitalize() in months):
            return True  # a day: "November six", "June 15"
        if prev is not None and prev.text == "-" and not prev.whitespace_ and fig.start >= 2 \
                and not doc[fig.start - 2].whitespace_ and doc[fig.start - 2].text[-1:].isalnum() \
                and not doc[fig.start - 2].like_num:
            return True  # a model or a code: "CFM56-5", "F-16"
        if len(tok.text) == 4 and tok.text[:2] in ("19", "20") and tok.text.isdigit() \
                and fig.end == fig.num + 1 and (tok.ent_type_ == "DATE"
                                                or not (nxt is not None and nxt.tag_ == "NNS")):
            return True  # a year the dates component did not take ("as 1987 progresses")
        if prev is not None and prev.pos_ == "PROPN" and not fig.word and (
                prev.is_title or prev.is_upper and len(prev) > 1
                and not (nxt is not None and nxt.is_upper)) \
                and tok.text.isdigit() and prev.lower_ not in _TABLE_LABELS:
            return True  # "Commodore 64", "Windows 95": part of a name
        if fig.word:
            if prev is not None and prev.lower_ in _DEFINITE and fig.qualifier is None:
                return True  # "those seven companies": a reference, not a figure
            if doc[fig.start].lower_ in _SMALL_WORDS | {"zero"} and fig.end - fig.start == 1:
                return True  # "one of the", "a"
        return False

    @staticmethod
    def _glued_pair(doc: Doc, start: int, end: int) -> bool:
        n = len(doc)
        after = end + 1 < n and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and not doc[end].whitespace_ and doc[end + 1].text.isdigit()
        before = start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ \
            and not doc[start - 1].whitespace_ and doc[start - 2].text.isdigit()
        return after or before

    # -- what it counts -------------------------------------------------------------------------
    @staticmethod
    def _np(head: Token, with_of: bool = True) -> str:
        """The counted noun phrase: the noun, its plain compounds, conjuncts and an of-phrase."""
        doc = head.doc
        left = head.i
        for child in reversed(list(head.lefts)):
            if child.i != left - 1 or child.dep_ != "compound" \
                    or child.pos_ not in ("NOUN", "PROPN") or magnitude(child.lower_) is not None:
                break
            if any(c.dep_ in ("amod", "compound", "nmod") for c in child.lefts):
                break
            left = child.i
        right = head.i
        for child in head.rights:
            if child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN") and child.i - right <= 4 \
                    and not any(c.dep_ == "nummod" or c.like_num for c in child.lefts):
                right = child.i
            elif with_of and child.dep_ == "prep" and child.lower_ == "of" and child.i == right + 1:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    obj = objs[0]
                    start = obj.i
                    for c in reversed(list(obj.lefts)):
                        if c.i == start - 1 and c.dep_ == "compound":
                            start = c.i
                    if start == child.i + 1:
                        right = max([obj.i] + [c.i for c in obj.rights if c.dep_ == "conj"])
        return doc[left:right + 1].text

    def _counts(self, doc: Doc, fig: _Figure) -> Optional[str]:
        tok = doc[fig.num]
        n = len(doc)
        if fig.end < n and doc[fig.end].lower_ == "of":
            objs = [c for c in doc[fig.end].children if c.dep_ == "pobj"]
            if objs and not objs[0].like_num:  # "four of the 12" counts nothing named
                return self._np(objs[0], with_of=False)
        head = tok
        for _ in range(3):
            if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "advmod") \
                    and head.head.i > head.i:
                head = head.head
                if head.pos_ in ("NOUN", "PROPN"):
                    break
            else:
                break
        if head.i == tok.i or head.pos_ not in ("NOUN", "PROPN") or head.i - fig.end > 5:
            return None
        if any("\n" in t.text_with_ws for t in doc[fig.num:head.i]):
            return None  # tables: the next line's label is not what this number counts
        if head.lower_ in _PERCENT or head.lower_ in self.currency_words \
                or magnitude(head.lower_) is not None:
            return None
        return self._np(head)

    # -- whom and when it belongs to ------------------------------------------------------------
    def _subject(self, doc: Doc, verb: Token, index: DocIndex, chain: set[int]):
        """Companies of the subject of ``verb``: the list right before it, else the parse."""
        p = verb.i - 1
        while p >= 0 and (doc[p].pos_ in ("AUX", "PART", "ADV") or doc[p].i in chain
                          or doc[p].dep_ in ("aux", "auxpass", "neg")):
            p -= 1
        if p >= 0:
            names = index.list_ending_at(p)
            if names:
                return names
            if doc[p].lower_ in _PRONOUNS and doc[p].dep_.startswith("nsubj"):
                return "PRONOUN"
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in _PRONOUNS:
                    return "PRONOUN"
                names = index.inside(child.left_edge.i, child.right_edge.i)
                if names:
                    return names
        return None

    def _companies(self, doc: Doc, fig: _Figure, index: DocIndex) -> list[str]:
        tok = doc[fig.num]
        verb = tok
        while (verb.pos_ not in _VERB_POS or verb.dep_ == "amod") and verb.head.i != verb.i:
            if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
                break
            verb = verb.head
        chain: set[int] = set()
        found: Any = None
        for _ in range(4):
            chain.add(verb.i)
            if verb.pos_ in _VERB_POS:
                found = self._subject(doc, verb, index, chain)
                if found and found != "PRONOUN":
                    return found
                if found is None and verb.dep_ not in _CLIMB:
                    break
            if verb.dep_ in ("acl", "relcl"):
                noun = verb.head
                names = index.inside(noun.left_edge.i, noun.i)
                if names:
                    return names
            if verb.head.i == verb.i:
                break
            verb = verb.head
            while verb.pos_ not in _VERB_POS and verb.head.i != verb.i \
                    and verb.dep_ not in ("acl", "relcl"):
                verb = verb.head
        # a pronoun subject at the top: the last company named before it
        if found == "PRONOUN":
            return index.named_before(self._sent_bounds(tok.i)[0])
        return []

    def _sent_bounds(self, i: int) -> tuple[int, int]:
        """(start, end) of the sentence of token ``i`` (``Token.sent`` walks the whole doc)."""
        starts = self._sent_starts
        k = bisect_right(starts, i) - 1
        return starts[k], (starts[k + 1] if k + 1 < len(starts) else self._n)

    def _year(self, doc: Doc, fig: _Figure, dates: list[tuple[int, int, int]]) -> Optional[int]:
        sent_start, sent_end = self._sent_bounds(fig.num)
        chain = [fig.num] + [t.i for t in doc[fig.num].ancestors]
        best = None
        for start, end, year in dates:
            if not (sent_start <= start < sent_end):
                continue
            root = doc[start:end].root
            depth = len(chain)
            for head in (root.head, root.head.head):
                if head.i in chain:
                    depth = min(depth, chain.index(head.i))
            after = start >= fig.end
            distance = start - fig.end if after else fig.start - end
            # on a tie the date after the figure wins: "12.5 pct in 1987 from 18.1 pct in 1986"
            key = (depth, distance, not after)
            if best is None or key < best[0]:
                best = (key, year)
        return best[1] if best else None

    # -- money by context and the period of each figure -----------------------------------------
    def _line(self, text: str, start: int) -> tuple[int, int]:
        left = text.rfind("\n", 0, start) + 1
        right = text.find("\n", start)
        return left, len(text) if right < 0 else right

    def _row(self, doc: Doc, text: str, fig: _Figure) -> Optional[tuple[int, str]]:
        """(line start, kind) when the figure is in a row of a results table ("Net 24.1 mln vs
        18.2 mln"): kind ``money``, ``shares``, ``per_share`` or ``other``; else ``None``."""
        left, right = self._line(text, doc[fig.start].idx)
        line = text[left:right]
        m = _ROW.match(line)
        if m is None or len(line) > 90 or line.lstrip().lower().startswith("note"):
            return None
        label = m.group("label").lower().split()
        if not label or set(label) & _NOT_LABEL:
            return None
        if " vs " not in line and not (set(label) & (set(self.rows) | _PER_SHARE_LABELS
                                                      | _TABLE_LABELS)):
            return None
        kinds = {self.rows.get(w) for w in label}
        if "shares" in kinds:
            return left, "shares"
        if set(label) & _PER_SHARE_LABELS:
            return left, "per_share"
        return left, "money" if "money" in kinds else "other"

    def _money_noun(self, doc: Doc, fig: _Figure) -> bool:
        """True when a bare amount is money by its words: "revenues of 24.1 mln", "net income
        rose to 24.1 mln", "sales were 3.2 billion", "a 5.6 mln profit"."""
        rows = self.rows
        start = fig.start
        if start and doc[start - 1].lower_ == "of" and rows.get(doc[start - 1].head.lower_) \
                == "money":
            return True
        tok = doc[fig.num]
        if tok.head.i > tok.i and tok.dep_ in ("nummod", "compound", "amod") \
                and rows.get(tok.head.lower_) == "money":
            return True
        head = tok
        for _ in range(4):
            if head.pos_ in _VERB_POS:
                return any(c.dep_ in ("nsubj", "nsubjpass") and rows.get(c.lower_) == "money"
                           for c in head.children)
            if head.head.i == head.i:
                break
            head = head.head
        return False

    def _stated_currency(self, doc: Doc) -> Optional[str]:
        """A currency the article states for its figures: "(in Canadian dlrs)", "figures in
        U.S. dollars"."""
        n = len(doc)
        for i in range(1, n):
            cur = self.currency_words.get(doc[i].lower_)
            if cur is None or doc[i].lower_ in ("cts", "cents", "pence", "p"):
                continue
            for size in (2, 1):
                if i - size - 1 < 0:
                    continue
                key = tuple(doc_lowers(doc)[i - size:i])
                families = self.adjectives.get(key)
                if families and cur.family in families and doc[i - size - 1].lower_ == "in":
                    return families[cur.family]
        return None

    def _money_context(self, doc: Doc, figures: list[_Figure]) -> None:
        """Bare amounts in money rows or money words become money in the currency the article
        established (the stated one, else the nearest earlier in the sentence or paragraph,
        else the article's first); shares rows are counts of ``shares``."""
        text = doc_text(doc)
        stated = self._stated_currency(doc)
        explicit = [f for f in figures if f.kind in ("money", "per_share", "share_price")
                    and f.unit and not f.bare and not f.extra.get("converted_from")]
        first = explicit[0].unit if explicit else None
        # an article in another dollar ("Shr 3.25 H.K. Dlrs", "in Canadian dlrs", a Toronto
        # company): its plain "dlrs" and "cts" are that dollar too (see "Which dollar" above)
        other = next((f.unit for f in explicit if f.unit in self.dollars and f.unit != "USD"),
                     None)
        dollar = stated or (first if first not in self.dollars else None) or other \
            or self._cents_currency(doc, explicit) \
            or (self._home_dollar(doc, explicit) if first == "USD" else None)
        if dollar is _UNKNOWN or dollar != "USD" and (dollar in self.dollars
                                                      or dollar in _cents_currencies()):
            unit = None if dollar is _UNKNOWN else dollar
            for fig in figures:
                if fig.unit == "USD" and self._plain_dollar(doc, fig):
                    fig.unit = unit
            first = unit
        for fig in figures:
            if fig.kind == "money" and fig.unit and fig.has_magnitude is False \
                    and fig.scale < 1:
                row = self._row(doc, text, fig)  # "Shr profit nil vs profit 12 cts"
                if row is not None and row[1] == "per_share":
                    fig.kind = "per_share"
                continue
            if fig.kind not in ("number", "count") or fig.unit is not None:
                continue
            row = self._row(doc, text, fig)
            money = False
            if row is not None:
                if row[1] == "shares":
                    fig.kind, fig.unit, fig.counts = "count", "shares", fig.counts
                    continue
                money = row[1] == "money"
            elif (fig.has_magnitude or fig.value >= 1000) and (
                    fig.counts is None and fig.kind == "number"
                    or fig.counts is not None
                    and self.rows.get(fig.counts.lower().split()[-1]) == "money"):
                money = self._money_noun(doc, fig)
            if not money:
                continue
            fig.kind, fig.counts, fig.bare = "money", None, False
            fig.unit = stated or self._nearby_currency(doc, fig, explicit, row) or first

    def _home_dollar(self, doc: Doc, explicit: list[_Figure]) -> Any:
        """The dollar a plain "dlrs" means by the article's home-country cues
        (``models/currency_cues.tsv``): ``USD``, another country's dollar, or ``_UNKNOWN``."""
        text = doc_text(doc)
        cut = text.find("\n\n")
        title = text[:cut] if cut > 0 else ""  # one paragraph: no headline of its own
        lead = text[:600]
        brackets = " ".join(re.findall(r"<[^<>\n]{1,80}>", text))
        # a dateline given as metadata (Reuters-21578's field) first
        # (in capitals: Reuters-21578 writes "Toronto, March 20 -" too), then one in the text
        dateline = f"{doc._.dateline.upper()}\n{lead}" if doc._.dateline else lead
        where = {"dateline": dateline, "region": dateline, "title": title, "title_name": title,
                 "legal": f"{title}\n{brackets}\n{lead}"}
        scores: dict[str, dict[str, int]] = {}
        for kind, form, iso, weight, pattern in _currency_cues():
            if kind == "marked":
                # not when the article opens with the marked dollar ("197.2 billion U.S.
                # dlrs, down 3.4 billion dlrs"): the plain ones after it are that dollar
                hit = not self._marked(doc, explicit[0]) and any(
                    f.unit == form and self._marked(doc, f) for f in explicit)
            else:
                hit = pattern.search(where.get(kind, text)) is not None
            if hit:
                kinds = scores.setdefault(iso, {})
                kinds[kind] = max(kinds.get(kind, 0), weight)
        foreign = sum(scores.pop("-", {}).values())
        ranked = sorted(((sum(kinds.values()), iso) for iso, kinds in scores.items()),
                        reverse=True)
        best, home = ranked[0] if ranked else (0, None)
        if best + foreign < 2:
            return "USD"  # no evidence against the wire's default: American dollars
        if home is None or len(ranked) > 1 and ranked[1][0] == best:
            return _UNKNOWN  # not American, but which dollar is not known
        return home

    def _marked(self, doc: Doc, fig: _Figure) -> bool:
        """True when the figure's currency is named with its country ("U.S. dlrs", "US$")."""
        words = doc_lowers(doc)[max(0, fig.start - 1):fig.end]
        return any((w,) in self.adjectives or w in ("us$", "u.s.$", "usd") for w in words)

    def _cents_currency(self, doc: Doc, explicit: list[_Figure]) -> Optional[str]:
        """The currency of an article whose only plain dollar amounts are cents and whose marked
        amounts are all in one currency with cents of its own ("Shr 616 cts" over "Pre-tax
        705.4 mln rand"); else ``None``."""
        plain = [f for f in explicit if f.unit == "USD" and self._plain_dollar(doc, f)]
        marked = {f.unit for f in explicit if f not in plain}
        if len(marked) != 1 or not plain:
            return None
        unit = next(iter(marked))
        if unit not in _cents_currencies():
            return None
        cents = {form for form, c in self.currency_words.items()
                 if c.family == "dollar" and c.factor < 1}  # "cts", "cents" (currencies.tsv)
        if all(any(t.lower_ in cents for t in doc[f.start:f.end])
               or not any(t.lower_ in self.currency_words for t in doc[f.start:f.end])
               for f in plain):
            return unit
        return None

    def _plain_dollar(self, doc: Doc, fig: _Figure) -> bool:
        """True when the figure's dollar is a bare "dlrs"/"cts" (no "$", no "U.S.")."""
        words = doc_lowers(doc)[fig.start:fig.end]
        if any(w in self.symbols for w in words):
            return False
        for k, word in enumerate(words):
            cur = self.currency_words.get(word)
            if cur is not None:
                if word == cur.iso.lower():
                    return False  # "500 mln USD": the code names its own currency
                before = tuple(words[max(0, k - 2):k])
                return cur.family == "dollar" and not any(
                    self.adjectives.get(before[i:]) for i in range(len(before)))
        return True  # no currency word of its own: the unit of the figure it is compared with

    def _nearby_currency(self, doc: Doc, fig: _Figure, explicit: list[_Figure],
                         row) -> Optional[str]:
        if row is not None:
            return None  # a table row: the table's (article's) currency
        sent_start = self._sent_bounds(fig.start)[0]
        para_start = doc_text(doc).rfind("\n\n", 0, doc[fig.start].idx)
        for other in reversed(explicit):
            if other.start >= fig.start:
                continue
            if other.start >= sent_start or doc[other.start].idx > para_start:
                return other.unit
            break
        return None

    # -- the period of each figure ---------------------------------------------------------------
    @staticmethod
    def _months_of(value: Optional[str]) -> Optional[int]:
        """Months a period value spans: ``1987-Q3`` 3, ``1987-H1`` 6, ``1987-01/1987-09`` 9,
        ``1987`` and ``FY1987`` 12; ``None`` for anything else."""
        if not value:
            return None
        if re.fullmatch(r"\d{4}-Q[1-4]", value):
            return 3
        if re.fullmatch(r"\d{4}-H[12]", value):
            return 6
        m = re.fullmatch(r"(\d{4})-(\d\d)/(\d{4})-(\d\d)", value)
        if m:
            return (int(m[3]) - int(m[1])) * 12 + int(m[4]) - int(m[2]) + 1
        return 12 if _YEAR_VALUE.fullmatch(value) else None

    def _phrase_at(self, lowers: list[str], end: int, kind: str) -> Optional[int]:
        """Start of a ``figure_periods.tsv`` phrase of ``kind`` ending right before token
        ``end``, else ``None``."""
        for phrase in _figure_period_words().get(kind, ()):
            start = end - len(phrase)
            if start >= 0 and tuple(lowers[start:end]) == phrase:
                return start
        return None

    def _fig_chars(self, doc: Doc, fig: _Figure) -> tuple[int, int]:
        last = doc[fig.end - 1]
        return doc[fig.start].idx, last.idx + len(last)

    def _compared(self, doc: Doc, fig: _Figure, previous: Optional[_Figure],
                  previous_compared: bool, sent_start: int) -> bool:
        """True when the figure is the one compared with: right after a compare word ("from 18.2
        mln", "compared with 4 mln"), after one and a money noun ("up from earnings of 16.1
        mln"), or joined to such a figure (", or 15 cts a share", "on sales of 188.8 mln")."""
        lowers = doc_lowers(doc)
        if self._phrase_at(lowers, fig.start, "compare") is not None:
            return True
        if fig.start and lowers[fig.start - 1] == "of":
            for back in range(2, 6):
                k = fig.start - back
                if k < sent_start or doc[k].like_num or doc[k].pos_ in _VERB_POS:
                    break
                if self._phrase_at(lowers, k, "compare") is not None:
                    # a results noun between ("from earnings of"), not "compared with its own
                    # forecast of"
                    return any(self.rows.get(w) == "money" for w in lowers[k:fig.start])
        if previous is not None and previous_compared and previous.end <= fig.start:
            gap = [t.lower_ for t in doc[previous.end:fig.start]]
            if gap in ([",", "or"], ["or"]) or len(gap) == 3 and gap[0] == "on" \
                    and gap[2] == "of" and self.rows.get(gap[1]) == "money":
                return True
        return False

    def _against(self, doc: Doc, fig: _Figure, d: dict[str, Any], figures: list[_Figure],
                 compared: bool) -> bool:
        """True when date ``d`` is what the figures are compared with, not the figure's period:
        directly after a compare word ("fell 8 pct from the previous quarter to 1.5 billion"),
        or after the figure across a compare word and the figure compared with ("rose to 336
        mln from 235 mln in the year-ago quarter": not 336 mln's)."""
        lowers = doc_lowers(doc)
        start = d["tok"]
        if start and lowers[start - 1] in ("the", "a", "an"):
            start -= 1
        if self._phrase_at(lowers, start, "compare") is not None and _RELATIVE.search(d["text"]) \
                and not (fig.start == d["tok_end"] or fig.start == d["tok_end"] + 1
                         and lowers[d["tok_end"]] in ("'s", "’s")):  # "last year's $13.3 bn"
            return True
        if compared or d["tok"] < fig.end:
            return False
        for c in range(fig.end, d["tok"]):
            if self._phrase_at(lowers, c + 1, "compare") is not None:
                if any(c < f.start < min(d["tok"], c + 7) for f in figures):
                    return True
        return False

    def _forward_date(self, doc: Doc, d: dict[str, Any]) -> bool:
        """True when a date of the lead is spoken of as to come ("sees U.S. advertising
        improving in fourth-quarter", "revenue for the current quarter would be")."""
        sequence = _reporting_words().get("sequence", {})
        if any(sequence.get(w) in ("current", "1") for w in d["text"].lower().split()):
            return True
        sent_start, sent_end = self._sent_bounds(d["tok"])
        before = doc[sent_start:d["tok"]]
        after = doc[d["tok_end"]:min(sent_end, d["tok_end"] + 3)]
        return any((t.lower_ in _FORWARD or t.lemma_.lower() in _FORWARD or t.lower_ in
                    _FORWARD_FORMS or t.lower_ in _FUTURE_AUX)
                   and not (t.i and doc[t.i - 1].lower_ in ("-", "than"))  # "better-than-expected"
                   for t in before) \
            or any(t.lower_ in _FUTURE_AUX for t in after)

    def _loose_row(self, text: str, start_char: int) -> Optional[int]:
        """Line start of a results-table row whose figures are partly words ("Shr profit one cent
        vs profit 21 cts", "Shr loss not given vs profit 16 cts"), for its period only."""
        left, right = self._line(text, start_char)
        line = text[left:right]
        words = re.findall(r"[a-z][a-z.]*", line.lower())
        if len(line) > 90 or not words or re.match(r"\s*notes?\b", line, re.I) \
                or not re.search(r"\bvs\.?\s", line) or set(words) & _NOT_LABEL \
                or words[0] not in set(self.rows) | _PER_SHARE_LABELS | _TABLE_LABELS:
            return None
        return left

    def _note_periods(self, doc: Doc, text: str, figures: list[_Figure], in_row: list[bool],
                      table: list[str]) -> dict[int, str]:
        """{figure index: period} for the figures of the notes under a results table: a period
        named right after a figure is its ("63,000 vs 211,000 for qtr and 304,000 vs 292,000 for
        year"), else the one named before it in the sentence ("Revs for qtr include ..."), else
        the next; "respectively" hands a list of periods out in order; a year named tells the
        current period from the one before ("1985 qtr and year includes"), as do "prior" and
        "year ago"; after "vs" the figure compared, a year earlier. ``table`` holds the table's
        sections (the headline's, then "Year", "Nine mths" ...)."""
        first = _NOTE_LINE.search(text)
        if first is None or not table or not any(in_row):
            return {}
        words = _reporting_words()
        prior_forms = [f for f, v in words.get("sequence", {}).items() if v == "-1"] \
            + list(words.get("year_ago", {})) + list(words.get("year_ago_tail", {}))
        prior = re.compile(rf"(?<![\w-])(?:{_alternation(prior_forms)})(?![\w-])", re.I)
        current = re.compile(r"(?<![\w-])(?:current|this)(?![\w-])", re.I)
        pattern = _note_pattern()
        counts = words.get("count", {})

        def section(months: Any) -> Optional[str]:
            if months == "both":
                return table[0]
            found = next((v for v in table if self._months_of(v) == months), None)
            if found is None and months == 12 and len(table) > 1:
                found = table[-1]  # "in year" under a half-year table: the year to date
            return found

        # sentences of the notes, with their figures and the periods they name
        sentences = []
        for line_match in re.finditer(r"[^\n]+", text[first.start():]):
            a = first.start() + line_match.start()
            line = line_match.group(0)
            cuts = [0] + [m.end() for m in _NOTE_SENTENCE.finditer(line)] + [len(line)]
            for lo, hi in zip(cuts, cuts[1:]):
                sentences.append((a + lo, a + hi))
        years_named: list[int] = []
        parsed = []
        for a, b in sentences:
            figs = [i for i, f in enumerate(figures) if not in_row[i]
                    and a <= doc[f.start].idx < b]
            if not figs:
                continue
            units = []
            for m in pattern.finditer(text, a, b):
                if m.group("y") and m.group("seq"):
                    continue  # "Current year net ...": which year, not a period
                if m.group("q"):
                    months: Any = 3
                elif m.group("h"):
                    months = 6
                elif m.group("m"):
                    n = m.group("n").lower()
                    months = int(n) if n.isdigit() else int(counts.get(n, 0) or 0)
                elif m.group("y"):
                    months = 12
                else:
                    months = "both"
                if units and _UNIT_GAP.fullmatch(text, units[-1]["end"], m.start()) \
                        and not m.group("year") and not m.group("seq"):
                    units[-1]["parts"].append(months)
                    units[-1]["end"] = m.end()
                    continue
                seq = m.group("seq")
                units.append({"start": m.start(), "end": m.end(), "parts": [months],
                              "year": int(m.group("year")) if m.group("year") else None,
                              "prior": bool(seq and prior.fullmatch(seq)) or None
                              if not (seq and current.fullmatch(seq)) else False})
                if m.group("year"):
                    years_named.append(int(m.group("year")))
            head = text[a:doc[figures[figs[0]].start].idx]
            label_year = next((int(y) for y in _YEAR_IN_TEXT.findall(head)), None)
            if label_year is not None:
                years_named.append(label_year)
            label_prior = True if prior.search(head) else False if current.search(head) else None
            parsed.append((a, b, figs, units, label_year, label_prior))
        latest = max(years_named) if years_named else None

        def is_prior(year: Optional[int], flag: Optional[bool]) -> Optional[bool]:
            if flag is not None:
                return flag
            if year is not None and latest is not None:
                return year < latest
            return None

        out: dict[int, str] = {}
        for a, b, figs, units, label_year, label_prior in parsed:
            spans = [self._fig_chars(doc, figures[i]) for i in figs]
            follower = [k > 0 and _VS_GAP.fullmatch(text, spans[k - 1][1], spans[k][0])
                        is not None for k in range(len(figs))]
            chosen: dict[int, tuple[dict, bool]] = {}  # position -> (unit, named after it)
            used_back = set()
            for k in range(len(figs)):
                if follower[k]:
                    continue
                j = k
                while j + 1 < len(figs) and follower[j + 1]:
                    j += 1
                unit = next((u for u in units if u["start"] >= spans[j][1]
                             and _BACK_GAP.fullmatch(text, spans[j][1], u["start"])), None)
                if unit is not None:
                    chosen[k] = (unit, True)
                    used_back.add(id(unit))
            for k in range(len(figs)):
                if follower[k] or k in chosen:
                    continue
                unit = next((u for u in reversed(units) if u["end"] <= spans[k][0]
                             and id(u) not in used_back), None) or next(
                    (u for u in units if u["start"] >= spans[k][1]), None)
                if unit is not None:
                    chosen[k] = (unit, False)
            respectively = "respectively" in text[a:b].lower()
            values: dict[int, Optional[str]] = {}
            for k in range(len(figs)):
                if follower[k]:
                    before = values.get(k - 1)
                    values[k] = shift_value_years(before, -1) if before else None
                    continue
                if k not in chosen:
                    values[k] = None
                    if len(table) == 1 and label_year is not None:
                        values[k] = table[0] if not is_prior(label_year, label_prior) \
                            else shift_value_years(table[0], -1)
                    continue
                unit, _ = chosen[k]
                part = 0
                if respectively and len(unit["parts"]) > 1:
                    kind = figures[figs[k]].kind
                    group = [q for q in range(len(figs)) if not follower[q] and q in chosen
                             and chosen[q][0] is unit and not chosen[q][1]
                             and figures[figs[q]].kind == kind]
                    if len(group) == len(unit["parts"]) and k in group:
                        part = group.index(k)
                value = section(unit["parts"][part])
                flag = is_prior(unit["year"], unit["prior"])
                if flag is None:
                    flag = is_prior(label_year, label_prior)
                values[k] = shift_value_years(value, -1) if value and flag else value
            for k, value in values.items():
                if value is not None:
                    out[figs[k]] = value
        return out

    def _periods(self, doc: Doc, figures: list[_Figure], dates: list[dict[str, Any]]) -> list:
        """The reporting period of each figure (a date value or ``None``): in a results table
        the section's ("Nine mths", "Year"; before any, the headline's), a year earlier after
        "vs"; in the notes under it the period they name (see ``_note_periods``); in a sentence
        the nearest period named in it (a year for money in a results sentence), not one the
        figures are compared with, else the headline's in a results sentence that names no
        date (the year it reports after "annual", "full-year")."""
        text = doc_text(doc)
        lead = self._sent_starts[REPORTED_WITHIN + 1] if len(self._sent_starts) \
            > REPORTED_WITHIN + 1 else self._n
        leading = [d for d in dates if d["tok"] < lead and (
            is_period_value(d["value"]) or d["header"] and d["value"])]
        # the period reported: the lead's first that is not spoken of as to come
        reported = next((d for d in leading if not self._forward_date(doc, d)),
                        leading[0] if leading else None)
        headers = [d for d in dates if d["header"] and d["value"]]
        out: list[Optional[str]] = [None] * len(figures)
        used: list[Any] = [None] * len(figures)
        rows: list[Optional[int]] = []
        for fig in figures:
            start_char = doc[fig.start].idx
            row = self._row(doc, text, fig)
            rows.append(row[0] if row is not None else self._loose_row(text, start_char))
        table = []
        for d in ([reported] if reported else []) + headers:
            if d["value"] not in table:
                table.append(d["value"])
        notes = self._note_periods(doc, text, figures, [r is not None for r in rows], table)
        lowers = doc_lowers(doc)
        fy_article = any((d["value"] or "").startswith("FY") for d in dates)
        compared_flags: list[bool] = []
        for index, fig in enumerate(figures):
            start_char = doc[fig.start].idx
            sent_start, sent_end = self._sent_bounds(fig.num)
            previous = figures[index - 1] if index and figures[index - 1].start >= sent_start \
                else None
            compared = self._compared(doc, fig, previous, bool(
                previous is not None and compared_flags[-1]), sent_start)
            compared_flags.append(compared)
            if rows[index] is not None:
                section = next((d for d in reversed(headers) if d["start"] < rows[index]),
                               reported)
                if section is None:
                    continue
                left = rows[index]
                vs = re.search(r"\bvs\.?\s", text[left:start_char]) is not None
                out[index] = shift_value_years(section["value"], -1) if vs else section["value"]
                continue
            if index in notes:
                out[index] = notes[index]
                continue
            money = fig.kind in _MONEY_KINDS
            inside = [d for d in dates if sent_start <= d["tok"] < sent_end]
            periods = [d for d in inside if is_period_value(d["value"])]
            against = [d for d in inside if money and (
                is_period_value(d["value"]) or _YEAR_VALUE.fullmatch(d["value"] or ""))
                and self._against(doc, fig, d, figures, compared)]
            periods = [d for d in periods if d not in against]
            starts = [f.start for f in figures if sent_start <= f.start < sent_end]

            def between(d: dict[str, Any]) -> int:
                after = d["tok"] >= fig.end
                low, high = (fig.end, d["tok"]) if after else (d["tok_end"], fig.start)
                return sum(1 for s in starts if low <= s < high)  # figures in between

            # the same amount told again right after the figure ("1.08 billion dlrs, or 5.02
            # dlrs per share"): no figure in between for a year
            partners = {f.start for f in figures[max(0, index - 1):index + 2] if f is not fig
                        and [t.lower_ for t in doc[min(f.end, fig.end):max(f.start, fig.start)]]
                        in ([",", "or"], ["or"])}

            def year_fits(d: dict[str, Any]) -> bool:
                after = d["tok"] >= fig.end
                low, high = (fig.end, d["tok"]) if after else (d["tok_end"], fig.start)
                if high - low > 12 or self._phrase_at(lowers, d["tok"], "not_before") is not None:
                    return False
                if sum(1 for s in starts if low <= s < high and s not in partners):
                    return False
                if compared and not after or self._against(doc, fig, d, figures, compared):
                    return False
                if after and d["tok_end"] < len(doc) \
                        and self.rows.get(lowers[d["tok_end"]]) == "money":
                    return False  # "sales of 3 billion after 1984 losses of 997 mln": the next's
                return after or not any(  # "growth in 1987 above the 1.08 billion earned in 1986"
                    t.tag_ in ("JJR", "RBR") or (t.lower_,) in _figure_period_words().get(
                        "beyond", ()) for t in doc[low:high])

            def key(d: dict[str, Any]) -> tuple:
                after = d["tok"] >= fig.end
                low, high = (fig.end, d["tok"]) if after else (d["tok_end"], fig.start)
                return between(d), high - low, not after
            results = any(self.rows.get(t.lower_) == "money" for t in doc[sent_start:sent_end])
            annual = money and reported is not None and any(
                self._phrase_at(lowers, k, "annual") is not None
                for k in range(max(sent_start, fig.start - 8), fig.start + 1))
            # a balance at a date ("loans at end-1986", "assets as of September 30"): no period
            balance = any("end" in d["text"].lower().split("-") + d["text"].lower().split()
                          or self._phrase_at(lowers, d["tok"], "not_before") is not None
                          or "end" in lowers[max(0, d["tok"] - 3):d["tok"]] for d in inside)
            if not periods and money and results and not balance:
                # a year in a results sentence: "1986 net profit rose to 145 mln from 125 mln in
                # 1985" (not "since 2005", not a year across another figure)
                periods = [d for d in inside if _YEAR_VALUE.fullmatch(d["value"] or "")
                           and year_fits(d)]
                years = [d for d in inside if _YEAR_VALUE.fullmatch(d["value"] or "")]
                if "respectively" in lowers[sent_start:sent_end] and len(years) > 1:
                    # "add 0.8B and 1.6B to our 2020 and 2021 revenue estimates, respectively"
                    listed = [f for f in figures if sent_start <= f.start < years[0]["tok"]
                              and f.kind in _MONEY_KINDS]
                    periods = [years[listed.index(fig)]] if len(listed) == len(years) \
                        and fig in listed else []
            if periods:
                best = min(periods, key=key)
                ago = next((d for d in inside if d["tok"] == best["tok_end"]
                            and is_period_value(d["value"]) and _AGO.search(d["text"])), None)
                if ago is not None:
                    best = ago  # "in the first quarter a year ago": the quarter a year before
                out[index], used[index] = best["value"], id(best)
                out[index] = self._year_ago(doc, best, reported, sent_start, sent_end)
            elif against and money and not balance:
                # the date is the figure compared with's: the figure's is the year after ("rose to
                # 336 mln from 235 mln in the year-ago quarter"), else the one reported
                last = against[-1]
                if annual:
                    out[index] = self._annual(doc, reported, fy_article)
                elif _AGO.search(last["text"]):
                    out[index] = shift_value_years(
                        self._year_ago(doc, last, reported, sent_start, sent_end), 1)
                elif reported is not None and results and "end" not in last["text"].lower():
                    out[index] = reported["value"]
                continue
            elif not inside and reported is not None and results \
                    and not re.match(r"\s*note", text[self._line(text, start_char)[0]:], re.I):
                out[index], used[index] = reported["value"], id(reported)
                if annual:
                    out[index] = self._annual(doc, reported, fy_article)
                    continue
            else:
                continue
            # "rose to 24.1 mln in the quarter from 18.2 mln": the figure compared, a year before
            if compared:
                earlier = [used[j] for j in range(index) if used[j] == used[index]
                           and figures[j].start >= sent_start and figures[j].kind == fig.kind]
                target = next((d for d in dates if id(d) == used[index]), None)
                if earlier and target is not None and not _RELATIVE.search(target["text"]):
                    out[index] = shift_value_years(out[index], -1)
        for index in range(1, len(figures)):
            fig, main = figures[index], figures[index - 1]
            if fig.kind in _MONEY_KINDS and main.kind in _MONEY_KINDS and rows[index] is None \
                    and fig.start == main.end + 1 and doc[main.end].text == "(":
                out[index] = out[index - 1]  # "300 billion yen ($4 billion)": the same period
        return out

    def _annual(self, doc: Doc, reported: dict[str, Any], fy_article: bool) -> Optional[str]:
        """The (fiscal) year of the period reported, for an "annual" or "full-year" figure:
        ``FY2012`` where the article names fiscal years or its label runs ahead of the calendar
        (Toshiba's 2012-Q2 told in October 2011), else ``2012``."""
        value = reported["value"]
        year = value_year(value)
        if year is None or self._months_of(value) == 12:
            return value
        base = parse_article_date(doc._.article_date)
        return f"FY{year}" if fy_article or base is not None and year > base.year else str(year)

    def _year_ago(self, doc: Doc, d: dict[str, Any], reported: Optional[dict[str, Any]],
                  sent_start: int, sent_end: int) -> Optional[str]:
        """The value of date ``d`` as a figure's period: "a year earlier" given as a year in a
        quarterly report is the quarter a year earlier (unless the sentence speaks of years)."""
        if reported is not None and _AGO.search(d["text"]) and \
                _YEAR_VALUE.fullmatch(d["value"] or "") and \
                self._months_of(reported["value"]) not in (None, 12) and \
                value_year(d["value"]) == (value_year(reported["value"]) or 0) - 1 \
                and not any(t.lower_ in ("year", "annual", "full-year") for t in
                            doc[sent_start:sent_end] if not d["tok"] <= t.i < d["tok_end"]):
            return shift_value_years(reported["value"], -1)
        return d["value"]

    # -- multiplier verbs -----------------------------------------------------------------------
    def _multiplier(self, doc: Doc, i: int) -> Optional[_Figure]:
        tok = doc[i]
        value = self.multipliers.get(tok.lower_)
        if value is None or tok.pos_ not in ("VERB", "ADJ", "ADV", "NOUN"):
            return None
        if tok.lower_ in ("double", "triple", "doubles", "triples", "halves") \
                and tok.pos_ != "VERB":
            return None
        if i + 1 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_:
            return None  # "double-digit"
        if i + 1 < len(doc) and doc[i + 1].lower_ in ("up", "as", "down", "back", "over"):
            return None  # "doubles up as", "doubled over": not a multiplier
        fig = _Figure(start=i, end=i + 1, value=value, num=i, kind="multiplier", bare=False)
        # "more than doubled", "nearly tripled"
        for size in range(min(self.max_qualifier, i), 0, -1):
            key = tuple(doc_lowers(doc)[i - size:i])
            if key in self.qualifiers:
                fig.qualifier, fig.start = self.qualifiers[key], i - size
                break
        head = None
        if tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN"):
            head = tok.head
        elif tok.pos_ == "VERB":
            objs = [c for c in tok.children if c.dep_ == "dobj"]
            subjs = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
            if objs:
                head = objs[0]
            elif subjs and subjs[0].lower_ not in _PRONOUNS:
                head = subjs[0]
        if head is not None and head.pos_ in ("NOUN", "PROPN"):
            fig.counts = self._np(head)
        return fig

    # -- the component --------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        blocked = [False] * n
        index = doc._.company_index  # company mentions and group references are no figures
        for t in index.covered:
            blocked[t] = True
        dates: list[tuple[int, int, int]] = []
        date_items: list[dict[str, Any]] = []
        text = doc_text(doc)
        title_end = text.find("\n\n")
        header_words = set(_figure_period_words().get("year", ())) | set(
            _figure_period_words().get("header", ()))
        for d in doc._.dates or ():
            span = doc.char_span(d["start"], d["end"], alignment_mode="expand")
            if span is None:
                continue
            for t in range(span.start, span.end):
                blocked[t] = True
            year = value_year(d.get("value"))
            if year is not None:
                dates.append((span.start, span.end, year))
            left, right = self._line(text, d["start"])
            rest = text[left:d["start"]] + " " + text[d["end"]:right]
            header = text[left:right].strip() == d["text"].strip() or (
                _TITLE_YEAR.match(d["text"]) is not None and d["start"] < title_end) or (
                # "Year 1986", "Fiscal 1986": a section header with its year
                bool(rest.split()) and _YEAR_VALUE.fullmatch(d.get("value") or "") is not None
                and all((w,) in header_words for w in rest.lower().split()))
            date_items.append({"text": d["text"], "start": d["start"], "value": d.get("value"),
                               "tok": span.start, "tok_end": span.end, "header": header})

        self._n = n
        self._sent_starts = [start for start, _ in sentence_bounds(doc)] if n else [0]
        openers = self.openers
        lowers = doc_lowers(doc)
        figures: list[_Figure] = []
        i = 0
        while i < n:
            low = lowers[i]
            if not (low[:1].isdigit() or low in openers or low[:1] == "." and low[1:2].isdigit()):
                i += 1
                continue
            tok = doc[i]
            if tok.is_space or tok.is_punct and tok.text not in self.symbols:
                i += 1
                continue
            fig = self._multiplier(doc, i) if tok.lower_ in self.multipliers else None
            if fig is None:
                fig = self._read(doc, i)
            if fig is not None:
                self._range(doc, fig, figures)
            if fig is None or self._excluded(doc, fig, blocked):
                i += 1
                continue
            if figures and fig.kind == "number" and fig.has_magnitude and fig.start >= 1 \
                    and doc[fig.start - 1].lower_ in _COMPARED:
                # "to 9.61 billion dlrs from 8.57 billion": the unit of the figure compared with
                sent_start = self._sent_bounds(fig.start)[0]
                for earlier in reversed(figures):
                    if earlier.start < sent_start:
                        break
                    if earlier.kind == "money":
                        fig.kind, fig.unit = "money", earlier.unit
                        break
            gap = 2 if fig.start >= 2 and doc[fig.start - 1].lower_ in ("profit", "loss") else 1
            if figures and fig.start >= gap and figures[-1].end == fig.start - gap \
                    and doc[fig.start - gap].lower_ in ("vs", "vs.", "versus"):
                before = figures[-1]  # "Shr 1.20 dlrs vs 1.10 dlrs", "Net 5.6 mln vs 4.5 mln"
                if fig.kind in ("number", "count") or (
                        fig.kind == "money" and before.kind in ("per_share", "share_price")):
                    fig.kind, fig.unit = before.kind, before.unit or fig.unit
                    fig.bare, fig.counts = before.bare, before.counts
            figures.append(fig)
            i = fig.end
        self._conversions(doc, figures)
        for fig in figures:
            if fig.kind == "number" and fig.counts is None:
                fig.counts = self._counts(doc, fig)
                if fig.counts:
                    fig.kind = "count"
        self._money_context(doc, figures)
        periods = self._periods(doc, figures, date_items)

        out, spans = [], []
        for fig, period in zip(figures, periods):
            last = doc[fig.end - 1]
            start, end = doc[fig.start].idx, last.idx + len(last)
            if last.text.endswith(".") and len(last) > 1 and magnitude(last.text) is not None:
                end -= 1  # "£17m." ends a sentence: the full stop is not part of the figure
            record = {"text": text[start:end], "start": start, "end": end,
                      "value": as_number(fig.value), "unit": fig.unit, "kind": fig.kind,
                      "qualifier": fig.qualifier, "counts": fig.counts,
                      "companies": self._companies(doc, fig, index),
                      "year": self._year(doc, fig, dates), "period": period}
            if period is not None and value_year(period) is not None:
                record["year"] = value_year(period)  # the year of the period it belongs to
            for key, val in fig.extra.items():
                record[key] = as_number(val) if isinstance(val, Decimal) else val
            out.append(record)
            spans.append(Span(doc, fig.start, fig.end, label=fig.kind))
        doc._.figures = out
        doc.spans["figures"] = spans
        return doc

    def _range(self, doc: Doc, fig: _Figure, figures: list[_Figure]) -> None:
        """ "10 to 15 pct", "between 10 and 15 pct", "10-15 pct": one figure with ``range_end``."""
        n, k = len(doc), fig.end
        if k + 1 >= n or fig.kind not in ("number", "count") or fig.unit is not None:
            return
        link = doc[k].lower_
        if link == "-" and (doc[k - 1].whitespace_ or doc[k].whitespace_):
            return
        if not (link in ("to", "-") or (link == "and" and fig.qualifier == "between")):
            return
        second = self._read(doc, k + 1, allow_qualifier=False)
        if second is None or second.bare and not (fig.qualifier == "between"):
            return
        prev = doc[fig.start - 1].lower_ if fig.start else ""
        if not fig.has_magnitude:
            fig.value *= second.scale
        if prev == "from":
            fig.kind, fig.unit = second.kind, second.unit
            fig.bare = False
            return
        fig.kind, fig.unit = second.kind, second.unit
        fig.extra["range_end"] = second.value
        if fig.qualifier == "between":
            fig.qualifier = None
        fig.end, fig.num, fig.bare = second.end, second.num, False
        fig.counts = second.counts

    @staticmethod
    def _conversions(doc: Doc, figures: list[_Figure]) -> None:
        """Link "$6.3bn (£3.4bn)" and "77m euros (£53m; $100m)": each bracketed money figure
        gets ``converted_from`` (the text, value and unit of the figure it converts)."""
        n = len(doc)
        for index, first in enumerate(figures):
            if first.kind not in ("money", "share_price") or first.end >= n \
                    or doc[first.end].text != "(":
                continue
            position = first.end + 1
            for second in figures[index + 1:]:
                if second.start != position or second.kind != first.kind:
                    break
                closing = doc[second.end].text if second.end < n else ""
                if closing not in (")", ";", ",", "/"):
                    break
                second.extra["converted_from"] = {"text": doc[first.start:first.end].text,
                                                  "value": as_number(first.value),
                                                  "unit": first.unit}
                if closing == ")":
                    break
                position = second.end + 1
