"""The learned company decision (issue 14): features, the decision table, storage, training."""
from __future__ import annotations

import json

import pytest

from extractor.company_model import CompanyModel, chunk_features  # noqa: F401
from extractor.components.companies import CompanyRecognizer


def names(doc) -> set[str]:
    return {c["name"] for c in doc._.companies}


def _candidates(nlp, text):
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p.startswith("extractor_")
                                   and p != "extractor_paragraphs"]):
        doc = nlp(text)
    comp = nlp.get_pipe("extractor_companies")
    body, _headline, verdicts = comp.candidates(doc)
    return doc, body, verdicts, comp.features(doc, body, verdicts)


def _of(doc, body, features, text):
    return next(f for c, f in zip(body, features) if c.span(doc).text == text)


@pytest.mark.parametrize("text, name, present, absent", [
    ("Zorbex Inc said it signed a supply deal with Quellan.", "Zorbex Inc",
     {"cue=suffix", "bias_rule=yes", "dep=nsubj", "count=1"}, {"list"}),
    ("The deal was signed by Marvex, Tolbane and Quist.", "Tolbane",
     {"list", "list_n=3-4"}, {"cue=suffix"}),
    ("Quarnix said it would buy Belmar. Belmar agreed on Monday.", "Belmar",
     {"count=2"}, {"count=1"}),
    ("Analysts in Paris said the market was calm.", "Paris",
     {"bias_rule=no"}, {"bias_rule=yes"}),
])
def test_named_features(nlp, text, name, present, absent):
    doc, body, _verdicts, features = _candidates(nlp, text)
    f = _of(doc, body, features, name)
    assert present <= set(f), sorted(f)
    assert not absent & set(f)


def test_decision_table_uses_the_threshold_of_the_rules_verdict():
    model = CompanyModel({"x": 0.0}, 0.0, 0.9, {"thresholds": {"rules_yes": 0.4,
                                                               "rules_no": 0.6}})
    assert model.decide({"bias_rule=yes": 1.0})        # p 0.5 >= 0.4
    assert not model.decide({"bias_rule=no": 1.0})     # p 0.5 < 0.6
    plain = CompanyModel({"x": 0.0}, 0.0, 0.5)
    assert plain.decide({}) and not CompanyModel({}, -1.0, 0.5).decide({})


def test_a_toy_model_decides_instead_of_the_rules(nlp):
    """Only what the weights say counts: a model that takes legal suffixes alone."""
    comp = CompanyRecognizer(gazetteer=True, model=CompanyModel(
        {"cue=suffix": 10.0}, -5.0, 0.5))
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p.startswith("extractor_")
                                   and p != "extractor_paragraphs"]):
        doc = nlp("Brintel Ltd met Vodafone in London with Ericsson.")
    assert names(comp(doc)) == {"Brintel"}


def test_component_saves_and_loads_its_weights(nlp, tmp_path):
    comp = nlp.get_pipe("extractor_companies")
    assert comp.model is not None  # the shipped weights
    comp.to_disk(tmp_path / "companies")
    assert (tmp_path / "companies" / "company_model.json").exists()
    other = CompanyRecognizer(gazetteer=True)
    assert other.model is None
    other.from_disk(tmp_path / "companies")
    assert other.model.weights == comp.model.weights
    assert other.model.meta["thresholds"] == comp.model.meta["thresholds"]


def test_learned_false_leaves_the_rules_alone():
    import extractor

    assert extractor.load(learned=False).get_pipe("extractor_companies").model is None


# --- the shipped model through the whole pipeline (own sentences; must-not-fire rows too) ------
@pytest.mark.parametrize("text, found, not_found", [
    ("Ericsson won a 5G contract from Verizon on Tuesday.", {"Ericsson", "Verizon"}, set()),
    ("Kolvane Networks has partnered with Facebook to sell phones.",
     {"Kolvane Networks", "Facebook"}, set()),
    ("Brandvale Corp said its chief executive, Tom Hale, will visit Paris and Berlin.",
     {"Brandvale"}, {"Tom Hale", "Paris", "Berlin"}),
    ("The European Commission fined Zentrix Group over its iPhone apps.", {"Zentrix Group"},
     {"European Commission", "iPhone"}),
])
def test_shipped_model(nlp, text, found, not_found):
    got = names(nlp(text))
    assert found <= got, got
    assert not not_found & got, got


# --- training on small files of our own ---------------------------------------------------------
def test_finer_converter_keeps_organisation_words_out(tmp_path):
    from extractor.company_training import finer_articles

    path = tmp_path / "finer.jsonl"
    path.write_text(json.dumps({"id": "f1", "text": "Acme Corp met the Trade Commission in Rome .",
                                "entities": [
                                    {"type": "ORG", "start": 0, "end": 2, "text": "Acme Corp"},
                                    {"type": "ORG", "start": 4, "end": 6,
                                     "text": "Trade Commission"},
                                    {"type": "LOC", "start": 7, "end": 8, "text": "Rome"}]})
                    + "\n", encoding="utf-8")
    (art,) = list(finer_articles(path))
    assert [c["name"] for c in art.gold["companies"]] == ["Acme Corp"]
    assert set(art.gold["not_companies"]) == {"Trade Commission", "Rome"}


