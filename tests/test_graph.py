"""Merging records from many articles into one graph, and keeping part of it."""
from __future__ import annotations

import random

import pytest

from extractor.graph import GraphBuilder, build_graph, filter_graph, find_node, name_key
from extractor.records import ArticleRecord, Company, Mention, Relation


def company(name: str, *forms: str, role: str = "company") -> Company:
    return Company(name, role, [Mention(f, 0, len(f)) for f in (forms or (name,))])


def rel(source: str, target: str, kind: str = "agreement", status: str = "agreed",
        sentence: str = "", year=None) -> Relation:
    return Relation(source, target, kind, status, sentence or f"{source} and {target} agreed.",
                    0, 10, year)


def article(id: str, companies=(), relations=(), date=None) -> ArticleRecord:
    return ArticleRecord(id=id, date=date, companies=list(companies), relations=list(relations))


def nodes(records, **kwargs):
    return set(build_graph(records, **kwargs))


# -- name keys ------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("AT&T Corp.", "AT and T"),
    ("U.S. Sprint", "US Sprint"),
    ("MCI's", "MCI"),
    ("Cable and Wireless Plc", "cable & wireless"),
    ("<Sedio N.V.>", "Sedio"),
    ("The Hongkong Bank", "Hongkong Bank"),
    ("Telefónica", "Telefonica"),
    ("British Telecommunications Plc", "British Telecom"),
    ("T-Mobile", "T Mobile"),
    ("Zorvex USA Inc", "Zorvex U.S."),  # a country written two ways
])
def test_name_key_same(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize("a, b", [
    ("AT&T", "AT&T Wireless"),
    ("US Sprint", "GTE"),
    ("Pacific Bell", "Bell Atlantic"),
    ("Co-operative Bank", "Bank"),
    ("Zorvex USA", "Zorvex"),  # a country unit is not the parent
])
def test_name_key_different(a, b):
    assert name_key(a) != name_key(b)


def test_legal_suffix_alone_is_kept():
    assert name_key("Co") == "co"


# -- alias table ----------------------------------------------------------------------------

def test_alias_table_merges_att_forms():
    records = [
        article("r1", [company("American Telephone and Telegraph", role="carrier")]),
        article("r2", [company("ATT")]),
        article("b1", [company("AT&T", "AT&T", "AT&T Inc.")]),
    ]
    g = build_graph(records)
    assert set(g) == {"AT&T"}
    assert g.nodes["AT&T"]["articles"] == 3
    assert g.nodes["AT&T"]["role"] == "carrier"
    assert "ATT" in g.nodes["AT&T"]["aliases"].split(";")


def test_alias_table_keeps_merger_partners_apart():
    records = [article("a", [company("SBC"), company("AT&T")], [rel("SBC", "AT&T", "acquisition")]),
               article("b", [company("AT&T Wireless"), company("Cingular Wireless")],
                       [rel("Cingular Wireless", "AT&T Wireless", "acquisition")])]
    g = build_graph(records)
    assert {"SBC", "AT&T", "AT&T Wireless", "Cingular"} == set(g)
    assert g.number_of_edges() == 2


def test_gazetteer_off_uses_no_alias_table():
    records = [article("r1", [company("British Telecom")]),
               article("r2", [company("BT")])]
    assert len(nodes(records, aliases={})) == 2
    assert len(nodes(records)) == 1


def test_custom_alias_table():
    records = [article("a", [company("Big Blue")]), article("b", [company("IBM")])]
    assert nodes(records, aliases={"Big Blue": "IBM"}) == {"IBM"}


# -- rules that work without the alias table --------------------------------------------------

def test_generic_tail_joins_the_short_name():
    records = [article("a", [company("MCI Communications")]), article("b", [company("MCI")]),
               article("c", [company("Pacific Telesis Group")]),
               article("d", [company("Pacific Telesis")])]
    assert nodes(records, aliases={}) == {"MCI", "Pacific Telesis"}


def test_generic_tail_never_joins_a_vague_word():
    records = [article("a", [company("United Telecommunications")]),
               article("b", [company("United")]),
               article("c", [company("British Communications")]),
               article("d", [company("British")])]
    assert len(nodes(records, aliases={})) == 4


def test_generic_tail_needs_the_short_name_in_the_corpus():
    records = [article("a", [company("Nextel Communications")])]
    assert nodes(records, aliases={}) == {"Nextel Communications"}


def test_mention_form_links_articles():
    records = [article("a", [company("Cray Research", "Cray Research Inc", "Cray")]),
               article("b", [company("Cray")])]
    g = build_graph(records, aliases={})
    assert set(g) == {"Cray"}
    assert g.nodes[next(iter(g))]["articles"] == 2


def test_mention_form_used_by_two_companies_links_neither():
    # "Telesis" is a form of two different companies: ambiguous, so no link.
    records = [article("a", [company("Pacific Telesis", "Pacific Telesis", "Telesis")]),
               article("b", [company("Telesis Systems", "Telesis Systems", "Telesis")]),
               article("c", [company("Telesis")])]
    assert len(nodes(records, aliases={})) == 3


def test_mention_form_must_fit_the_name():
    # A component that glued "IBM" under "Apple" in one article must not merge the two.
    records = [article("a", [company("Apple", "Apple", "IBM")]), article("b", [company("IBM")])]
    assert nodes(records, aliases={}) == {"Apple", "IBM"}


def test_initials_join_a_long_name():
    records = [article("a", [company("International Business Machines")]),
               article("b", [company("IBM")]),
               article("c", [company("General Motors")]), article("d", [company("GM")])]
    # three words or more only: "GM" is too short a guess
    assert nodes(records, aliases={}) == {"IBM", "General Motors", "GM"}


def test_similar_names_stay_apart():
    records = [article("a", [company("US Sprint"), company("GTE")]),
               article("b", [company("AT&T"), company("AT&T Wireless")]),
               article("c", [company("Pacific Bell"), company("Bell Atlantic")]),
               article("d", [company("Verizon"), company("Verizon Wireless")])]
    assert len(nodes(records)) == 8


def test_label_prefers_body_form_over_headline_and_suffix():
    records = [article("a", [company("BRITISH AEROSPACE")]),
               article("b", [company("British Aerospace Plc")]),
               article("c", [company("British Aerospace")])]
    assert nodes(records, aliases={}) == {"British Aerospace"}


# -- edges ------------------------------------------------------------------------------------

def test_edge_attributes_merge_across_articles():
    records = [
        article("r1", [company("ATT", role="carrier"), company("Philips")],
                [rel("ATT", "Philips", "joint_venture", "proposed", "ATT and Philips plan.",
                     1986)], date="1987-03-01T10:00:00"),
        article("r2", [company("American Telephone and Telegraph"), company("Philips NV")],
                [rel("American Telephone and Telegraph", "Philips", "agreement", "agreed",
                     "Second sentence.", 1987)], date="1987-05-01T10:00:00"),
        article("r3", [company("Philips")], [rel("Philips", "AT&T", "joint_venture", "proposed",
                                                 "Third.")], date="1987-04-01T10:00:00"),
    ]
    g = build_graph(records)
    assert g.number_of_edges() == 1
    data = g.edges["AT&T", "Philips"]
    assert data["weight"] == 3
    assert data["kinds"] == "joint_venture;agreement"
    assert data["kind"] == "agreement"  # the most recent article's kind
    assert data["status"] == "agreed"
    assert data["years"] == "1986;1987"
    assert data["evidence"] == "ATT and Philips plan."
    assert data["sources"] == "r1;r2;r3"


def test_weight_counts_articles_not_sentences():
    records = [article("a", [], [rel("X", "Y"), rel("Y", "X", "merger")])]
    g = build_graph(records, aliases={})
    assert g.edges["X", "Y"]["weight"] == 1
    assert g.edges["X", "Y"]["kinds"] == "agreement;merger"


def test_edge_between_two_forms_of_one_company_is_dropped():
    records = [article("a", [], [rel("MCI Communications", "MCI")])]
    g = build_graph(records, aliases={})
    assert g.number_of_edges() == 0


def test_proposed_only_edge_stays_proposed():
    g = build_graph([article("a", [], [rel("X", "Y", "bid", "proposed")])], aliases={})
    assert g.edges["X", "Y"]["status"] == "proposed"
    assert g.edges["X", "Y"]["years"] == ""


def test_attributes_are_scalars():
    records = [article("a", [company("A", role="carrier"), company("B")], [rel("A", "B", year=2004)])]
    g = build_graph(records, aliases={})
    for _, data in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
        assert {"label", "role", "mentions", "articles"} <= set(data)
    for *_, data in g.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in data.values())
        assert {"kind", "kinds", "status", "weight", "years", "evidence", "sources"} <= set(data)


