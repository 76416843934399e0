"""Canonical company names: one name per company, every surface form of an article mapped to it.

Pure string functions (no spaCy), so the rules are easy to test:

* :func:`clean_form` strips a leading article, a trailing possessive and legal-form words
  ("MCI Communications Corp's" -> "MCI Communications");
* :func:`is_abbreviation` tells whether a short form abbreviates a long one ("ATT",
  "SingTel", "COMSAT", "ITJ");
* :func:`group_forms` puts the forms of one article into companies and picks each one's name.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping, Sequence

__all__ = ["clean_form", "form_key", "is_abbreviation", "is_caps", "group_forms", "belongs_to",
           "name_openings", "form_openings",
           "tidy_caps", "legal_words", "name_key", "merge_words", "tail_words"]

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_SPACED_AMP = re.compile(r"\s*&\s*")
_LETTERS_AND = re.compile(r"^[A-Z](?:\s*(?:and|&)\s*[A-Z])+$")
_AND = re.compile(r"(?<=\w) and (?=\w)")
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,4}$")
_CONNECTORS = {"and", "&", "of", "the", "de", "du", "des", "la", "le", "for"}


@lru_cache(maxsize=None)
def legal_words(use: str) -> tuple[str, ...]:
    """The legal-form words of ``models/legal_suffixes.txt`` one name normaliser drops: ``use``
    is ``"names"`` (company rules; ``^word`` begins a name), ``"merge"`` (the graph's merge key)
    or ``"gold"`` (the scorer). The one home of the legal suffixes."""
    from .assets import read_rows

    return tuple(form for form, uses in read_rows("legal_suffixes.txt") if use in uses.split(","))


@dataclass(frozen=True)
class MergeWords:
    """The word lists of ``models/merge_words.tsv``."""

    legal: frozenset
    tail: frozenset
    vague: frozenset
    longer: frozenset
    noise: frozenset
    abbrev: Mapping[str, str]


@lru_cache(maxsize=None)
def merge_words() -> MergeWords:
    """Read ``models/merge_words.tsv`` (cached)."""
    from .assets import read_table

    kinds: dict[str, set] = {"legal": set(), "tail": set(), "vague": set(), "longer": set(),
                             "noise": set()}
    abbrev: dict[str, str] = {}
    for row in read_table("merge_words.tsv"):
        if row[0] == "abbrev" and len(row) >= 3:
            abbrev[row[2].lower()] = row[1].lower()
        elif row[0] in kinds and len(row) >= 2:
            kinds[row[0]].add(row[1].lower())
    kinds["legal"] = {form.lower() for form in legal_words("merge")}  # models/legal_suffixes.txt
    return MergeWords(frozenset(kinds["legal"]), frozenset(kinds["tail"]),
                      frozenset(kinds["vague"]), frozenset(kinds["longer"]),
                      frozenset(kinds["noise"]), abbrev)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The form two names of one company share: ``"AT&T Corp.'s"`` -> ``"at and t"``.

    Case, accents, dots, possessives, ``&``/``and``, brackets, a leading "the", spelling variants
    ("Telecommunications"/"Telecom") and trailing legal suffixes are ignored.
    """
    words = merge_words()
    text = html.unescape(name).replace("\u2019", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))
    text = re.sub(r"'s?\s*$", "", text.strip())
    text = text.replace("&", " and ").replace(".", "")
    text = re.sub(r"[<>\"()\[\]{},;:!?*_]|(?<!\w)-|-(?!\w)", " ", text)
    text = text.replace("-", " ")
    tokens = [words.abbrev.get(t, t) for t in text.lower().split()]
    if len(tokens) > 1 and tokens[0] == "the":
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[-1] in words.legal or tokens[-1] == "and"):
        tokens.pop()
    return " ".join(tokens)


def tail_words() -> frozenset[str]:
    """The generic last words of ``models/merge_words.tsv`` (kind ``tail``: "Group",
    "Communications", "Holdings"): "X Group" is the company "X" names."""
    return merge_words().tail


