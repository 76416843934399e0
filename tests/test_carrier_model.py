"""The learned carrier decision: its named features, its decision table, its training, and the
way it travels with the company component. Sentences are made up for these tests."""
from __future__ import annotations

import pytest

import extractor
from extractor.carrier_model import CarrierModel, company_features, operator_name_words
from extractor.carrier_training import CARRIER_SOURCES, THRESHOLDS, train_carriers
from extractor.components.companies import CompanyRecognizer
from extractor.training import GoldArticle


@pytest.fixture(scope="module")
def nlp():
    return extractor.load()


def _features(nlp, text: str, gazetteer: bool = True) -> dict[str, dict]:
    """Carrier features of each company the component finds in ``text``, by canonical name."""
    comp = CompanyRecognizer(gazetteer=gazetteer, model=nlp.get_pipe("extractor_companies").model)
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if not p.startswith("extractor")]):
        doc = nlp(text)
    body, headline, accepted = comp.accepted(doc)
    members, names, forms, _ = comp.groups(doc, body, accepted, headline)
    return dict(zip(names, comp.carrier_features(doc, members, names, forms)))


@pytest.mark.parametrize("text, name, feature, present", [
    # described as an operator: text evidence
    ("Zantel, the mobile operator, said profits rose.", "Zantel", "described_carrier", True),
    ("Quorvia said it would buy Brimco, a mobile phone operator.", "Brimco",
     "described_carrier", True),
    ("Quorvia said it would buy Brimco, a maker of shoes.", "Brimco", "described_carrier",
     False),
    # a carrier word around a mention
    ("Zantel said its broadband subscribers rose.", "Zantel", "text_carrier_word", True),
    ("Zantel said its shoe sales rose.", "Zantel", "text_carrier_word", False),
    # a carrier word in the name and nothing else: name-only evidence
    ("Halvorsen Telecommunications Inc said it shipped 500 switches to customers in Ohio.",
     "Halvorsen Telecommunications", "name_only", True),
    # ... but not where the text also says it runs a network
    ("Halvorsen Telecommunications Inc, the mobile operator, said profits rose.",
     "Halvorsen Telecommunications", "name_only", False),
    # a name word that names an operator on its own
    ("Dunmore Telephone Co said it raised its dividend.", "Dunmore Telephone",
     "name_operator_word", True),
    ("Western Prairie Bell said it raised its dividend.", "Western Prairie Bell",
     "name_operator_word", True),
    ("Bell Resources Ltd said it raised its dividend.", "Bell Resources",
     "name_operator_word", False),  # a first "Bell" is no telephone company
    # a maker's word in the name
    ("Halvorsen Electronics Corp said it raised its dividend.", "Halvorsen Electronics",
     "name_maker_word", True),
    # must not fire: the carrier word is a word of a name, its own or another company's
    ("Officials of <Societe Brimaise de Telecommunications> (SBT) said the bid was "
     "late.", "Societe Brimaise de Telecommunications", "text_carrier_word", False),
    ("Quorvia teamed up with <Dunmore Telecommunications Industrie B.V.> and Brimco to "
     "bid.", "Brimco", "text_carrier_word", False),
    ("The Halvorsen Telecom systems are the first to be installed.", "Halvorsen Telecom",
     "described_carrier", False),
    # ... while the same words outside any name still count
    ("Quorvia teamed up with the telecommunications group Brimco to bid.", "Brimco",
     "text_carrier_word", True),
    # the lexicon matches a spelling variant of a listed operator's name
    ("Hong Kong Telecommunications Ltd said it will issue shares.",
     "Hong Kong Telecommunications", "lexicon", True),
    # must not fire: a name that is no listed operator's
    ("Hong Kong Cablevision Ltd said it will issue shares.", "Hong Kong Cablevision",
     "lexicon", False),
])
def test_named_features(nlp, text, name, feature, present):
    features = _features(nlp, text)
    assert name in features, sorted(features)
    assert (feature in features[name]) is present, sorted(features[name])


def test_name_only_needs_the_lexicon(nlp):
    """Without the name lists a carrier word in the name is all there is to go on: no
    ``name_only`` veto then."""
    text = "Halvorsen Telecommunications Inc said it shipped 500 switches to customers in Ohio."
    assert "name_only" not in _features(nlp, text, gazetteer=False)["Halvorsen Telecommunications"]


