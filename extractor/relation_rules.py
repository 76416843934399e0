"""Deal rules over the dependency parse: which companies a deal word links, its kind and status.

The words and patterns are data in ``models/``:

* ``deal_triggers.tsv`` -- deal words (lemma, part of speech, kind, status, sym/dir, requirement);
* ``deal_cues.tsv`` -- status cues (proposed), not-a-deal cues (speculation, negation, dispute)
  and support words that carry a deal noun ("signed a deal", "X's signing of a deal");
* ``relation_patterns.jsonl`` -- spaCy ``DependencyMatcher`` patterns naming the parties of a deal
  word (``a`` acting party, ``b`` other party, ``ab`` equal parties);
* ``reference_nouns.txt`` -- nouns that refer back to companies ("the company", "those seven
  companies").

The functions here take a parsed sentence and the Doc's :class:`~extractor.doc_index.DocIndex`
(``doc._.company_index``: token -> company, lists, antecedents) and return
:class:`Deal` objects; the spaCy component in :mod:`extractor.components.relations` turns them into
``doc._.relations`` records.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Optional

from spacy.attrs import DEP, HEAD, LEMMA, POS
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from .assets import AssetError, read_jsonl, read_lexicon, read_rows, read_table
from .doc_index import DocIndex

__all__ = ["Trigger", "Lexicon", "Deal", "DealFinder", "load_lexicon"]

_PRONOUNS_SINGULAR = {"it", "its", "itself"}
_PRONOUNS_PLURAL = {"they", "their", "them", "themselves"}
_RELATIVES = {"which", "that", "who", "whom", "whose"}
_REFERENCE_DETS = {"the", "this", "that", "these", "those", "both", "its", "their", "each"}
_LIST_PREPS = {"including", "include", "like", "as", "notably", "especially", "among"}
_DESCEND_DEPS = {"compound", "appos", "conj", "nmod"}
_DESCEND_PREPS = {"of", "from", "including", "include", "like", "as"}
_ROLES = ("a", "b", "ab", "by", "buyer")  # pattern nodes that name a party, as in _Slots


@dataclass(frozen=True)
class Trigger:
    """One row of ``deal_triggers.tsv``."""

    lemma: str
    pos: str  # NOUN, VERB or *
    kind: str
    status: str  # agreed | proposed
    sym: bool  # parties are equals
    requires: str = ""
    sale: bool = False  # "X sold Y to Z": Z deals with X and takes Y
    conditions: tuple[tuple[str, str], ...] = ()  # ``requires`` parsed once: (kind, word) options
    traits: frozenset[str] = frozenset()  # of its kind, from deal_kinds.tsv ("shares", ...)


def parse_requires(requires: str) -> tuple[tuple[str, str], ...]:
    """The ``requires`` column of ``deal_triggers.tsv`` as (kind, word) options, any of which
    will do: ``"prt:up|with"`` -> ``(("prt", "up"), ("with", ""))``."""
    return tuple(option.partition(":")[::2] for option in requires.split("|")) if requires else ()


@dataclass
class Lexicon:
    """Everything the rules read from ``models/``."""

    triggers: dict[str, list[Trigger]]
    cues: dict[str, set[str]]
    reference_nouns: frozenset[str]
    patterns: list[dict]
    kinds: dict[str, frozenset[str]] = field(default_factory=dict)  # kind -> traits

    def lists(self) -> dict[str, list[str]]:
        """The ``@name`` lists the patterns refer to."""
        rows = [t for ts in self.triggers.values() for t in ts]
        nouns = sorted({t.lemma for t in rows if t.pos in ("NOUN", "*")})
        verbs = sorted({t.lemma for t in rows if t.pos in ("VERB", "*")})
        support = sorted(lemma for lemma, cues in self.cues.items() if "support" in cues)
        out = {
            "@nouns": nouns,
            "@verbs": verbs,
            "@sym_nouns": sorted({t.lemma for t in rows if t.sym and t.pos != "VERB"}),
            "@dir_nouns": sorted({t.lemma for t in rows if not t.sym and t.pos != "VERB"}),
            "@sym_verbs": sorted({t.lemma for t in rows if t.sym and t.pos != "NOUN"}),
            "@dir_verbs": sorted({t.lemma for t in rows if not t.sym and t.pos != "NOUN"}),
            "@support_verbs": support,
            "@sale_verbs": sorted({t.lemma for t in rows if t.sale}),
            "@support_nouns": support,
        }
        # headlines: "J&J's Partnership with IBM" (a capitalised word keeps its capital lemma)
        return {k: sorted(set(v) | {w.capitalize() for w in v}) for k, v in out.items()}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the deal words, cues, reference nouns and patterns from ``models/``."""
    kinds = {row[0]: frozenset(row[1].split(",") if len(row) > 1 else ())
             for row in read_rows("deal_kinds.tsv")}
    triggers: dict[str, list[Trigger]] = {}
    for row in read_table("deal_triggers.tsv"):
        lemma, pos, kind, status, cls = row[:5]
        requires = row[5] if len(row) > 5 else ""
        if kind not in kinds:
            raise AssetError(f"models/deal_triggers.tsv: kind {kind!r} of {lemma!r} has no row in "
                             f"models/deal_kinds.tsv")
        triggers.setdefault(lemma.lower(), []).append(
            Trigger(lemma.lower(), pos, kind, status, cls == "sym", requires, cls == "sale",
                    parse_requires(requires), kinds[kind]))
    cues: dict[str, set[str]] = {}
    for row in read_table("deal_cues.tsv"):
        cues.setdefault(row[0].lower(), set()).update(c.strip() for c in row[1].split(","))
    patterns = read_jsonl("relation_patterns.jsonl")
    nouns = frozenset(w.lower() for w in read_lexicon("reference_nouns.txt"))
    return Lexicon(triggers, cues, nouns, patterns, kinds)