def test_result_does_not_depend_on_article_order():
    records = [article("a", [company("MCI Communications", "MCI Communications Corp", "MCI")],
                       [rel("MCI Communications", "IBM")]),
               article("b", [company("MCI"), company("International Business Machines")],
                       [rel("MCI", "International Business Machines", "stake")]),
               article("c", [company("IBM")]), article("d", [company("ATT")])]
    first = build_graph(records)
    for seed in range(5):
        shuffled = records[:]
        random.Random(seed).shuffle(shuffled)
        other = build_graph(shuffled)
        assert set(other) == set(first)
        assert {frozenset(e) for e in other.edges} == {frozenset(e) for e in first.edges}


def test_streaming_builder_and_node_id():
    builder = GraphBuilder()
    builder.add(article("a", [company("ATT")]))
    assert builder.node_id("American Telephone & Telegraph Co") == "AT&T"


# -- keeping part of the graph ----------------------------------------------------------------

@pytest.fixture
def small_graph():
    records = [
        article("1", [company("AT&T", role="carrier")], [rel("AT&T", "Philips", "joint_venture")]),
        article("2", [], [rel("AT&T", "Philips", "agreement"), rel("BT", "IBM", "contract")]),
        article("3", [], [rel("British Telecom", "Dialcom", "acquisition", "proposed")]),
    ]
    return build_graph(records)