@pytest.mark.parametrize("features, decided", [
    ({"text_carrier_word": 1.0}, True),
    ({"text_carrier_word": 1.0, "name_only": 1.0}, False),  # the table's veto
    ({"name_only": 1.0, "lexicon": 1.0}, False),
    ({}, False),
])
def test_decision_table(features, decided):
    model = CarrierModel({"text_carrier_word": 3.0, "lexicon": 3.0}, bias=-1.0, threshold=0.5)
    assert model.decide(features) is decided


def test_operator_words_are_name_words():
    """Every operator name word is also a carrier name word (one list, two kinds)."""
    from extractor.components.company_lexicons import load_lexicons

    assert operator_name_words() and operator_name_words() <= load_lexicons().carrier_name_words


@pytest.mark.parametrize("text, carriers, not_carriers", [
    ("Halvorsen Telecommunications Inc said it would supply digital switches to Dunmore "
     "Telephone Co under a three-year contract.", {"Dunmore Telephone"},
     {"Halvorsen Telecommunications"}),
    ("Halvorsen Telecommunications Inc said it would supply switches to Vodafone.",
     {"Vodafone"}, {"Halvorsen Telecommunications"}),
])
def test_shipped_model_roles(nlp, text, carriers, not_carriers):
    roles = {c["name"]: c["role"] for c in nlp(text)._.companies}
    for name in carriers:
        assert roles.get(name) == "carrier", roles
    for name in not_carriers:
        assert roles.get(name) not in (None, "carrier"), roles


def test_rules_only_has_no_carrier_model():
    rules = extractor.load(learned=False).get_pipe("extractor_companies")
    assert rules.carrier_model is None
    assert extractor.load().get_pipe("extractor_companies").carrier_model is not None


def test_saved_pipeline_carries_the_carrier_model(nlp, tmp_path):
    comp = nlp.get_pipe("extractor_companies")
    comp.to_disk(tmp_path)
    assert (tmp_path / "carrier_model.json").exists()
    other = CompanyRecognizer().from_disk(tmp_path)
    assert other.carrier_model.weights == comp.carrier_model.weights
    assert other.carrier_model.threshold == comp.carrier_model.threshold


def _article(i: int, carrier: bool) -> GoldArticle:
    if carrier:
        text = f"Zantel{i}, the mobile operator, said profits rose at its network unit."
    else:
        text = f"Brimco{i} Corp, the equipment maker, said profits rose at its factory."
    name = f"Zantel{i}" if carrier else f"Brimco{i}"
    return GoldArticle(f"a{i}", text, None, None, "user",
                       {"id": f"a{i}", "companies": [{"name": name, "aliases": [],
                                                      "carrier": carrier}], "relations": []})


def test_training_on_a_users_gold(nlp):
    arts = [_article(i, i % 2 == 0) for i in range(20)]
    report = train_carriers(nlp, {"user": lambda: arts, "finer": lambda: arts[:1]}, folds=2)
    assert report.threshold in THRESHOLDS
    assert "user" in report.cv and "finer" not in report.cv  # finer says nothing of carriers
    assert report.model.weights
    assert "finer" not in CARRIER_SOURCES


def test_training_needs_carrier_flags(nlp):
    with pytest.raises(ValueError, match="carrier"):
        train_carriers(nlp, {"finer": lambda: [_article(0, True)]}, folds=2)


def test_train_and_evaluate_carriers_with_the_cli(tmp_path):
    """``extract train --what carriers`` on a user's gold writes a carrier model that
    ``extract evaluate --carrier-model`` reads; a file that is no model is refused."""
    import json

    from click.testing import CliRunner

    from extractor.cli import main

    arts, gold = tmp_path / "articles.jsonl", tmp_path / "gold.jsonl"
    items = [_article(i, i % 2 == 0) for i in range(12)]
    arts.write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n" for a in items))
    gold.write_text("".join(json.dumps(a.gold) + "\n" for a in items))
    out = tmp_path / "carrier_model.json"
    result = CliRunner().invoke(main, ["train", "--gold", str(gold), "--articles", str(arts),
                                       "--what", "carriers", "-o", str(out), "--folds", "2",
                                       "--json"])
    assert result.exit_code == 0, result.output
    assert "user" in json.loads(result.output)["carriers"]["cv"]
    assert CarrierModel.from_disk(out).weights
    scored = CliRunner().invoke(main, ["evaluate", str(gold), str(arts), "--carrier-model",
                                       str(out), "--json"])
    assert scored.exit_code == 0, scored.output
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    refused = CliRunner().invoke(main, ["evaluate", str(gold), str(arts), "--carrier-model",
                                        str(bad)])
    assert refused.exit_code == 2 and "not a carrier model file" in refused.output