def _fill(value, lists: dict[str, list[str]]):
    if isinstance(value, str) and value.startswith("@"):
        return lists[value]
    if isinstance(value, dict):
        return {k: _fill(v, lists) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, lists) for v in value]
    return value


def _own_clause(tok: Token, index: DocIndex) -> bool:
    """A company with a relative clause of its own is a list item, not another name for the
    noun before it: "A which has allied itself with B, C which is linked with D" (C is no B)."""
    for m in index.mention_of(tok):
        for c in m.children:
            if c.dep_ == "relcl" and any(x.lower_ in _RELATIVES and x.dep_.startswith("nsubj")
                                         for x in c.children):
                return True
    return False


# ---------------------------------------------------------------------------------------------
# resolving one argument token to companies


def _bracketed(tok: Token) -> bool:
    """``tok`` opens a bracketed aside: "Licenses (NewsFactor)"."""
    return tok.i > 0 and tok.doc[tok.i - 1].text == "("


def _number(tok: Token) -> Optional[int]:
    for child in tok.children:
        if child.dep_ == "nummod":
            text = child.lower_
            if text.isdecimal():
                return int(text)
            try:
                from text_to_num import text2num

                return int(text2num(text, "en"))
            except (ImportError, ValueError):
                return None
    return None


class _Resolver:
    def __init__(self, index: DocIndex, lexicon: Lexicon):
        self.index = index
        self.lexicon = lexicon
        self.follow_poss = True  # "lease its lines": whose lines (off for "sold its unit")

    def names(self, tok: Token, exclude: Iterable[str] = (), subject: bool = False) -> list[str]:
        """Companies that the argument headed by ``tok`` stands for (lists expanded).

        ``subject``: the argument is a clause subject; "analysts queried by Reuters" is not
        Reuters (no descent into participles)."""
        out: list[str] = []
        for t in self.index.coordinated(tok):
            for name in self._one(t, exclude, depth=0, subject=subject):
                if name not in out:
                    out.append(name)
            for child in t.children:  # "telecoms giant Verizon", not "Licenses (NewsFactor)"
                if child.dep_ == "appos" and self.index.company(child) and not _own_clause(
                        child, self.index) and not (
                        _bracketed(child) and not self.index.company(t)) and not any(
                        "dispute" in self.lexicon.cues.get(c.lemma_.lower(), ())
                        for c in child.children if c.dep_ in ("amod", "compound")):
                    # "telecoms giant Verizon", not "Emirates, rival Airbus"
                    for name in self.names(child, exclude):
                        if name not in out:
                            out.append(name)
        return out

    def _one(self, t: Token, exclude: Iterable[str], depth: int, subject: bool = False
             ) -> list[str]:
        index = self.index
        name = index.company(t)
        if name:
            return [name]
        if t.i in index.groups:
            return list(index.groups[t.i])
        lower = t.lower_
        if t.pos_ == "PRON" or t.tag_ in ("PRP", "PRP$", "WDT", "WP", "WP$"):
            if lower in _RELATIVES:
                verb = t.head.head if t.head.pos_ == "ADP" else t.head  # "in which"
                antecedent = verb.head if verb.dep_ == "relcl" else None
                if antecedent is not None and antecedent.pos_ == "NOUN" and t.i - antecedent.i <= 2 and not (
                        index.company(antecedent) or antecedent.i in index.groups
                        or antecedent.lemma_.lower() in self.lexicon.reference_nouns):
                    return []  # "blades that work with Gillette's razors": not a company
                found = index.preceding(t.i)
                return [found] if found and self._in_sentence_before(t, found) else []
            if lower in _PRONOUNS_SINGULAR:
                # an object ("merging it with", "wants it to buy") is not its verb's subject
                subj = None
                if t.dep_ in ("dobj", "pobj", "dative") or t.dep_ == "nsubj" and any(
                        c.dep_ == "aux" and c.lower_ == "to" for c in t.head.children):
                    verb = t.head.head if t.dep_ == "pobj" else t.head
                    subj = _clause_subject(verb if t.dep_ != "nsubj" else verb.head, t)
                if subj is not None:
                    skip = list(exclude) + [n for n in (index.company(x) for x in subj.subtree)
                                            if n]
                    found = index.preceding(t.i, skip)
                else:
                    found = index.preceding(t.i, exclude, subject=True)
                return [found] if found else []
            if lower in _PRONOUNS_PLURAL:
                if any(x.dep_ in ("nsubj", "nsubjpass") and x.tag_ == "NNS"
                       and not index.company(x) and x.i not in index.groups
                       and x.lemma_.lower() not in self.lexicon.reference_nouns
                       for x in t.doc[t.sent.start:t.i]):
                    return []  # "debt investors ...; they bought up offerings from Apple"
                return index.list_before(t.i, None)
            if lower in ("we", "our", "us"):  # "'we intend to ...,' the letter from Qwest said"
                speaker = self._speaker(t)
                return [speaker] if speaker else []
            if lower not in ("those", "that", "these"):  # "those of X" is looked into below
                return []
        if lower in ("latter", "former") and any(c.lower_ == "the" for c in t.children):
            names: list[str] = []
            pos = t.i
            while len(names) < 2:  # the last two companies named: latter = last, former = other
                found = index.preceding(pos, names)
                if not found:
                    break
                names.append(found)
            if len(names) == 2:
                return [names[0] if lower == "latter" else names[1]]
            return []
        if t.lemma_.lower() in self.lexicon.reference_nouns and t.pos_ in ("NOUN", "PROPN"):
            named = [n for c in t.children if c.dep_ == "appos"
                     for n in self._one(c, exclude, depth + 1)]
            if named and depth > 0:  # "the division of its subsidiary, CTG": CTG
                return named
            resolved = self._reference(t, exclude)
            if resolved:
                return resolved
        listed = self._listed(t, exclude)
        if listed:
            return listed
        if depth < 3:
            out: list[str] = []
            children = list(t.children)
            # "the Sperry unit": a company modifier settles it before appositions and "of"
            # (not "a KDD rival, IDC": the rival is IDC)
            rival = "dispute" in self.lexicon.cues.get(t.lemma_.lower(), ())
            modifiers = [] if rival else [c for c in children if c.dep_ in ("compound", "nmod")]
            for child in modifiers:
                for found in self._one(child, exclude, depth + 1, subject):
                    if found not in out:
                        out.append(found)
            if out:
                return out
            for child in children:
                nxt: list[Token] = []
                if child.dep_ in _DESCEND_DEPS:
                    nxt = [] if _bracketed(child) or rival and child.dep_ in (
                        "compound", "nmod", "amod") else [child]
                elif (child.dep_ == "poss" and child.lower_ in _PRONOUNS_SINGULAR and depth == 0
                      and t.lower_ != "own" and self.follow_poss):  # "lease its lines", not "a deal of its own"
                    found = index.preceding(child.i)  # "lease its lines": whose lines
                    nxt = []
                    if found and found not in out and self._in_sentence_before(child, found):
                        out.append(found)
                elif child.dep_ == "prep" and (child.lower_ in _DESCEND_PREPS or (
                        child.lower_ == "in" and self.follow_poss and self._holding(t))):
                    # "buy shares in Y" (not "sold its stake in Y to Z": Z deals with the seller)
                    nxt = [c for c in child.children if c.dep_ == "pobj"]
                elif child.dep_ == "acl" and not subject:  # "airwaves owned by X"
                    nxt = [p for a in child.children if a.dep_ == "agent"
                           for p in a.children if p.dep_ == "pobj"]
                for n in nxt:
                    for t2 in index.coordinated(n):
                        for found in self._one(t2, exclude, depth + 1, subject):
                            if found not in out:
                                out.append(found)
            if not out and not subject:  # "ownership of Y's operations": whose operations
                for child in children:
                    if child.dep_ == "poss" and index.company(child):
                        out.append(index.company(child))
            return out
        return []

    def _holding(self, t: Token) -> bool:
        """A noun for a share of a company: "shares / a stake / minority holders in Y"."""
        return "holding" in self.lexicon.cues.get(t.lemma_.lower(), ())

    def _speaker(self, t: Token) -> Optional[str]:
        """The company that says the sentence: named in the subject of "say" (or "state",
        "add", "write") of the same sentence."""
        for tok in t.sent:
            if tok.lemma_ in ("say", "state", "add", "write", "tell") and tok.pos_ == "VERB":
                for child in tok.children:
                    if child.dep_ == "nsubj":
                        for x in child.subtree:
                            name = self.index.company(x)
                            if name:
                                return name
        return None

    def _in_sentence_before(self, t: Token, name: str) -> bool:
        sent = t.sent
        return any(self.index.token_company.get(i) == name for i in range(sent.start, t.i))

    def _listed(self, t: Token, exclude: Iterable[str]) -> list[str]:
        """"partners, including A, B and C" / "carriers such as A and B"."""
        out: list[str] = []
        for child in t.children:
            if child.dep_ == "prep" and child.lower_ in _LIST_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        for name in self.names(pobj, exclude):
                            if name not in out:
                                out.append(name)
        return out

    def _reference(self, t: Token, exclude: Iterable[str]) -> list[str]:
        """"the company", "those seven companies", "the two firms", "its partners"."""
        dets = {c.lower_ for c in t.children if c.dep_ in ("det", "poss", "predet", "preconj")}
        if not dets & _REFERENCE_DETS:
            return []
        if any(c.dep_ == "compound" or c.dep_ == "prep" and c.lower_ in ("of", "in", "at", "to")
               for c in t.children):
            return []  # "the polyphenyls business of X", "the Sperry unit": no back-reference
        if any(c.dep_ in ("amod", "compound") and c.lower_ in ("other", "foreign", "rival")
               for c in t.children):
            return []
        n = _number(t)
        if "both" in dets:
            n = 2
        if "each" in dets:  # "each company owns 50 pct": the companies just named
            return self.index.list_before(t.i, None) or self.index.last_distinct(t.i, 2)
        plural = t.tag_ in ("NNS", "NNPS") or n is not None and n > 1
        if not plural:
            # "the company acquired": the recent subject; "that subsidiary": the last named
            as_subject = t.dep_ in ("nsubj", "nsubjpass", "poss") and not dets & {"that", "this"}
            skip = list(exclude)
            if t.dep_ in ("dobj", "pobj", "dative"):
                # "Y agreed to buy the company": not Y itself, the company named before it
                verb = t.head.head if t.dep_ == "pobj" else t.head
                subj = _clause_subject(verb, t)
                if subj is not None:
                    skip += [n for n in (self.index.company(x) for x in subj.subtree) if n]
            found = self.index.preceding(t.i, skip, subject=as_subject)
            return [found] if found else []
        listed = self.index.list_before(t.i, n)
        if listed:
            return listed
        return self.index.last_distinct(t.i, n) if n else []