def test_filter_min_weight(small_graph):
    g = filter_graph(small_graph, min_weight=2)
    assert {frozenset(e) for e in g.edges} == {frozenset({"AT&T", "Philips"})}
    assert set(g) == {"AT&T", "Philips"}


def test_filter_kinds(small_graph):
    g = filter_graph(small_graph, kinds=["Joint-Venture", "acquisition"])
    assert {frozenset(e) for e in g.edges} == {frozenset({"AT&T", "Philips"}),
                                                frozenset({"BT", "Dialcom"})}


def test_filter_carrier_by_any_name(small_graph):
    g = filter_graph(small_graph, carrier="british telecom")
    assert set(g) == {"BT", "IBM", "Dialcom"}


def test_filter_unknown_carrier_says_what_is_close(small_graph):
    with pytest.raises(KeyError, match="Philips"):
        filter_graph(small_graph, carrier="Phillips")


def test_no_filter_keeps_everything(small_graph):
    g = filter_graph(small_graph)
    assert set(g) == set(small_graph) and g.number_of_edges() == small_graph.number_of_edges()
    assert find_node(small_graph, "ATT") == "AT&T"


# -- the command line -------------------------------------------------------------------------

@pytest.fixture
def cli_runner(nlp, monkeypatch):
    from click.testing import CliRunner

    from extractor import cli
    from extractor.runner import Extractor

    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: Extractor(nlp))
    return CliRunner()


def test_cli_filters_the_graph(cli_runner, seed_text, tmp_path):
    import networkx as nx

    from extractor import cli

    src = tmp_path / "seed.txt"
    src.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "g.graphml"
    args = [str(src), "-o", str(out), "-q"]
    result = cli_runner.invoke(cli.main, args + ["--kind", "Letter of intent",
                                                 "--carrier", "china mobile"])
    assert result.exit_code == 0, result.stderr
    g = nx.read_graphml(out)
    assert g.number_of_edges() >= 1
    for a, b, data in g.edges(data=True):
        assert "China Mobile" in (a, b) and "letter_of_intent" in data["kinds"].split(";")
    assert all(g.degree(n) for n in g)
    result = cli_runner.invoke(cli.main, args + ["--min-weight", "2"])
    assert result.exit_code == 0, result.stderr
    assert nx.read_graphml(out).number_of_nodes() == 0  # one article: every weight is 1


