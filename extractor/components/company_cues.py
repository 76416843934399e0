"""Company cues as named features: each a small function over one candidate name that returns its
evidence (the signals it emits) and reads no other cue's result.

A cue function takes ``(doc, m, art)``: the Doc, the candidate (:class:`Mention`: the chunk, its
words and syntactic head, made once per chunk) and the article (:class:`Article`: labels per
word, sentence starts, codes, surnames..., made once per Doc). It returns the names of what it
saw, of three kinds:

* a cue name ("suffix", "-person"): written to ``chunk.cues`` as it is;
* a raw signal ("caps_dateline", "surname_tail"): a cue that counts only when stronger evidence
  is absent; ``models/company_cue_combinations.tsv`` says which cue it becomes and when;
* carrier or maker evidence ("carrier_lexicon", "maker_name", "publication"): the same table
  makes ``chunk.carrier_cue`` and ``chunk.maker_cue`` of it.

:func:`run_cues` runs every registered cue, :func:`combine` applies the table (its ``unless``
reads what the cue functions returned, never another row's output, so the rows' order does not
matter), and :func:`mark_people_by_surname` is the one step across candidates (a surname alone
after the full name). Words of the cues: ``models/company_rule_words.tsv`` and the lexicons of
:mod:`.company_lexicons`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Callable, Iterable

from spacy.tokens import Doc, Span, Token

from ..assets import AssetError, read_rows
from ..names import form_key, is_abbreviation, is_caps
from .company_chunks import TECH, Chunk, SentenceStarts
from .company_lexicons import Lexicons, rule_words
from ..doc_index import doc_text

__all__ = ["CUES", "STRONG", "MEDIUM", "RENAMED", "SOFT_NEGATIVE", "Article", "Mention",
           "Combination", "chunk_root", "combinations", "combine", "cue", "mark_people_by_surname",
           "run_cues"]

STRONG = {"suffix", "bracket", "ticker", "descriptor", "role", "lexicon", "list", "alias",
          "renamed"}
MEDIUM = {"deal", "possessive", "owner", "name_word", "org", "of_place", "dateline"}
GROUPS = {"STRONG": frozenset(STRONG), "MEDIUM": frozenset(MEDIUM)}
PREFILLED = frozenset({"digit"})  # set by the chunker itself: "Vodafone, O2 and 3"
FLAGS = frozenset({"carrier", "no_carrier", "maker"})  # rows that set carrier_cue, maker_cue
COMBINATIONS_FILE = "company_cue_combinations.tsv"

_WORDS = rule_words()  # models/company_rule_words.tsv
RENAMED = _WORDS["renamed_verb"]
SOFT_NEGATIVE = {"PERSON", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "LANGUAGE", "PRODUCT",
                 "WORK_OF_ART"}
_MAKER_NOUNS = _WORDS["maker_noun"]
# words of a maker's description or name: "telephone equipment manufacturer", "electronics
# group", "Cie Generale de Constructions Telephoniques", "Philips Telecommunications Industrie"
_MAKER_WORDS = _WORDS["maker_word"]
# what only a business has, after its name as a modifier: "OneTel adverts", "Orange customers"
_OWNED_NOUNS = _WORDS["owned_noun"]
_SERVICE_WORDS = _WORDS["service_word"]
_BROADCAST_WORDS = _WORDS["broadcast_word"]
_PLURAL_KINDS = _WORDS["plural_kind"]
_DOTCOM = re.compile(r"^[A-Z][\w-]*\.(?:com|net|co\.uk)$")
_LINE_WORDS = _WORDS["line_word"]
_SERVICE_VERBS = _WORDS["service_verb"]
_PLACE_INITIALS = re.compile(r"^(?:U\.S\.|U\.K\.|U\.S\.A\.|E\.C\.)$")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_PRODUCT_VERBS = _WORDS["product_verb"]
_MODEL_CODE = re.compile(r"^(?:[A-Z]|[A-Z]?\d+[A-Za-z]{0,3})$")
_IN_NOUNS = _WORDS["in_noun"]
_HONORIFICS = _WORDS["honorific"]
_PREPS = _WORDS["prep"]
_ROLE_OPENERS = _WORDS["role_opener"]
_ROLE_PREPS = _WORDS["role_prep"]
_PLACE_PREPS = _WORDS["place_prep"]
_SERVICE_NOUNS = _WORDS["service_noun"]
_PERSON_TITLES = _WORDS["person_title"]
_STRAY_WORDS = _WORDS["stray_word"]
_PUBLIC_BANKS = _WORDS["public_bank"]
_MAKER_STEMS = tuple(sorted(_WORDS["maker_stem"]))
_CARRIER_STEMS = tuple(sorted(_WORDS["carrier_stem"]))

CueFunction = Callable[[Doc, "Mention", "Article"], Iterable[str]]
CUES: dict[str, CueFunction] = {}
EMITS: dict[str, frozenset[str]] = {}


def cue(name: str, emits: Iterable[str]) -> Callable[[CueFunction], CueFunction]:
    """Register a cue function under ``name``; ``emits``: every signal it may return."""
    def register(function: CueFunction) -> CueFunction:
        if name in CUES:
            raise ValueError(f"cue {name!r} registered twice")
        CUES[name] = function
        EMITS[name] = frozenset(emits)
        return function
    return register


@dataclass
class Mention:
    """One candidate name as the cues read it (made once per chunk)."""

    chunk: Chunk
    span: Span
    words: list[str]
    lowers: list[str]   # lower case, dots removed
    key: str            # form_key of the text
    root: Token         # syntactic head (chunk_root)
    labels: set[str]    # spaCy labels of its tokens

    @classmethod
    def of(cls, doc: Doc, chunk: Chunk) -> "Mention":
        span = doc[chunk.start:chunk.end]
        words = [t.text for t in span]
        return cls(chunk, span, words, [w.lower().replace(".", "") for w in words],
                   form_key(span.text), chunk_root(doc, chunk), _labels(doc, chunk))

    @property
    def start(self) -> int:
        return self.chunk.start

    @property
    def end(self) -> int:
        return self.chunk.end


class Article:
    """What the cues know of the whole article (made once per Doc)."""

    def __init__(self, doc: Doc, chunks: list[Chunk], lex: Lexicons, surnames: set[str]):
        self.doc, self.lex = doc, lex
        self.ends = {c.end: c for c in chunks}
        self.single = {doc[c.start].text for c in chunks if c.end - c.start == 1}
        self.other_labels: dict[str, set[str]] = {}
        for ent in doc.ents:  # the labels spaCy gives each one-word name across the article
            if len(ent) == 1 or len(ent) == 2 and ent[1].text in {"'s", "’s"}:
                self.other_labels.setdefault(ent[0].text, set()).add(ent.label_)
        for chunk in chunks:
            if chunk.end - chunk.start == 1 and not doc[chunk.start].ent_type_:
                self.other_labels.setdefault(doc[chunk.start].text, set()).add("")
        self.codes = {w for w in self.single
                      if w.isupper() and len(w) > 1 and form_key(w) in lex.not_companies}
        self.surnames = surnames | {doc[c.start].text for c in chunks if c.start > 0
                                    and doc[c.start - 1].lower_.rstrip(".") in _HONORIFICS}
        self.sent_starts = SentenceStarts(doc)

    @cached_property
    def lower_words(self) -> set[str]:
        """The words the article writes in lower case somewhere."""
        return set(_LOWER_WORD.findall(doc_text(self.doc)))


# --- helpers of the cues (each reads the sentence, never a cue) -------------------------------

def chunk_root(doc: Doc, chunk: Chunk) -> Token:
    """The chunk's syntactic head: its last token whose head lies outside it."""
    root = doc[chunk.end - 1]
    for tok in doc[chunk.start:chunk.end]:
        if not chunk.start <= tok.head.i < chunk.end or tok.head.i == tok.i:
            root = tok
    return root