# ---------------------------------------------------------------------------------------------
# deals


@dataclass
class Deal:
    """A deal between companies found in one sentence."""

    a: str  # acting party (or first of equals)
    b: str
    kind: str
    status: str
    trigger: int  # token index of the deal word


class _MatchTable:
    """A Doc's ``DependencyMatcher`` matches, looked up by the token range they lie in."""

    def __init__(self, found: list, spans: list[tuple[int, int]]):
        rows = sorted((min(ids), order, max(ids), key, list(ids))
                      for order, (key, ids) in enumerate(found))
        self._firsts = [r[0] for r in rows]
        self._rows = rows
        self._spans = spans  # the (start, end) token ranges the matcher saw, in order
        self._span_starts = [start for start, _ in spans]

    @classmethod
    def build(cls, matcher: DependencyMatcher, doc: Doc,
              sents: Optional[list[tuple[int, int]]] = None) -> "_MatchTable":
        """The matches of ``doc``, or of the sentences ``sents`` only (each with every head
        inside it): those are copied into a Doc of their own, their trees unchanged."""
        if sents is None:
            return cls(matcher(doc), [(0, len(doc))])
        keep = [i for start, end in sents for i in range(start, end)]
        if not keep:
            return cls([], [])
        attrs = [LEMMA, POS, DEP, HEAD]  # all the patterns read, with LOWER from the words
        part = Doc(doc.vocab, words=[doc[i].text for i in keep],
                   spaces=[bool(doc[i].whitespace_) for i in keep])
        part.from_array(attrs, doc.to_array(attrs)[keep])
        return cls([(key, [keep[t] for t in ids]) for key, ids in matcher(part)], sents)

    def covers(self, start: int, end: int) -> bool:
        """Whether the range ``[start, end)`` lies in one range the matcher saw."""
        pos = bisect.bisect_right(self._span_starts, start) - 1
        return pos >= 0 and end <= self._spans[pos][1]

    def inside(self, start: int, end: int) -> list[tuple[int, list[int]]]:
        """The matches whose tokens all lie in ``[start, end)``, in the matcher's order."""
        lo = bisect.bisect_left(self._firsts, start)
        hi = bisect.bisect_left(self._firsts, end)
        hits = sorted((r for r in self._rows[lo:hi] if r[2] < end), key=lambda r: r[1])
        return [(r[3], r[4]) for r in hits]


