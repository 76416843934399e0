"""Paragraph breaks as sentence starts, set before the parser runs.

News text puts a headline without final punctuation above the first paragraph; left alone, the
parser reads "Acme shares jump on merger talk\n\nShares in the cable group Acme have risen ..."
as one sentence and its dependency tree joins the two. The parser keeps sentence starts that are
already set, so marking the first token after a blank line is enough.
"""
from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("extractor_paragraphs", default_config={}, assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> "ParagraphBreaks":
    return ParagraphBreaks(name)


class ParagraphBreaks:
    """Start a sentence at the first token after a blank line (``\\n\\n``)."""

    def __init__(self, name: str = "extractor_paragraphs"):
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        starts = self.starts(doc)
        if starts:
            # one array write, not ``token.is_sent_start = True`` per paragraph: that setter
            # checks the whole Doc for a parse each time (cost paragraphs x length)
            if doc.has_annotation("DEP"):
                doc[starts[0]].is_sent_start = True  # spaCy's own error: the doc is parsed
            values = doc.to_array([SENT_START])
            values[starts] = 1
            doc.from_array([SENT_START], values)
        return doc

    @staticmethod
    def starts(doc: Doc) -> list[int]:
        """The tokens that start a paragraph (the first token after a blank line)."""
        out: list[int] = []
        start_next = False
        for token in doc:
            if token.is_space:
                start_next = start_next or token.text.count("\n") >= 2
                continue
            if start_next and token.i > 0:
                out.append(token.i)
            start_next = False
        return out