def _labels(doc: Doc, chunk: Chunk) -> set[str]:
    return {t.ent_type_ for t in doc[chunk.start:chunk.end] if t.ent_type_}


def _descriptor_words(noun: Token) -> list[str]:
    """A company noun with its modifiers ("US phone company" -> [us, phone, company])."""
    toks = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "nmod", "nummod"}
            or c.pos_ in {"NOUN", "ADJ", "PROPN"}]
    for c in list(toks):
        toks.extend(g for g in c.lefts if g.dep_ in {"compound", "amod", "conj"})
        toks.extend(g for g in c.rights if g.dep_ == "conj")
    return [t.lower_ for t in sorted(toks, key=lambda t: t.i)] + [noun.lemma_.lower()]


def _carrier_words(words: Iterable[str], lex: Lexicons) -> bool:
    """Words in text order ending with the company noun: a carrier noun ("operator"), or a
    carrier modifier in the run of modifiers next to the noun ("mobile phone firm", "telecoms
    and internet service providers"; not "telephone directory company", "mobile content firm").
    A "network" is a carrier unless it broadcasts ("TV network")."""
    words = list(words)
    noun = words[-1] if words else ""
    if noun in lex.carrier_nouns:
        return True
    if noun in _MAKER_NOUNS:
        return False
    run = []
    for w in reversed(words[:-1]):
        if w not in lex.carrier_modifiers and w not in _SERVICE_WORDS:
            break
        run.append(w)
    if noun == "network":
        return not any(w in _BROADCAST_WORDS for w in words[:-1])
    return any(w in lex.carrier_modifiers for w in run)


def _company_noun(tok: Token, lex: Lexicons) -> bool:
    return tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in lex.company_nouns \
        and tok.text[:1].islower()


def _descriptor(doc: Doc, chunk: Chunk, root: Token, lex: Lexicons):
    """The company noun that describes the chunk, if any: before it ("telecoms firm X"),
    in apposition after it ("X, the cellular operator"), or as its predicate ("X is a firm")."""
    before = doc[chunk.start - 1] if chunk.start > 0 else None
    if before is not None and before.lower_ in lex.firm_plurals:
        return [before.lower_]  # "analysts IDC"
    place = bool(_labels(doc, chunk) & {"GPE", "LOC", "NORP"})
    if root.dep_ == "compound" and root.head.i == chunk.end and _company_noun(root.head, lex) \
            and root.head.lemma_.lower() in lex.unit_nouns and not place:
        return [root.head.lemma_.lower()]
    if root.dep_ == "compound" and root.head.i == chunk.end and _company_noun(root.head, lex) \
            and root.head.tag_ == "NN" and not place and chunk.start > 0 \
            and any(c.dep_ == "det" and c.i < chunk.start for c in root.head.children):
        return _descriptor_words(root.head)  # "the part-Turkish TAV consortium"
    if before is not None and (_company_noun(before, lex) or before.pos_ == "ADJ"
                               and before.lower_ in lex.company_nouns and before.i > 0
                               and doc[before.i - 1].text.islower()
                               and doc[before.i - 1].pos_ in {"NOUN", "VERB", "ADJ"}):
        words = [t.lower_ for t in doc[max(0, chunk.start - 5):chunk.start - 1]
                 if t.pos_ in {"NOUN", "ADJ", "PROPN", "NUM", "VERB"} and t.text[:1].islower()]
        return words + [before.lemma_.lower()]
    # "network, 3," : a company noun, a comma, then the name
    if chunk.start > 1 and doc[chunk.start - 1].text == "," and _company_noun(doc[chunk.start - 2],
                                                                               lex) \
            and doc[chunk.start - 2].dep_ != "conj":
        return _descriptor_words(doc[chunk.start - 2])
    for child in root.children:
        if child.dep_ == "appos" and _company_noun(child, lex) and child.i > root.i:
            return _descriptor_words(child)
    if root.dep_ == "appos" and _company_noun(root.head, lex):
        return _descriptor_words(root.head)
    # window after ", (a|an|the)" up to the next punctuation
    if chunk.end + 2 < len(doc) and doc[chunk.end].text == "," \
            and doc[chunk.end + 1].lower_ in {"a", "an", "the"}:
        for tok in doc[chunk.end + 2:min(len(doc), chunk.end + 10)]:
            if tok.is_punct or tok.pos_ in {"VERB", "AUX"}:
                break
            if _company_noun(tok, lex) and tok.head.i == tok.i or _company_noun(tok, lex) \
                    and (tok.i + 1 >= len(doc) or doc[tok.i + 1].is_punct
                         or doc[tok.i + 1].lower_ in {"of", "in", "for", "with", "that", "which"}):
                return [t.lower_ for t in doc[chunk.end + 2:tok.i]] + [tok.lemma_.lower()]
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for child in root.head.children:
            if child.dep_ == "attr" and _company_noun(child, lex):
                return _descriptor_words(child)
    return None