@dataclass
class _Slots:
    a: list[Token] = field(default_factory=list)
    b: list[Token] = field(default_factory=list)
    ab: list[Token] = field(default_factory=list)
    by: list[Token] = field(default_factory=list)  # "by X" / "from X": the actor
    buyer: list[Token] = field(default_factory=list)  # "sold Y to X"
    support: list[Token] = field(default_factory=list)


class DealFinder:
    """Find deals in parsed sentences with the patterns and word lists of ``models/``."""

    def __init__(self, vocab: Vocab, lexicon: Optional[Lexicon] = None):
        self.lexicon = lexicon or load_lexicon()
        lists = self.lexicon.lists()
        self.matcher = DependencyMatcher(vocab)
        self.trigger_lemmas = frozenset(self.lexicon.triggers)
        for entry in self.lexicon.patterns:
            self.matcher.add(entry["id"], [_fill(entry["pattern"], lists)])

    # -- triggers ----------------------------------------------------------------------------
    def trigger_of(self, tok: Token) -> Optional[Trigger]:
        """The deal word ``tok`` is, if any (part of speech and requirement checked)."""
        triggers = self.lexicon.triggers
        rows = triggers.get(tok.lemma_.lower()) or triggers.get(tok.lower_)
        if not rows:
            return None
        is_verb = tok.pos_ in ("VERB", "AUX")
        for row in rows:
            if row.pos == "VERB" and not is_verb or row.pos == "NOUN" and is_verb:
                continue
            if row.conditions and not self._meets(tok, row.conditions):
                continue
            return row
        return None

    @staticmethod
    def _meets(tok: Token, conditions: tuple[tuple[str, str], ...]) -> bool:
        for kind, word in conditions:
            if not word and kind.endswith("!"):  # "work with Intel", not "with most computers"
                if any(c.dep_ == "prep" and c.lower_ == kind[:-1] and any(
                        p.dep_ == "pobj" and p.pos_ in ("PROPN", "PRON") for p in c.children)
                       for c in tok.children):
                    return True
                continue
            if not word:  # a bare preposition: "with", also on the object ("install Y in")
                if any(c.dep_ in ("prep", "dative") and c.lower_ == kind for c in tok.children):
                    return True
                if any(c.dep_ == "prep" and c.lower_ == kind for o in tok.children
                       if o.dep_ == "dobj" for c in o.children):
                    return True
                continue
            if kind == "prt" and any(c.dep_ == "prt" and c.lower_ == word for c in tok.children):
                return True
            if kind == "compound" and any(c.lower_ == word for c in tok.children):
                return True
            if kind == "dobj" and any(c.dep_ == "dobj" and word in (c.lemma_.lower(), c.lower_)
                                      for c in tok.children):
                return True  # "owns 50 pct of Y", "issue shares to Y"
            if kind == "head" and tok.dep_ in ("attr", "oprd") and tok.head.lemma_ == word:
                return True  # "X became a subsidiary of Y"
            if kind == "subj" and tok.dep_ == "nsubj" and tok.head.lemma_ == word:
                return True  # "Nokia's partners include Intel"
            if kind == "under" and tok.dep_ == "pobj" and tok.head.lower_ == word:
                return True  # "X selected Y as its partner"
            if kind == "role" and _role_holder(tok) is not None:
                return True  # "X is a major Oracle partner", "X, Ford's partner in China"
            if kind == "advmod" and any(c.dep_ == "advmod" and c.lower_ == word
                                        for c in tok.children):
                return True  # "X and Y are working together"
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == kind and any(
                        p.lemma_.lower() == word for p in c.children):
                    return True
        return False

    def is_candidate(self, sent: Span, index: DocIndex) -> bool:
        """Cheap test: a deal word and at least one company (or group) in the sentence."""
        has_trigger = False
        has_company = False
        for tok in sent:
            if not has_trigger and (tok.lemma_.lower() in self.trigger_lemmas):
                has_trigger = True
            if not has_company and (tok.i in index.token_company or tok.i in index.groups):
                has_company = True
            if has_trigger and has_company:
                return True
        return False

    # -- cues --------------------------------------------------------------------------------
    def _cues(self, trigger: Token, support: list[Token], seg: Span,
              index: Optional[DocIndex] = None) -> set[str]:
        """Cues on the deal word, its governors and their modifiers (within ``seg``)."""
        cues = self.lexicon.cues
        found: set[str] = set()
        chain = [t for t in (trigger, *support, *trigger.ancestors)
                 if seg.start <= t.i < seg.end]
        # "J&J's partnership with IBM could turn profitable": a deal named as the subject with
        # its owner or a definite article is taken as given; a guess about it is no guess that
        # it exists ("A merger could create ..." stays a guess)
        given = not support and trigger.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that")
            for c in trigger.children)
        for i, t in enumerate(chain):
            if given and i > 0:
                found |= (cues.get(t.lemma_.lower()) or set()) & {"negation", "dispute"}
                found |= {x for c in t.children if c.dep_ == "neg"
                          for x in cues.get(c.lemma_.lower(), set())} & {"negation"}
                continue
            if i > 0:
                here = cues.get(t.lemma_.lower()) or cues.get(t.lower_, set())
                found |= here - {"support", "others"}
                if "others" in here and not self._own_view(t, index):
                    found.add("speculation")  # "analysts expect X to bid", not "X expects to"
            for c in t.children:
                if c.dep_ in ("neg", "aux", "det", "amod", "advmod", "npadvmod", "auxpass"):
                    keep = {"speculation", "negation"}
                    if not (c.dep_ == "amod" and c.tag_ in ("VBN", "VBD")):
                        keep.add("proposed")  # "a possible merger", not "its planned purchase"
                    found |= cues.get(c.lemma_.lower(), set()) & keep
        return found

    @staticmethod
    def _own_view(verb: Token, index: Optional[DocIndex]) -> bool:
        """The subject of ``verb`` is a company (or "it"/"we"): its own plan, not a guess."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ == "it":  # "they" is as often the analysts
                    return True
                if child.lower_ == "we":  # "'we expect ...,' an analyst said" is a guess
                    return bool(index and _Resolver(index, load_lexicon())._speaker(child))
                return bool(index and any(index.company(t) for t in child.subtree))
        return False

    # -- arguments ---------------------------------------------------------------------------
    def matches(self, seg: Span, index: Optional[DocIndex] = None
                ) -> list[tuple[int, list[int]]]:
        """The pattern matches inside ``seg`` as ``(match_id, doc token ids)``, in the order the
        ``DependencyMatcher`` gives them over ``seg`` alone.

        The matcher runs once per Doc (the table is kept in ``index.memo`` when it is the Doc's
        index), not once per sentence: on a Span it copies the whole Doc each time, so the cost
        grew with sentences x length. It runs on the sentences that can hold a deal (a deal word
        and a company: see :meth:`is_candidate`), on the whole Doc when ``seg`` lies outside
        them. The result is the same: every pattern edge is ``>`` to a child with a given
        dependency label, so a match inside ``seg`` uses only edges inside it, as in
        ``seg.as_doc()`` (whose heads outside ``seg`` get the label ``dep``, which no pattern
        names); matches come back by pattern, then tree by tree in token order."""
        doc = seg.doc if isinstance(seg, Span) else seg
        if not isinstance(seg, Span):
            return self.matcher(doc)
        own = index is not None and index.doc is doc
        table = index.memo.get(self) if own else None
        if table is None and own:
            table = index.memo[self] = _MatchTable.build(
                self.matcher, doc, self._deal_sentences(doc, index))
        if table is None or not table.covers(seg.start, seg.end):
            table = _MatchTable.build(self.matcher, doc)
            if own:
                index.memo[self] = table
        return table.inside(seg.start, seg.end)

    def _deal_sentences(self, doc: Doc, index: DocIndex) -> Optional[list[tuple[int, int]]]:
        """``(start, end)`` of the sentences with a deal word and a company; ``None`` where a
        head lies outside its sentence (then the matcher needs the whole Doc)."""
        try:
            sents = [(s.start, s.end) for s in doc.sents if self.is_candidate(s, index)]
        except ValueError:  # no sentence boundaries
            return None
        for start, end in sents:
            if any(not start <= t.head.i < end for t in doc[start:end]):
                return None
        return sents

    def find(self, sent: Span, index: DocIndex) -> list[Deal]:
        """Deals stated in ``sent``."""
        slots: dict[int, _Slots] = {}
        doc = sent.doc
        for match_id, token_ids in self.matches(sent, index):
            pid = doc.vocab.strings[match_id]
            nodes = self._node_names(pid)
            named = {name: doc[tid] for name, tid in zip(nodes, token_ids)}
            trig = named["trigger"]
            s = slots.setdefault(trig.i, _Slots())
            for name in _ROLES:  # node names are roles (models/relation_patterns.jsonl)
                if name in named:
                    getattr(s, name).append(named[name])
            if "support" in named and named["support"] not in s.support:
                s.support.append(named["support"])
        resolver = _Resolver(index, self.lexicon)
        deals: list[Deal] = []
        for trig in sent:
            if (trig.lemma_.lower() not in self.trigger_lemmas
                    and trig.lower_ not in self.trigger_lemmas):
                continue
            row = self.trigger_of(trig)
            if row is None:
                continue
            s = slots.get(trig.i) or _Slots()
            if row.sym and s.ab:  # "the venture of X <X> and Y": a parse that hangs Y on the noun
                s.ab.extend(c for c in trig.children
                            if c.dep_ == "conj" and (c.i in index.token_company
                                                     or c.pos_ == "PROPN"))
            if not row.sym and resolver._holding(trig):
                # "a stake in Y and about 22 pct of Z": the coordinated share names Z too
                s.b.extend(c for c in trig.children if c.dep_ == "conj" and resolver._holding(c))
                if s.support and any(  # "That unit holds the group's stake": the holder
                        t.dep_ == "poss" and t.lemma_.lower() in self.lexicon.reference_nouns
                        and not index.company(t) for t in s.a):
                    s.a = [t for t in s.a if t.dep_ != "poss"
                           or t.lemma_.lower() not in self.lexicon.reference_nouns]
            deals.extend(self._deals(trig, row, s, resolver, sent))
        deals.extend(self._joint(sent, index, resolver))
        deals.extend(self._co_holders(sent, resolver, deals))
        return deals

    def _co_holders(self, sent: Span, resolver: _Resolver, deals: list[Deal]) -> list[Deal]:
        """"X hopes to take a 20 pct stake in Z, with Y taking the remaining 80 pct": Y takes a
        share of the same Z, in the same way (kind and status) as X."""
        out: list[Deal] = []
        for w in sent:
            if w.lower_ != "with" or w.dep_ != "prep":
                continue
            for v in w.children:
                if v.dep_ not in ("pcomp", "pobj") or v.pos_ != "VERB" or not any(
                        c.dep_ == "dobj" and resolver._holding(c) for c in v.children):
                    continue
                takers = [n for c in v.children if c.dep_ in ("nsubj", "nsubjpass")
                          for n in resolver.names(c)]
                scope = {t.i for t in w.head.subtree} - {t.i for t in w.subtree}
                for d in deals:
                    if "shares" not in self.lexicon.kinds.get(d.kind, ()) \
                            or d.trigger not in scope:
                        continue
                    out.extend(Deal(y, d.b, d.kind, d.status, v.i) for y in takers
                               if y not in (d.a, d.b))
        return out

    def _joint(self, sent: Span, index: DocIndex, resolver: _Resolver) -> list[Deal]:
        """"X submitted a bid, in association with Y and Z": the companies named after the
        "with" (to the sentence end) are partners of the subject of the clause (not of each
        other). Read on the surface: the parser often hangs such a phrase anywhere."""
        out: list[Deal] = []
        if not any(self.trigger_of(t) for t in sent):  # "held a conference in association"
            return out
        for tok in sent:
            if "joint" not in self.lexicon.cues.get(tok.lemma_.lower(), ()) or not (
                    tok.head.lower_ == "in" and tok.i + 1 < sent.end
                    and tok.doc[tok.i + 1].lower_ == "with"):
                continue
            verb = next((v for v in tok.ancestors if v.pos_ in ("VERB", "AUX")), None)
            subject = _clause_subject(verb, tok) if verb is not None else None
            if subject is None or not sent.start <= subject.i < sent.end:
                continue
            acting = resolver.names(subject, subject=True)
            for j in range(tok.i - 1, max(verb.i, sent.start), -1):
                # "teamed with Y, against a bid from Z in association with W": Z's partner
                t = tok.doc[j]
                if t.pos_ in ("NOUN", "PROPN") and self.trigger_of(t):
                    by = [n for c in t.children if c.dep_ == "prep" and c.lower_ in ("from", "by")
                          for p in c.children if p.dep_ == "pobj" for n in resolver.names(p)]
                    if by:
                        acting = by
                        break
            partners: list[str] = []
            for i in range(tok.i + 2, sent.end):
                name = index.token_company.get(i)
                if name and name not in acting and name not in partners \
                        and i not in index.reporters:
                    partners.append(name)
            out.extend(Deal(x, y, "teaming", "agreed", tok.i) for x in acting for y in partners)
        return out

    def _node_names(self, pid: str) -> list[str]:
        if not hasattr(self, "_nodes"):
            self._nodes = {e["id"]: [n["RIGHT_ID"] for n in e["pattern"]]
                           for e in self.lexicon.patterns}
        return self._nodes[pid]

    def _deals(self, trig: Token, row: Trigger, s: _Slots, resolver: _Resolver,
               seg: Span) -> list[Deal]:
        is_verb = trig.pos_ in ("VERB", "AUX")
        if is_verb and not row.sale and any(
                c.dep_ == "dobj" and self.trigger_of(c) and c.pos_ != "VERB"
                for c in trig.children):
            return []  # "signed an agreement": the noun carries the deal
        if is_verb and "shares" in row.traits and not self._share_of_company(trig, resolver):
            return []  # "controls 80 pct of the market": a market share, not a stake
        cues = self._cues(trig, s.support, seg, resolver.index)
        if cues & {"speculation", "negation", "dispute"} or "divest" in cues and not row.sale:
            return []
        status = "proposed" if (row.status == "proposed" or "proposed" in cues) else "agreed"

        objects = []
        if is_verb and row.sym:  # "merging X with Y": X, not the subject, is the party
            withs = [c.i for c in trig.children if c.dep_ == "prep" and c.lower_ == "with"]
            for c in trig.children:
                if c.dep_ != "dobj":
                    continue
                if withs and min(withs) < c.i:
                    # "teamed with A, a subsidiary of P, and B": an aside on A that the parser
                    # made the object; its owner is no party, what it coordinates joins A
                    s.b.extend(resolver.index.coordinated(c)[1:])
                elif resolver.names(c):
                    objects.append(c)
            if objects:
                s.a = objects
        if row.sale:  # "X sold (its unit) Y to Z": Z-X and Z-Y, not X-Y (X owned Y)
            buyers = self._names(s.buyer, resolver)
            resolver.follow_poss = False  # "sold its unit": "its" is the seller
            sold = [n for n in self._names(s.b, resolver) if n not in buyers]
            resolver.follow_poss = True
            seller = self._names(s.a, resolver, exclude=buyers + sold)
            if not seller:
                subject = self._subject(trig, s.support, trig)
                if subject is not None and seg.start <= subject.i < seg.end:
                    seller = resolver.names(subject, exclude=buyers + sold, subject=True)
            return [Deal(z, y, row.kind, status, trig.i) for z in buyers
                    for y in dict.fromkeys(sold + seller) if z != y]
        holder = _role_holder(trig) if row.requires.startswith("role") else None
        if holder is not None:  # "X is a partner of Y": X is a party
            s.b.append(holder)
        b = self._names(s.b, resolver)
        if is_verb and not row.sym and not s.b and not any(
                c.dep_ in ("dobj", "nsubjpass") for c in trig.children):
            b = self._next_company(trig, resolver.index, seg)
        if not b and "share_bid" in row.traits:
            b = self._share_target(trig, resolver)
        ab = self._names(s.ab, resolver)
        by = self._names(s.by, resolver, exclude=b)
        a = self._names(s.a, resolver, exclude=b + ab)
        if by:
            if a and not row.sym:  # "X's acquisition by Y": X is the target
                b = b + [n for n in a if n not in b]
            a = by
        if (not a or by and not b) and not objects:
            subject = self._subject(trig if is_verb else None, s.support, trig)
            if subject is not None and not seg.start <= subject.i < seg.end:
                subject = self._segment_subject(trig, s.support, resolver.index, seg)
            if subject is not None and seg.start <= subject.i < seg.end:
                found = resolver.names(subject, exclude=a + b + ab, subject=True)
                if a:  # "X accepted a buyout from Y": the subject receives the offer
                    b = b + [n for n in found if n not in b]
                else:
                    a = found

        pairs: list[tuple[str, str]] = []
        for x in a:
            for y in b + ab:
                pairs.append((x, y))
        for x in b:
            for y in ab:  # "the Verizon bid for MCI": the modifier acts
                pairs.append((x, y) if row.sym else (y, x))
        if not a and not b or not pairs and (row.sym or len(ab) >= 2):
            group = ab if ab else []
            if (not group and not b and not s.b and len(a) >= 2
                    and "directed" not in row.traits):
                group = a
            if not group and holder is not None and not a and len(b) >= 2:
                group = b  # "X and Y have been longstanding partners"
            for i, x in enumerate(group):
                for y in group[i + 1:]:
                    pairs.append((x, y))
        out: list[Deal] = []
        seen: set[frozenset] = set()
        for x, y in pairs:
            key = frozenset((x, y))
            if x == y or key in seen:
                continue
            seen.add(key)
            out.append(Deal(x, y, row.kind, status, trig.i))
        return out

    @staticmethod
    def _share_target(trig: Token, resolver: _Resolver) -> list[str]:
        """"a bid for the maximum 20 pct" with no company named: the company whose share was
        named last ("a 20 pct stake in CGCT"), in this sentence or the two before."""
        shares = [p for c in trig.children if c.dep_ == "prep" and c.lower_ == "for"
                  for p in c.children if p.dep_ == "pobj" and resolver._holding(p)]
        if not shares or any(c.dep_ == "prep" and c.lower_ in ("of", "in")
                             for p in shares for c in p.children):
            return []
        doc = trig.doc
        floor = trig.sent.start
        for _ in range(2):
            if floor > 0:
                floor = doc[floor - 1].sent.start
        for i in range(trig.i - 1, floor - 1, -1):
            t = doc[i]
            if i in resolver.index.token_company or not resolver._holding(t):
                continue
            # "take a stake in Y": the parser often hangs "in Y" on the verb
            around = list(t.children) + (list(t.head.children) if t.dep_ == "dobj" else [])
            for c in around:
                if c.dep_ == "prep" and c.lower_ in ("of", "in"):
                    found = [n for p in c.children if p.dep_ == "pobj"
                             for n in resolver.names(p)]
                    if found:
                        return found
        return []

    @staticmethod
    def _share_of_company(verb: Token, resolver: _Resolver) -> bool:
        """"owns 50 pct of Y" names a company as what the share is of (not "of the market")."""
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ in ("of", "in"):
                    return any(resolver.names(p) for p in prep.children if p.dep_ == "pobj")
            return True  # "holds 22 pct" with the company elsewhere ("of which", "in it")
        return True

    @staticmethod
    def _segment_subject(trig: Token, support: list[Token], index: DocIndex, seg: Span
                         ) -> Optional[Token]:
        """Repair for a parse that ran a headline into the first sentence, so the verb's
        subject lies in the headline: the first company named in this segment before the verb,
        outside a prepositional phrase."""
        verb = next((t for t in [*support, trig] if t.pos_ in ("VERB", "AUX")), trig)
        for i in range(seg.start, verb.i):
            tok = trig.doc[i]
            if i in index.token_company and index.mention_of(tok)[0].i == i:
                root = trig.doc[i:index.mention_tokens[i][1]].root
                if root.dep_ in ("nsubj", "nsubjpass") and root.head.i != verb.i and any(
                        c.dep_ == "mark" for c in root.head.children):
                    continue  # "After Boeing shocked the industry, Airbus responded with"
                if root.dep_ not in ("pobj", "poss", "dobj") or not (
                        seg.start <= root.head.i < seg.end):
                    return root
        return None

    @staticmethod
    def _next_company(trig: Token, index: DocIndex, seg: Span) -> list[str]:
        """Object repair: "to acquire <Walker County Telephone Co>", where the bracket cut the
        parse, gives the company that directly follows the verb (brackets and quotes skipped)."""
        doc = trig.doc
        i = trig.i + 1
        while i < len(doc) and i - trig.i <= 3:
            tok = doc[i]
            name = index.token_company.get(i)
            if name:
                return [name]
            if tok.text in (".", "!", "?") or "\n" in tok.text or not (
                    tok.is_punct or tok.pos_ == "X"):
                return []
            i += 1
        return []

    @staticmethod
    def _names(tokens: list[Token], resolver: _Resolver, exclude: Iterable[str] = ()) -> list[str]:
        out: list[str] = []
        for tok in tokens:
            for name in resolver.names(tok, exclude):
                if name not in out:
                    out.append(name)
        return out

    @staticmethod
    def _subject(verb: Optional[Token], support: list[Token], trigger: Token) -> Optional[Token]:
        """The subject of a deal verb, or of the verb that carries a deal noun."""
        starts = [verb] if verb is not None else []
        for sup in support:
            v = sup
            steps = 0
            while v.pos_ not in ("VERB", "AUX") and v.dep_ not in ("ROOT",) and steps < 4:
                if v.dep_ == "poss" or v.pos_ == "PROPN" and v.dep_ in ("nsubj",):
                    break
                v = v.head
                steps += 1
            starts.append(v)
        for v in starts:
            subject = _clause_subject(v, trigger)
            if subject is not None:
                return subject
        return None


def _role_holder(tok: Token) -> Optional[Token]:
    """Who a role noun ("partner", "supplier") is said of: the subject of "is / became /
    remains a partner", or the name before an apposition ("X, Ford's partner in China")."""
    head = tok.head
    if tok.dep_ in ("attr", "oprd") and head.lemma_ in ("be", "become", "remain"):
        return next((c for c in head.children if c.dep_ == "nsubj"), None)
    if tok.dep_ == "appos" and head.pos_ == "PROPN":
        return head
    return None


