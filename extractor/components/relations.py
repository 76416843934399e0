"""Relations component: deals between companies, found through the dependency parse.

Reads ``doc._.companies`` and ``doc._.company_groups`` (companies component) and ``doc._.dates``
(dates component); writes ``doc._.relations``::

    [{"source", "target", "kind", "status", "sentence", "start", "end", "year"}]

``source`` is the carrier where one side is a carrier (else the acting party: acquirer, bidder,
subject); the other side of a deal with a carrier gets role ``partner`` in ``doc._.companies``.
Only sentences with a deal word and a company are looked at. The rules are in
:mod:`extractor.relation_rules`, their words and patterns in ``models/``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..assets import check_rules, read_lexicon, save_rules
from ..deal_model import (MAX_COMPANIES, Candidate, DealModel, article_pair_features,
                          bucket, is_short_text, pair_features)
from ..extensions import register_extensions
from ..doc_index import DocIndex
from ..relation_rules import DealFinder, years_in

__all__ = ["make_relations", "RelationExtractor"]

_YEAR = re.compile(r"^(\d{4})")


@Language.factory("extractor_relations", default_config={"gazetteer": True, "learned": True},
                  requires=["doc._.companies", "doc._.company_groups",
                            "token.dep", "token.lemma"],
                  assigns=["doc._.relations"])
def make_relations(nlp: Language, name: str, gazetteer: bool, learned: bool
                   ) -> "RelationExtractor":
    register_extensions()
    return RelationExtractor(nlp, name, gazetteer=gazetteer,
                             model=DealModel.shipped() if learned else None)


class RelationExtractor:
    """Deals between the doc's companies (see module docstring).

    ``gazetteer`` is accepted for symmetry with the companies component; the relation rules use
    no list of names, so it changes nothing here.
    """

    def __init__(self, nlp: Language, name: str = "extractor_relations", *,
                 gazetteer: bool = True, model: Optional[DealModel] = None):
        self.name = name
        self.gazetteer = gazetteer
        self.finder = DealFinder(nlp.vocab)
        self.model = model
        self.vetoes = frozenset(read_lexicon("deal_vetoes.txt"))

    def __call__(self, doc: Doc) -> Doc:
        index = doc._.company_index
        out: list[dict] = []
        if index and doc.has_annotation("DEP"):
            fallback_year = _article_year(doc)
            for sent, cand, features in self.decide(doc, index):
                kind, status = self._kind_status(sent, cand, features)
                a, b = (cand.rule.a, cand.rule.b) if cand.rule is not None else (cand.a, cand.b)
                source, target = _orient(a, b, index.roles)
                year = _sentence_year(doc, sent)
                out.append({"source": source, "target": target, "kind": kind,
                            "status": status, "sentence": sent.text,
                            "start": sent.start_char, "end": sent.end_char,
                            "year": year if year is not None else fallback_year})
        _mark_partners(doc, out, index.roles)
        doc._.relations = out
        return doc

    def decide(self, doc: Doc, index: DocIndex):
        """The candidates that state a deal: ``(sentence, Candidate, features)``.

        Without a trained model, the rules' pairs. With one, each candidate gets the candidate
        decision's probability (a pair no rule found whose deal word is vetoed gets none); in a
        short text a candidate is a deal when it passes on its own, in an article a *pair* is a
        deal when the pair decision over all its candidates says so
        (:func:`~extractor.deal_model.article_pair_features`), with its best sentence as
        evidence and any other that passes on its own."""
        if self.model is None:
            yield from ((s, c, f) for s, c, f in self.candidates(doc, index) if c.rule is not None)
            return
        short = short_text(doc)
        by_pair: dict[frozenset, list] = {}
        for sent, cand, features in self.candidates(doc, index):
            if self.vetoed(cand, features):
                continue
            p = self.model.probability(features)
            by_pair.setdefault(frozenset((cand.a, cand.b)), []).append((p, sent, cand, features))
        pair = self.model.pair
        view = self.article_view(doc, index) if pair is not None and not short else None
        for key, scored in by_pair.items():
            if view is None:
                threshold = self.model.threshold_for(short)
                yield from ((s, c, f) for p, s, c, f in scored if p >= threshold)
                continue
            a, b = sorted(key)
            pf = article_pair_features([x[0] for x in scored], [x[3] for x in scored],
                                       view.context(a, b))
            if not pair.decide(pf):
                continue
            best = max(scored, key=lambda x: x[0])
            for item in scored:
                if item is best or item[0] >= self.model.threshold:
                    yield item[1:]

    def vetoed(self, cand: Candidate, features: dict[str, float]) -> bool:
        """Whether the veto table keeps a candidate out: no rule found it and its deal word is
        negated, denied, disputed or guessed at (``models/deal_vetoes.txt``)."""
        return cand.rule is None and bool(self.vetoes.intersection(features))

    def article_view(self, doc: Doc, index: DocIndex) -> "ArticleView":
        """What the article says of its companies, for the pair decision (see
        :class:`ArticleView`)."""
        return ArticleView(doc, index)

    def candidates(self, doc: Doc, index: Optional[DocIndex] = None, *,
                   all_pairs: Optional[bool] = None):
        """Every candidate pair of the doc: ``(sentence, Candidate, features)``.

        A candidate is a pair of companies named in one sentence (in sentences naming at most
        :data:`~extractor.deal_model.MAX_COMPANIES` companies), or a pair a deal rule found
        there. Without a trained model only the rules' pairs are produced (``all_pairs``
        overrides that, for training)."""
        if all_pairs is None:
            all_pairs = self.model is not None
        index = index if index is not None else doc._.company_index
        if not index or not doc.has_annotation("DEP"):
            return
        lists = [set(names) for _, names in index.lists()]
        prev_spans: dict[str, list[tuple[int, int]]] = {}
        for sent in _segments(doc):
            deals = self.finder.find(sent, index) if self.finder.is_candidate(sent, index) \
                else []
            spans: dict[str, list[tuple[int, int]]] = {}
            for i in range(sent.start, sent.end):
                span = index.mention_tokens.get(i)
                if span is not None and span[0] == i:
                    spans.setdefault(index.token_company[i], []).append(span)
            found: dict[frozenset, Candidate] = {}
            for deal in deals:
                key = frozenset((deal.a, deal.b))
                if key in found or deal.a == deal.b:
                    continue
                anchor = (deal.trigger, deal.trigger + 1)
                a_span = _nearest(spans.get(deal.a), anchor)
                b_span = _nearest(spans.get(deal.b), anchor)
                found[key] = Candidate(deal.a, deal.b, a_span or anchor, b_span or anchor,
                                       rule=deal, a_reporter=a_span[0] in index.reporters
                                       if a_span else False,
                                       b_reporter=b_span[0] in index.reporters
                                       if b_span else False)
            names = list(spans)
            if all_pairs and 2 <= len(names) <= MAX_COMPANIES:
                for x in range(len(names)):
                    for y in range(x + 1, len(names)):
                        key = frozenset((names[x], names[y]))
                        if key in found:
                            continue
                        a_span, b_span = _closest(spans[names[x]], spans[names[y]])
                        found[key] = Candidate(names[x], names[y], a_span, b_span,
                                               a_reporter=a_span[0] in index.reporters,
                                               b_reporter=b_span[0] in index.reporters)
            if all_pairs and len(names) <= MAX_COMPANIES:
                self._cross_sentence(sent, spans, prev_spans, found, index)
            prev_spans = spans

            if found:
                view = self.sentence_view(sent, index)
                for cand in found.values():
                    yield sent, cand, self.features(sent, cand, lists, view)

    def sentence_view(self, sent: Span, index: DocIndex):
        """The deal word of each token of ``sent`` and the rules' cues on it, each worked out
        once for all the candidates of the sentence: ``(trigger_of, rule_cues)``."""
        rows = {t.i: self.finder.trigger_of(t) for t in sent}
        judged: dict[int, set[str]] = {}

        def trigger_of(tok):
            return rows[tok.i] if tok.i in rows else self.finder.trigger_of(tok)

        def rule_cues(tok):
            if tok.i not in judged:
                judged[tok.i] = self.finder._cues(tok, [], sent, index)
            return judged[tok.i]

        return trigger_of, rule_cues

    def features(self, sent: Span, cand: Candidate, lists, view) -> dict[str, float]:
        """The named features of one candidate (see :func:`extractor.deal_model.pair_features`);
        ``view`` comes from :meth:`sentence_view`."""
        trigger_of, rule_cues = view
        return pair_features(sent, cand, trigger_of, self.finder.lexicon.cues, lists, rule_cues)

    def _cross_sentence(self, sent: Span, spans: dict, prev_spans: dict, found: dict,
                        index: DocIndex) -> None:
        """Pairs across a sentence break: a deal sentence that refers back ("the company",
        "the startup", "it", "the two firms") pairs the companies it names with those named in
        the sentence before, and with the subject the reference stands for up to three
        sentences back (:meth:`DocIndex.preceding`); the reference word stands for the earlier
        company's mention."""
        refs = [t for t in sent if t.i not in index.token_company and (
            t.lower_ in _REFERENCE_PRONOUNS or t.pos_ == "NOUN"
            and t.lemma_.lower() in self.finder.lexicon.reference_nouns
            and any(c.lower_ in _REFERENCE_DETS for c in t.children))]
        if not refs or not any(self.finder.trigger_of(t) for t in sent):
            return
        ref = (refs[0].i, refs[0].i + 1)
        here = list(spans) or [None]
        earlier = [n for n in prev_spans if n not in spans][:MAX_COMPANIES]
        pairs = [(a, b) for a in here for b in earlier if a is not None]
        if not spans:  # "The two companies signed a deal": the earlier names with each other
            pairs = [(a, b) for i, a in enumerate(earlier) for b in earlier[i + 1:]]
        kinds = {pair: "prev" for pair in pairs}
        if spans:  # the subject the reference stands for, further back ("The startup ...")
            back = index.preceding(refs[0].i, exclude=set(spans) | set(earlier), subject=True)
            if back is not None:
                kinds.update({(a, back): "subject" for a in here})
        for (a, b), kind in kinds.items():
            key = frozenset((a, b))
            if key in found:
                continue
            # the earlier company is represented by the reference word (so is a company of
            # "the two firms" when the sentence names none)
            found[key] = Candidate(a, b, _nearest(spans.get(a), ref) or ref, ref,
                                   cross_sentence=True, antecedent=kind)

    def _kind_status(self, sent: Span, cand: Candidate, features: dict) -> tuple[str, str]:
        """The rule's kind and status; else those of the deal word nearest the pair."""
        if cand.rule is not None:
            return cand.rule.kind, cand.rule.status
        best = None
        middle = (min(cand.a_span[0], cand.b_span[0]) + max(cand.a_span[1], cand.b_span[1])) / 2
        for tok in sent:
            row = self.finder.trigger_of(tok)
            if row is not None and (best is None or abs(tok.i - middle) < best[0]):
                best = (abs(tok.i - middle), row)
        status = "proposed" if features.get("cue_path=proposed") else "agreed"
        if best is None:
            return "deal", status
        return best[1].kind, best[1].status if best[1].status == "proposed" else status

    # -- serialisation: the trained weights travel with a saved pipeline ---------------------
    def to_disk(self, path, *, exclude=()):
        path = Path(path)
        save_rules(path)
        if self.model is not None:
            self.model.to_disk(path / "deal_model.json")

    def from_disk(self, path, *, exclude=()):
        check_rules(Path(path))
        file = Path(path) / "deal_model.json"
        self.model = DealModel.from_disk(file) if file.exists() else None
        return self