def test_train_companies_on_own_gold(nlp, tmp_path):
    from extractor.company_training import train_companies
    from extractor.training import GoldArticle

    texts = [
        ("a1", "Brintel Ltd agreed to buy Corvane Inc. Analysts in Paris were surprised.",
         ["Brintel", "Corvane"]),
        ("a2", "Halvex Corp signed a deal with Norten. Norten shares rose in London.",
         ["Halvex", "Norten"]),
        ("a3", "Mr Dale Penn said Quorra Inc would cut jobs in Texas.", ["Quorra"]),
        ("a4", "Zelco and Marvo Ltd formed a venture in Madrid, Zelco said.", ["Zelco", "Marvo"]),
    ] * 2
    arts = [GoldArticle(f"{aid}-{i}", text, None, None, "user",
                        {"id": f"{aid}-{i}", "relations": [],
                         "companies": [{"name": n, "aliases": [], "carrier": False}
                                       for n in gold]})
            for i, (aid, text, gold) in enumerate(texts)]
    report = train_companies(nlp, {"user": lambda: arts}, folds=2)
    assert set(report.cv) == {"user"} and set(report.rules) == {"user"}
    assert set(report.no_gazetteer) == {"user"}  # the same folds with the name lists off
    assert 0 <= report.no_gazetteer["user"]["f1"] <= 1
    assert "no name lists" in report.table()
    assert report.model.weights and report.model.meta["thresholds"]
    assert report.model.meta["trained_on"]["user"] > 0
    again = train_companies(nlp, {"user": lambda: arts}, folds=2)
    assert again.model.weights == report.model.weights  # seeded


def test_company_pair_sentences_label_only_the_pair(nlp, tmp_path):
    """The sentence set names two companies per row: the other names are unknown, never
    negatives."""
    from extractor.company_training import company_examples, company_pair_sentences

    path = tmp_path / "pairs.jsonl"
    rows = [{"company1": "Brintel", "company2": "Corvane", "relation": "PARTNER",
             "sentence": "Brintel and Corvane will work with Halvex in Paris."},
            {"company1": "Corvane", "company2": "Brintel", "relation": "COMPETITOR",
             "sentence": "Brintel and Corvane will work with Halvex in Paris."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    (art,) = list(company_pair_sentences(path))
    assert {c["name"] for c in art.gold["companies"]} == {"Brintel", "Corvane"}
    with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p.startswith("extractor_")
                                   and p != "extractor_paragraphs"]):
        doc = nlp(art.text)
    examples = company_examples(nlp.get_pipe("extractor_companies"), doc, art)
    assert examples and all(e.label for e in examples)  # Halvex, Paris: left out


def test_evaluate_takes_a_company_model_file_and_refuses_a_bad_one(tmp_path):
    from click.testing import CliRunner

    from extractor.cli import main

    gold, arts = tmp_path / "gold.jsonl", tmp_path / "arts.jsonl"
    gold.write_text(json.dumps({"id": "a", "companies": [{"name": "Brintel", "aliases": []}],
                                "relations": []}) + "\n", encoding="utf-8")
    arts.write_text(json.dumps({"id": "a", "text": "Brintel Ltd said it would hire."}) + "\n",
                    encoding="utf-8")
    model = tmp_path / "m.json"
    CompanyModel({"cue=suffix": 10.0}, -5.0, 0.5).to_disk(model)
    ok = CliRunner().invoke(main, ["evaluate", str(gold), str(arts), "--company-model",
                                   str(model), "--json"])
    assert ok.exit_code == 0, ok.output
    assert json.loads(ok.output)["companies"]["tp"] == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    refused = CliRunner().invoke(main, ["evaluate", str(gold), str(arts), "--company-model",
                                        str(bad)])
    assert refused.exit_code == 2 and "not a company model file" in refused.output


@pytest.mark.parametrize("text, pairs, companies", [
    # both sides of a deal are companies
    ("Brintel acquired Corvane in 2009 .", [((0, 7), (17, 24), True)], {"Brintel", "Corvane"}),
    # a pair labelled no deal says nothing (a stock exchange, a university ...)
    ("Brintel is listed on the Lisbon Stock Exchange .", [((0, 7), (25, 47), False)], set()),
    # a reference is no name
    ("The company merged with Corvane .", [((0, 11), (24, 31), True)], {"Corvane"}),
    ("It bought Corvane .", [((0, 2), (10, 17), True)], {"Corvane"}),
])
def test_deal_pair_sentences_label_the_deal_sides(text, pairs, companies):
    from extractor.company_training import deal_pair_sentences
    from extractor.training import SentenceItem

    arts = list(deal_pair_sentences([SentenceItem("s1", text, "core", pairs)]))
    assert {c["name"] for a in arts for c in a.gold["companies"]} == companies
    assert all(a.gold["partial_companies"] and a.source == "core" for a in arts)
