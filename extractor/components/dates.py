"""Dates component (baseline: spaCy DATE entities). To be replaced by issue 5."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions


@Language.factory("extractor_dates", default_config={})
def make_dates(nlp: Language, name: str) -> "DateNormalizer":
    register_extensions()
    return DateNormalizer(name)


class DateNormalizer:
    def __init__(self, name: str = "extractor_dates"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        out = []
        for ent in doc.ents:
            if ent.label_ == "DATE":
                m = re.fullmatch(r"(?:in )?((?:19|20)\d\d)", ent.text)
                out.append({"text": ent.text, "start": ent.start_char, "end": ent.end_char,
                            "value": m.group(1) if m else None})
        doc._.dates = out
        return doc
