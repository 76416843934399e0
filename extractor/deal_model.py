"""The learned deal decision: is a deal stated between these two companies in this sentence?

Every pair of companies mentioned in one sentence (and every pair a deal rule found there) is a
*candidate*. :func:`pair_features` describes a candidate by named features -- the rules that
fired, the dependency path between the two mentions, deal words on and near it, the words
between, negation / modality / speculation cues, list membership, distance -- and a
:class:`DealModel` (a logistic regression trained with scikit-learn by :mod:`extractor.training`,
stored as plain feature weights in ``models/deal_model.json``) turns them into a probability.
The rules keep the kind and status of the deals they find; the model decides which pairs are
deals.

In an article the decision is taken twice: per candidate (above), then per *pair* of companies
over the whole article (:func:`article_pair_features`): how sure the best sentence is, how many
sentences name the two, whether one of the rules found them, and how central the two companies
are to the article (mentions, headline, lead). A pair is a deal when that second decision says
so (``DealModel.pair``); its evidence is its best sentence and any other that passes on its own.
A sentence on its own (a short text) is judged per candidate only.

Scoring needs no learning library: the shipped weights are a dict of feature name -> weight.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Optional

from spacy.tokens import Span, Token

from .linear import LinearModel

__all__ = ["DealModel", "PairDecision", "Candidate", "pair_features", "article_pair_features",
           "bucket", "MODEL_FILE", "MAX_COMPANIES", "SHORT_TEXT_SENTENCES", "is_short_text"]

MODEL_FILE = "deal_model.json"
#: Sentences naming more companies than this (tables, long lists) get no co-occurrence
#: candidates of their own: only the pairs the rules found are scored.
MAX_COMPANIES = 10
_PATH_MAX = 7


@dataclass
class Candidate:
    """Two company mentions (token ranges) in one sentence, and the rule deal found for them."""

    a: str
    b: str
    a_span: tuple[int, int]
    b_span: tuple[int, int]
    rule: Optional[object] = None  # relation_rules.Deal
    a_reporter: bool = False
    b_reporter: bool = False
    cross_sentence: bool = False  # one side named in the sentence before, referred to here
    #: how the side named earlier was found: "prev" (named in the sentence before), "subject"
    #: (the subject the reference word stands for, up to three sentences back)
    antecedent: str = ""


#: A text of at most this many sentences is a *short* text (a sentence on its own, as the
#: pair-level sets give them), which the deal decision reads with its own threshold
#: (:meth:`DealModel.is_deal`). A headline with its lead, or a brief, is an article.
SHORT_TEXT_SENTENCES = 1


def is_short_text(sentences: int) -> bool:
    """Whether a text of ``sentences`` sentences is short (sentences as the relation component
    counts them: cut at paragraph breaks, and only those with a verb, so that a name the
    parser split off is no sentence)."""
    return sentences <= SHORT_TEXT_SENTENCES


def bucket(n: int) -> str:
    """``n`` as a coarse named bucket (0, 1, 2, 3, 5, 8, 12, 20, 20+)."""
    for edge in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= edge:
            return str(edge)
    return "20+"


def _root(sent: Span, span: tuple[int, int]) -> Token:
    doc = sent.doc
    start, end = max(span[0], sent.start), min(span[1], sent.end)
    if start >= end:
        start, end = span
    return doc[start:end].root


def _chain(tok: Token, sent: Span) -> list[Token]:
    out = [tok]
    while out[-1].head.i != out[-1].i and sent.start <= out[-1].head.i < sent.end \
            and len(out) < 40:
        out.append(out[-1].head)
    return out


def pair_features(sent: Span, cand: Candidate, trigger_of, cues: dict[str, set[str]],
                  lists: Iterable[set[str]] = (), rule_cues=None) -> dict[str, float]:
    """Named features of one candidate pair in ``sent``.

    ``trigger_of(token)`` gives the deal-word row of a token (or ``None``); ``cues`` maps lemmas
    to cue types (``negation``, ``speculation``, ``proposed``, ``dispute``, ...); ``lists`` are
    sets of company names coordinated in one list; ``rule_cues(token)`` (optional) gives the
    cues the deal rules see on a deal word (negation, speculation, proposed, dispute), so a deal
    word the rules judged negated or guessed says so here too.
    """
    f: dict[str, float] = {"bias": 1.0}
    doc = sent.doc
    first, second = sorted((cand.a_span, cand.b_span))
    ra, rb = _root(sent, first), _root(sent, second)
    # rules
    if cand.rule is not None:
        f["rule"] = 1.0
        f["rule_kind=" + cand.rule.kind] = 1.0
        f["rule_status=" + cand.rule.status] = 1.0
    if cand.a_reporter or cand.b_reporter:
        f["reporter"] = 1.0
    if cand.cross_sentence:
        f["cross_sentence"] = 1.0
        f["ref=" + doc[second[0]].lower_] = 1.0
        if cand.antecedent:
            f["antecedent=" + cand.antecedent] = 1.0
    # dependency path
    ca, cb = _chain(ra, sent), _chain(rb, sent)
    ids_b = {t.i: k for k, t in enumerate(cb)}
    lca_k = next((k for k, t in enumerate(ca) if t.i in ids_b), None)
    if lca_k is None:
        f["no_path"] = 1.0
        path_toks: list[Token] = []
    else:
        lca = ca[lca_k]
        up = ca[:lca_k]
        down = cb[:ids_b[lca.i]]
        path_toks = up[1:] + [lca] + down[1:][::-1]
        steps = [t.dep_ for t in up] + [lca.lemma_.lower()] + ["^" + t.dep_ for t in down[::-1]]
        length = len(up) + len(down)
        f["path_len=" + bucket(length)] = 1.0
        f["lca=" + lca.lemma_.lower()] = 1.0
        f["lca_pos=" + lca.pos_] = 1.0
        if length <= _PATH_MAX:
            f["path=" + " ".join(steps)] = 1.0
            f["deps=" + " ".join(t.dep_ for t in up) + "|" + " ".join(t.dep_ for t in down)] = 1.0
        for t in up:
            f["a_dep=" + t.dep_] = 1.0
            break
        for t in down:
            f["b_dep=" + t.dep_] = 1.0
            break
        if lca.i in (ra.i, rb.i):
            f["lca_is_mention"] = 1.0
    on_path = {t.i for t in path_toks}
    for t in path_toks:
        lemma = t.lemma_.lower()
        if t.is_alpha and not t.is_stop:
            f["pl=" + lemma] = 1.0
        if any(c.dep_ == "neg" or c.dep_ in ("det", "advmod") and c.lower_ in ("no", "never")
               for c in t.children):
            f["neg_on_path"] = 1.0  # "did not sign", "has no plans to buy"
    # deal words and cues in the sentence
    lo, hi = first[1], second[0]
    n_companies_between = 0
    nearest: Optional[tuple[int, str]] = None
    for t in sent:
        row = trigger_of(t)
        lemma = t.lemma_.lower()
        if row is not None:
            where = "path" if t.i in on_path or t.i in (ra.i, rb.i) else (
                "between" if lo <= t.i < hi else "out")
            f[f"trig_{where}={row.kind}"] = 1.0
            f[f"trigw_{where}={lemma}"] = 1.0
            f["trig_any"] = 1.0
            if rule_cues is not None and where != "out":
                for cue in rule_cues(t):
                    f["rule_cue=" + cue] = 1.0
                if cand.rule is None:
                    f["trig_no_rule"] = 1.0  # the rules read this deal word and found no deal
            dist = min(abs(t.i - ra.i), abs(t.i - rb.i))
            if nearest is None or dist < nearest[0]:
                nearest = (dist, row.kind)
        for cue in cues.get(lemma, ()):
            if cue in ("support", "others"):
                continue
            f["cue=" + cue] = 1.0
            if t.i in on_path or any(c.i in on_path for c in t.children) or t.head.i in on_path:
                f["cue_path=" + cue] = 1.0
    if nearest is not None:
        f["near_trig=" + bucket(nearest[0])] = 1.0
    # words between and around
    gap = hi - lo
    f["gap=" + bucket(max(gap, 0))] = 1.0
    if 0 < gap <= 12:
        for t in doc[lo:hi]:
            if t.is_alpha and not t.is_stop:
                f["btw=" + t.lemma_.lower()] = 1.0
            elif t.lower_ in ("and", "or", ",", "with", "to", "by", "from", "of", "between"):
                f["btw_fn=" + t.lower_] = 1.0
    for t in doc[max(sent.start, first[0] - 2):first[0]]:
        f["before=" + t.lower_] = 1.0
    for t in doc[second[1]:min(sent.end, second[1] + 2)]:
        f["after=" + t.lower_] = 1.0
    if gap <= 2 and any(t.lower_ in ("and", ",", "&", "or") for t in doc[lo:hi]):
        f["adjacent_coord"] = 1.0
    for t in doc[lo:max(lo, hi)]:
        if t.ent_type_ == "ORG" or t.pos_ == "PROPN" and t.is_title:
            n_companies_between += 1
    f["props_between=" + bucket(n_companies_between)] = 1.0
    names = {cand.a, cand.b}
    if any(names <= group for group in lists):
        f["same_list"] = 1.0
        # "A and B signed a pact" (subjects) vs "X signed pacts with A, B and C" (objects)
        f["same_list_dep=" + ra.dep_] = 1.0
        if any(t.dep_ in ("nsubj", "nsubjpass") and t.i not in range(first[0], second[1])
               for t in ra.head.children if t.i != ra.i) or ra.dep_ in ("pobj", "dobj"):
            f["same_list_object"] = 1.0
    if ra.dep_ == "poss" or rb.dep_ == "poss":
        f["poss"] = 1.0
    if sent.text.strip().isupper() or "\n" in doc[sent.end - 1].text_with_ws:
        f["headline_like"] = 1.0
    return f


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def article_pair_features(probs: list[float], features: list[dict[str, float]],
                          context: dict[str, float]) -> dict[str, float]:
    """Named features of one pair of companies over a whole article, for the pair decision.

    ``probs`` and ``features``: the candidate decision's probability and the features of each
    candidate of the pair (one per sentence that names or refers to both); ``context``: what the
    article says of the two companies (:meth:`~extractor.components.relations.ArticleView.
    context`: salience rank, headline, lead, sentences naming both)."""
    ranked = sorted(probs, reverse=True)
    f: dict[str, float] = {"bias": 1.0, "best_logit": _logit(ranked[0]),
                           "second_p": ranked[1] if len(ranked) > 1 else 0.0,
                           "candidates=" + bucket(len(ranked)): 1.0}
    if any("rule" in x for x in features):
        f["any_rule"] = 1.0
    on_path = sum(1 for x in features if any(k.startswith("trig_path=") for k in x))
    f["trig_path_sentences=" + bucket(on_path)] = 1.0
    if all(x.get("cross_sentence") for x in features):
        f["only_across_sentences"] = 1.0
    if any(x.get("reporter") for x in features):
        f["reporter"] = 1.0
    f.update(context)
    return f


class PairDecision(LinearModel):
    """The pair decision of an article (weights of :func:`article_pair_features`)."""


class DealModel(LinearModel):
    """Feature weights of the trained deal decision (``models/deal_model.json``); ``pair``: the
    article-level pair decision stored with it (``None`` in a model trained without it)."""

    MODEL_FILE = MODEL_FILE

    def __init__(self, weights: dict[str, float], bias: float, threshold: float = 0.5,
                 meta: Optional[dict] = None, pair: Optional[PairDecision] = None):
        super().__init__(weights, bias, threshold, meta)
        self.pair = pair

    def threshold_for(self, short: bool = False) -> float:
        """The candidate threshold of a short text (``meta["short_threshold"]``) or an article."""
        if short and (self.meta or {}).get("short_threshold") is not None:
            return float(self.meta["short_threshold"])
        return self.threshold

    def to_dict(self) -> dict:
        out = super().to_dict()
        if self.pair is not None:
            out["pair"] = self.pair.to_dict()
        return out

    @classmethod
    def from_dict(cls, data: dict) -> "DealModel":
        model = super().from_dict(data)
        if data.get("pair"):
            model.pair = PairDecision.from_dict(data["pair"])
        return model

    def is_deal(self, features: dict[str, float], short: bool = False) -> bool:
        """Whether the candidate is a deal: its probability against the threshold of its kind
        of text. A ``short`` text (:func:`is_short_text`: one sentence on its own) has its own
        threshold (``meta["short_threshold"]``), chosen on the sentence sets'
        out-of-fold runs; an article the one chosen on the article sets'."""
        return self.probability(features) >= self.threshold_for(short)
