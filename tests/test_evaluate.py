"""The scorer, pinned on small hand-made gold and records (rules of shared/gold/README.md)."""
from __future__ import annotations

import json

import pytest

from extractor.evaluate import normalise, read_gold, score, score_article
from extractor.records import ArticleRecord, Company, Mention, Relation


def company(name: str, *mentions: str, role: str = "company") -> Company:
    return Company(name, role, [Mention(text, 0, len(text)) for text in (mentions or (name,))])


def relation(a: str, b: str, kind: str = "partnership") -> Relation:
    return Relation(source=a, target=b, kind=kind)


def gold_entry(companies, relations=(), not_companies=(), id="a1") -> dict:
    return {"id": id,
            "companies": [{"name": n, "aliases": list(al), "carrier": c} for n, al, c in companies],
            "not_companies": list(not_companies),
            "relations": [{"a": a, "b": b, "kind": "partnership", "status": s}
                          for a, b, s in relations]}


# --- normalisation --------------------------------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("MCI Communications Corp", "mci communications"),
    ("MCI's", "mci"),
    ("MCI\u2019s", "mci"),
    ("<Sedio N.V.>", "sedio"),  # dots go first, then "nv" is a stop word
    ('"Vodafone" (UK)!', "vodafone uk"),
    ("AT & T", "at&t"),
    ("AT&T", "at&t"),
    ("T-Mobile USA", "t mobile usa"),
    ("The Cable and Wireless Group Plc", "cable and wireless"),
    ("Kokusai Denshin Denwa Co Ltd.", "kokusai denshin denwa"),
    ("Foo Holdings Incorporated", "foo"),
    ("  China   Mobile\n", "china mobile"),
])
def test_normalise_follows_the_gold_rules(name, expected):
    assert normalise(name) == expected


def test_normalise_keeps_words_that_only_contain_stop_words():
    # "co" inside "Comsat" or "cosmo" is not the word "co"
    assert normalise("Comsat Cosmo") == "comsat cosmo"
    assert normalise("Thera Corp") == "thera"


def test_normalise_of_only_stop_words_is_empty():
    assert normalise("The Company") == ""


# --- companies ------------------------------------------------------------------------------

GOLD = gold_entry(
    [("MCI Communications", ["MCI Communications Corp", "MCI"], True),
     ("IBM", ["International Business Machines"], False),
     ("Sedio", [], False)],
    relations=[("MCI Communications", "IBM", "agreed"), ("IBM", "Sedio", "proposed")],
    not_companies=["FCC"])


def test_company_matches_by_name_or_alias_after_normalising():
    record = ArticleRecord("a1", companies=[company("MCI Communications Corp.", role="carrier"),
                                            company("International Business Machines Corp")])
    result = score_article(record, GOLD)
    assert (result.companies.tp, result.companies.fp, result.companies.fn) == (2, 0, 1)
    assert result.company_fn == ["Sedio"]


def test_company_matches_through_any_mention():
    record = ArticleRecord("a1", companies=[company("Sedio Holdings Unit", "<Sedio N.V.>")])
    result = score_article(record, GOLD)
    assert result.companies.tp == 1 and result.companies.fp == 0


def test_second_node_for_a_company_already_found_is_a_false_positive():
    record = ArticleRecord("a1", companies=[company("MCI Communications"), company("MCI")])
    result = score_article(record, GOLD)
    assert (result.companies.tp, result.companies.fp, result.companies.fn) == (1, 1, 2)
    assert result.company_fp == ["MCI [duplicate]"]


def test_unknown_company_is_a_false_positive_and_not_companies_are_flagged():
    record = ArticleRecord("a1", companies=[company("FCC"), company("Acme")])
    result = score_article(record, GOLD)
    assert (result.companies.tp, result.companies.fp, result.companies.fn) == (0, 2, 3)
    assert result.company_fp == ["FCC [not a company]", "Acme"]


def test_partial_name_does_not_match():
    record = ArticleRecord("a1", companies=[company("MCI Communications International")])
    assert score_article(record, GOLD).companies.tp == 0


def test_carrier_role_accuracy_counts_companies_found_only():
    record = ArticleRecord("a1", companies=[company("MCI", role="carrier"),
                                            company("IBM", role="carrier"),
                                            company("Acme", role="carrier")])
    result = score_article(record, GOLD)
    assert (result.roles_right, result.roles_total) == (1, 2)
    assert result.role_errors == ["IBM [not a carrier]"]


def test_partner_role_is_not_carrier():
    record = ArticleRecord("a1", companies=[company("MCI", role="partner")])
    result = score_article(record, GOLD)
    assert (result.roles_right, result.roles_total) == (0, 1)
    assert result.role_errors == ["MCI [is a carrier]"]


# --- relations ------------------------------------------------------------------------------

def _found(*relations: Relation) -> ArticleRecord:
    return ArticleRecord("a1", companies=[company("MCI", "MCI Communications Corp"),
                                          company("IBM"), company("Sedio")],
                         relations=list(relations))


def test_relation_pairs_are_unordered_and_counted_once():
    record = _found(relation("MCI", "IBM"), relation("IBM", "MCI", "acquisition"),
                    relation("MCI", "IBM"))
    result = score_article(record, GOLD)
    assert (result.relations.tp, result.relations.fp, result.relations.fn) == (1, 0, 1)


