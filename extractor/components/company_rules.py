"""Evidence that a candidate name is (or is not) a company, read from the sentence around it,
and the rules' verdict on it (:func:`decide`).

Each cue is a named function of :mod:`.company_cues` that looks at a few tokens or one
dependency arc around a chunk, so the cost is linear in the length of the document. Cues:

* strong: legal suffix, Reuters' ``<Name>``, a ticker code next to it, a company noun describing
  it ("telecoms firm X", "X, the cellular operator", "X is a phone firm"), a person's role at it
  ("chief executive of X", "X chairman"), a name lexicon (gazetteer), a list hanging off a company
  noun ("partners, including A, B and C");
* medium: subject or object of a deal verb or noun, owner of a business noun ("X's board"), a
  company word in the name ("X Communications"), spaCy's ORG label;
* against: organisation words (Commission, Ministry, Institute), products and technologies,
  places, nationalities and people (spaCy labels, surnames of people named in the article).
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..names import is_caps
from .company_chunks import Chunk
from .company_cues import (MEDIUM, RENAMED, SOFT_NEGATIVE, STRONG, Article, chunk_root, combine,
                           mark_people_by_surname, run_cues)
from .company_lexicons import Lexicons

__all__ = ["add_cues", "decide", "coordination_groups", "chunk_root", "SOFT_NEGATIVE", "RENAMED",
           "STRONG", "MEDIUM"]


def add_cues(doc: Doc, chunks: list[Chunk], lex: Lexicons, surnames: set[str]) -> None:
    """Fill ``chunk.cues`` (positive cues and negatives prefixed ``-``), ``carrier_cue`` and
    ``maker_cue``: every cue of :mod:`.company_cues`, then its combination step
    (``models/company_cue_combinations.tsv``), then the surnames across candidates. A headline
    in capitals gets only a legal suffix with a ticker ("NORTHERN STATES POWER CO <NSP> VOTES")."""
    art = Article(doc, chunks, lex, surnames)
    for chunk in chunks:
        if chunk.headline and is_caps(doc[chunk.start:chunk.end].text):
            if chunk.start == 0 and chunk.suffix and chunk.ticker:
                chunk.cues |= {"suffix", "ticker"}
            continue
        combine(chunk, run_cues(doc, chunk, art))
    mark_people_by_surname(doc, chunks)


def decide(chunk: Chunk) -> bool:
    """Whether the cues make the chunk a company."""
    cues = chunk.cues
    hard = {"suffix", "bracket"} & cues
    if "digit" in cues:
        return False  # a bare digit is a name only beside other names (lists)
    if {"-acronym", "-common"} & cues:
        return False
    if "-nation" in cues and not (hard or "lexicon" in cues):
        return False
    if "-place" in cues:
        return False
    if "-product" in cues and not hard:
        return False
    if "-org" in cues and not (hard or "lexicon" in cues):
        return False
    if "-person" in cues and not (hard or "lexicon" in cues):
        return False
    if cues & STRONG:
        return True
    medium = cues & MEDIUM
    if "-modifier" in cues and medium <= {"org"}:
        return False
    if "-label" in cues:  # a place, nationality or person by spaCy: only strong cues
        return False
    if medium == {"org"} and "-mixed" in cues:
        return False  # one word that spaCy also calls a place or a person elsewhere
    return bool(medium)


def coordination_groups(doc: Doc, roots: dict[int, int]) -> list[list[int]]:
    """Lists of chunks joined by ``conj`` arcs: ``roots`` maps root token -> chunk index; returns
    groups of chunk indices (two or more), in text order."""
    groups: dict[int, list[int]] = {}
    for tok_i, chunk_i in roots.items():
        tok = doc[tok_i]
        first = tok
        while first.dep_ in {"conj", "appos"} and first.head.i != first.i \
                and first.head.i in roots:
            first = first.head
        if first.i == tok.i and not any(c.dep_ in {"conj", "appos"} and c.i in roots
                                        for c in tok.children):
            continue
        groups.setdefault(first.i, []).append(chunk_i)
    return [sorted(g) for g in groups.values() if len(g) > 1]
