"""Company component (baseline: spaCy ORG entities). To be replaced by the rules of issue 4."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..extensions import register_extensions


@Language.factory("extractor_companies", default_config={"gazetteer": True})
def make_companies(nlp: Language, name: str, gazetteer: bool) -> "CompanyRecognizer":
    register_extensions()
    return CompanyRecognizer(nlp, name, gazetteer=gazetteer)


class CompanyRecognizer:
    def __init__(self, nlp: Language, name: str = "extractor_companies", *, gazetteer: bool = True):
        self.name = name
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        found: dict[str, dict] = {}
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            name = ent.text.removesuffix("'s")
            company = found.setdefault(name, {"name": name, "role": "company", "mentions": []})
            company["mentions"].append({"text": ent.text, "start": ent.start_char, "end": ent.end_char})
        doc._.companies = list(found.values())
        doc._.company_groups = []
        return doc
