"""Reading numbers as news writes them: "4,000", "1.5", "6.3bn", "2-1/2", "ten", "thirty-five".

Number words go through ``text2num`` (a maintained parser of English number words); digits,
fractions and the magnitude words of ``models/magnitudes.tsv`` are read here. Values are exact
(``Decimal``) until :func:`as_number` turns them into an ``int`` where they are whole.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Optional, Union

from text_to_num import text2num

from .assets import read_table

__all__ = ["NUMBER_WORDS", "UNIT_WORDS", "TENS_WORDS", "parse_digits",
           "parse_words", "is_number_word", "magnitude", "split_suffixed",
           "fraction_word", "as_number"]

Number = Union[int, float]

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_DENOMINATORS = frozenset({2, 3, 4, 8, 16, 32, 64})
_SLASH_FRACTION = re.compile(r"^(\d+)/(\d+)$")
# "6.3bn", "5m", "$6.3bn" are one token each in spaCy: digits glued to a magnitude word.
_SUFFIXED = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([a-zA-Z]{1,3})$")

_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
#: "one" ... "nineteen" and "twenty" ... "ninety" (for callers that build word lists).
UNIT_WORDS, TENS_WORDS = tuple(_UNITS), tuple(_TENS)
NUMBER_WORDS = frozenset(_UNITS + _TENS + ["hundred", "thousand", "million", "billion",
                                           "trillion"])


@lru_cache(maxsize=None)
def _magnitudes() -> dict[str, Decimal]:
    return {row[0].lower(): Decimal(row[1]) for row in read_table("magnitudes.tsv")}


@lru_cache(maxsize=None)
def _fractions() -> dict[str, Decimal]:
    return {row[0].lower(): Decimal(row[1]) for row in read_table("fractions.tsv")}


def magnitude(word: str) -> Optional[Decimal]:
    """Factor of a magnitude word ("mln" -> 10**6, "bn" -> 10**9, "m." -> 10**6), else ``None``."""
    word = word.lower()
    if len(word) > 1 and word.endswith("."):  # "£17m." at the end of a sentence
        word = word[:-1]
    return _magnitudes().get(word)


def fraction_word(word: str) -> Optional[Decimal]:
    """Value of a fraction word ("third" -> 1/3, "half" -> 1/2), else ``None``."""
    return _fractions().get(word.lower())


def parse_digits(text: str) -> Optional[Decimal]:
    """``"4,000"`` -> 4000, ``"1.5"`` -> 1.5, ``"1/2"`` -> 0.5; anything else -> ``None``."""
    if _DIGITS.match(text):
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    m = _SLASH_FRACTION.match(text)
    # market fractions only ("7/8", "3/16"): "9/11" and "24/7" are names, not numbers
    if m and int(m.group(2)) in _DENOMINATORS and 0 < int(m.group(1)) < int(m.group(2)):
        return Decimal(m.group(1)) / Decimal(m.group(2))
    return None


def split_suffixed(text: str) -> Optional[tuple[Decimal, Decimal]]:
    """``"6.3bn"`` -> (6.3, 10**9); ``"3G"`` and other glued forms -> ``None``."""
    m = _SUFFIXED.match(text)
    if not m:
        return None
    factor = magnitude(m.group(2))
    if factor is None or m.group(2).lower() in ("hundred", "thousand"):
        return None
    value = parse_digits(m.group(1))
    return (value, factor) if value is not None else None


def is_number_word(word: str) -> bool:
    """True for "ten", "thirty", "hundred", "thirty-five" (not for "one" alone: see callers)."""
    lower = word.lower()
    if lower in NUMBER_WORDS:
        return True
    parts = lower.split("-")
    return len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS[1:10]


@lru_cache(maxsize=4096)
def parse_words(text: str) -> Optional[Decimal]:
    """Number words to a value with ``text2num``: "thirty five" -> 35, "a hundred" -> 100."""
    words = text.lower().replace(" - ", "-").strip()
    if words.startswith("a "):
        words = "one " + words[2:]
    try:
        return Decimal(text2num(words, "en"))
    except Exception:  # text2num rejects what is not a number in words
        return None


def as_number(value: Decimal) -> Number:
    """An ``int`` when the value is whole, else a ``float`` (JSON-friendly, never a string)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
