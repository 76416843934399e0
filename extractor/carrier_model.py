"""The learned carrier decision: is this company a telecom network operator in this article?

The guidelines call a company a carrier when it runs a network (mobile, fixed-line,
long-distance, cable/telecom operators); equipment makers, handset makers, unions, printers and
conglomerates are not, whatever their names say. The rules (:mod:`extractor.components.companies`)
take a company for a carrier on any one of: the carrier lexicon, a describing noun ("the mobile
operator X"), what it is said to provide ("X provides long-distance service"), or a carrier word
in its name ("... Telecom", "... Bell"), and a maker's description overrides them. One name word
is weak evidence on its own ("Northern Telecom" makes switches), strong beside a sentence that says
so; that weighing is what this model learns.

Each company of an article (its mentions grouped) is described by named features:

* ``rules``: the rules' verdict; ``lexicon``: the name is in ``models/carriers.txt`` (gazetteer);
* ``cue`` / ``maker``: some mention has carrier / maker evidence from the text or the name;
* the name's words by class (``name_carrier_word``: "telecom", "bell", "mobile" ...;
  ``name_operator_word``: the few that name an operator on their own, "Telephone", a final
  "Bell"; ``name_maker_word``: "industries", "electronics" ...), and its own words (``word=``)
  unless generic;
* the words around its mentions (``ctx=`` lemmas within three tokens, each valued by the share
  of mentions that have it), their syntactic heads with
  the arc (``head=``) and the nouns that describe it (``appos=``: in apposition, or the noun
  it modifies); ``described_carrier`` when such a noun is a carrier noun or has a carrier
  modifier ("Zantel, the mobile operator"), ``text_carrier_word`` when a word around it is one;
  each context feature valued by the share of the mentions that have it;
* ``name_only``: a carrier word in the name is the only evidence (no lexicon entry, no carrier
  word around any mention, no operator name word), computed where the lexicon is on;
* how often the article names it (``mentions=``).

The decision: the probability above the threshold chosen on out-of-fold runs, never on
``name_only`` evidence (:meth:`CarrierModel.decide`). Trained with and without the name lists,
so that ``--no-gazetteer`` runs weigh the name words themselves.

A :class:`CarrierModel` (a logistic regression fitted with scikit-learn on the carrier flags of
our labelled corpus and the dev gold by :mod:`extractor.carrier_training`, stored as feature
weights in ``models/carrier_model.json``) weighs them.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Container, Iterable

from spacy.tokens import Doc

from .components.company_chunks import Chunk
from .components.company_lexicons import Lexicons, rule_words
from .assets import read_table
from .components.company_rules import chunk_root
from .linear import LinearModel
from .names import form_key

__all__ = ["CarrierModel", "company_features", "MODEL_FILE"]

MODEL_FILE = "carrier_model.json"
_WINDOW = 3


class CarrierModel(LinearModel):
    """Feature weights of the trained carrier decision (``models/carrier_model.json``)."""

    MODEL_FILE = MODEL_FILE

    def decide(self, features: dict[str, float]) -> bool:
        """Above the threshold, and never on a carrier word in the name alone (``name_only``:
        no lexicon entry and no carrier word around any mention), which the guidelines do not
        count: "Northern Telecom" and "DSC Communications" make equipment."""
        return self.table(features, self.probability(features), self.threshold)

    @staticmethod
    def table(features: dict[str, float], probability: float, threshold: float) -> bool:
        """The decision table itself, for a given probability and threshold (training scores
        out-of-fold probabilities with it)."""
        return "name_only" not in features and probability >= threshold


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2-3" if n <= 3 else "4+"


@lru_cache(maxsize=1)
def _carrier_stems() -> tuple[str, ...]:
    """How a telecom word of a carrier's name begins ("Telekom", "Telefonos"):
    ``models/company_rule_words.tsv``, kind ``carrier_stem``."""
    return tuple(sorted(rule_words()["carrier_stem"]))


@lru_cache(maxsize=1)
def operator_name_words() -> frozenset[str]:
    """Name words that name an operator on their own (``models/carrier_cues.txt``, kind
    ``operator_name``)."""
    return frozenset(w for kind, w in read_table("carrier_cues.txt") if kind == "operator_name")


def _name_words(name: str, lex: Lexicons) -> Iterable[str]:
    maker_words = rule_words()["maker_word"]
    carrier_stems = _carrier_stems()
    words = form_key(name).split()
    for k, w in enumerate(words):
        if w in lex.suffixes:
            continue
        if w in operator_name_words() and (w != "bell" or k == len(words) - 1 and k > 0
                                           and words[k - 1] not in {"&", "and"}):
            yield "name_operator_word"  # "New Jersey Bell"; not "Bell Resources", "X & Bell"
        if w in lex.carrier_name_words or w.startswith(carrier_stems):
            yield "name_carrier_word"
            yield "name_carrier_word=" + ("first" if k == 0 else "later")
        elif w in maker_words:
            yield "name_maker_word"
        elif w not in lex.name_words:
            yield "word=" + w


def company_features(doc: Doc, chunks: list[Chunk], name: str, *, rules: bool, lexicon: bool,
                     lex: Lexicons, named: Container[int] = frozenset()) -> dict[str, float]:
    """Named features of the company whose mentions are ``chunks`` (``rules``: the rules'
    carrier verdict; ``lexicon``: a form of it is in the carrier lexicon; ``named``: the tokens
    of every company mention of the article, which name companies rather than say what they
    do: "Telecommunications" in "<Societe Anonyme de Telecommunications> (SAT)" says nothing of
    what SAT does)."""
    f: dict[str, float] = {"rules=" + ("yes" if rules else "no"): 1.0}
    if lexicon:
        f["lexicon"] = 1.0
    if any(c.carrier_cue for c in chunks):
        f["cue"] = 1.0
    if any(c.maker_cue for c in chunks):
        f["maker"] = 1.0
    for feature in _name_words(name, lex):
        f[feature] = 1.0
    words = lex.carrier_nouns | lex.carrier_modifiers
    around = described = False
    body = [c for c in chunks if not c.headline]
    seen: dict[str, int] = {}  # context feature -> mentions that have it
    for chunk in body:
        mine: set[str] = set()
        start, end = max(0, chunk.start - _WINDOW), min(len(doc), chunk.end + _WINDOW)
        for tok in doc[start:end]:
            if chunk.start <= tok.i < chunk.end or tok.i in named or not tok.is_alpha \
                    or tok.is_stop:
                continue
            mine.add("ctx=" + tok.lemma_.lower())
            around = around or tok.lower_ in words
        root = chunk_root(doc, chunk)
        if root.head.i != root.i:
            mine.add(f"head={root.head.lemma_.lower()}/{root.dep_}")
        describing = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ in {"compound", "appos"} and root.head.pos_ in {"NOUN", "PROPN"}:
            describing.append(root.head)  # "the Zantel network", "an operator, Zantel"
        for noun in describing:
            mine.add("appos=" + noun.lemma_.lower())
            described = described or noun.lemma_.lower() in lex.carrier_nouns or any(
                t.lower_ in lex.carrier_modifiers and t.i not in named for t in noun.lefts)
        for feature in mine:
            seen[feature] = seen.get(feature, 0) + 1
    for feature, n in seen.items():  # the share of mentions: a much-named company's
        f[feature] = n / len(body)     # context weighs as much as a once-named one's
    if described:
        f["described_carrier"] = 1.0  # "Zantel, the mobile operator"
    if around:
        f["text_carrier_word"] = 1.0
    if not (around or described) and "name_carrier_word" in f and "name_operator_word" not in f and lex.carriers \
            and "lexicon" not in f:
        f["name_only"] = 1.0  # a carrier word in the name, none around it, not in the lexicon
    f["mentions=" + _bucket(len(chunks))] = 1.0
    return f
