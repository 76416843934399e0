"""The learned company decision: is this candidate name a company here?

The candidates are the company component's chunks (runs of capitalised tokens, Reuters'
``<Name>``, names with a ticker: :mod:`extractor.components.company_chunks`). Each is described
by named features: the cues the rules read (:mod:`extractor.components.company_rules`: legal
suffix, bracket, ticker, descriptor noun, a person's role at it, deal argument, possessed
business noun, organisation / product / place / person evidence ...), the rules' own verdict,
spaCy's entity label, the word's shape, the words around it and its syntactic head, and what the
article says of the same name elsewhere (how often it recurs, whether the rules took it
elsewhere). A :class:`CompanyModel` (a logistic regression trained with scikit-learn on the
company annotations of our labelled corpus and the dev gold by :mod:`extractor.training`,
stored as feature weights in ``models/company_model.json``) weighs them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from .components.company_chunks import Chunk, SentenceStarts
from .components.company_rules import chunk_root, coordination_groups
from .linear import LinearModel
from .names import form_key

__all__ = ["CompanyModel", "ArticleView", "chunk_features", "MODEL_FILE"]

MODEL_FILE = "company_model.json"
_CAMEL = re.compile(r"[a-z][A-Z]")
_PLACE_LABELS = {"GPE", "NORP", "LOC"}


class CompanyModel(LinearModel):
    """Feature weights of the trained company decision (``models/company_model.json``)."""

    MODEL_FILE = MODEL_FILE

    def decide(self, features: dict[str, float]) -> bool:
        """Above the threshold of the rules' verdict on the candidate (``meta["thresholds"]``:
        ``rules_yes`` / ``rules_no``, both chosen on out-of-fold runs), else ``threshold``."""
        table = self.meta.get("thresholds")
        if not table:
            return self.probability(features) >= self.threshold
        key = "rules_yes" if features.get("bias_rule=yes") else "rules_no"
        return self.probability(features) >= table[key]


@dataclass
class ArticleView:
    """What the article says of each name across all its candidates (built once per Doc)."""

    count: dict[str, int] = field(default_factory=dict)      # name key -> candidates
    taken: dict[str, int] = field(default_factory=dict)      # name key -> taken by the rules
    labels: dict[str, set] = field(default_factory=dict)     # name key -> spaCy labels seen
    sent_starts: Optional[SentenceStarts] = None
    lists: dict[int, list[int]] = field(default_factory=dict)  # candidate -> its list's members
    generic: frozenset = frozenset()  # name words, carrier name words, legal suffixes
    entity_at: dict[int, tuple] = field(default_factory=dict)  # token -> (start, end, label)
    roots: list[Token] = field(default_factory=list)  # each candidate's syntactic head
    places: frozenset = frozenset()  # form keys of country and region names (Lexicons.places)

    @classmethod
    def of(cls, doc: Doc, chunks: list[Chunk], verdicts: list[bool],
           generic: frozenset = frozenset(), places: frozenset = frozenset()) -> "ArticleView":
        view = cls(sent_starts=SentenceStarts(doc), generic=generic, places=places,
                   roots=[chunk_root(doc, chunk) for chunk in chunks])
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                view.entity_at[i] = (ent.start, ent.end, ent.label_)
        roots: dict[int, int] = {}
        for i, root in enumerate(view.roots):
            roots.setdefault(root.i, i)
        for group in coordination_groups(doc, roots):
            for i in group:
                view.lists[i] = group
        for chunk, ok in zip(chunks, verdicts):
            key = form_key(chunk.span(doc).text)
            view.count[key] = view.count.get(key, 0) + 1
            view.taken[key] = view.taken.get(key, 0) + int(ok)
            view.labels.setdefault(key, set()).update(
                t.ent_type_ for t in chunk.span(doc) if t.ent_type_)
        return view


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-4" if n <= 4 else "5+"


def _shape(text: str) -> str:
    if text.isupper():
        return "caps"
    if any(c.isdigit() for c in text):
        return "digit"
    if _CAMEL.search(text):
        return "camel"
    if text[:1].islower():
        return "lower"
    return "title"


def chunk_features(doc: Doc, chunks: list[Chunk], i: int, view: ArticleView,
                   verdicts: list[bool]) -> dict[str, float]:
    """Named features of candidate ``chunks[i]`` (cues filled in: ``add_cues``; ``verdicts``:
    the rules' verdict on each candidate)."""
    chunk, verdict = chunks[i], verdicts[i]
    span = chunk.span(doc)
    words = [t.text for t in span]
    key = form_key(span.text)
    f: dict[str, float] = {"bias_rule=" + ("yes" if verdict else "no"): 1.0}
    for cue in chunk.cues:
        f["cue=" + cue] = 1.0
    for flag in ("carrier_cue", "maker_cue", "headline", "suffix", "bracketed", "ticker"):
        if getattr(chunk, flag):
            f[flag] = 1.0
    if chunk.alias_of is not None:
        f["alias"] = 1.0
    labels = {t.ent_type_ for t in span if t.ent_type_}
    for label in labels or {"none"}:
        f["ent=" + label] = 1.0
    ent = view.entity_at.get(chunk.start)
    if ent is not None:
        exact = ent[:2] == (chunk.start, chunk.end)
        f["ent_exact=" + ent[2] if exact else "ent_part=" + ent[2]] = 1.0
    if view.places and (key[4:] if key.startswith("the ") else key) in view.places:
        f["place_name"] = 1.0  # "Madagascar signed oil exploration agreements": a country
    f["len=" + _bucket(len(words))] = 1.0
    f["shape=" + _shape(words[0])] = 1.0
    if len(words) > 1:
        f["shape_last=" + _shape(words[-1])] = 1.0
    # the name's own first and last word, unless a place or a generic name word ("China",
    # "Mobile", "Group", "Inc"): the cues speak for those, and remembering them would tie
    # "China Mobile" to every "China ..." of the training news
    for tag, tok in (("first=", span[0]), ("last=", span[-1])):
        if not (tok.ent_type_ in _PLACE_LABELS or tok.lower_ in view.generic):
            f[tag + tok.lower_] = 1.0
    prev = doc[chunk.start - 1] if chunk.start > 0 else None
    nxt = doc[chunk.end] if chunk.end < len(doc) else None
    f["prev=" + (prev.lower_ if prev is not None else "<s>")] = 1.0
    f["next=" + (nxt.lower_ if nxt is not None else "</s>")] = 1.0
    if prev is not None and chunk.start > 1:
        f["prev2=" + doc[chunk.start - 2].lower_ + "_" + prev.lower_] = 1.0
    if nxt is not None and chunk.end + 1 < len(doc):
        f["next2=" + nxt.lower_ + "_" + doc[chunk.end + 1].lower_] = 1.0
    root = view.roots[i]
    f["dep=" + root.dep_] = 1.0
    f["tag=" + root.tag_] = 1.0
    if root.head.i != root.i and not chunk.start <= root.head.i < chunk.end:
        f["head=" + root.head.lemma_.lower()] = 1.0
        f["dep_head=" + root.dep_ + "_" + root.head.lemma_.lower()] = 1.0
    if chunk.start in view.sent_starts:
        f["sent_start"] = 1.0
    count = view.count.get(key, 1)
    taken = view.taken.get(key, 0)
    f["count=" + _bucket(count)] = 1.0
    if taken - int(verdict) > 0:
        f["taken_elsewhere"] = 1.0
    for label in view.labels.get(key, set()) - labels:
        f["ent_elsewhere=" + label] = 1.0
    group = view.lists.get(i)
    if group:
        others = [j for j in group if j != i]
        share = sum(verdicts[j] for j in others) / len(others)
        f["list"] = 1.0
        f["list_n=" + _bucket(len(group))] = 1.0
        f["list_taken=" + ("none" if share == 0 else "all" if share == 1 else
                           "most" if share >= 0.5 else "some")] = 1.0
        if sum("org" in chunks[j].cues for j in others) >= 1:
            f["list_org"] = 1.0
        head = view.roots[group[0]].head
        f["list_head=" + head.lemma_.lower()] = 1.0
    return f