def _tail_only(words: Sequence[str]) -> bool:
    return bool(words) and all(w in tail_words() for w in words)


def _plain(word: str) -> str:
    return word.replace(".", "").lower()


def clean_form(text: str, suffixes: Iterable[str] = (), prefixes: Iterable[str] = ()) -> str:
    """The name inside a surface form: no leading "the", possessive, brackets or legal words.

    >>> clean_form("MCI Communications Corp's", {"corp"})
    'MCI Communications'
    """
    text = text.strip().strip("<>\"").strip()
    text = _POSSESSIVE.sub("", text).strip()
    if "&" in text:  # "AT &T" -> "AT&T" (a spaced ampersand between two words stays)
        text = re.sub(r"(?<=\w) ?& ?(?=\w)",
                      lambda m: m.group(0) if m.group(0) == " & " else "&", text)
    words = text.split()
    suffixes = set(suffixes)
    prefixes = set(prefixes)
    if words and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and _plain(words[0]) in prefixes:
        words = words[1:]
    while len(words) > 1 and _plain(words[-1].rstrip(",")) in suffixes:
        words = words[:-1]
    while words and words[-1] in {",", "-", "&", "and"}:
        words = words[:-1]
    if words and words[-1].endswith(",") and len(words[-1]) > 1:
        words[-1] = words[-1].rstrip(",")  # "Zedco, Inc." -> "Zedco"
    return " ".join(words)


@lru_cache(maxsize=8192)
def form_key(text: str) -> str:
    """Comparison key: lower case, no dots or hyphens, single spaces, "and" written "&" ("U.S.
    Sprint" = "US Sprint", "Cable and Wireless" = "Cable & Wireless")."""
    text = text.lower().replace(".", "").replace("-", " ")
    text = _SPACED_AMP.sub("&", _AND.sub(" & ", text))  # "Cable and Wireless" = "Cable & Wireless"
    return " ".join(text.split())