def test_cli_unknown_carrier_is_a_usage_error(cli_runner, seed_text, tmp_path):
    from extractor import cli

    src = tmp_path / "seed.txt"
    src.write_text(seed_text, encoding="utf-8")
    out = tmp_path / "g.graphml"
    result = cli_runner.invoke(cli.main, [str(src), "-o", str(out), "--carrier", "Nobody Inc"])
    assert result.exit_code == 2
    assert "Nobody Inc" in result.stderr
    assert not out.exists()


def test_initials_need_a_spelled_out_name():
    # "AT&T Technology" has the initials a-t-t too, but it is AT&T's unit, not AT&T
    records = [article("a", [company("AT&T Technology", "AT&T Technology", "AT&T")]),
               article("b", [company("AT&T")]),
               article("c", [company("American Telephone and Telegraph")])]
    assert nodes(records, aliases={}) == {"AT&T Technology", "AT&T"}


def test_unit_words_keep_a_subsidiary_apart():
    records = [article("a", [company("Verizon Wireless", "Verizon Wireless", "Verizon")]),
               article("b", [company("Verizon")]),
               article("c", [company("Google News", "Google News", "Google")]),
               article("d", [company("Google")])]
    assert nodes(records, aliases={}) == {"Verizon Wireless", "Verizon", "Google News", "Google"}


def test_ticker_after_a_name_is_the_same_company():
    records = [article("a", [company("AT&T T", "AT&T T", "AT&T")]), article("b", [company("AT&T")])]
    assert nodes(records, aliases={}) == {"AT&T"}


def test_name_whose_mentions_are_mostly_another_company():
    records = [article("a", [company("AT&T Technology", "AT&T", "AT&T", "AT&T", "AT&T Technology")]),
               article("b", [company("AT&T")]),
               article("c", [company("Verizon Wireless", "Verizon Wireless", "Verizon")]),
               article("d", [company("Verizon")])]
    assert nodes(records, aliases={}) == {"AT&T", "Verizon Wireless", "Verizon"}


def test_headline_noise_before_a_well_known_name():
    known = [article(f"k{i}", [company("Sprint"), company("SBC"), company("Warner")])
             for i in range(3)]
    records = known + [article("x1", [company("Shares of Sprint")]),
                       article("x2", [company("SAN ANTONIO SBC Communications")]),
                       article("x3", [company("Time Warner")])]  # "Time" is not noise
    assert nodes(records, aliases={}) == {"Sprint", "SBC", "Warner", "Time Warner"}


def test_headline_noise_needs_a_well_known_name():
    records = [article("a", [company("Sprint")]), article("b", [company("Shares of Sprint")])]
    assert len(nodes(records, aliases={})) == 2


def test_two_noisy_forms_of_one_company_both_join_it():
    known = [article(f"k{i}", [company("Sprint")]) for i in range(3)]
    records = known + [article("x1", [company("Customers of Sprint")]),
                       article("x2", [company("Shares of Sprint")])]
    assert nodes(records, aliases={}) == {"Sprint"}


def test_acronyms_with_and_without_ampersand_join():
    records = [article("a", [company("AT&T")]), article("b", [company("ATT")]),
               article("c", [company("A&P")]), article("d", [company("AP")])]
    # three letters or more only: "AP" is too short a guess
    found = nodes(records, aliases={})
    assert len(found) == 3 and {"A&P", "AP"} < found


# -- any records at all -----------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_names = st.one_of(st.sampled_from(["AT&T", "ATT", "MCI", "MCI Communications", "BT",
                                    "British Telecom", "Sprint", "US Sprint", "The", "&", "Co",
                                    "Shares of Sprint", "A", "I.B.M.", "'s"]),
                   st.text(min_size=0, max_size=25))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.lists(_names, max_size=4),
                          st.lists(st.tuples(_names, _names,
                                             st.sampled_from(["agreement", "", "merger"]),
                                             st.one_of(st.none(), st.integers(1900, 2030),
                                                       st.just("1987"), st.just("c. 1990"))),
                                   max_size=3),
                          st.one_of(st.none(), st.just("1987-03-02"))),
                max_size=6),
       st.booleans())