def test_relation_right_whatever_the_gold_status_and_kind():
    record = _found(relation("Sedio", "IBM", kind="agreement"))
    result = score_article(record, GOLD)
    assert (result.relations.tp, result.relations.fp, result.relations.fn) == (1, 0, 1)


def test_relation_sides_map_through_the_company_mentions():
    # the record calls the company "Big Blue"; its mention is IBM's gold alias
    record = ArticleRecord("a1", companies=[company("MCI"),
                                            company("Big Blue", "International Business Machines")],
                           relations=[relation("Big Blue", "MCI")])
    result = score_article(record, GOLD)
    assert result.relations.tp == 1 and result.relations.fp == 0


def test_relation_not_in_gold_is_a_false_positive():
    record = _found(relation("MCI", "Sedio"), relation("MCI", "Acme"))
    result = score_article(record, GOLD)
    assert (result.relations.tp, result.relations.fp, result.relations.fn) == (0, 2, 2)


def test_relation_between_two_nodes_of_one_company_is_a_false_positive():
    record = ArticleRecord("a1", companies=[company("MCI Communications"), company("MCI")],
                           relations=[relation("MCI Communications", "MCI")])
    result = score_article(record, GOLD)
    assert (result.relations.tp, result.relations.fp) == (0, 1)


def test_agreed_only_recall_ignores_proposed_gold_pairs():
    only_proposed = score_article(_found(relation("IBM", "Sedio")), GOLD)
    assert (only_proposed.agreed_found, only_proposed.agreed_total) == (0, 1)
    only_agreed = score_article(_found(relation("IBM", "MCI")), GOLD)
    assert (only_agreed.agreed_found, only_agreed.agreed_total) == (1, 1)


def test_a_pair_listed_twice_in_gold_counts_once_and_agreed_wins():
    gold = gold_entry([("A", [], False), ("B", [], False)],
                      relations=[("A", "B", "proposed"), ("B", "A", "agreed")])
    result = score_article(ArticleRecord("a1"), gold)
    assert result.relations.fn == 1 and result.agreed_total == 1


# --- micro averages over articles -----------------------------------------------------------

def test_micro_average_over_articles_and_missing_records(tmp_path):
    gold = [GOLD, gold_entry([("Vodafone", [], True)], id="a2"),
            gold_entry([("BT", [], True)], id="a3")]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(g) for g in gold) + "\n", encoding="utf-8")
    records = [_found(relation("MCI", "IBM"), relation("MCI", "Sedio")),
               ArticleRecord("a2", companies=[company("Vodafone Group Plc", role="carrier"),
                                              company("Reuters")]),
               ArticleRecord("other")]
    report = score(records, read_gold(path))
    assert report.missing == ["a3"]
    d = report.as_dict()
    # companies: a1 3 tp; a2 1 tp 1 fp; a3 1 fn
    assert (d["companies"]["tp"], d["companies"]["fp"], d["companies"]["fn"]) == (4, 1, 1)
    assert d["companies"]["precision"] == pytest.approx(0.8)
    assert d["companies"]["recall"] == pytest.approx(0.8)
    # relations: 1 tp, 1 fp, 1 fn; agreed recall 1/1
    assert d["relations"]["f1"] == pytest.approx(0.5)
    assert d["relations"]["agreed_recall"] == pytest.approx(1.0)
    # roles: MCI (carrier) predicted company -> wrong; IBM, Sedio right; Vodafone right
    assert d["carrier_role_accuracy"] == pytest.approx(3 / 4)
    table = report.table(errors=True)
    assert "missing from input: 1" in table and "== a2" in table and "Reuters" in table
    assert "scored as all misses): a3" in table


def test_empty_prediction_scores_zero_not_an_error():
    d = score([], [GOLD]).as_dict()
    assert d["companies"]["precision"] == 0.0 and d["companies"]["fn"] == 3


# --- the command ----------------------------------------------------------------------------

def test_evaluate_command_prints_the_table_and_json(tmp_path):
    from click.testing import CliRunner

    from extractor.cli import main

    articles = tmp_path / "articles.jsonl"
    articles.write_text(json.dumps({"id": "n1", "text": "Vodafone Group Plc said it agreed to buy "
                                    "a stake in Mannesmann AG, the German company."}) + "\n",
                        encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_entry([("Vodafone", [], True), ("Mannesmann", [], False)],
                                          relations=[("Vodafone", "Mannesmann", "agreed")],
                                          id="n1")) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["evaluate", str(gold), str(articles), "--errors"])
    assert result.exit_code == 0, result.output
    assert "articles scored: 1" in result.output
    assert "companies" in result.output and "carrier-role accuracy" in result.output
    result = runner.invoke(main, ["evaluate", str(gold), str(articles), "--json"])
    data = json.loads(result.output)
    assert data["articles"] == 1
    assert data["companies"]["tp"] + data["companies"]["fn"] == 2


def test_evaluate_command_rejects_a_file_that_is_not_gold(tmp_path):
    from click.testing import CliRunner

    from extractor.cli import main

    articles = tmp_path / "a.txt"
    articles.write_text("Some text.", encoding="utf-8")
    bad = tmp_path / "gold.jsonl"
    for content, message in (("not json\n", "line 1: not valid JSON"),
                             ('{"id": "a"}\n{"text": "no id"}\n', "line 2: expected an object")):
        bad.write_text(content, encoding="utf-8")
        result = CliRunner().invoke(main, ["evaluate", str(bad), str(articles)])
        assert result.exit_code == 2
        assert "not a gold file" in result.output and message in result.output