def is_caps(text: str) -> bool:
    """All letters capitals (a headline form such as "CANTON PHONE")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def is_abbreviation(short: str, long: str, *, skip: bool = False) -> bool:
    """Whether ``short`` (one word) abbreviates ``long`` by leading pieces of its words, in order.

    The first word must give the first piece; connectors ("and", "of") may be skipped; later words
    may be left out; with ``skip`` any word after the first may be passed over ("QTELC" ~
    "Qatar General Telecommunications Corporation"). "ATT" ~ "American Telephone and Telegraph", "COMSAT" ~ "Communications
    Satellite", "SingTel" ~ "Singapore Telecommunications", "ITJ" ~ "International Telecom Japan".
    """
    s = re.sub(r"[^a-z0-9]", "", short.lower())
    words = [re.sub(r"[^a-z0-9]", "", w.lower()) for w in re.split(r"[\s\-]+", long)]
    words = [w for w in words if w]
    if len(s) < 2 or len(words) < 2 or " " in short.strip():
        return False
    # a word-initial abbreviation must use at least two words
    def match(si: int, wi: int, used: int) -> bool:
        if si == len(s):
            return used >= 2
        if wi >= len(words):
            return False
        word = words[wi]
        if (word in _CONNECTORS or skip and wi > 0) and used and match(si, wi + 1, used):
            return True  # connectors, or with ``skip`` any later word, may be passed over
        if used == 0 and wi > 0:
            return False
        for n in range(min(len(word), len(s) - si), 0, -1):
            if s[si:si + n] == word[:n] and match(si + n, wi + 1, used + 1):
                return True
        return False

    return match(0, 0, 0)


def _tokens(key: str) -> list[str]:
    return key.split()


def _prefix_words(short: list[str], long: list[str]) -> bool:
    """Each word of ``short`` starts the word of ``long`` at the same place ("united telecom")."""
    return (len(short) <= len(long)
            and all(l.startswith(s) for s, l in zip(short, long))
            and (len(short) < len(long) or short != long))


def _initials_expand(short: str, long: str) -> bool:
    """"H.K. Telephone" writes "Hong Kong Telephone" with the initials of its first words."""
    words, longs = short.split(), long.split()
    if not words or not _INITIALS.match(words[0]):
        return False
    letters = words[0].replace(".", "").lower()
    n = len(letters)
    return len(longs) == n + len(words) - 1 and all(
        w[:1].lower() == c for w, c in zip(longs, letters)) \
        and form_key(" ".join(longs[n:])) == form_key(" ".join(words[1:]))


def _letters_and(short: str, long: str) -> bool:
    """"C and W", "C&W" write "Cable and Wireless" by the initials of its words."""
    if not _LETTERS_AND.match(short):
        return False
    letters = [c.lower() for c in short if c.isalpha() and c.isupper()]
    words = [w for w in re.split(r"[\s&]+", long) if w and w.lower() not in _CONNECTORS]
    return len(words) == len(letters) and all(w[:1].lower() == c for w, c in zip(words, letters))


def _belongs(short: str, long: str, *, allow_suffix: bool) -> bool:
    """Whether the form ``short`` can be a shorter way of writing the company named ``long``."""
    if _initials_expand(short, long) or _letters_and(short, long):
        return True
    first = long.split()[:1]
    if first and _INITIALS.match(first[0]) and len(long.split()) > 1 \
            and not _INITIALS.match(short.split()[0] if short.split() else ""):
        long = long.split(None, 1)[1]  # "L.M. Ericsson Telephone": "Ericsson" goes by its name
        if form_key(short) == form_key(long):
            return True
    s, l = _tokens(form_key(short)), _tokens(form_key(long))
    if not s or len(s) >= len(l) and s != l:
        if len(s) == len(l) and _prefix_words(s, l):
            return True
        return False
    if s == l[:len(s)]:
        return True
    if allow_suffix and s == l[-len(s):]:
        return True
    if len(s) == 1 and is_abbreviation(short, long):
        return True
    return _prefix_words(s, l) and len(s) >= 2


def group_forms(forms: Sequence[tuple[str, bool]],
                place_words: Iterable[str] = ()) -> list[list[int]]:
    """Group surface names (already cleaned) into companies.

    ``forms`` are ``(name, full)`` pairs in text order; ``full`` marks a form that stands as a name
    of its own (it carried a legal suffix or Reuters' brackets), which is never folded into a
    longer name. Returns groups of indices; the first index of each group is the form whose text
    is the canonical name (the fullest name in the group that is not written in capitals).
    ``place_words`` are first words that may be dropped ("US Sprint" -> "Sprint").
    """
    place = {p.lower() for p in place_words}
    keys = [form_key(name) for name, _ in forms]
    distinct: dict[str, int] = {}
    for i, key in enumerate(keys):
        distinct.setdefault(key, i)
    # longest forms first: each shorter form joins the longest company it belongs to
    order = sorted(distinct, key=lambda k: (-len(k.split()), -len(k), distinct[k]))
    own = set(distinct)  # every form's key: a word used on its own
    owner: dict[str, str] = {}
    heads: list[str] = []
    head_openings: dict[str, frozenset[str]] = {}
    for key in order:
        i = distinct[key]
        name, full = forms[i]
        opens = form_openings(name)
        candidates = []
        words = key.split()
        n = len(words)
        for head in heads:
            head_name = forms[distinct[head]][0]
            if opens and not opens & head_openings[head]:
                continue
            if full and form_key(name) != head and not (
                    head.split()[:n] == words and _tail_only(head.split()[n:])):
                continue  # a legal name stands alone, but "Whirlpool Corp" is "Whirlpool Group"
            first = form_key(head_name).split()[0]
            if _belongs(name, head_name, allow_suffix=first in place):
                candidates.append(head)
        extended = [h for h in candidates if h.split()[:n] == words]
        if len({h.split()[n] for h in extended if len(h.split()) > n}) >= 2 \
                and len(extended) == len(candidates):
            # "BT" beside "BT Retail" and "BT Wholesale": the group itself, unless one of them
            # only adds a generic tail ("Verizon" beside "Verizon Communications" and "Verizon
            # Wireless" is the parent)
            parents = [h for h in extended if _tail_only(h.split()[n:])]
            candidates = parents if len(parents) == 1 else []
        if not candidates and n == 1 and not full:
            # "Disney" after "Walt Disney Co.", "Times" after "Financial Times": a one-word form
            # that ends exactly one longer name none of whose other words is used on its own
            enders = [h for h in heads if len(h.split()) > 1 and h.split()[-1] == key
                      and not own & set(h.split()[:-1])]
            if len(enders) == 1 and not any(len(h.split()) > 1 and key in h.split()[:-1]
                                            for h in heads):
                candidates = enders
        if candidates:
            # the company mentioned most, then the first one mentioned
            best = max(candidates, key=lambda h: (keys.count(h), -distinct[h]))
            owner[key] = best
        else:
            owner[key] = key
            heads.append(key)
            head_openings[key] = name_openings(name)
    groups: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        root = owner[key]
        while owner[root] != root:
            root = owner[root]
        groups.setdefault(root, []).append(i)
    out = []
    for root, members in groups.items():
        best = max(members, key=lambda i: (not is_caps(forms[i][0]) or len(forms[i][0]) <= 3,
                                           forms[i][0] == forms[distinct[root]][0],
                                           len(forms[i][0].split()), -i))
        out.append([best] + [m for m in members if m != best])
    out.sort(key=lambda g: min(g))
    return out



def belongs_to(form: str, names: Iterable[str], place_words: Iterable[str] = ()) -> bool:
    """Whether ``form`` is a shorter or headline way of writing one of ``names``."""
    key = form_key(form)
    place = {p.lower() for p in place_words}
    for name in names:
        if key == form_key(name):
            return True
        first = form_key(name).split()[:1]
        if _belongs(form, name, allow_suffix=bool(first) and first[0] in place):
            return True
    return False


_ALNUM = re.compile(r"[a-z0-9]")


def name_openings(name: str) -> frozenset[str]:
    """Every character a form that :func:`belongs_to` ``name`` can open with (lower case).

    A necessary condition, so that a long article's many names need not all be compared with
    every company: each way of writing a company shorter begins like one of the name's words
    (its words as written, as :func:`form_key` writes them, with a leading set of initials
    dropped, split at "&" or hyphens, with only their letters and digits)."""
    words = name.split()
    out = {w[:1].lower() for w in words}
    out |= {t[:1] for t in form_key(name).split()}
    out |= {t[:1] for t in form_key(" ".join(words[1:])).split()}
    out |= {w[:1].lower() for w in re.split(r"[\s&]+", name) if w}
    for piece in re.split(r"[\s\-]+", name):
        found = _ALNUM.search(piece.lower())
        if found:
            out.add(found.group(0))
    return frozenset(out)


def form_openings(form: str) -> frozenset[str]:
    """The characters ``form`` opens with as :func:`belongs_to` compares it (lower case, as its
    key, its first letter or digit); empty when its key is empty (then compare it with all)."""
    key = form_key(form)
    if not key:
        return frozenset()
    out = {key[:1], form[:1].lower(), form.replace(".", "").lower()[:1]}
    found = _ALNUM.search(form.lower())
    if found:
        out.add(found.group(0))
    return frozenset(out)


def tidy_caps(name: str) -> str:
    """A name written partly in headline capitals reads as the rest: "BRITISH Telecom" ->
    "British Telecom" (acronyms such as "BT" or "AT&T" stay)."""
    words = name.split()
    if is_caps(name) and len(words) > 1:  # a name seen only in a headline
        return " ".join(w.capitalize() if w.isalpha() and len(w) > 3 else w for w in words)
    if not any(w[:1].isupper() and not w.isupper() for w in words):
        return name
    return " ".join(w.capitalize() if w.isalpha() and w.isupper() and len(w) >= 4 else w
                    for w in words)
