"""Property: any text goes through the pipeline, and every offset points at the text it claims."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor.corpus import article_from_text
from extractor.records import ArticleRecord
from extractor.runner import Extractor

# Pieces of news language, so the components have something to find, mixed with arbitrary text.
PIECES = [
    "China Mobile", "Vodafone Group Plc", "AT&T", "MCI Communications Corp", "<Sedio N.V.>",
    "Apple's", "Oppo, Vivo, and JD", "the cellular operator", "signed", "a letter of intent",
    "with", "teamed with", "agreed to merge", "will cooperate with", "including", "those seven "
    "companies", "ten", "35 million", "over 4000", "tripled", "$6.3bn (£3.4bn)", "2.4%",
    "16 billion dlrs", "1.5 mln stg", "49 pct", "a third", "in 2013", "last week", "Thursday",
    "March 2, 1987", "3G", "4G", "1.", ".", ",", "\n", "\n\n", "  ", "(", ")", "'s", "\u00e9",
    "\u2019", "\u201c", "\u201d", "\u20ac", "\t", "Inc", "Ltd", "Corp.",
    # lone surrogates (legal in JSON, common in scraped text) and realistic deal sentences
    "\ud800", "\udcff", "Nokia Oyj agreed to buy Alcatel-Lucent SA for 15.6 billion euros.",
    "The two companies said on Monday they would form a joint venture.",
    "Kestrel Telecom denied it was in talks with Marlin Networks.",
]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=60).map(
    " ".join)


def check_offsets(record: ArticleRecord, text: str) -> None:
    for company in record.companies:
        assert company.name, company
        for m in company.mentions:
            assert 0 <= m.start <= m.end <= len(text)
            assert text[m.start:m.end] == m.text
    for d in record.dates:
        assert text[d.start:d.end] == d.text
    for f in record.figures:
        assert text[f.start:f.end] == f.text
        assert f.value is None or isinstance(f.value, (int, float))
    for r in record.relations:
        assert text[r.start:r.end] == r.sentence
        assert r.source and r.target


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=TEXT, title=st.one_of(st.none(), TEXT))
def test_any_text_returns_a_record_whose_offsets_point_at_the_text(nlp, raw, title):
    article = article_from_text(raw, id="prop", title=title or None)
    [record] = list(Extractor(nlp).process([article]))
    assert isinstance(record, ArticleRecord), record
    check_offsets(record, article.text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs=st.lists(TEXT, min_size=2, max_size=12))
def test_offsets_hold_when_an_article_is_processed_in_parts(nlp, paragraphs):
    article = article_from_text("\n\n".join(paragraphs), id="parts")
    saved = nlp.max_length
    try:
        nlp.max_length = 200
        [record] = list(Extractor(nlp).process([article]))
    finally:
        nlp.max_length = saved
    assert isinstance(record, ArticleRecord), record
    check_offsets(record, article.text)
