"""Candidate names: runs of capitalised tokens, Reuters' ``<...>`` names, tickers, the headline.

One linear pass over the tokens; no model. A :class:`Chunk` is a token range with the facts the
rules need about its surface (brackets, a ticker or a legal suffix next to it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from ..corpus import link_lines
from ..names import form_key, is_abbreviation, is_caps
from .company_lexicons import Lexicons
from ..doc_index import doc_text

__all__ = ["Chunk", "SentenceStarts", "find_chunks", "headline_end", "TECH"]

#: Generations of mobile technology and similar codes ("3G", "4G", "2.5G").
TECH = re.compile(r"^\d(?:\.\d+)?G\.?$", re.I)
_TICKER = re.compile(r"^[A-Z][A-Z0-9]{0,5}(?:\.[A-Z]{1,2})?\.?$")
_MODEL = re.compile(r"^[A-Z]?\d+[A-Za-z]{0,3}$")
_PLACE_INITIALS = re.compile(r"^(?:U\.S\.|U\.K\.|U\.S\.A\.|E\.C\.)$")
_CAMEL = re.compile(r"[a-z][A-Z]")
_DOTCOM = re.compile(r"^[A-Z][\w-]*\.(?:com|net)$")
_CAPS_TITLES = {"ceo", "cfo", "coo", "cto", "qc", "mp"}
#: A stock code written bare after the name, as Reuters does: "Goldman Sachs GS.L" (code, dot,
#: one or two letters of the exchange, and the sentence's full stop when it ends one:
#: "Telmex TELMEXL.MX", "Funai Electric Co Ltd 6839.OS", "Tesco TSCO.L.").
_BARE_RIC = re.compile(r"^(?:[A-Z][A-Z0-9]{0,8}|\d{3,6})\.[A-Z]{1,2}\.?$")
#: A stock code standing alone ("HSBC ( HSBA.L )HBC.N"): a code, never a name.
_LONE_RIC = re.compile(r"^(?:[A-Z][A-Z0-9]{1,8}|\d{3,6})\.[A-Z]{1,2}\.?$")
#: One partner's name in a firm named by its partners: "Wachtell, Lipton, Rosen & Katz", "McCloy".
_PARTNER_WORD = re.compile(r"^(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")
_NUMERIC_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}
_SKIP_POS = {"DET", "PRON", "ADP", "CCONJ", "SCONJ", "AUX", "PART", "PUNCT", "SYM", "INTJ",
             "VERB"}


@dataclass
class Chunk:
    start: int                 # token index
    end: int                   # token index (exclusive)
    bracketed: bool = False    # Reuters' <Name>
    ticker: bool = False       # followed by a ticker code <GTE> or (T)
    suffix: bool = False       # ends with a legal-form word
    alias_of: Optional["Chunk"] = None  # the chunk it abbreviates: "... Inc (ITJ)"
    headline: bool = False
    cues: set = field(default_factory=set)
    carrier_cue: bool = False
    maker_cue: bool = False    # described or named as an equipment maker: never a carrier by name

    def span(self, doc: Doc):
        return doc[self.start:self.end]


def _plain(text: str) -> str:
    return text.replace(".", "").lower()


def headline_end(doc: Doc) -> int:
    """Token index where the body begins, if the text opens with a headline paragraph
    (a short first paragraph without closing punctuation); else 0."""
    limit = min(len(doc), 40)
    for tok in doc[:limit]:
        if tok.is_space and "\n\n" in tok.text or "\n\n" in tok.whitespace_:
            para = doc[:tok.i + (0 if tok.is_space else 1)]
            last = [t for t in para if not t.is_space]
            if last and last[-1].text not in {".", "!", "?", '"', "'", "”", ":"}:
                return tok.i + 1
            return 0
    return 0


def _is_name_token(tok: Token, sent_start: "bool | SentenceStarts", lex: Lexicons) -> bool:
    text = tok.text
    if text.islower() and tok.pos_ == "PROPN" and text.isalpha() and len(text) > 1 \
            and tok.i > 0 and tok.doc[tok.i - 1].lemma_.lower() in lex.company_nouns \
            and tok.doc[tok.i - 1].text.islower():
        return True  # "cable firms ntl and Telewest": a lower-case brand named by its kind
    first = text[:1]
    if not (first.isupper() or first.isdigit() or first.islower() and not text.islower()):
        return False  # most tokens: lower case words and punctuation
    if tok.lower_ in lex.title_words and (not text.isupper() or tok.lower_ in _CAPS_TITLES) \
            and not (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in lex.name_words
                     and tok.doc[tok.i + 1].text.istitle()):
        return False  # "Prime Minister X", "EC Industrial Policy Director X"; not "Premier Foods"
    if first.isupper() and _CAMEL.search(text) and text.isalpha():
        return True  # "YouTube", "DoCoMo", even when the tagger reads a number or a verb
    if tok.ent_type_ in _NUMERIC_ENTS and text.istitle() and text.lower() in lex.group_numbers \
            and sent_start is not True and not (
                isinstance(sent_start, SentenceStarts) and tok.i in sent_start) \
            and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text.istitle() \
            and tok.doc[tok.i + 1].ent_type_ not in _NUMERIC_ENTS:
        return True  # "backed by Two Sigma": a number word written capitalised opens a name
    if tok.is_space or tok.ent_type_ in _NUMERIC_ENTS or TECH.match(text):
        return False
    if tok.i > 0 and not tok.doc[tok.i - 1].whitespace_ and tok.doc[tok.i - 1].text[-1:].isdigit() \
            and len(text) == 1:
        return False  # "3" + "G" when the tokenizer was not told about "3G"
    if "-" in text and text.rsplit("-", 1)[1].islower():
        return False  # "U.S.-based", "Paris-based"
    if tok.i > 1 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_ \
            and not tok.doc[tok.i - 2].whitespace_ and tok.doc[tok.i - 2].text.islower():
        return False  # "part-Turkish", "pan-European": the tail of a lower-case compound
    first = text[0]
    if first.isupper() and _CAMEL.search(text):
        return True  # "DoCoMo", "PagesJaunes": capitals inside a word make a name, not a verb
    if first.isupper():
        if tok.pos_ in _SKIP_POS and not (tok.pos_ == "PROPN" or len(text) > 1 and text.isupper()):
            return False
        quoted_org = tok.ent_type_ == "ORG" and tok.i > 0 \
            and tok.doc[tok.i - 1].text in {'"', "“"}  # '"Executone is at the top," ...'
        if tok.pos_ != "PROPN" and not text.isupper() and not quoted_org and (
                sent_start if isinstance(sent_start, bool) else tok.i in sent_start):
            return False
        return True
    if first.islower() and any(c.isupper() for c in text[1:]) and tok.pos_ != "VERB":
        return True  # "dotCom", "eBay", "iPhone" (products are filtered later)
    if first.isdigit() and any(c.isalpha() for c in text) and not TECH.match(text):
        return tok.pos_ == "PROPN"  # "3Com"
    return False


# words that open a French/Spanish/Italian firm's name, which runs on over "de", "du":
# "Cie Generale de Constructions Telephoniques", "Societe Generale de Belgique"
_FIRM_OPENERS = {"cie", "compagnie", "societe", "société", "sociedad", "societa", "banco",
                 "banque", "groupe", "grupo", "caisse", "credito", "compania", "compañía"}

# capitalised only as a sentence's first word before a name: "Senior WorldCom executives"
_LEADING_ADJECTIVES = {"senior", "former", "top", "rival", "struggling", "embattled", "troubled",
                       "beleaguered", "ailing", "fellow", "both", "several", "many", "some"}


class SentenceStarts:
    """``i in starts``: token ``i`` begins a sentence (by the parser, or after ".", "!", "?",
    "3G." or a line break), computed on demand."""

    def __init__(self, doc: Doc):
        self.doc = doc

    def __contains__(self, i: int) -> bool:
        if i == 0:
            return True
        if i >= len(self.doc):
            return False
        tok = self.doc[i]
        if tok.is_sent_start:
            return True
        prev = self.doc[i - 1]
        if prev.text in {'"', "“", "'", "‘"}:  # '"Directors very rarely pay," said ...'
            if i == 1 or prev.is_sent_start:
                return True
            prev = self.doc[i - 2]
        return prev.is_space or prev.text[-1:] in {".", "!", "?", ":"}


def _suffix_at(doc: Doc, i: int, lex: Lexicons) -> bool:
    tok = doc[i]
    if i + 1 < len(doc) and not tok.whitespace_ and doc[i + 1].text == "-":
        return False  # "Co-operation"
    if i > 0 and _MODEL.match(doc[i - 1].text):
        return False  # "Mercedes Benz C180 SE": a car's trim, not a European company
    return _plain(tok.text) in lex.suffixes and (tok.text[0].isupper())


def find_chunks(doc: Doc, lex: Lexicons) -> tuple[list[Chunk], set[int]]:
    """Candidate name chunks of ``doc`` and the token indices of ticker codes."""
    head_end = headline_end(doc)
    chunks: list[Chunk] = []
    tickers: set[int] = set()
    n = len(doc)
    sent_starts = SentenceStarts(doc)
    i = 0
    while i < n:
        tok = doc[i]
        # Reuters' <Name> and <TICKER>
        if tok.text == "<":
            close = next((j for j in range(i + 1, min(n, i + 12)) if doc[j].text == ">"), None)
            if close is not None and close > i + 1:
                inner = doc[i + 1:close]
                if len(inner) == 1 and _TICKER.match(inner.text):
                    tickers.add(i + 1)
                    if chunks and chunks[-1].end == i:
                        chunks[-1].ticker = True
                elif inner[0].text != "(" and any(t.text[:1].isupper() for t in inner):
                    stop = next((t.i for t in inner if t.text == "("), close)
                    c = Chunk(i + 1, stop, bracketed=True, headline=i < head_end)
                    c.suffix = _suffix_at(doc, stop - 1, lex)
                    chunks.append(c)
                    place = stop + 1 < close and (
                        doc[stop + 1].ent_type_ in {"GPE", "LOC", "NORP"}
                        or _PLACE_INITIALS.match(doc[stop + 1].text))
                    if stop + 2 < close and doc[stop + 2].text == ")" and not place:
                        chunks.append(Chunk(stop + 1, stop + 2, alias_of=c,
                                            headline=i < head_end))
                i = close + 1
                continue
        # (T), (ITJ), (SingTel) after a name
        if tok.text == "(" and i + 4 < n and chunks and chunks[-1].end == i \
                and doc[i + 1].lower_ in lex.exchanges and doc[i + 2].text == ":" \
                and _TICKER.match(doc[i + 3].text) and doc[i + 4].text in {")", ";", ","}:
            tickers.add(i + 3)  # "Acme Inc (NYSE: ACM)": the exchange and the name's code
            chunks[-1].ticker = True
            i += 4
            continue
        if tok.text == "(" and i + 2 < n and doc[i + 2].text == ")" and chunks \
                and chunks[-1].end == i:
            inner = doc[i + 1]
            prev = chunks[-1]
            prev_text = doc[prev.start:prev.end].text
            if is_abbreviation(inner.text, _strip_suffix_text(doc, prev, lex)) or (
                    prev.suffix and inner.text.isupper()
                    and is_abbreviation(inner.text, prev_text, skip=True)):
                # "... Inc (ITJ)"; "Qatar General Telecommunications Corporation (QTELC)"
                chunks.append(Chunk(i + 1, i + 2, alias_of=prev,
                                    headline=i < head_end))
                i += 3
                continue
            if _TICKER.match(inner.text) and len(inner.text) <= 5 and prev_text \
                    and inner.ent_type_ not in {"GPE", "NORP", "LOC"} and (
                    prev.suffix or len(inner.text) <= 2 and inner.text.isalpha()):
                tickers.add(i + 1)
                prev.ticker = True
                i += 3
                continue
            if _TICKER.match(inner.text) and inner.text.isupper() and len(inner.text) <= 5 \
                    and inner.ent_type_ not in {"GPE", "NORP", "LOC"} \
                    and form_key(inner.text) not in lex.not_companies \
                    and len(prev_text.split()) > 1 and not is_caps(prev_text):
                tickers.add(i + 1)  # "AT&T Wireless Services (AWE)": an unexplained code is
                i += 3              # the stock symbol, but not evidence of its own
                continue
        if len(tok.text) == 1 and tok.text.isdigit() and i > 1 and chunks \
                and chunks[-1].end == i - 1 and doc[i - 1].lower_ in {"and", ","} \
                and (i + 1 == n or doc[i + 1].pos_ in {"PUNCT", "AUX", "VERB", "ADV", "CCONJ"}
                     and doc[i + 1].text not in {"%", "-", "/", "."} or doc[i + 1].text == "."
                     and i + 2 < n and not doc[i + 2].text[:1].isdigit()):
            chunk = Chunk(i, i + 1, headline=i < head_end)  # "Vodafone, O2 and 3": a name
            chunk.cues.add("digit")                       # only beside other names
            chunks.append(chunk)
            i += 1
            continue
        if _is_name_token(tok, sent_starts, lex) or (
                i in sent_starts and tok.is_title and _joins_with_suffix(doc, i, lex)):
            j = i + 1
            while j < n:
                t = doc[j]
                if _is_name_token(t, False, lex) and not (t.text == "'s"):
                    if _suffix_at(doc, j - 1, lex) and not _suffix_at(doc, j, lex) \
                            and j - 1 > i and (doc[j - 1].text.endswith(".") or t.is_sent_start):
                        break  # "renamed itself Kestrel Inc. Its former chief ..."
                    if doc[j - 1].whitespace_ and t.ent_type_ and doc[j - 1].ent_type_ \
                            and t.ent_iob_ == "B" and doc[j - 1].ent_type_ in {"GPE", "NORP"}:
                        break  # "Britain's BT Group", "US Infonet": a place, then a name
                    if t.ent_iob_ == "B" and t.ent_type_ == "PERSON" \
                            and doc[j - 1].ent_type_ != "PERSON" \
                            and j + 1 < n and doc[j + 1].ent_iob_ == "I" \
                            and t.lower_ not in lex.name_words and not (
                                j - i == 2 and _plain(doc[i].text) in lex.suffixes | lex.prefixes
                                and doc[i].text.isupper()):
                        break  # "General Motors Roger Smith"; not "NV Philips Gloeilampenfabriek"
                    j += 1
                    continue
                if (t.text == "&" or t.text == "+" and t.whitespace_ and doc[j - 1].whitespace_
                        and doc[j + 1:j + 2].text.istitle()) \
                        and j + 1 < n and _is_name_token(doc[j + 1], False, lex):
                    j += 1  # "AT & T", "Merkley + Partners"
                    continue
                if t.text in {"'s", "’s"} and j + 1 < n and not _suffix_at(doc, j - 1, lex) \
                        and _is_name_token(doc[j + 1], False, lex) and (
                            _suffix_at(doc, j + 1, lex) or doc[j + 1].lower_ in lex.name_words
                            and _inside_org(doc, j - 1, j + 2)):
                    j += 1  # "Lowe's Companies Inc", "Moody's Analytics": one organisation
                    continue  # (not "Alphabet's Google": another name after the owner)
                if t.is_lower and t.is_alpha and t.lower_ != "and" and j + 1 < n \
                        and _is_name_token(doc[j + 1], False, lex) \
                        and _inside_org(doc, j - 1, j + 2) and doc[j - 1].is_title:
                    j += 1  # "Research in Motion": a lower-case word inside spaCy's ORG
                    continue
                if t.text in {"-", "/"} and not t.whitespace_ and not doc[j - 1].whitespace_ \
                        and j + 1 < n and _is_name_token(doc[j + 1], False, lex):
                    j += 1  # "T-Mobile", "Hewlett-Packard"
                    continue
                if t.text == "-" and not t.whitespace_ and not doc[j - 1].whitespace_ \
                        and j + 1 < n and (doc[j + 1].lower_ in lex.org_words or
                                           f"{doc[j - 1].lower_}-{doc[j + 1].lower_}"
                                           in lex.org_words):
                    j += 2  # "Asia Pacific Economic Co-operation"
                    continue
                if t.lower_ in lex.name_particles and j + 1 < n \
                        and _is_name_token(doc[j + 1], False, lex):
                    k = j + 1
                    while k < n and (_is_name_token(doc[k], False, lex) or (
                            doc[k].text in {"'s", "’s"} and k + 1 < n
                            and _suffix_at(doc, k + 1, lex)) or (
                            t.lower_ not in {"and", "&"} and doc[k].lower_ in lex.name_particles
                            and doc[k].lower_ not in {"and", "&"} and k + 1 < n
                            and _is_name_token(doc[k + 1], False, lex))):
                        k += 1
                    joined = doc[i:k]
                    possessives = sum(x.text in {"'s", "’s"} for x in doc[j:k])
                    short = k - j - possessives <= 3 and j - i <= 3
                    # "Paramount Pictures and MCA Inc": a plural ends a whole name on the left
                    left = doc[j - 1].text
                    two_orgs = t.lower_ == "and" and j - i >= 2 and left.istitle() \
                        and left.endswith("s") and not left.endswith("ss") \
                        and not _suffix_at(doc, j + 1, lex)  # but "Dow Jones and Co"
                    # a name opened by its legal form is whole: "NV Philips Gloeilampenfabriek
                    # and Siemens AG"
                    two_orgs = two_orgs or t.lower_ == "and" and j - i >= 2 \
                        and _plain(doc[i].text) in lex.suffixes | lex.prefixes \
                        and doc[i].text[:1].isupper()
                    # a name closed by its legal form is whole ("Facebook Inc and Alphabet
                    # Inc"), and so is a person's name ("Alain Belda and Xerox Corp")
                    two_orgs = two_orgs or t.lower_ == "and" and (
                        _suffix_at(doc, j - 1, lex) or j - i >= 2
                        and all(x.ent_type_ == "PERSON" for x in doc[i:j])
                        and not any(x.ent_type_ == "PERSON" for x in doc[j + 1:k]))
                    if (_suffix_at(doc, k - 1, lex) and (short or t.lower_ != "and")
                            and not two_orgs) \
                            or (t.lower_ != "and" and k < n and doc[k].text == "<") \
                            or (k == j + 2 and j == i + 1 and len(doc[i].text) == 1
                                and len(doc[j + 1].text) == 1 and doc[i].text.isupper()
                                and f"{doc[i].text} and {doc[j + 1].text} <" in doc_text(doc)) \
                            or form_key(joined.text) in lex.carriers \
                            or t.lower_ == "and" and doc[k - 1].lower_ in lex.org_words \
                            or t.lower_ not in {"and", "&"} \
                            and _plain(doc[i].text) in _FIRM_OPENERS \
                            or t.lower_ == "and" and j == i + 1 and k == j + 2 and k + 1 < n \
                            and doc[k].text in {"'s", "’s"} and doc[k + 1].ent_type_ == "PERSON" \
                            and not doc[i].ent_type_ and not doc[j + 1].ent_type_:
                        # "Ernst and Young's Sanjay Mehta": a partnership's name before its person
                        j = k  # "Cable and Wireless Plc", "Cie du Midi SA <MCDP.P>"
                        continue
                if t.lower_ in {"of", "for"} and j + 1 < n \
                        and _is_name_token(doc[j + 1], False, lex):
                    if doc[j - 1].lower_ in lex.org_words or doc[j - 1].lower_ == "bank":
                        j += 1  # "Bank of Japan", "Institute of Contemporary Arts"
                        continue
                    k = j + 1
                    while k < n and _is_name_token(doc[k], False, lex):
                        k += 1
                    if t.lower_ == "of" and _suffix_at(doc, k - 1, lex) and j - i <= 2 \
                            and not _suffix_at(doc, j - 1, lex) \
                            and not any(x.ent_type_ == "PERSON" for x in doc[i:j]):
                        j = k  # "Empire of Carolina Inc", "Bank of America Corp"
                        continue
                break
            while j - i > 2 and doc[i + 1].lower_ in lex.company_nouns and (
                    doc[i].ent_type_ in {"GPE", "NORP"} or _PLACE_INITIALS.match(doc[i].text)):
                i += 2  # "the U.K. Firm Cable and Wireless Plc": a place and a kind, then the name
            while j - i > 1 and doc[i].lower_ in lex.company_nouns and (
                    doc[i].pos_ == "NOUN" or i in sent_starts) and not doc[i + 1].is_lower:
                i += 1  # "Consultancy Strategy Analytics"
            if j - i > 1 and i in sent_starts and doc[i].lower_ in _LEADING_ADJECTIVES:
                i += 1  # "Senior WorldCom executives": a sentence's capital, not the name's
            if j < n and doc[j].lower_ in lex.publication_nouns and doc[j - 1].dep_ == "compound" \
                    and _plain(doc[j - 1].text) in lex.suffixes:
                j += 1  # "Company magazine" (but "Fortune magazine" is "Fortune")
            caps = i
            while caps + 1 < j and doc[caps].text.isupper() and (
                    len(doc[caps].text) >= 4 or doc[caps + 1].text.isupper()
                    and len(doc[caps + 1].text) >= 4):
                caps += 1
            if caps - i >= 2 and any(not t.text.isupper() for t in doc[caps:j]):
                i = caps  # "SAN ANTONIO SBC Communications": a dateline, then the name
            close = j + 1
            while close < n and close < j + 5 and _is_name_token(doc[close], False, lex):
                close += 1
            if j + 1 < n and doc[j].text == "(" and close > j + 1 and close + 1 < n \
                    and doc[close].text == ")" and _suffix_at(doc, close + 1, lex):
                j = close + 2  # "Cable and Wireless (Far East) Ltd"
            chunk = Chunk(i, j, headline=i < head_end)
            if j - i >= 2 and is_caps(doc[i:j].text) and not _suffix_at(doc, j - 1, lex):
                chunk.headline = True  # a headline line inside the text: only known names
            chunk.suffix = _suffix_at(doc, j - 1, lex) and j - i > 1
            chunks.append(chunk)
            i = j
            continue
        i += 1
    chunks = [c for c in _cut_letter_codes(doc, chunks, lex) if not _dateline_credit(doc, c)]
    chunks = _extend_to_org_start(doc, chunks, lex)
    chunks = _split_named_pairs(doc, chunks, lex)
    _join_and_forms(doc, chunks, lex)
    _split_bare_codes(doc, chunks, tickers, lex)
    chunks = [c for c in _join_comma_suffix(doc, _join_partner_names(doc, chunks, lex), lex)
              if not _lone_code(doc, c) and not _only_legal_form(doc, c, lex)]
    links = link_lines(doc_text(doc))
    if links:  # lines pointing to other stories name no company of this one
        def inside(i: int) -> bool:
            return any(a <= doc[i].idx < b for a, b in links)
        chunks = [c for c in chunks if not inside(c.start)]
        tickers = {i for i in tickers if not inside(i)}
    return chunks, tickers


def _inside_org(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start:end`` lie inside one of spaCy's ORG entities."""
    return doc[start].ent_type_ == "ORG" and all(
        t.ent_type_ == "ORG" and t.ent_iob_ == "I" for t in doc[start + 1:end])


