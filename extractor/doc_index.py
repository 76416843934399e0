"""One index of a Doc's companies, built once per Doc and read by every component after the
companies component: the company of each token, the mentions, the lists of companies and the
antecedents of references ("the company", "it", "those seven companies").

``doc._.company_index`` (see :mod:`extractor.extensions`) builds it on first use and keeps it for
the Doc (in a weak table, not in ``doc.user_data``: ``DocBin`` and pickling keep only plain data
there); it is built again when ``doc._.companies`` or ``doc._.company_groups`` change. It reads
the canonical names and character offsets of ``doc._.companies``, the same mentions as the
``doc.spans["companies"]`` spans (whose ids are the canonical names), because a caller may set
``doc._.companies`` alone (tests and users do); they are aligned to tokens here and nowhere else. The index refers to its Doc weakly (so that the table keeps no Doc alive):
keep the Doc while using it (``nlp(text)._.company_index.lists()`` loses the Doc at once).

Three notions of "companies joined in a list" are in use and give different lists, so they stay
apart (each is what its reader has always used):

* :meth:`DocIndex.lists` -- ``conj`` chains through whole mentions, agency credits left out
  (the relation rules and the deal features);
* :meth:`DocIndex.joined_lists` -- mention heads joined by ``conj``/``appos`` chains (the group
  references "those seven companies" of :mod:`extractor.components.company_groups`);
* :meth:`DocIndex.list_ending_at` -- mentions one after another, separated by "," / "and" / "or"
  (the companies of a figure).
"""
from __future__ import annotations

import bisect
import functools
import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Optional

import numpy
from spacy.attrs import LOWER, ORTH, SENT_START, SPACY
from spacy.tokens import Doc, Token

__all__ = ["Mention", "DocIndex", "company_index", "doc_text", "doc_lowers",
           "sentence_bounds"]


@dataclass(frozen=True)
class Mention:
    """One company mention as tokens ``[start, end)``; ``aligned``: its character offsets fall on
    token boundaries (as the ``doc.spans["companies"]`` spans do)."""

    start: int
    end: int
    name: str
    aligned: bool = True