class ArticleView:
    """The place of each company in one article, worked out once per Doc: its rank among the
    article's companies by how often it is named, and the segments (sentences cut at paragraph
    breaks) that name it: the headline is the first, the lead the first three. :meth:`context`
    gives a pair's named features for :func:`~extractor.deal_model.article_pair_features`."""

    LEAD = 3

    def __init__(self, doc: Doc, index: DocIndex):
        self.segments: dict[str, set[int]] = {}
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        bounds = [(seg.start, seg.end) for seg in _segments(doc)]
        k = 0
        for start in sorted(index.mention_tokens):
            span = index.mention_tokens[start]
            if span[0] != start:
                continue
            name = index.token_company[start]
            while k < len(bounds) - 1 and start >= bounds[k][1]:
                k += 1
            counts[name] = counts.get(name, 0) + 1
            first.setdefault(name, start)
            self.segments.setdefault(name, set()).add(k)
        order = sorted(counts, key=lambda n: (-counts[n], first[n]))
        self.rank = {name: i for i, name in enumerate(order)}

    def context(self, a: str, b: str) -> dict[str, float]:
        top = min(self.rank.get(a, 99), self.rank.get(b, 99))
        sa, sb = self.segments.get(a, set()), self.segments.get(b, set())
        lead = set(range(self.LEAD))
        return {"rank_first=" + str(min(top, 3)): 1.0,
                "headline=" + str((0 in sa) + (0 in sb)): 1.0,
                "lead=" + str(bool(sa & lead) + bool(sb & lead)): 1.0,
                "together=" + bucket(len(sa & sb)): 1.0}