_DOTCOM_WORD = re.compile(r"^[a-z][\w-]*\.(?:com|net)$")
_DIGIT_LED = re.compile(r"^\d+[A-Za-z]*$")


def _opens_org(tok: Token, lex: Lexicons) -> bool:
    """A word that may open a name spaCy reads as one organisation, though the chunker did not
    take it: a proper noun or number, capitalised or led by a digit ("3i"), or a web name
    ("kabu.com"); never a heading's capitals, a kind of company, a title or a sentence's leading
    adjective (so not "Beyond" in "Beyond Meat", which the tagger reads as a preposition)."""
    text = tok.text
    if not (text[:1].isupper() and not (len(text) > 3 and text.isupper())
            or _DIGIT_LED.match(text) or _DOTCOM_WORD.match(text)):
        return False  # a heading's capitals ("HOLD YAHOO JPMorgan Chase") open no name
    return tok.pos_ in {"PROPN", "NUM", "X"} and not (
        tok.lower_ in lex.company_nouns or tok.lower_ in lex.title_words
        or tok.lower_ in _LEADING_ADJECTIVES or tok.ent_type_ != "ORG")


def _extend_to_org_start(doc: Doc, chunks: list[Chunk], lex: Lexicons) -> list[Chunk]:
    """A chunk that begins inside spaCy's organisation starts where the organisation does, when
    the words before it could open a name ("3i Group Plc", "kabu.com Securities Co", "the
    Industrial and Commercial Bank of China", "Dai-ichi Kangyo Bank"): proper nouns or numbers,
    and "and", "&", "of" or a hyphen's lower-case tail between them; over another candidate only
    when a hyphen ties it on ("Dai-ichi"), never over a list's "and"."""
    out: list[Chunk] = []
    for c in chunks:
        tok = doc[c.start]
        if c.bracketed or c.alias_of is not None or tok.ent_type_ != "ORG" or tok.ent_iob_ != "I":
            out.append(c)
            continue
        s = c.start
        while s > 0 and doc[s - 1].ent_iob_ == "I":
            s -= 1
        s -= 1  # the entity's first token
        while s < c.start and doc[s].lower_ == "the":
            s += 1
        inner = doc[s:c.start]
        ok = s < c.start and _opens_org(doc[s], lex) and all(
            _opens_org(t, lex) or t.lower_ in {"and", "&", "of"}
            or t.text == "-" and not t.whitespace_ and not doc[t.i - 1].whitespace_
            or t.is_lower and t.is_alpha and doc[t.i - 1].text == "-"
            and not doc[t.i - 1].whitespace_ for t in inner)
        absorbed = [o for o in out if o.end > s]
        if not ok or any(o.start < s or o.bracketed or o.suffix or doc[o.end].text != "-"
                         or not doc[o.end + 1].is_lower for o in absorbed):
            out.append(c)
            continue
        out = [o for o in out if o.end <= s]
        c.start = s
        c.headline = c.headline and all(o.headline for o in absorbed)
        out.append(c)
    return out