@dataclass(frozen=True, eq=False)
class DocIndex:
    """The companies of one Doc by token (build with :func:`company_index` or :meth:`build`).

    ``mentions`` are in the order of ``doc._.companies`` (company by company); the token maps
    (``token_company``, ``mention_tokens``, the antecedent lookups) leave out agency credits
    ("AFP - ...") and give a token the first mention over it in text order."""

    _doc: weakref.ReferenceType
    mentions: tuple[Mention, ...] = ()
    token_company: dict[int, str] = field(default_factory=dict)
    mention_tokens: dict[int, tuple[int, int]] = field(default_factory=dict)  # token -> span
    groups: dict[int, list[str]] = field(default_factory=dict)  # token -> member names
    group_spans: tuple[tuple[int, int, tuple[str, ...]], ...] = ()  # (start, end, members)
    roles: dict[str, str] = field(default_factory=dict)
    reporters: frozenset[int] = frozenset()  # mention starts that report the news
    subjects: frozenset[int] = frozenset()  # mention starts that are clause subjects
    _starts: tuple[int, ...] = ()  # first token of every mention (credits left out), sorted
    _names: tuple[str, ...] = ()
    #: per-Doc results of a reader (the deal patterns' matches), keyed by the reader
    memo: dict = field(default_factory=dict, repr=False)

    # -- building ----------------------------------------------------------------------------
    @classmethod
    def build(cls, doc: Doc, companies: Optional[list[dict]] = None,
              groups: Optional[list[dict]] = None) -> "DocIndex":
        """The index of ``companies`` and ``groups`` (by default the Doc's own), not cached."""
        if companies is None:
            companies = doc._.companies or ()
        if groups is None:
            groups = doc._.company_groups or ()
        mentions, roles = [], {}
        for company in companies:
            roles[company["name"]] = company.get("role", "company")
            for m in company.get("mentions", ()):
                span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
                if span is not None and len(span):
                    aligned = (span.start_char, span.end_char) == (m["start"], m["end"])
                    mentions.append(Mention(span.start, span.end, company["name"], aligned))
        token_company: dict[int, str] = {}
        mention_tokens: dict[int, tuple[int, int]] = {}
        reporters, subjects, starts, names = set(), set(), [], []
        for start, end, name in sorted((m.start, m.end, m.name) for m in mentions):
            if _credit(doc, start, end):  # "AFP - Singapore Telecom said it ...": a byline
                continue
            root = doc[start:end].root
            if _reporter(root):  # "told Reuters", "the Wall Street Journal reported"
                reporters.add(start)
            if root.dep_ in ("nsubj", "nsubjpass") or root.dep_ == "poss" and root.head.dep_ in (
                    "nsubj", "nsubjpass"):
                subjects.add(start)
            for i in range(start, end):
                token_company.setdefault(i, name)
                mention_tokens.setdefault(i, (start, end))
            starts.append(start)
            names.append(name)
        group_spans, group_tokens = [], {}
        for group in groups:
            span = doc.char_span(group["start"], group["end"], alignment_mode="expand")
            if span is None or not len(span):
                continue
            members = tuple(group.get("members") or ())
            group_spans.append((span.start, span.end, members))
            if members:
                for i in range(span.start, span.end):
                    group_tokens[i] = list(members)
        return cls(weakref.ref(doc), tuple(mentions), token_company, mention_tokens,
                   group_tokens, tuple(group_spans), roles, frozenset(reporters),
                   frozenset(subjects), tuple(starts), tuple(names))

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the Doc of this company index is gone")
        return doc

    def __bool__(self) -> bool:
        return bool(self.token_company)

    # -- by token ----------------------------------------------------------------------------
    def company(self, tok: Token) -> Optional[str]:
        return self.token_company.get(tok.i)

    def mention_of(self, tok: Token) -> list[Token]:
        """The tokens of the mention ``tok`` is in (``[tok]`` outside mentions)."""
        start, end = self.mention_tokens.get(tok.i, (tok.i, tok.i + 1))
        return list(self.doc[start:end])

    def company_in(self, start: int, end: int) -> Optional[str]:
        """The company of the first token in ``[start, end)`` that is in a mention."""
        return next((self.token_company[i] for i in range(start, end)
                     if i in self.token_company), None)

    def is_reporter(self, start: int) -> bool:
        """The mention starting at token ``start`` reports the news ("told Reuters")."""
        return start in self.reporters

    @cached_property
    def covered(self) -> frozenset[int]:
        """Tokens inside a company mention or a group reference (credits included)."""
        return frozenset(i for m in self.mentions for i in range(m.start, m.end)) | frozenset(
            i for start, end, _ in self.group_spans for i in range(start, end))

    @cached_property
    def mention_ends(self) -> dict[int, tuple[int, list[str]]]:
        """Last token of a mention -> ``(first token, [name])`` (credits included)."""
        return {m.end - 1: (m.start, [m.name]) for m in self.mentions}

    @cached_property
    def group_ends(self) -> dict[int, tuple[int, list[str]]]:
        """Last token of a group reference -> ``(first token, members)``."""
        return {end - 1: (start, list(members)) for start, end, members in self.group_spans}

    # -- antecedents -------------------------------------------------------------------------
    def preceding(self, i: int, exclude: Iterable[str] = (), subject: bool = False
                  ) -> Optional[str]:
        """The company of the nearest mention that starts before token ``i``.

        With ``subject``, the nearest mention that is a clause subject in this or the two
        sentences before is preferred ("Disney said ... Its acquisition of Pixar")."""
        skip = set(exclude)
        pos = bisect.bisect_left(self._starts, i) - 1
        if subject:
            doc = self.doc
            sents = 0
            p = pos
            sent_start = doc[i].sent.start
            while p >= 0 and sents < 3:
                start = self._starts[p]
                while start < sent_start and sents < 3:
                    sents += 1
                    sent_start = doc[sent_start - 1].sent.start if sent_start > 0 else 0
                if sents >= 3:
                    break
                if start in self.subjects and start not in self.reporters \
                        and self._names[p] not in skip and not (
                        start <= i < self._span_end(p)):
                    return self._names[p]
                p -= 1
        while pos >= 0:
            name = self._names[pos]
            if name not in skip and self._starts[pos] not in self.reporters and not (
                    self._starts[pos] <= i < self._span_end(pos)):
                return name
            pos -= 1
        return None

    def _span_end(self, pos: int) -> int:
        return self.mention_tokens[self._starts[pos]][1]

    def last_distinct(self, i: int, n: int) -> list[str]:
        """The last ``n`` distinct companies mentioned before token ``i``, in this sentence or
        the one before."""
        out: list[str] = []
        doc = self.doc
        sent = doc[i].sent
        floor = doc[sent.start - 1].sent.start if sent.start > 0 else 0
        pos = bisect.bisect_left(self._starts, i) - 1
        while pos >= 0 and len(out) < n and self._starts[pos] >= floor:
            if self._names[pos] not in out and self._starts[pos] not in self.reporters:
                out.append(self._names[pos])
            pos -= 1
        return list(reversed(out)) if len(out) == n else []

    def named_before(self, i: int) -> list[str]:
        """The company of the mention ending last before token ``i`` (credits included):
        what a pronoun at the start of a sentence refers to, for a figure."""
        ends = [e for e in self.mention_ends if e < i]
        return list(self.mention_ends[max(ends)][1]) if ends else []

    def list_before(self, i: int, n: Optional[int]) -> list[str]:
        """The nearest of :meth:`lists` before token ``i``: of exactly ``n`` companies when
        ``n`` is given ("those seven companies"), else within the three sentences before
        ("its partners")."""
        floor = 0
        if n is None:
            doc = self.doc
            sent = doc[i].sent
            for _ in range(3):
                if sent.start == 0:
                    break
                sent = doc[sent.start - 1].sent
            floor = sent.start
        for start, names in reversed(self.lists()):
            if start < floor:
                break
            if start < i and (n is None or len(names) == n):
                return names
        return []

    def joined_list_before(self, char: int, n: int) -> Optional[list[str]]:
        """The last of :meth:`joined_lists` of exactly ``n`` companies ending at or before
        character ``char`` (what "those seven companies" there stands for)."""
        return next((names for end, names in reversed(self.joined_lists())
                     if end <= char and len(names) == n), None)

    # -- lists -------------------------------------------------------------------------------
    def coordinated(self, tok: Token) -> list[Token]:
        """``tok`` and the tokens coordinated with it (conj chains, through whole mentions)."""
        out: list[Token] = []
        todo = [tok]
        seen: set[int] = set()
        while todo:
            t = todo.pop(0)
            if t.i in seen:
                continue
            members = self.mention_of(t) if t.i in self.token_company else [t]
            for m in members:
                seen.add(m.i)
            out.append(t)
            for m in members:
                for child in m.children:
                    if child.dep_ == "conj" and child.i not in seen:
                        todo.append(child)
        return out

    def lists(self) -> list[tuple[int, list[str]]]:
        """Coordinated lists of two or more companies (:meth:`coordinated`):
        ``(first token, names)`` in text order."""
        return self._lists

    @cached_property
    def _lists(self) -> list[tuple[int, list[str]]]:
        found: list[tuple[int, list[str]]] = []
        seen: set[int] = set()
        doc = self.doc
        for i in sorted(self.token_company):
            if i in seen:
                continue
            names: list[str] = []
            for t in self.coordinated(doc[i]):
                seen.add(t.i)
                name = self.company(t)
                if name and name not in names:
                    names.append(name)
            if len(names) >= 2:
                found.append((i, names))
        return found

    def joined_lists(self) -> list[tuple[int, list[str]]]:
        """Lists of companies whose mention heads are joined by ``conj``/``appos`` chains
        (token-aligned mentions, credits included): ``(end char, names)`` in text order."""
        return self._joined_lists

    @cached_property
    def _joined_lists(self) -> list[tuple[int, list[str]]]:
        doc = self.doc
        by_token: dict[int, str] = {}
        for m in self.mentions:
            if m.aligned:
                by_token[doc[m.start:m.end].root.i] = m.name
        lists: dict[int, list[int]] = {}
        for i in by_token:
            first = doc[i]
            while first.dep_ in {"conj", "appos"} and first.head.i != first.i \
                    and first.head.i in by_token:
                first = first.head
            lists.setdefault(first.i, []).append(i)
        out = []
        for toks in lists.values():
            names: list[str] = []
            for i in sorted(toks):
                if by_token[i] not in names:
                    names.append(by_token[i])
            if len(names) > 1:
                last = doc[max(toks)]
                out.append((last.idx + len(last), names))
        out.sort()
        return out

    def list_ending_at(self, p: int) -> list[str]:
        """Names of the mentions and group references listed one after another ("A, B and C")
        and ending at token ``p``."""
        doc = self.doc
        names: list[str] = []
        while p >= 0:
            hit = self.group_ends.get(p) or self.mention_ends.get(p)
            if hit is None:
                break
            start, members = hit
            names[:0] = members
            q = start - 1
            seps = 0
            while q >= 0 and doc[q].lower_ in (",", "and", "or"):
                q -= 1
                seps += 1
            if not seps:
                break
            p = q
        return names

    def inside(self, first: int, last: int) -> list[str]:
        """Names of the group references, then the mentions, within tokens ``first..last``."""
        names: list[str] = []
        for table in (self.group_ends, self.mention_ends):
            for end, (start, members) in table.items():
                if first <= start and end <= last:
                    names.extend(m for m in members if m not in names)
        return names