_REFERENCE_PRONOUNS = {"it", "its", "they", "their", "both"}
_REFERENCE_DETS = {"the", "this", "that", "these", "those", "both", "two", "three"}


def _nearest(spans: Optional[list[tuple[int, int]]], anchor: tuple[int, int]
             ) -> Optional[tuple[int, int]]:
    if not spans:
        return None
    return min(spans, key=lambda s: abs(s[0] - anchor[0]))


def _closest(xs: list[tuple[int, int]], ys: list[tuple[int, int]]
             ) -> tuple[tuple[int, int], tuple[int, int]]:
    return min(((x, y) for x in xs for y in ys), key=lambda p: abs(p[0][0] - p[1][0]))


def short_text(doc: Doc) -> bool:
    """Whether ``doc`` is a short text for the deal decision (:func:`extractor.deal_model.
    is_short_text`): its sentences with a verb, cut at paragraph breaks, counted up to the
    limit."""
    n = 0
    for segment in _segments(doc):
        if any(t.pos_ in ("VERB", "AUX") for t in segment):
            n += 1
            if not is_short_text(n):
                return False
    return True


def _segments(doc: Doc):
    """Sentences, cut at paragraph breaks (a headline the parser ran into the first sentence)."""
    for sent in doc.sents:
        start = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                if tok.i > start:
                    yield doc[start:tok.i]
                start = tok.i + 1
        if start < sent.end:
            yield doc[start:sent.end]


def _orient(a: str, b: str, roles: dict[str, str]) -> tuple[str, str]:
    if roles.get(b) == "carrier" and roles.get(a) != "carrier":
        return b, a
    return a, b


def _mark_partners(doc: Doc, relations: list[dict], roles: dict[str, str]) -> None:
    partners = {r["target"] for r in relations if roles.get(r["source"]) == "carrier"}
    for company in doc._.companies or ():
        if company["name"] in partners and company.get("role", "company") == "company":
            company["role"] = "partner"


def _sentence_year(doc: Doc, sent: Span) -> Optional[int]:
    if doc._.dates is None:
        return years_in(sent.text)
    for date in doc._.dates:
        if sent.start_char <= date["start"] and date["end"] <= sent.end_char:
            m = _YEAR.match(str(date.get("value") or ""))
            if m:
                return int(m.group(1))
    return None


def _article_year(doc: Doc) -> Optional[int]:
    m = _YEAR.match(str(doc._.article_date or ""))
    return int(m.group(1)) if m else None