def test_any_records_give_a_scalar_graph_that_round_trips(tmp_path_factory, data, gazetteer):
    import networkx as nx

    from extractor.export import write_graphml

    records = [article(f"a{i}", [company(n) for n in names],
                       [Relation(s, t, k, "agreed", "x\x00y", 0, 1, y) for s, t, k, y in rels],
                       date=date)
               for i, (names, rels, date) in enumerate(data)]
    g = build_graph(records, aliases=None if gazetteer else {})
    assert nx.number_of_selfloops(g) == 0
    for *_, attrs in list(g.nodes(data=True)) + list(g.edges(data=True)):
        assert all(type(v) in (str, int, float, bool) for v in attrs.values())
    path = tmp_path_factory.mktemp("g") / "g.graphml"
    write_graphml(g, path)
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == g.number_of_nodes()
    assert back.number_of_edges() == g.number_of_edges()


def test_find_node_without_the_alias_table(small_graph):
    assert find_node(small_graph, "at&t corp.", aliases={}) == "AT&T"  # same name key
    with pytest.raises(KeyError):
        find_node(small_graph, "American Telephone & Telegraph", aliases={})
    assert find_node(small_graph, "American Telephone & Telegraph") == "AT&T"


def test_spaces_and_plural_s_do_not_make_two_companies():
    records = [article("a", [company("Delta Air Lines")]), article("b", [company("Delta Airlines")]),
               article("c", [company("General Motor")]), article("d", [company("General Motors")]),
               article("e", [company("Lloyds")]), article("f", [company("Lloyd")]),  # too short
               article("g", [company("Sony")]), article("h", [company("Sony Music")])]
    assert len(nodes(records, aliases={})) == 6


def test_computer_and_research_are_generic_tails():
    records = [article("a", [company("Apple Computer")]), article("b", [company("Apple")]),
               article("c", [company("Continental Research")]),
               article("d", [company("Continental")])]
    assert nodes(records, aliases={}) == {"Apple", "Continental Research", "Continental"}


# -- roles from all the evidence ------------------------------------------------------------------

@pytest.mark.parametrize("votes, known, expected", [
    ({"carrier": 1}, False, "carrier"),  # one article, one word: nothing better to go by
    ({"carrier": 2, "company": 2}, False, "carrier"),  # half the articles call it an operator
    ({"carrier": 1, "company": 3}, False, "partner"),  # one article's mistake does not spread
    ({"carrier": 1, "company": 3}, True, "carrier"),  # ... unless it is a known operator
    ({"partner": 1, "company": 5}, False, "partner"),
    ({"company": 4}, True, "company"),  # the lexicon alone makes no carrier
    ({}, False, "company"),
])
def test_merged_role_table(votes, known, expected):
    from extractor.graph import merged_role

    assert merged_role(votes, known) == expected


def test_one_article_calling_a_maker_an_operator_does_not_spread():
    records = [article("r1", [company("Kestrel Instruments", role="carrier")])] + [
        article(f"r{i}", [company("Kestrel Instruments")]) for i in range(2, 6)]
    assert build_graph(records).nodes["Kestrel Instruments"]["role"] == "partner"


# -- modern forms of one company across articles (made-up articles) -------------------------

@pytest.mark.parametrize("first, second, one_node", [
    # an abbreviation one article defines joins the company elsewhere
    (company("Deutsche Telekom", "Deutsche Telekom AG", "DT"), company("DT"), True),
    # a group's holding name and its short name
    (company("SoftBank Group", "SoftBank Group Corp"), company("SoftBank"), True),
    # a country tail written two ways
    (company("T-Mobile USA"), company("T-Mobile US"), True),
    # must stay apart: a different company that shares a word
    (company("Deutsche Telekom"), company("Deutsche Bank"), False),
    (company("AT&T"), company("AT&T Wireless"), False),
])
def test_modern_forms_merge_across_articles(first, second, one_node):
    records = [article("a", [first, company("Acme")]), article("b", [second, company("Acme")])]
    assert (len(nodes(records)) == 2) is one_node