def _is_deal_word(tok: Token, lex: Lexicons) -> bool:
    lemma = tok.lemma_.lower()
    return (tok.pos_ == "VERB" and lemma in lex.deal_verbs) or \
        (tok.pos_ in {"NOUN", "PROPN"} and lemma in lex.deal_nouns)


def _list_top(tok: Token) -> Token:
    """The first member of the list (conj/appos chain) that ``tok`` belongs to."""
    while tok.dep_ in {"conj", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _deal_cue(root: Token, lex: Lexicons) -> bool:
    tok = _list_top(root)
    dep = tok.dep_
    if dep in {"nsubj", "agent"} and _is_deal_word(tok.head, lex):
        return True
    if dep == "nsubjpass" and _is_deal_word(tok.head, lex) \
            and tok.head.lemma_.lower() not in _PRODUCT_VERBS:
        return True  # "X was acquired"; but "the Mini was launched"
    if dep == "dobj" and _is_deal_word(tok.head, lex) \
            and tok.head.lemma_.lower() not in _PRODUCT_VERBS:
        return True  # "acquire X"; but one owns, launches or offers products too
    if dep == "nsubj" and any(c.dep_ == "xcomp" and _is_deal_word(c, lex)
                              for c in tok.head.children):
        return True  # "Verizon agreed to buy MCI"
    if dep == "pobj" and tok.head.lower_ in _PREPS:
        prep = tok.head
        if prep.lower_ == "in" and prep.head.lemma_.lower() not in _IN_NOUNS:
            return False  # "a deal in Mumbai" is a place; "a stake in X" is a company
        if _is_deal_word(prep.head, lex):
            return True
    if dep == "poss" and _is_deal_word(tok.head, lex):
        return True
    return False


def _role_cue(doc: Doc, chunk: Chunk, root: Token, lex: Lexicons) -> bool:
    """A person's role at the company: "chief executive of X", "analyst at X", "X chairman"."""
    after = doc[chunk.end] if chunk.end < len(doc) else None
    if doc[chunk.start].ent_type_ in {"NORP", "GPE"}:
        after = None  # "UK chief executive": a country's part of a company, not the company
    if after is not None and after.text[:1].islower() \
            and after.lemma_.lower() in lex.internal_roles and after.pos_ == "NOUN" \
            and doc[chunk.start].ent_type_ not in {"NORP", "GPE"}:
        return True
    if after is not None and after.lower_ in _ROLE_OPENERS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in _ROLE_PREPS and not (
            _labels(doc, chunk) & {"GPE", "LOC"} and root.head.lower_ in _PLACE_PREPS):
        head = root.head.head  # but "economists from the U.K." are from a place
        if head.pos_ == "NOUN" and head.lemma_.lower() in lex.role_nouns:
            return True
    return False


def _possessive_cue(doc: Doc, chunk: Chunk, root: Token, lex: Lexicons) -> bool:
    if chunk.end < len(doc) and doc[chunk.end].text in {"'s", "'", "’s"}:
        owned = root.head if root.dep_ == "poss" else None
        if owned is None:
            return False
        words = [owned.lemma_.lower()] + [c.lower_ for c in owned.lefts if c.dep_ == "compound"]
        product = owned.pos_ == "PROPN" or owned.text[:1].islower() and any(
            c.isupper() for c in owned.text[1:])  # "Apple's iPhone", "Sony's PlayStation"
        return product or any(w in lex.business_nouns for w in words)
    return False


def _owner_cue(root: Token, lex: Lexicons) -> bool:
    """Subject of a verb whose object is a business noun: "Canton serves customers",
    "Walker has 7,600 customers", "X has great shares"."""
    tok = _list_top(root)
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.pos_ not in {"VERB", "AUX"}:
        return False
    verbs = [tok.head]  # "X is set to trial a service and plans to roll out services"
    verbs += [c for c in tok.head.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    verbs += [c for v in list(verbs) for c in v.children if c.dep_ == "xcomp"]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in lex.business_nouns
               for v in verbs for c in v.children)


def _provides_telecoms(root: Token, lex: Lexicons) -> bool:
    """The company provides or runs a telecom service or network: "X, which provides telecoms
    and data services", "X operates a mobile phone network"."""
    verbs = [c for c in root.children if c.dep_ == "relcl"]
    if root.dep_ == "nsubj":
        verbs.append(root.head)
    for verb in verbs:
        if verb.lemma_.lower() not in _SERVICE_VERBS:
            continue
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            nouns = [obj] + [c for c in obj.children if c.dep_ == "conj"]
            if not any(n.lemma_.lower() in _SERVICE_NOUNS for n in nouns):
                continue
            words = [t.lower_ for n in nouns for t in n.subtree if t.i <= n.i]
            if any(w in lex.carrier_modifiers for w in words):
                return True
    return False


def _list_cue(root: Token, lex: Lexicons) -> bool:
    """First member of a list hanging off a company noun: "partners, including A, B and C",
    "companies such as A and B", "stakes in firms including A"."""
    tok = _list_top(root)
    if tok.dep_ == "pobj":
        prep = tok.head
        lemma = prep.lemma_.lower()
        if prep.lower_ in lex.list_heads or lemma in lex.list_heads or (
                prep.lower_ == "as" and prep.head.lower_ == "such"):
            anchor = prep.head
            if anchor.lower_ == "such":
                anchor = anchor.head
            for cand in (anchor, anchor.head):
                if cand.pos_ == "NOUN" and cand.lemma_.lower() in lex.company_nouns:
                    return True
    return False


def _caps_dateline(doc: Doc, chunk: Chunk) -> bool:
    """A capitals place line that opens a paragraph: "BANGALORE, INDIA - ", "LONDON: "."""
    if not is_caps(doc[chunk.start:chunk.end].text):
        return False
    def caps_or_comma(t: Token) -> bool:
        return t.text == "," or is_caps(t.text) or t.text in {".", "'s"}
    k = chunk.start - 1
    while k >= 0 and chunk.start - k <= 4 and not doc[k].is_space and caps_or_comma(doc[k]):
        k -= 1
    if not (k < 0 or doc[k].is_space or "\n" in doc[k].whitespace_):
        return False
    j = chunk.end
    while j < len(doc) and j - chunk.end <= 4 and caps_or_comma(doc[j]):
        j += 1
    return j < len(doc) and doc[j].text in {"-", "--", "—", "–", ":"}


def _dateline(doc: Doc, chunk: Chunk) -> bool:
    """A source named before a dash near a paragraph's start: "(Datamonitor) - The ...",
    "USATODAY.com - Regulators ..." (not a capitals place: "LONDON -")."""
    i, j = chunk.start, chunk.end
    if i > 0 and doc[i - 1].text == "(" and j < len(doc) and doc[j].text == ")":
        i, j = i - 1, j + 1
    elif is_caps(doc[chunk.start:chunk.end].text):
        return False
    if j >= len(doc) or doc[j].text not in {"-", "--", "—", "–"} or not doc[j - 1].whitespace_:
        return False  # a spaced dash, not "Long-term", "Anti-virus"
    k = i - 1
    while k >= 0 and k > i - 12 and not doc[k].is_space and doc[k].text not in {".", "!", "?"} \
            and (doc[k].ent_type_ in {"DATE", "TIME", "CARDINAL"} or doc[k].is_punct
                 or doc[k].like_num or doc[k].text.isupper() and len(doc[k].text) <= 4):
        k -= 1
    return k < 0 or doc[k].is_space or doc[k].text in {".", "!", "?"} or "\n" in doc[k].whitespace_


def _of_place(doc: Doc, chunk: Chunk, ends: dict[int, Chunk]) -> bool:
    """The chunk is the place in "Samsung of South Korea", "Ericsson of Sweden"."""
    return chunk.start > 1 and doc[chunk.start - 1].lower_ == "of" and (chunk.start - 1) in ends


def _abbreviated_product(doc: Doc, chunk: Chunk, lex: Lexicons, codes: set[str]) -> bool:
    """A spelled-out technology: "DMB for Digital Multimedia Broadcasting", "DSL (Digital
    Subscriber Line)", or one whose code the article uses elsewhere."""
    text = doc[chunk.start:chunk.end].text
    if chunk.end - chunk.start < 2:
        return False
    if any(is_abbreviation(code, text) for code in codes):
        return True
    near = list(doc[max(0, chunk.start - 5):chunk.start]) + list(doc[chunk.end:chunk.end + 3])
    for tok in near:
        code = tok.text.split("-")[0]
        if tok.text.isupper() and len(code) > 1 and (form_key(tok.text) in lex.not_companies
                                                     or TECH.match(tok.text)) \
                and is_abbreviation(code, text):
            return True
    return False



# --- the cues: for ----------------------------------------------------------------------------

@cue("suffix", emits={"suffix"})
def _suffix(doc: Doc, m: Mention, art: Article):
    """A legal suffix ends the name: "Vodafone Group Plc"."""
    return ("suffix",) if m.chunk.suffix else ()


@cue("bracket", emits={"bracket"})
def _bracket(doc: Doc, m: Mention, art: Article):
    """Reuters' ``<Name>``."""
    return ("bracket",) if m.chunk.bracketed else ()


@cue("ticker", emits={"ticker"})
def _ticker(doc: Doc, m: Mention, art: Article):
    """A ticker code next to it: "Sprint Corp <FON>"."""
    return ("ticker",) if m.chunk.ticker else ()


@cue("alias", emits={"alias"})
def _alias(doc: Doc, m: Mention, art: Article):
    """The short form of a name the article spelled out."""
    return ("alias",) if m.chunk.alias_of is not None else ()


@cue("lexicon", emits={"lexicon", "carrier_lexicon"})
def _lexicon(doc: Doc, m: Mention, art: Article):
    """A known carrier or news outlet (gazetteer)."""
    lex = art.lex
    if lex.carriers and m.key in lex.carriers:
        return ("lexicon", "carrier_lexicon")
    if lex.outlets and m.key in lex.outlets:
        return ("lexicon",)
    return ()


@cue("descriptor", emits={"descriptor", "carrier_descriptor", "maker_descriptor", "publication"})
def _descriptor_cue(doc: Doc, m: Mention, art: Article):
    """A company noun describes it ("telecoms firm X", "X, the cellular operator"); its words
    say carrier ("mobile operator"), maker ("equipment manufacturer") or publication."""
    desc = _descriptor(doc, m.chunk, m.root, art.lex)
    if not desc:
        return ()
    out = ["descriptor"]
    if _carrier_words(desc, art.lex):
        out.append("carrier_descriptor")
    if desc[-1] in _MAKER_NOUNS or _MAKER_WORDS & set(desc[:-1]):
        out.append("maker_descriptor")  # "X, a telephone equipment manufacturer"
    if desc[-1] in art.lex.publication_nouns:
        out.append("publication")
    return out


@cue("dotcom", emits={"descriptor"})
def _dotcom(doc: Doc, m: Mention, art: Article):
    """"Amazon.com", "USATODAY.com": a business by its address."""
    return ("descriptor",) if len(m.words) == 1 and _DOTCOM.match(m.words[0]) else ()


@cue("dateline", emits={"dateline"})
def _dateline_cue(doc: Doc, m: Mention, art: Article):
    """"(Datamonitor) - The much-touted ...": the source of the story."""
    return ("dateline",) if _dateline(doc, m.chunk) else ()


@cue("carrier_network", emits={"carrier_network"})
def _carrier_network(doc: Doc, m: Mention, art: Article):
    """"Norlight's digital fiber optic network": it owns a telecom network."""
    root = m.root
    if root.dep_ == "poss" and root.head.lemma_.lower() == "network" and any(
            c.lower_ in art.lex.carrier_modifiers or c.lower_ in _LINE_WORDS
            for c in root.head.lefts):
        return ("carrier_network",)
    return ()


@cue("carrier_service", emits={"carrier_service"})
def _carrier_service(doc: Doc, m: Mention, art: Article):
    """"X, which provides telecoms and data services", "X operates a mobile phone network"."""
    return ("carrier_service",) if _provides_telecoms(m.root, art.lex) else ()


@cue("renamed", emits={"renamed"})
def _renamed(doc: Doc, m: Mention, art: Article):
    """"formerly known as Worldcom"."""
    root = m.root
    if root.dep_ == "pobj" and root.head.lower_ == "as" \
            and root.head.head.lemma_.lower() in RENAMED:
        return ("renamed",)
    return ()


@cue("role", emits={"role"})
def _role(doc: Doc, m: Mention, art: Article):
    """A person's role at it: "chief executive of X", "X chairman"."""
    return ("role",) if _role_cue(doc, m.chunk, m.root, art.lex) else ()


@cue("list", emits={"list"})
def _list(doc: Doc, m: Mention, art: Article):
    """First of a list hanging off a company noun: "partners, including A, B and C"."""
    return ("list",) if _list_cue(m.root, art.lex) else ()


@cue("deal", emits={"deal"})
def _deal(doc: Doc, m: Mention, art: Article):
    """Subject or object of a deal verb or noun: "Verizon agreed to buy MCI"."""
    return ("deal",) if _deal_cue(m.root, art.lex) else ()


@cue("owner", emits={"owner"})
def _owner(doc: Doc, m: Mention, art: Article):
    """Subject of a verb whose object is a business noun: "Canton serves customers"."""
    return ("owner",) if _owner_cue(m.root, art.lex) else ()


@cue("possessive", emits={"possessive"})
def _possessive(doc: Doc, m: Mention, art: Article):
    """Owner of a business noun or a product: "X's board", "Apple's iPhone"."""
    return ("possessive",) if _possessive_cue(doc, m.chunk, m.root, art.lex) else ()


@cue("name_word", emits={"name_word"})
def _name_word(doc: Doc, m: Mention, art: Article):
    """A company word after the first word: "X Communications"."""
    if len(m.words) > 1 and any(w in art.lex.name_words for w in m.lowers[1:]):
        return ("name_word",)
    return ()


@cue("org", emits={"org", "-mixed"})
def _org(doc: Doc, m: Mention, art: Article):
    """spaCy's ORG label; "-mixed": one word that spaCy labels otherwise elsewhere."""
    if "ORG" not in m.labels:
        return ()
    other = art.other_labels.get(m.words[0], set())
    if len(m.words) == 1 and (other - {"ORG"} or "ORG" not in other):
        return ("org", "-mixed")
    return ("org",)


@cue("of_place", emits={"of_place"})
def _of_place_cue(doc: Doc, m: Mention, art: Article):
    """"Samsung of South Korea": a company said to be of a country."""
    after = doc[m.end:m.end + 2]
    if len(after) == 2 and after[0].lower_ == "of" and after[1].ent_type_ == "GPE" \
            and not (len(m.words) > 1 and "PERSON" in m.labels):
        return ("of_place",)
    return ()


@cue("name_carrier", emits={"publication", "maker_name", "carrier_name"})
def _name_carrier(doc: Doc, m: Mention, art: Article):
    """What the name itself says: a news outlet or publication ("Daily Telegraph"), a maker
    ("Philips Telecommunications Industrie"), a carrier ("Southwestern Bell"; not "Bell
    Resources")."""
    lex, lowers = art.lex, m.lowers
    out = []
    after = doc[m.chunk.end].lower_ if m.chunk.end < len(doc) else ""
    if m.key in lex.outlets or lowers[-1] in lex.publication_nouns \
            or after in lex.publication_nouns:  # "Daily Telegraph", "Fortune magazine"
        out.append("publication")
    if _MAKER_WORDS & set(lowers[1:]) and any(w.startswith(_MAKER_STEMS) for w in lowers):
        out.append("maker_name")
    if any((w in lex.carrier_name_words and (w != "bell" or all(
            x in lex.suffixes for x in lowers[k + 1:]))) or w.startswith(_CARRIER_STEMS)
           for k, w in enumerate(lowers)):
        out.append("carrier_name")
    return out


# --- the cues: against ------------------------------------------------------------------------

@cue("caps_dateline", emits={"caps_dateline"})
def _caps_dateline_cue(doc: Doc, m: Mention, art: Article):
    """"BANGALORE, INDIA - An anticipated boom ...": where, not who."""
    return ("caps_dateline",) if _caps_dateline(doc, m.chunk) else ()


@cue("nation", emits={"-nation"})
def _nation(doc: Doc, m: Mention, art: Article):
    """"Scottish", "Finnish"."""
    return ("-nation",) if m.labels == {"NORP"} and len(m.words) == 1 else ()


@cue("model_code", emits={"model_code"})
def _model_code(doc: Doc, m: Mention, art: Article):
    """"Cooper S", "Mercedes Benz C180": a model."""
    if len(m.words) > 1 and any(_MODEL_CODE.match(w) for w in m.words[-2:]) \
            and not {"and", "&"} & set(m.lowers):
        return ("model_code",)
    return ()


@cue("possessed_org", emits={"-org"})
def _possessed_org(doc: Doc, m: Mention, art: Article):
    """"European People's Party"."""
    if m.end + 1 < len(doc) and doc[m.end].text in {"'s", "’s"} \
            and doc[m.end + 1].lower_ in art.lex.org_words and doc[m.end + 1].text[:1].isupper():
        return ("-org",)
    return ()


@cue("label", emits={"-label"})
def _label(doc: Doc, m: Mention, art: Article):
    """spaCy calls it a place, nationality, person, product...: one-word "people" are mostly
    unknown brands (Suning, JD)."""
    labels, lowers = m.labels, m.lowers
    if labels & SOFT_NEGATIVE and "ORG" not in labels and not (
            labels == {"PERSON"} and len(m.words) == 1) and not (
            len(m.words) > 1 and lowers[-1] in art.lex.name_words
            and (not doc[m.end - 1].ent_type_ or labels == {"PERSON"})):
        return ("-label",)
    return ()


@cue("place_after_of", emits={"-place", "place_after_of"})
def _place_after_of(doc: Doc, m: Mention, art: Article):
    """The place in "General Telephone Co of California", "Samsung of South Korea"."""
    if not _of_place(doc, m.chunk, art.ends):
        return ()
    if art.ends[m.start - 1].suffix or m.labels & {"GPE", "LOC"}:
        return ("-place",)
    return ("place_after_of",)


@cue("surname_tail", emits={"surname_tail"})
def _surname_tail(doc: Doc, m: Mention, art: Article):
    """"Felipe Contepomi ... Contepomi": people go by surname."""
    words, lowers, lex = m.words, m.lowers, art.lex
    if len(words) > 1 and (words[-1] in art.surnames or (
            words[-1] in art.single and lowers[-1] not in lex.name_words
            and lowers[-1] not in lex.carrier_name_words)):
        return ("surname_tail",)
    return ()


@cue("role_before", emits={"-person"})
def _role_before(doc: Doc, m: Mention, art: Article):
    """"boss Bernie Ebbers", "analyst Hannes Wittig"."""
    if m.start > 0 and doc[m.start - 1].lower_ in art.lex.role_nouns \
            and doc[m.start - 1].pos_ == "NOUN" and len(m.words) > 1:
        return ("-person",)
    return ()


@cue("bare_acronym", emits={"bare_acronym"})
def _bare_acronym(doc: Doc, m: Mention, art: Article):
    """"WLTM", "STOCKHOLM": capitals the article does not explain."""
    return ("bare_acronym",) if len(m.words) == 1 and m.words[0].isupper() else ()


@cue("lower_first", emits={"lower_first"})
def _lower_first(doc: Doc, m: Mention, art: Article):
    """"iPhone", "eBay": a product unless something says more."""
    return ("lower_first",) if m.words[0][:1].islower() else ()


@cue("plural_kind", emits={"plural_kind"})
def _plural_kind(doc: Doc, m: Mention, art: Article):
    """"U.K. Firms", "Telecom Operators": a kind, not a name."""
    return ("plural_kind",) if m.lowers[-1] in _PLURAL_KINDS else ()


@cue("plural_tail", emits={"plural_tail", "plural_tail_place"})
def _plural_tail(doc: Doc, m: Mention, art: Article):
    """"Ericsson AXE Signal Transfer Point Switches": a plural last word; "_place" when the
    name opens with a place ("U.S. ...")."""
    lowers, lex = m.lowers, art.lex
    if len(m.words) > 1 and doc[m.end - 1].tag_ in {"NNS", "NNPS"} \
            and lowers[-1] not in lex.name_words and lowers[-1] not in lex.carrier_name_words:
        place_first = doc[m.start].ent_type_ in {"GPE", "NORP"} \
            or bool(_PLACE_INITIALS.match(m.words[0]))
        return ("plural_tail_place",) if place_first else ("plural_tail",)
    return ()


@cue("place_common", emits={"place_common"})
def _place_common(doc: Doc, m: Mention, art: Article):
    """"U.S. Opposition", "U.S. Supercomputers": a place, then a word the article writes in
    lower case."""
    if len(m.words) == 2 and (doc[m.start].ent_type_ in {"GPE", "NORP"}
                              or _PLACE_INITIALS.match(m.words[0])) \
            and m.lowers[1] in art.lower_words:
        return ("place_common",)
    return ()


@cue("kind_modifier", emits={"kind_modifier"})
def _kind_modifier(doc: Doc, m: Mention, art: Article):
    """"U.S. Telecommunications giant American Telephone and ...": a modifier of a company noun
    before another name."""
    root = m.root
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.i == m.end \
            and _company_noun(root.head, art.lex) \
            and m.end + 1 < len(doc) and doc[m.end + 1].text[:1].isupper():
        return ("kind_modifier",)
    return ()


@cue("opening_kind_word", emits={"opening_kind_word"})
def _opening_kind_word(doc: Doc, m: Mention, art: Article):
    """"Group president Thomas Schmidheiny said ...": a company word opening a sentence."""
    lowers, lex = m.lowers, art.lex
    if len(m.words) == 1 and m.start in art.sent_starts and m.words[0].istitle() and (
            lowers[0] in lex.company_nouns or lowers[0] in lex.name_words):
        return ("opening_kind_word",)
    return ()


@cue("function_word", emits={"function_word"})
def _function_word(doc: Doc, m: Mention, art: Article):
    """"Several of Ireland's biggest companies": a function word."""
    return ("function_word",) if len(m.words) == 1 and doc[m.start].is_stop else ()


@cue("opening_plural", emits={"opening_plural"})
def _opening_plural(doc: Doc, m: Mention, art: Article):
    """"Rumours about a takeover ...": a plural noun opening a sentence."""
    word = m.words[0]
    if len(m.words) == 1 and m.start in art.sent_starts and not doc[m.start].ent_type_ \
            and word.endswith("s") and word[1:].islower():
        return ("opening_plural",)
    return ()


@cue("tagged_common", emits={"tagged_common"})
def _tagged_common(doc: Doc, m: Mention, art: Article):
    """"head of Distribution": the tagger reads a common noun."""
    if len(m.words) == 1 and m.words[0].istitle() and doc[m.start].tag_ in {"NN", "NNS"} \
            and "ORG" not in m.labels:
        return ("tagged_common",)
    return ()


@cue("plural_caps", emits={"-common"})
def _plural_caps(doc: Doc, m: Mention, art: Article):
    """"ISPs", "PCs"."""
    word = m.words[0]
    if len(m.words) == 1 and word[:-1].isupper() and word.endswith("s") and len(word) > 2:
        return ("-common",)
    return ()


@cue("lower_elsewhere", emits={"lower_elsewhere"})
def _lower_elsewhere(doc: Doc, m: Mention, art: Article):
    """"Handsets": a common word written with a capital (the article writes it in lower case)."""
    if len(m.words) == 1 and m.words[0].istitle() \
            and m.words[0].lower() in art.lower_words \
            and (m.start in art.sent_starts or doc[m.start].tag_ != "NNP"):
        return ("lower_elsewhere",)
    return ()


@cue("plural_proper", emits={"plural_proper"})
def _plural_proper(doc: Doc, m: Mention, art: Article):
    """"Britons signed", "Consumers adopt": plural nouns."""
    tag = doc[m.start].tag_
    if len(m.words) == 1 and (tag == "NNPS" or (m.start in art.sent_starts and tag == "NNS")):
        return ("plural_proper",)
    return ()


@cue("name_word_alone", emits={"name_word_alone"})
def _name_word_alone(doc: Doc, m: Mention, art: Article):
    """"Wireless is a medium", "Telecom" alone."""
    lex = art.lex
    if len(m.words) == 1 and (m.lowers[0] in lex.name_words
                              or m.lowers[0] in lex.carrier_name_words):
        return ("name_word_alone",)
    return ()


@cue("public_bank", emits={"-org"})
def _public_bank(doc: Doc, m: Mention, art: Article):
    """Central and development banks: "World Bank", "European Central Bank"."""
    if "bank" in m.lowers and len(m.words) > 1 and m.lowers[0] in _PUBLIC_BANKS:
        return ("-org",)
    return ()


@cue("org_word_after", emits={"org_word_after"})
def _org_word_after(doc: Doc, m: Mention, art: Article):
    """"based at Bristol University" cut before its last word."""
    if m.end < len(doc) and doc[m.end].lower_ in art.lex.org_words \
            and doc[m.end].text.istitle():
        return ("org_word_after",)
    return ()


@cue("org_word_head", emits={"org_word_head"})
def _org_word_head(doc: Doc, m: Mention, art: Article):
    """"a Post and Telecommunications ministry official"."""
    root = m.root
    if root.dep_ in {"compound", "nmod", "amod", "conj"} and root.head.i >= m.end \
            and root.head.text.islower() and root.head.lower_ in art.lex.org_words:
        return ("org_word_head",)
    return ()


@cue("gov_title", emits={"-org"})
def _gov_title(doc: Doc, m: Mention, art: Article):
    """"Finance Minister"."""
    return ("-org",) if m.end < len(doc) and doc[m.end].lower_ in art.lex.gov_titles else ()


@cue("product_code", emits={"-product"})
def _product_code(doc: Doc, m: Mention, art: Article):
    """A technology's code in the name, or the name spells out one ("Digital Subscriber
    Line" beside "DSL")."""
    if any(w.isupper() and form_key(w) in art.lex.not_companies for w in m.words) \
            or _abbreviated_product(doc, m.chunk, art.lex, art.codes):
        return ("-product",)
    return ()


@cue("not_company", emits={"-product"})
def _not_company(doc: Doc, m: Mention, art: Article):
    """A known product or technology ("3G", "Bluetooth"), or a name made only of them."""
    lex = art.lex
    if m.key in lex.not_companies or TECH.match(m.span.text) or all(
            TECH.match(w) or form_key(w) in lex.not_companies for w in m.words):
        return ("-product",)
    return ()


@cue("title_tail", emits={"title_tail"})
def _title_tail(doc: Doc, m: Mention, art: Article):
    """"listened to Go Digital": the tail of a capitalised title."""
    if m.start > 1 and doc[m.start - 1].pos_ in {"VERB", "AUX"} \
            and doc[m.start - 1].text.istitle() and m.start - 1 not in art.sent_starts \
            and doc[m.start - 2].text not in {'"', "“", "'", "‘", "(", ":"}:
        return ("title_tail",)
    return ()


@cue("maker_model", emits={"maker_model"})
def _maker_model(doc: Doc, m: Mention, art: Article):
    """"the Nintendo DS" beside "Nintendo": a maker's model code."""
    words, lowers = m.words, m.lowers
    if len(words) == 2 and m.start > 0 and doc[m.start - 1].lower_ == "the" \
            and words[1].isupper() and words[1].isalpha() and 2 <= len(words[1]) <= 3 \
            and lowers[1] not in art.lex.suffixes \
            and doc[m.end - 1].ent_type_ not in {"GPE", "LOC", "NORP"} \
            and not words[0].isupper() \
            and doc[m.start].ent_type_ not in {"GPE", "LOC", "NORP"} \
            and words[0] in art.single:
        return ("maker_model",)
    return ()


@cue("age", emits={"-person"})
def _age(doc: Doc, m: Mention, art: Article):
    """"Max, 14, bought a phone": a name with an age."""
    end = m.end
    if end + 2 < len(doc) and doc[end].text == "," \
            and doc[end + 1].text.isdecimal() and 10 <= int(doc[end + 1].text) < 110 \
            and doc[end + 2].text == "," and end + 3 < len(doc) \
            and doc[end + 3].text[:1].islower():
        return ("-person",)
    return ()


@cue("industry_body", emits={"industry_body"})
def _industry_body(doc: Doc, m: Mention, art: Article):
    """"British Phonographic Industry": a trade body."""
    return ("industry_body",) if len(m.words) > 1 and m.lowers[-1] == "industry" else ()


@cue("org_word", emits={"-org"})
def _org_word(doc: Doc, m: Mention, art: Article):
    """An organisation word in the name: "European Commission", "Ministry of ..."."""
    lowers, org_words = m.lowers, art.lex.org_words
    if any(w in org_words for w in lowers[1:]) or lowers[0] in org_words and (
            len(m.words) == 1 or lowers[1] in {"of", "for"}):
        return ("-org",)
    return ()


@cue("known_surname", emits={"-person"})
def _known_surname(doc: Doc, m: Mention, art: Article):
    """One word that is the surname of a person of the article."""
    return ("-person",) if len(m.words) == 1 and m.words[0] in art.surnames else ()


@cue("person_title", emits={"-person"})
def _person_title(doc: Doc, m: Mention, art: Article):
    """"Mr Ebbers", "Judge ...": spaCy's person after a title."""
    if "PERSON" in m.labels and m.start > 0 \
            and doc[m.start - 1].lower_.rstrip(".") in _PERSON_TITLES:
        return ("-person",)
    return ()


@cue("stray_word", emits={"-product"})
def _stray_word(doc: Doc, m: Mention, art: Article):
    """"Reuter", "I", "Mr" alone."""
    return ("-product",) if len(m.span) == 1 and m.span.text.lower() in _STRAY_WORDS else ()


@cue("number", emits={"number"})
def _number(doc: Doc, m: Mention, art: Article):
    """A token of digits in the name."""
    if any(t.like_num and not any(c.isalpha() for c in t.text) for t in m.span):
        return ("number",)
    return ()


@cue("modifier", emits={"owner_modifier", "-modifier"})
def _modifier(doc: Doc, m: Mention, art: Article):
    """The name modifies a lower-case noun: what only a business has ("OneTel adverts were
    spotted", "Orange customers": "owner_modifier") or else a brand or technology ("TD
    devices", "the TD sales team")."""
    root = m.root
    if not (root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ == "NOUN"
            and root.head.i > m.end - 1 and root.head.text[:1].islower()):
        return ()
    if root.head.lemma_.lower() in _OWNED_NOUNS and root.head.i == m.end \
            and root.head.text.islower() and (m.start == 0 or doc[
                m.start - 1].pos_ not in {"DET", "ADJ"}):
        return ("owner_modifier",)
    return ("-modifier",)


@cue("plural_product", emits={"-modifier"})
def _plural_product(doc: Doc, m: Mention, art: Article):
    """"iPhones": a product in the plural."""
    if m.words[0][:1].islower() and m.lowers[-1].endswith("s") and len(m.words) == 1:
        return ("-modifier",)
    return ()


# --- running them, and the combination step ---------------------------------------------------

@dataclass(frozen=True)
class Combination:
    """A row of ``models/company_cue_combinations.tsv``: emit ``emit`` when a cue returned
    ``when`` and none returned any of ``unless``."""

    emit: str
    when: str
    unless: frozenset[str]


def run_cues(doc: Doc, chunk: Chunk, art: Article) -> set[str]:
    """Every registered cue's signals for ``chunk``."""
    m = Mention.of(doc, chunk)
    signals: set[str] = set()
    for function in CUES.values():
        signals.update(function(doc, m, art))
    return signals


def _names(cell: str, where: str, known: set[str]) -> frozenset[str]:
    names: set[str] = set()
    for name in cell.split(","):
        if name in GROUPS:
            names |= GROUPS[name]
        elif name in known:
            names.add(name)
        else:
            raise AssetError(f"{where}: {name!r} is no cue, signal or group "
                             f"({', '.join(GROUPS)})")
    return frozenset(names)


@lru_cache(maxsize=1)
def combinations() -> tuple[Combination, ...]:
    """The rows of ``models/company_cue_combinations.tsv``, checked: ``emit`` is a cue or a flag,
    ``when`` a signal some cue returns, ``unless``/``except`` name cues, signals or the groups
    STRONG and MEDIUM."""
    known = set().union(*EMITS.values()) | PREFILLED
    rows = []
    for cells in read_rows(COMBINATIONS_FILE):
        emit, when, unless, drop = (list(cells) + ["", ""])[:4]
        where = f"models/{COMBINATIONS_FILE}, row {emit} when {when}"
        if when not in known:
            raise AssetError(f"{where}: {when!r} is returned by no cue")
        if not (emit.startswith("-") or emit in STRONG | MEDIUM | FLAGS):
            raise AssetError(f"{where}: emits {emit!r}, expected a negative cue (-name), a cue "
                             f"of STRONG or MEDIUM, or one of {', '.join(sorted(FLAGS))}")
        unless_names = _names(unless, where, known) if unless else frozenset()
        drop_names = _names(drop, where, known) if drop else frozenset()
        rows.append(Combination(emit, when, unless_names - drop_names))
    return tuple(rows)


@lru_cache(maxsize=1)
def _raw_signals() -> frozenset[str]:
    return frozenset(row.when for row in combinations())


def combine(chunk: Chunk, signals: set[str]) -> None:
    """Write ``signals`` to ``chunk``: cue names to ``chunk.cues``, raw signals and carrier or
    maker evidence through the table to cues, ``carrier_cue`` and ``maker_cue``."""
    raw = _raw_signals()
    seen = chunk.cues | signals
    out = {row.emit for row in combinations() if row.when in signals and not row.unless & seen}
    chunk.carrier_cue = "carrier" in out and "no_carrier" not in out
    chunk.maker_cue = "maker" in out
    chunk.cues |= {s for s in signals if s not in raw} | (out - FLAGS)


def mark_people_by_surname(doc: Doc, chunks: list[Chunk]) -> None:
    """People go by their surname after the first mention: "Felipe Contepomi ... Contepomi"
    (one word that ends a full name marked "-person", unless a strong cue speaks for it)."""
    people = {doc[c.end - 1].text for c in chunks if c.end - c.start > 1 and "-person" in c.cues}
    for chunk in chunks:
        if chunk.end - chunk.start == 1 and doc[chunk.start].text in people \
                and not chunk.cues & STRONG:
            chunk.cues.add("-person")