def _joins_with_suffix(doc: Doc, i: int, lex: Lexicons) -> bool:
    """A sentence-initial word that begins "X and Y Plc" ("Cable and Wireless Plc said")."""
    n = len(doc)
    if i + 2 >= n or doc[i + 1].lower_ not in {"and", "&"}:
        return False
    k = i + 2
    while k < n and k < i + 5 and _is_name_token(doc[k], False, lex):
        k += 1
    return k > i + 2 and _suffix_at(doc, k - 1, lex)


def _strip_suffix_text(doc: Doc, chunk: Chunk, lex: Lexicons) -> str:
    words = [t.text for t in doc[chunk.start:chunk.end]]
    while len(words) > 1 and _plain(words[-1]) in lex.suffixes:
        words.pop()
    return " ".join(words)


_DASHES = {"-", "--", "—", "–"}


def _dateline_credit(doc: Doc, c: Chunk) -> bool:
    """The outlet of a dateline ("WASHINGTON, Nov 5 (Reuters) -", "(Bloomberg) --") at the
    start of a line: page furniture, no company of the story (``GUIDELINES.md``)."""
    if c.start == 0 or c.end + 1 >= len(doc) or doc[c.start - 1].text != "(" \
            or doc[c.end].text != ")" or doc[c.end + 1].text not in _DASHES:
        return False
    k = c.start - 2
    while k >= 0 and not (doc[k].is_space and "\n" in doc[k].text) \
            and "\n" not in doc[k].whitespace_:
        if c.start - 2 - k >= 8 or doc[k].text in {".", "!", "?"} or doc[k].is_lower:
            return False
        k -= 1
    return True