def _clause_subject(verb: Token, trigger: Token) -> Optional[Token]:
    """The subject of ``verb``'s clause, climbing through xcomp/conj/advcl ("agreed to buy").

    ``None`` where the deal itself is the subject ("after the deal was announced")."""
    v = verb
    for _ in range(6):
        if v.pos_ not in ("VERB", "AUX"):
            if v.pos_ in ("NOUN", "PROPN") and v.dep_ in ("nsubj", "nsubjpass"):
                return None
        for child in v.children:
            if child.i == trigger.i and child.dep_ in ("nsubj", "nsubjpass"):
                return None
            if child.dep_ in ("nsubj", "nsubjpass", "csubj") and child.lower_ not in ("there",):
                if child.dep_ == "nsubjpass" and v.i == verb.i:
                    continue
                return child
        if v.dep_ in ("xcomp", "ccomp") and v.head.pos_ in ("VERB", "AUX"):
            controller = [c for c in v.head.children if c.dep_ in ("dobj", "dative")
                          and c.i < v.i]
            if controller:  # "enabling the latter to merge", "urged X to buy": the object
                return controller[-1]
            v = v.head
        elif v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp", "dep", "ccomp"):
            v = v.head
        elif v.dep_ == "prep" and v.pos_ == "ADP" and v.head.pos_ in ("VERB", "AUX", "ADV"):
            v = v.head  # "X is to spend ... on buying Y", "prior to entering a venture"
        elif v.dep_ in ("relcl", "acl"):
            head = v.head
            if v.dep_ == "acl" and head.pos_ == "NOUN" and head.dep_ in ("dobj", "attr"):
                v = head.head  # "submit an offer to acquire MCI": who submits
            elif head.pos_ in ("PROPN", "PRON") or head.dep_ not in ("pobj",):
                return head
            else:
                v = head.head.head  # "paying ... in order to lease": the verb of "in order"
        else:
            return None
    return None


def years_in(text: str) -> Optional[int]:
    """A four-digit year in ``text`` (fallback when the dates component did not run)."""
    m = re.search(r"\b(19[5-9]\d|20\d\d)\b", text)
    return int(m.group(1)) if m else None