def _reporter(root: Token) -> bool:
    """A mention that reports the news rather than makes it: "told Reuters", "the Sunday
    Times reported", "according to Reuters"."""
    head = root.head
    if head.lemma_ == "tell" and root.dep_ in ("dobj", "dative"):
        return True
    if head.lemma_ in ("report", "quote") and root.dep_ == "nsubj":
        return True
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according"


def _credit(doc: Doc, start: int, end: int) -> bool:
    """A news agency credit at the start of a paragraph: "AFP - ...", "Reuters - ..."."""
    opens = start == 0 or "\n" in doc[start - 1].text or doc[start - 1].is_space
    return opens and end < len(doc) and doc[end].text in ("-", "--", "\u2013", "\u2014")


# -- one index per Doc ----------------------------------------------------------------------
_CACHE: "weakref.WeakKeyDictionary[Doc, tuple[tuple, DocIndex]]" = weakref.WeakKeyDictionary()


def _state(doc: Doc) -> tuple:
    """What the index is built from: names, roles and offsets of companies and groups."""
    companies = tuple((c["name"], c.get("role", "company"),
                       tuple((m["start"], m["end"]) for m in c.get("mentions", ())))
                      for c in doc._.companies or ())
    groups = tuple((g["start"], g["end"], tuple(g.get("members") or ()))
                   for g in doc._.company_groups or ())
    return companies, groups