def _split_named_pairs(doc: Doc, chunks: list[Chunk], lex: Lexicons) -> list[Chunk]:
    """"Apple and AT&T Inc." is two names when the article names "Apple" and "AT&T" alone
    elsewhere; in a name such as "Cable and Wireless Plc" at most one half stands alone ("a
    Cable spokesman")."""
    ands = [[t.i for t in c.span(doc) if t.lower_ == "and"] for c in chunks]
    if not any(len(a) == 1 and not c.bracketed for c, a in zip(chunks, ands)):
        return chunks

    def key(start: int, end: int) -> str:
        return form_key(_strip_suffix_text(doc, Chunk(start, end), lex))
    starts = {c.start for c in chunks}
    ends = {c.end for c in chunks}

    def paired(c: Chunk) -> bool:  # "Cable and Wireless" written without its suffix
        return c.end + 1 in starts and doc[c.end].lower_ == "and" \
            or c.start - 1 in ends and doc[c.start - 1].lower_ == "and"
    alone = {key(c.start, c.end) for c, a in zip(chunks, ands) if not a and not paired(c)}
    out = []
    for c, a in zip(chunks, ands):
        mid = a[0] if len(a) == 1 and not c.bracketed else None
        if mid is not None and c.start < mid < c.end - 1 and key(c.start, mid) in alone \
                and key(mid + 1, c.end) in alone:
            out.append(Chunk(c.start, mid, headline=c.headline))
            out.append(Chunk(mid + 1, c.end, headline=c.headline, ticker=c.ticker,
                             suffix=c.suffix and c.end - mid > 2))
        else:
            out.append(c)
    return out


