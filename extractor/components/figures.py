"""Figures component (baseline: spaCy CARDINAL/MONEY/PERCENT). To be replaced by issue 5."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions

_KINDS = {"CARDINAL": "count", "MONEY": "money", "PERCENT": "percent"}


@Language.factory("extractor_figures", default_config={})
def make_figures(nlp: Language, name: str) -> "FigureExtractor":
    register_extensions()
    return FigureExtractor(name)


class FigureExtractor:
    def __init__(self, name: str = "extractor_figures"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        out = []
        for ent in doc.ents:
            if ent.label_ in _KINDS:
                try:
                    value = float(ent.text.replace(",", "").rstrip("%"))
                except ValueError:
                    continue
                out.append({"text": ent.text, "start": ent.start_char, "end": ent.end_char,
                            "value": value, "unit": None, "kind": _KINDS[ent.label_],
                            "qualifier": None, "counts": None, "companies": [], "year": None})
        doc._.figures = out
        return doc
