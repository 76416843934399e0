"""Evidence that a candidate name is (or is not) a company, read from the sentence around it.

Each cue looks at a few tokens or one dependency arc around a chunk, so the cost is linear in
the length of the document. Cues:

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

import re
from typing import Iterable

from spacy.tokens import Doc, Token

from ..names import form_key, is_abbreviation, is_caps
from .company_chunks import TECH, Chunk, SentenceStarts
from .company_lexicons import Lexicons, rule_words

__all__ = ["add_cues", "decide", "coordination_groups", "chunk_root", "SOFT_NEGATIVE", "RENAMED"]

STRONG = {"suffix", "bracket", "ticker", "descriptor", "role", "lexicon", "list", "alias",
          "renamed"}
RENAMED = {"know", "call", "name", "rename", "formerly"}
MEDIUM = {"deal", "possessive", "owner", "name_word", "org", "of_place", "dateline"}
_WORDS = rule_words()  # models/company_rule_words.tsv
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
    if after is not None and after.lower_ in {"chief", "vice"}:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in {"of", "at", "for", "from"} and not (
            _labels(doc, chunk) & {"GPE", "LOC"} and root.head.lower_ in {"from", "at"}):
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
            if not any(n.lemma_.lower() in {"service", "network", "line"} for n in nouns):
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


def add_cues(doc: Doc, chunks: list[Chunk], lex: Lexicons, surnames: set[str]) -> None:
    """Fill ``chunk.cues`` (positive cues and negatives prefixed ``-``) and ``carrier_cue``."""
    ends = {c.end: c for c in chunks}
    single = {doc[c.start].text for c in chunks if c.end - c.start == 1}
    other_labels: dict[str, set[str]] = {}
    for ent in doc.ents:  # the labels spaCy gives each one-word name across the article
        if len(ent) == 1 or len(ent) == 2 and ent[1].text in {"'s", "’s"}:
            other_labels.setdefault(ent[0].text, set()).add(ent.label_)
    for chunk in chunks:
        if chunk.end - chunk.start == 1 and not doc[chunk.start].ent_type_:
            other_labels.setdefault(doc[chunk.start].text, set()).add("")
    codes = {w for w in single if w.isupper() and len(w) > 1 and form_key(w) in lex.not_companies}
    surnames = surnames | {doc[c.start].text for c in chunks if c.start > 0
                           and doc[c.start - 1].lower_.rstrip(".") in _HONORIFICS}
    sent_starts = SentenceStarts(doc)
    lower_words = None
    for chunk in chunks:
        if chunk.headline and is_caps(doc[chunk.start:chunk.end].text):
            if chunk.start == 0 and chunk.suffix and chunk.ticker:
                chunk.cues |= {"suffix", "ticker"}  # "NORTHERN STATES POWER CO <NSP> VOTES"
            continue
        cues = chunk.cues
        span = doc[chunk.start:chunk.end]
        words = [t.text for t in span]
        lowers = [w.lower().replace(".", "") for w in words]
        key = form_key(span.text)
        root = chunk_root(doc, chunk)
        labels = _labels(doc, chunk)
        if chunk.suffix:
            cues.add("suffix")
        if chunk.bracketed:
            cues.add("bracket")
        if chunk.ticker:
            cues.add("ticker")
        if chunk.alias_of is not None:
            cues.add("alias")
        if lex.carriers and key in lex.carriers:
            cues.add("lexicon")
            chunk.carrier_cue = True
        if lex.outlets and key in lex.outlets:
            cues.add("lexicon")
        desc = _descriptor(doc, chunk, root, lex)
        if desc:
            cues.add("descriptor")
            chunk.carrier_cue = chunk.carrier_cue or _carrier_words(desc, lex)
            if not chunk.carrier_cue and (desc[-1] in _MAKER_NOUNS
                                          or _MAKER_WORDS & set(desc[:-1])):
                chunk.maker_cue = True  # "X, a telephone equipment manufacturer"
        if len(words) == 1 and _DOTCOM.match(words[0]):
            cues.add("descriptor")  # "Amazon.com", "USATODAY.com": a business by its address
        if _caps_dateline(doc, chunk) and not {"suffix", "bracket", "lexicon"} & cues:
            cues.add("-place")  # "BANGALORE, INDIA - An anticipated boom ...": where, not who
        if _dateline(doc, chunk):
            cues.add("dateline")  # "(Datamonitor) - The much-touted ...": the source
        if root.dep_ == "poss" and root.head.lemma_.lower() == "network" and any(
                c.lower_ in lex.carrier_modifiers or c.lower_ in _LINE_WORDS
                for c in root.head.lefts):
            chunk.carrier_cue = True  # "Norlight's digital fiber optic network"
        if not chunk.carrier_cue and _provides_telecoms(root, lex):
            chunk.carrier_cue = True
        if root.dep_ == "pobj" and root.head.lower_ == "as" \
                and root.head.head.lemma_.lower() in RENAMED:
            cues.add("renamed")  # "formerly known as Worldcom"
        if _role_cue(doc, chunk, root, lex):
            cues.add("role")
        if _list_cue(root, lex):
            cues.add("list")
        if _deal_cue(root, lex):
            cues.add("deal")
        if _owner_cue(root, lex):
            cues.add("owner")
        if _possessive_cue(doc, chunk, root, lex):
            cues.add("possessive")
        if len(words) > 1 and any(w in lex.name_words for w in lowers[1:]):
            cues.add("name_word")
        if "ORG" in labels:
            cues.add("org")
            if len(words) == 1 and (other_labels.get(words[0], set()) - {"ORG"}
                                    or "ORG" not in other_labels.get(words[0], set())):
                cues.add("-mixed")
        after = doc[chunk.end:chunk.end + 2]
        if len(after) == 2 and after[0].lower_ == "of" and after[1].ent_type_ == "GPE" \
                and not (len(words) > 1 and "PERSON" in labels):
            cues.add("of_place")  # "Samsung of South Korea"
        # against
        if labels == {"NORP"} and len(words) == 1:
            cues.add("-nation")  # "Scottish", "Finnish"
        if len(words) > 1 and any(_MODEL_CODE.match(w) for w in words[-2:]) \
                and not {"and", "&"} & set(lowers) \
                and not cues & (STRONG - {"org"}):
            cues.add("-product")  # "Cooper S", "Mercedes Benz C180": a model
        if chunk.end + 1 < len(doc) and doc[chunk.end].text in {"'s", "’s"} \
                and doc[chunk.end + 1].lower_ in lex.org_words \
                and doc[chunk.end + 1].text[:1].isupper():
            cues.add("-org")  # "European People's Party"
        if labels & SOFT_NEGATIVE and "ORG" not in labels and not (
                labels == {"PERSON"} and len(words) == 1) and not (
                len(words) > 1 and lowers[-1] in lex.name_words
                and (not doc[chunk.end - 1].ent_type_ or labels == {"PERSON"})):
            cues.add("-label")  # one-word "people" are mostly unknown brands (Suning, JD)
        if _of_place(doc, chunk, ends):
            prev = ends[chunk.start - 1]
            if prev.suffix or labels & {"GPE", "LOC"}:
                cues.add("-place")  # "General Telephone Co of California"
            elif not cues & STRONG:
                cues.add("-label")
        if len(words) > 1 and not cues & STRONG and "name_word" not in cues and (
                words[-1] in surnames or (
                words[-1] in single and lowers[-1] not in lex.name_words
                and lowers[-1] not in lex.carrier_name_words)):
            cues.add("-person")  # "Felipe Contepomi ... Contepomi": people go by surname
        if chunk.start > 0 and doc[chunk.start - 1].lower_ in lex.role_nouns \
                and doc[chunk.start - 1].pos_ == "NOUN" and len(words) > 1:
            cues.add("-person")  # "boss Bernie Ebbers", "analyst Hannes Wittig"
        if len(words) == 1 and words[0].isupper() and not cues & (STRONG | MEDIUM - {"org"}):
            cues.add("-acronym")  # "WLTM", "STOCKHOLM": capitals the article does not explain
        if words[0][:1].islower() and not cues & STRONG:
            cues.add("-label")  # "iPhone", "eBay": a product unless something says more
        if lowers[-1] in _PLURAL_KINDS and not {"suffix", "bracket", "lexicon"} & cues:
            cues.add("-common")  # "U.K. Firms", "Telecom Operators": a kind, not a name
        place_first = doc[chunk.start].ent_type_ in {"GPE", "NORP"} \
            or bool(_PLACE_INITIALS.match(words[0]))
        if len(words) > 1 and doc[chunk.end - 1].tag_ in {"NNS", "NNPS"} \
                and lowers[-1] not in lex.name_words and lowers[-1] not in lex.carrier_name_words \
                and not cues & STRONG and ("org" not in cues or place_first):
            cues.add("-product")  # "Ericsson AXE Signal Transfer Point Switches"
        if len(words) == 2 and not cues & STRONG and (
                doc[chunk.start].ent_type_ in {"GPE", "NORP"} or _PLACE_INITIALS.match(words[0])):
            if lower_words is None:
                lower_words = set(_LOWER_WORD.findall(doc.text))
            if lowers[1] in lower_words:
                cues.add("-common")  # "U.S. Opposition", "U.S. Supercomputers": a place, a noun
        if not cues & STRONG and root.dep_ in {"compound", "amod", "nmod"} \
                and root.head.i == chunk.end and _company_noun(root.head, lex) \
                and chunk.end + 1 < len(doc) and doc[chunk.end + 1].text[:1].isupper():
            cues.add("-common")  # "U.S. Telecommunications giant American Telephone and ..."
        if len(words) == 1 and chunk.start in sent_starts and words[0].istitle() and (
                lowers[0] in lex.company_nouns or lowers[0] in lex.name_words) \
                and not {"suffix", "bracket", "lexicon"} & cues:
            cues.add("-common")  # "Group president Thomas Schmidheiny said ..."
        if len(words) == 1 and doc[chunk.start].is_stop and not {"suffix", "bracket"} & cues:
            cues.add("-common")  # "Several of Ireland's biggest companies": a function word
        if len(words) == 1 and not cues & STRONG and chunk.start in sent_starts \
                and not doc[chunk.start].ent_type_ and words[0].endswith("s") \
                and words[0][1:].islower():
            cues.add("-common")  # "Rumours about a takeover ...": a plural noun
        if len(words) == 1 and words[0].istitle() and doc[chunk.start].tag_ in {"NN", "NNS"} \
                and "ORG" not in labels and not cues & (STRONG - {"role"}):
            cues.add("-common")  # "head of Distribution": the tagger reads a common noun
        if len(words) == 1 and words[0][:-1].isupper() and words[0].endswith("s") \
                and len(words[0]) > 2:
            cues.add("-common")  # "ISPs", "PCs"
        if len(words) == 1 and words[0].istitle() and not cues & (STRONG | MEDIUM - {"org"}):
            if lower_words is None:
                lower_words = set(_LOWER_WORD.findall(doc.text))
            if words[0].lower() in lower_words and (chunk.start in sent_starts
                                                    or doc[chunk.start].tag_ != "NNP"):
                cues.add("-common")  # "Handsets": a common word written with a capital
        if len(words) == 1 and not cues & STRONG and (doc[chunk.start].tag_ == "NNPS" or (
                chunk.start in sent_starts and doc[chunk.start].tag_ == "NNS")):
            cues.add("-common")  # "Britons signed", "Consumers adopt": plural nouns
        if len(words) == 1 and (lowers[0] in lex.name_words
                                or lowers[0] in lex.carrier_name_words) \
                and not cues & (STRONG - {"descriptor"}):
            cues.add("-common")  # "Wireless is a medium", "Telecom" alone
        if "bank" in lowers and len(words) > 1 and lowers[0] in {
                "central", "reserve", "federal", "world", "development", "european", "asian",
                "african", "inter-american", "people's"}:
            cues.add("-org")  # central and development banks
        if chunk.end < len(doc) and doc[chunk.end].lower_ in lex.org_words \
                and doc[chunk.end].text.istitle() and not {"suffix", "bracket"} & cues:
            cues.add("-org")  # "based at Bristol University" cut before its last word
        if root.dep_ in {"compound", "nmod", "amod", "conj"} and root.head.i >= chunk.end \
                and root.head.text.islower() and root.head.lower_ in lex.org_words \
                and not {"suffix", "bracket", "lexicon"} & cues:
            cues.add("-org")  # "a Post and Telecommunications ministry official"
        if chunk.end < len(doc) and doc[chunk.end].lower_ in lex.gov_titles:
            cues.add("-org")  # "Finance Minister"
        if any(w.isupper() and form_key(w) in lex.not_companies for w in words) \
                or _abbreviated_product(doc, chunk, lex, codes):
            cues.add("-product")
        if key in lex.not_companies or TECH.match(span.text) or all(
                TECH.match(w) or form_key(w) in lex.not_companies for w in words):
            cues.add("-product")
        if chunk.start > 1 and doc[chunk.start - 1].pos_ in {"VERB", "AUX"} \
                and doc[chunk.start - 1].text.istitle() and chunk.start - 1 not in sent_starts \
                and doc[chunk.start - 2].text not in {'"', "“", "'", "‘", "(", ":"} \
                and not {"suffix", "bracket", "lexicon"} & cues:
            cues.add("-product")  # "listened to Go Digital": the tail of a capitalised title
        if len(words) == 2 and chunk.start > 0 and doc[chunk.start - 1].lower_ == "the" \
                and words[1].isupper() and words[1].isalpha() and 2 <= len(words[1]) <= 3 \
                and lowers[1] not in lex.suffixes and not doc[chunk.end - 1].ent_type_ in {
                    "GPE", "LOC", "NORP"} and not words[0].isupper() \
                and doc[chunk.start].ent_type_ not in {"GPE", "LOC", "NORP"} \
                and words[0] in single \
                and not {"suffix", "bracket", "lexicon"} & cues:
            cues.add("-product")  # "the Nintendo DS" beside "Nintendo": a maker's model code
        if chunk.end + 2 < len(doc) and doc[chunk.end].text == "," \
                and doc[chunk.end + 1].text.isdigit() and 10 <= int(doc[chunk.end + 1].text) < 110 \
                and doc[chunk.end + 2].text == "," and chunk.end + 3 < len(doc) \
                and doc[chunk.end + 3].text[:1].islower():
            cues.add("-person")  # "Max, 14, bought a phone": a name with an age
        if len(words) > 1 and lowers[-1] == "industry" and not {"suffix", "bracket"} & cues:
            cues.add("-org")  # "British Phonographic Industry": a trade body
        if any(w in lex.org_words for w in lowers[1:]) or lowers[0] in lex.org_words and (
                len(words) == 1 or lowers[1] in {"of", "for"}):
            cues.add("-org")
        if len(words) == 1 and words[0] in surnames:
            cues.add("-person")
        if "PERSON" in labels and (chunk.start > 0 and doc[chunk.start - 1].lower_.rstrip(".")
                                   in {"mr", "mrs", "ms", "dr", "sir", "lord", "judge"}):
            cues.add("-person")
        if len(span) == 1 and span.text.lower() in {"reuter", "i", "mr", "mrs", "ms", "dr"}:
            cues.add("-product")
        if any(t.like_num and not any(c.isalpha() for c in t.text) for t in span) \
                and "digit" not in cues:
            cues.add("-product")
        if root.dep_ in {"compound", "nmod", "amod"} and root.head.pos_ == "NOUN" \
                and root.head.i > chunk.end - 1 and root.head.text[:1].islower():
            if root.head.lemma_.lower() in _OWNED_NOUNS and root.head.i == chunk.end \
                    and root.head.text.islower() and (chunk.start == 0 or doc[
                        chunk.start - 1].pos_ not in {"DET", "ADJ"}):
                cues.add("owner")  # "OneTel adverts were spotted", "Orange customers"
            else:
                cues.add("-modifier")  # "TD devices", "the TD sales team": a brand or technology
        if words[0][:1].islower() and lowers[-1].endswith("s") and len(words) == 1:
            cues.add("-modifier")  # "iPhones": a product in the plural
        # carrier from the name itself (not for news outlets: "Daily Telegraph")
        if key in lex.outlets or desc and desc[-1] in lex.publication_nouns \
                or lowers[-1] in lex.publication_nouns:
            chunk.carrier_cue = False
        elif chunk.maker_cue or _MAKER_WORDS & set(lowers[1:]) and any(
                w.startswith(("telecom", "telephon", "telefon")) for w in lowers):
            chunk.maker_cue = True  # "Philips Telecommunications Industrie": a maker's name
        elif any((w in lex.carrier_name_words and (w != "bell" or all(
                x in lex.suffixes for x in lowers[k + 1:])))
                 or w.startswith(("telecom", "telekom", "telefon", "telephon"))
                 for k, w in enumerate(lowers)):  # "Southwestern Bell"; not "Bell Resources"
            chunk.carrier_cue = True
    # people go by their surname after the first mention: "Felipe Contepomi ... Contepomi"
    people = {doc[c.end - 1].text for c in chunks if c.end - c.start > 1 and "-person" in c.cues}
    for chunk in chunks:
        if chunk.end - chunk.start == 1 and doc[chunk.start].text in people \
                and not chunk.cues & STRONG:
            chunk.cues.add("-person")


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