def _cut_letter_codes(doc: Doc, chunks: list[Chunk], lex: Lexicons) -> list[Chunk]:
    """Single letters joined by slashes ("I/B/E/S", three letters or more) are a code, not a
    name's words: "Thomson Reuters I/B/E/S. Time Warner" is two names and the code."""
    out = []
    for c in chunks:
        if c.bracketed or "/" not in c.span(doc).text:
            out.append(c)
            continue
        pieces, start, k = [], c.start, c.start
        while k < c.end:
            m = k
            while m + 1 < c.end and len(doc[m].text.rstrip(".")) == 1 \
                    and doc[m].text[0].isupper() and doc[m + 1].text == "/":
                m += 2
            if m - k >= 4 and len(doc[m].text.rstrip(".")) == 1 and doc[m].text[0].isupper():
                if k > start:
                    pieces.append((start, k))
                start = k = m + 1
                continue
            k += 1
        if start == c.start:
            out.append(c)
            continue
        if start < c.end:
            pieces.append((start, c.end))
        for a, b in pieces:
            piece = Chunk(a, b, headline=c.headline, ticker=c.ticker and b == c.end)
            piece.suffix = _suffix_at(doc, b - 1, lex) and b - a > 1
            out.append(piece)
    return out


def _split_bare_codes(doc: Doc, chunks: list[Chunk], tickers: set[int], lex: Lexicons) -> None:
    """A bare stock code closing a chunk ("Goldman Sachs GS.L") is the name's ticker, not part
    of the name."""
    for c in chunks:
        while c.end - c.start > 1 and _BARE_RIC.match(doc[c.end - 1].text) \
                and _plain(doc[c.end - 1].text) not in lex.suffixes and doc[c.end - 2].whitespace_:
            tickers.add(c.end - 1)  # "Telmex TELMEXL.MX TMX.N": each code
            c.end -= 1
            c.ticker = True
            c.suffix = _suffix_at(doc, c.end - 1, lex)