def company_index(doc: Doc) -> DocIndex:
    """The Doc's :class:`DocIndex` (the ``doc._.company_index`` getter): built on first use,
    kept while ``doc._.companies`` and ``doc._.company_groups`` stay as they were."""
    state = _state(doc)
    cached = _CACHE.get(doc)
    if cached is not None and cached[0] == state:
        return cached[1]
    index = DocIndex.build(doc)
    _CACHE[doc] = (state, index)
    return index


def _once_per_doc(build):
    """``build(doc)`` computed once per Doc and kept in a weak table, with the Doc's length as a
    guard against retokenisation; the value is shared and not to be changed."""
    table: "weakref.WeakKeyDictionary[Doc, tuple[int, object]]" = weakref.WeakKeyDictionary()

    @functools.wraps(build)
    def cached(doc: Doc):
        hit = table.get(doc)
        if hit is not None and hit[0] == len(doc):
            return hit[1]
        value = build(doc)
        table[doc] = (len(doc), value)
        return value
    return cached


@_once_per_doc
def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy builds it anew from every token at each access
    (profiled: eight times per article, 8% of the extractor's own time); here from one array of
    the tokens' texts and spaces, with no ``Token`` made."""
    strings = doc.vocab.strings
    return "".join(strings[orth] + " " if space else strings[orth]
                   for orth, space in doc.to_array([ORTH, SPACY]).tolist()) if len(doc) else ""


@_once_per_doc
def doc_lowers(doc: Doc) -> list[str]:
    """Each token's ``lower_``, read once per Doc from one array (no ``Token`` objects made:
    walking a Doc builds one per word)."""
    strings = doc.vocab.strings
    return [strings[h] for h in doc.to_array(LOWER).tolist()] if len(doc) else []


@_once_per_doc
def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """``[(sent.start, sent.end) for sent in doc.sents]`` from one array (``doc.sents`` walks
    every token and makes a Span per sentence at each call). A ``sents`` user hook, or a Doc
    with no sentence boundaries (spaCy's own error), goes through ``doc.sents``."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START") or not len(doc):
        return [(sent.start, sent.end) for sent in doc.sents]
    starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, starts[1:] + [len(doc)]))
