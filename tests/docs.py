"""Hand-built parsed Docs for rule tests that must not depend on the statistical parser.

A Doc is written as one line of tokens ``word/TAG/dep/head`` (``head``: the 0-based index of the
head token; a root points at itself), with ``=lemma`` after a token whose lemma is not its
word (lower-cased, but for a proper noun, which keeps its capitals as spaCy's lemmatizer does)::

    "Acme/NNP/nsubj/1 acquired/VBD/ROOT/1=acquire Borex/NNP/dobj/1 ././punct/1"

The part of speech follows from the tag (``aux``/``auxpass`` and "be" make an ``AUX``); sentences
follow from the roots; a token is followed by a space unless the next one is punctuation or a
clitic. Companies are written ``"Acme, Borex*, Calder Group|Calder"``: ``*`` marks a carrier,
``|`` separates the other forms of one company. They are set as the companies component sets
them: ``doc._.companies``, ``doc._.company_groups`` (none) and ``doc.spans["companies"]``.
"""
from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

#: Penn Treebank tag -> universal part of speech (spaCy's English tag map, the tags used here).
POS_OF_TAG = {
    "NNP": "PROPN", "NNPS": "PROPN", "NN": "NOUN", "NNS": "NOUN", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "DT": "DET",
    "PDT": "DET", "IN": "ADP", "TO": "PART", "CC": "CCONJ", "PRP": "PRON", "PRP$": "PRON",
    "WDT": "PRON", "WP": "PRON", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV",
    "RP": "ADP", "CD": "NUM", "POS": "PART", "EX": "PRON", "$": "SYM", "HYPH": "PUNCT",
    ".": "PUNCT", ",": "PUNCT", ":": "PUNCT", "``": "PUNCT", "''": "PUNCT",
}
_NO_SPACE_BEFORE = {".", ",", ";", ":", "'s", "'", "n't", ")", "%"}


def relations_pipeline():
    """A blank English pipeline holding only the relations component, rules alone (no
    statistical parser, no trained deal model)."""
    from extractor.pipeline import add_components

    return add_components(spacy.blank("en"), components=("extractor_relations",),
                          learned=False)


def parse_tokens(line: str) -> list[dict]:
    """The tokens of a one-line spec (see the module docstring), each a dict of attributes."""
    tokens = []
    for n, item in enumerate(line.split()):
        item, _, lemma = item.partition("=")
        parts = item.rsplit("/", 3)
        if len(parts) != 4 or not parts[3].isdigit():
            raise ValueError(f"token {n} {item!r}: expected word/TAG/dep/head")
        word, tag, dep, head = parts
        if tag not in POS_OF_TAG:
            raise ValueError(f"token {n} {word!r}: unknown tag {tag!r}")
        lemma = lemma or (word if POS_OF_TAG[tag] == "PROPN" else word.lower())
        pos = "AUX" if dep in ("aux", "auxpass") or lemma == "be" else POS_OF_TAG[tag]
        tokens.append({"word": word, "tag": tag, "pos": pos, "dep": dep, "head": int(head),
                       "lemma": lemma})
    for n, tok in enumerate(tokens):
        if tok["head"] >= len(tokens):
            raise ValueError(f"token {n} {tok['word']!r}: head {tok['head']} past the last token")
    return tokens


def parse_companies(spec: str) -> list[dict]:
    """``"Acme, Borex*, Calder Group|Calder"`` -> ``[{"name", "role", "forms"}]``."""
    out = []
    for entry in filter(None, (e.strip() for e in spec.split(","))):
        carrier = entry.endswith("*")
        forms = [f.strip() for f in entry.rstrip("*").split("|")]
        out.append({"name": forms[0], "role": "carrier" if carrier else "company",
                    "forms": forms})
    return out


def build(nlp, line: str, companies: str = "") -> Doc:
    """The Doc of ``line`` with the ``companies`` set on it (see the module docstring)."""
    tokens = parse_tokens(line)
    words = [t["word"] for t in tokens]
    spaces = [i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE
              for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, tags=[t["tag"] for t in tokens],
              pos=[t["pos"] for t in tokens], lemmas=[t["lemma"] for t in tokens],
              heads=[t["head"] for t in tokens], deps=[t["dep"] for t in tokens])
    set_companies(doc, parse_companies(companies))
    return doc


def set_companies(doc: Doc, companies: list[dict]) -> None:
    """Mentions of each form in the text (longest forms first, no overlaps), set as the
    companies component sets them."""
    taken: set[int] = set()
    found = []
    for company in companies:
        mentions = []
        for form in sorted(company["forms"], key=len, reverse=True):
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", doc.text):
                chars = set(range(m.start(), m.end()))
                if taken & chars:
                    continue
                if doc.char_span(m.start(), m.end()) is None:
                    raise ValueError(f"company form {form!r} at {m.start()} does not fall on "
                                     f"token boundaries of {doc.text!r}")
                taken |= chars
                mentions.append({"text": form, "start": m.start(), "end": m.end()})
        if not mentions:
            raise ValueError(f"company {company['name']!r} is not named in {doc.text!r}")
        mentions.sort(key=lambda m: m["start"])
        found.append({"name": company["name"], "role": company["role"], "mentions": mentions})
    doc._.companies = found
    doc._.company_groups = []
    spans = []
    for company in found:
        label = "CARRIER" if company["role"] == "carrier" else "COMPANY"
        for m in company["mentions"]:
            spans.append(doc.char_span(m["start"], m["end"], label=label))
    doc.spans["companies"] = sorted(spans, key=lambda s: (s.start, s.end))


def spec_of(doc: Doc) -> str:
    """The one-line spec of a parsed Doc (to draft a row from a parse, then check it by hand)."""
    out = []
    for t in doc:
        if t.is_space:
            continue
        plain = t.text if t.pos_ == "PROPN" else t.lower_
        lemma = "" if t.lemma_ == plain else "=" + t.lemma_
        out.append(f"{t.text}/{t.tag_}/{t.dep_}/{t.head.i}{lemma}")
    return " ".join(out)