def _only_legal_form(doc: Doc, chunk: Chunk, lex: Lexicons) -> bool:
    """A chunk of legal-form words only ("Inc.", "Company", "Cos"): the tail of a name the
    sentence broke off, never a name."""
    return all(_plain(t.text).rstrip(",") in lex.suffixes for t in chunk.span(doc))


def _join_comma_suffix(doc: Doc, chunks: list[Chunk], lex: Lexicons) -> list[Chunk]:
    """A legal form after a comma closes the name before it, as filings write it ("Zedco,
    Inc.", "Quux Holdings, LLC")."""
    out: list[Chunk] = []
    for c in chunks:
        prev = out[-1] if out else None
        if prev is not None and c.start == prev.end + 1 and doc[prev.end].text == "," \
                and not prev.bracketed and _only_legal_form(doc, c, lex):
            prev.end, prev.suffix, prev.ticker = c.end, True, prev.ticker or c.ticker
            continue
        out.append(c)
    return out


def _lone_code(doc: Doc, chunk: Chunk) -> bool:
    """A chunk that is only a stock code ("HSBA.L", "9501.T"), not a name."""
    return chunk.end - chunk.start == 1 and bool(_LONE_RIC.match(doc[chunk.start].text))


def _join_partner_names(doc: Doc, chunks: list[Chunk], lex: Lexicons) -> list[Chunk]:
    """A firm named by its partners ("Wachtell, Lipton, Rosen & Katz", "Simpson, Thacher &
    Bartlett LLP", "Zedby, Quux, & Kessler") is one candidate, not a list: three or more single
    capitalised words, commas between, "&" or "+" before the last, legal forms after it. A list
    of companies written so is told apart: nothing but spaCy's list of names ties it (no comma
    inside its organisation, no legal form or name word such as "Partners" at the end), or one of
    its words stands alone as a name elsewhere in the article."""
    n = len(doc)
    out = chunks
    i = 0
    while i < n:
        words, k = [i], i
        if not _partner_word(doc[i], lex):
            i += 1
            continue
        last = False
        while k + 2 < n:
            sep = doc[k + 1].text
            if sep == "," and doc[k + 2].text in {"&", "+"} and k + 3 < n:
                k += 1
                sep = doc[k + 1].text
            if sep not in {",", "&", "+"} or not _partner_word(doc[k + 2], lex):
                break
            k += 2
            words.append(k)
            if sep in {"&", "+"}:
                last = True
                break
        if not last or len(words) < 3:
            i += 1
            continue
        end = k + 1
        while end < n and _suffix_at(doc, end, lex):
            end += 1
        # a firm, not a list: spaCy's organisation takes in a comma, or a legal form or a
        # name word ("Partners") closes it
        firm = end - 1 > k or doc[k].lower_ in lex.name_words or any(
            doc[w + 1].text == "," and doc[w + 1].ent_type_ == "ORG" for w in words[:-1])
        span_keys = {form_key(doc[w].text) for w in words}
        alone = {form_key(c.span(doc).text) for c in out if c.end <= i or c.start >= end}
        inside = [c for c in out if c.start < end and c.end > i]
        if not firm or span_keys & alone or not inside \
                or any(c.start < i or c.end > end or c.bracketed for c in inside):
            i = end
            continue
        joined = Chunk(i, end, headline=inside[0].headline, ticker=any(c.ticker for c in inside),
                       suffix=_suffix_at(doc, end - 1, lex) and end - 1 > k)
        out = sorted([c for c in out if c not in inside] + [joined], key=lambda c: c.start)
        i = end
    return out


