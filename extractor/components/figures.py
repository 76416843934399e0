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
``multipliers.tsv``, ``fractions.tsv``, ``figure_name_heads.txt``, ``figure_rows.tsv``.

Money by context: a bare amount in a money row of a results table ("Net 24.1 mln vs 18.2 mln") or
after money words ("revenues of 300 mln") is money in the currency the article established (one
it states, "in Canadian dlrs"; else the nearest earlier in the sentence or paragraph; else its
first), or ``unit: None`` when none is known; a shares row ("Avg shrs") counts ``shares``. In an
article in another dollar ("Shr 3.25 H.K. Dlrs") a plain "dlrs" is that dollar. A table row's
``period`` is its section's ("Nine mths", "Year"; before any, the headline's), a year earlier
after "vs"; in a sentence it is the nearest period named there.

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
from .dates import REPORTED_WITHIN, is_period_value, shift_value_years, value_year
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
_COMPARED_WITH = {"from", "vs", "vs.", "versus", "against"}
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

    def _periods(self, doc: Doc, figures: list[_Figure], dates: list[dict[str, Any]]) -> list:
        """The reporting period of each figure (a date value or ``None``): in a results table
        the section's ("Nine mths", "Year"; before any, the headline's), a year earlier after
        "vs"; in a sentence the nearest period named in it, else the headline's in a results
        sentence that names no date."""
        text = doc_text(doc)
        lead = self._sent_starts[REPORTED_WITHIN + 1] if len(self._sent_starts) \
            > REPORTED_WITHIN + 1 else self._n
        reported = next((d for d in dates if d["tok"] < lead and (
            is_period_value(d["value"]) or d["header"] and d["value"])), None)
        headers = [d for d in dates if d["header"] and d["value"]]
        out: list[Optional[str]] = [None] * len(figures)
        used: list[Any] = [None] * len(figures)
        for index, fig in enumerate(figures):
            start_char = doc[fig.start].idx
            row = self._row(doc, text, fig)
            if row is not None:
                section = next((d for d in reversed(headers) if d["start"] < row[0]), reported)
                if section is None:
                    continue
                left = row[0]
                vs = re.search(r"\bvs\.?\s", text[left:start_char]) is not None
                out[index] = shift_value_years(section["value"], -1) if vs else section["value"]
                continue
            sent_start, sent_end = self._sent_bounds(fig.num)
            inside = [d for d in dates if sent_start <= d["tok"] < sent_end]
            periods = [d for d in inside if is_period_value(d["value"])]
            if periods:
                starts = [f.start for f in figures if sent_start <= f.start < sent_end]

                def key(d: dict[str, Any]) -> tuple:
                    after = d["tok"] >= fig.end
                    low, high = (fig.end, d["tok"]) if after else (d["tok_end"], fig.start)
                    between = sum(1 for s in starts if low <= s < high)  # figures in between
                    return between, high - low, not after
                best = min(periods, key=key)
                out[index], used[index] = best["value"], id(best)
            elif not inside and reported is not None and any(
                    self.rows.get(t.lower_) == "money" for t in doc[sent_start:sent_end]) \
                    and not re.match(r"\s*note", text[self._line(text, start_char)[0]:], re.I):
                out[index], used[index] = reported["value"], id(reported)
            else:
                continue
            # "rose to 24.1 mln in the quarter from 18.2 mln": the figure compared, a year before
            if fig.start and doc[fig.start - 1].lower_ in _COMPARED_WITH or fig.start > 1 and \
                    doc[fig.start - 2].lower_ == "compared":
                earlier = [used[j] for j in range(index) if used[j] == used[index]
                           and figures[j].start >= sent_start and figures[j].kind == fig.kind]
                target = next((d for d in dates if id(d) == used[index]), None)
                if earlier and target is not None and not _RELATIVE.search(target["text"]):
                    out[index] = shift_value_years(out[index], -1)
        return out

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
            header = text[left:right].strip() == d["text"].strip() or (
                _TITLE_YEAR.match(d["text"]) is not None and d["start"] < title_end)
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
