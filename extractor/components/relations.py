"""Relations component (baseline: co-mention with a deal word). To be replaced by issue 6."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions

_DEAL_LEMMAS = {"agreement", "deal", "sign", "acquire", "merge", "merger", "team", "cooperate",
                "venture", "pact", "contract", "buy", "intent"}


@Language.factory("extractor_relations", default_config={"gazetteer": True})
def make_relations(nlp: Language, name: str, gazetteer: bool) -> "RelationExtractor":
    register_extensions()
    return RelationExtractor(name, gazetteer=gazetteer)


class RelationExtractor:
    def __init__(self, name: str = "extractor_relations", *, gazetteer: bool = True):
        self.name = name
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        by_start = {}
        for company in doc._.companies or ():
            for m in company["mentions"]:
                by_start[m["start"]] = company["name"]
        out = []
        for sent in doc.sents:
            if not any(t.lemma_.lower() in _DEAL_LEMMAS for t in sent):
                continue
            names = []
            for tok in sent:
                name = by_start.get(tok.idx)
                if name and name not in names:
                    names.append(name)
            for i, a in enumerate(names):
                for b in names[i + 1:]:
                    out.append({"source": a, "target": b, "kind": "agreement", "status": "agreed",
                                "sentence": sent.text, "start": sent.start_char,
                                "end": sent.end_char, "year": None})
        doc._.relations = out
        return doc