def _partner_word(tok: Token, lex: Lexicons) -> bool:
    """One partner's name in a firm's name: a single capitalised word, no place or title."""
    return bool(_PARTNER_WORD.match(tok.text)) and tok.ent_type_ not in {"GPE", "NORP", "LOC"} \
        and tok.lower_ not in lex.title_words and _plain(tok.text) not in lex.suffixes


def _join_and_forms(doc: Doc, chunks: list[Chunk], lex: Lexicons) -> None:
    """Join "X and Y" chunks that the article writes elsewhere with a legal suffix
    ("Cable and Wireless" after "Cable and Wireless Plc"), and "X and X": a list never names one
    company twice ("Johnson and Johnson")."""
    joined_keys = {form_key(_strip_suffix_text(doc, c, lex)) for c in chunks
                   if c.suffix and any(t.lower_ == "and" for t in doc[c.start:c.end])}
    k = 0
    while k + 1 < len(chunks):
        a, b = chunks[k], chunks[k + 1]
        joined = form_key(doc[a.start:b.end].text)
        twice = a.end - a.start == 1 and b.end - b.start == 1 \
            and doc[a.start].text == doc[b.start].text and doc[a.start].is_title \
            and not (b.end < len(doc) and doc[b.end].text in {"'s", "’s"})
        if b.start == a.end + 1 and doc[a.end].lower_ == "and" and not b.bracketed \
                and (twice or joined in joined_keys or not a.suffix and any(
                    joined.startswith(k + " ") and k.startswith(form_key(a.span(doc).text + " and x")[:-1])
                    for k in joined_keys)):
            # "Cable and Wireless", "Cable and Wireless Hong Kong" after "Cable and Wireless Plc"
            chunks[k] = Chunk(a.start, b.end, bracketed=a.bracketed, ticker=b.ticker,
                              suffix=b.suffix, headline=a.headline)
            del chunks[k + 1]
        k += 1
