"""The graph's other formats, each read back by its own library or parser: GEXF (networkx),
Cytoscape.js JSON (networkx), CSV (csv), Neo4j import files (a checker of neo4j-admin's header
grammar); GraphML ids in igraph; -o by extension, --csv, --neo4j and the early --carrier check."""
from __future__ import annotations

import csv
import html
import json
import os
import re
import shutil
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner

from extractor import cli
from extractor.export import (CSV_FILES, GRAPH_FORMATS, NEO4J_FILES, NEO4J_IMPORT, OutputGroup,
                              graph_format, graphml_safe, write_csv, write_graph, write_neo4j)
from extractor.graph import _kind_key, build_graph
from extractor.records import ArticleRecord, Company, Mention, Relation
from extractor.runner import Extractor

ROOT = Path(__file__).resolve().parent.parent

# Names and text that need care in every format: XML specials, quotes, CSV commas, non-ASCII.
NAMES = ["AT&T", 'Procter & Gamble "P&G"', "<Acme> Corp", "Télécom Ünion", "Smith, Jones & Co",
         "O'Brien Telecom", "Nokia"]
EVIDENCE = 'AT&T and "P&G" agreed, at last,\nto a <joint> venture; 5% of €2 bn.'


@pytest.fixture
def tricky() -> nx.Graph:
    """A graph with the builder's attributes (and one boolean) and names that need care."""
    g = nx.Graph()
    for i, name in enumerate(NAMES):
        g.add_node(name, label=name, role=["carrier", "partner", "company"][i % 3],
                   mentions=i + 1, articles=1, aliases="ATT;A T & T" if i == 0 else "",
                   listed=i % 2 == 0)
    for i, other in enumerate(NAMES[1:]):
        g.add_edge(NAMES[0], other, kind="joint_venture" if i % 2 else "letter_of_intent",
                   kinds="joint_venture;letter_of_intent", status="agreed", weight=i + 1,
                   years="1987;1990" if i % 2 else "", evidence=EVIDENCE,
                   sources=f"a-{i};b,{i}")
    return g


@pytest.fixture
def built() -> nx.Graph:
    """A graph made by the builder from records."""
    records = [ArticleRecord("r1", companies=[
        Company("AT&T", "carrier", [Mention("AT&T", 0, 4)]),
        Company('Procter & Gamble "P&G"', "partner", [])],
        relations=[Relation("AT&T", 'Procter & Gamble "P&G"', "joint_venture", "agreed",
                            EVIDENCE, 0, 40, 1987)])]
    return build_graph(records)


# -- graph formats chosen by extension -------------------------------------------------------

def _read_graphml(path):
    return nx.read_graphml(path)


def _read_gexf(path):
    return nx.read_gexf(path)


def _read_cyjs(path):
    return nx.cytoscape_graph(json.loads(path.read_text(encoding="utf-8")))


READERS = {".graphml": _read_graphml, ".gexf": _read_gexf, ".cyjs": _read_cyjs}
# What a reader adds or changes, by format: GEXF's edge id and float edge weight;
# cytoscape_graph's node id/value/name and edge source/target.
EXTRA_NODE_KEYS = {".graphml": set(), ".gexf": set(), ".cyjs": {"id", "value", "name"}}
EXTRA_EDGE_KEYS = {".graphml": set(), ".gexf": {"id"}, ".cyjs": {"source", "target"}}


@pytest.mark.parametrize("ext", list(READERS))
@pytest.mark.parametrize("which", ["tricky", "built"])
def test_each_graph_format_reads_back_with_its_library(tmp_path, ext, which, request):
    graph = request.getfixturevalue(which)
    path = tmp_path / f"g{ext}"
    write_graph(graph, path)
    back = READERS[ext](path)
    expected = graphml_safe(graph)
    assert set(back) == set(expected)
    for node, data in expected.nodes(data=True):
        got = {k: v for k, v in back.nodes[node].items() if k not in EXTRA_NODE_KEYS[ext]}
        assert got == data, node
        for key in ("mentions", "articles"):
            assert type(got[key]) is int, (ext, key)
    assert back.number_of_edges() == expected.number_of_edges()
    for a, b, data in expected.edges(data=True):
        got = {k: v for k, v in back.edges[a, b].items() if k not in EXTRA_EDGE_KEYS[ext]}
        assert got == data, (a, b)
        # GEXF's weight is its own edge weight: a float in Gephi and networkx
        assert type(got["weight"]) is (float if ext == ".gexf" else int)


@pytest.mark.parametrize("name, expected", [
    ("g.graphml", ".graphml"), ("G.GraphML", ".graphml"), ("g.gexf", ".gexf"),
    ("out/g.v2.cyjs", ".cyjs"), ("graph", ".graphml"),  # no extension: GraphML, as before
    ("g.xml", None), ("g.json", None), ("g.csv", None), ("g.graphml.gz", None),
])
def test_graph_format_by_extension(name, expected):
    if expected:
        assert graph_format(name) == expected
    else:
        with pytest.raises(ValueError) as info:
            graph_format(name)
        assert all(ext in str(info.value) for ext in GRAPH_FORMATS)
        assert name in str(info.value)


def test_cyjs_is_what_cytoscape_loads(tmp_path, tricky):
    path = tmp_path / "g.cyjs"
    write_graph(tricky, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data["data"], dict)  # network attributes: an object, as Cytoscape writes
    ids = [n["data"]["id"] for n in data["elements"]["nodes"]]
    assert all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)
    for edge in data["elements"]["edges"]:
        assert edge["data"]["source"] in ids and edge["data"]["target"] in ids


# -- GraphML in igraph: numbers and node ids ---------------------------------------------------

def test_igraph_gives_numbers_as_integral_floats_and_ids_with_amp_as_char_ref(tmp_path, tricky):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    write_graph(tricky, path)
    g = igraph.Graph.Read_GraphML(str(path))
    assert sorted(g.vs["label"]) == sorted(NAMES)  # element text: exact
    for v in g.vs:
        name = v["label"]
        # the id attribute: exact but for "&", which igraph (libxml2) hands back as "&#38;"
        assert v["id"] == name.replace("&", "&#38;")
        assert html.unescape(v["id"]) == name
        # igraph keeps every number as a double: 3 comes back as 3.0 (declared long)
        assert isinstance(v["mentions"], float) and v["mentions"].is_integer()
        assert int(v["mentions"]) == tricky.nodes[name]["mentions"]
        assert v["listed"] is tricky.nodes[name]["listed"]
    for e in g.es:
        a, b = g.vs[e.source]["label"], g.vs[e.target]["label"]
        assert int(e["weight"]) == tricky.edges[a, b]["weight"]
        assert e["evidence"] == EVIDENCE


# -- CSV ---------------------------------------------------------------------------------------

def _read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames), list(reader)


def test_csv_tables_one_row_per_node_and_edge_every_attribute_a_column(tmp_path, tricky):
    folder = tmp_path / "tables"  # made by the writer
    assert write_csv(tricky, folder) == [folder / n for n in CSV_FILES]
    header, nodes = _read_csv(folder / "nodes.csv")
    assert header == ["id", "label", "role", "mentions", "articles", "aliases", "listed"]
    assert [row["id"] for row in nodes] == NAMES
    for row in nodes:
        data = tricky.nodes[row["id"]]
        assert row["label"] == data["label"] and int(row["mentions"]) == data["mentions"]
        assert row["listed"] == ("true" if data["listed"] else "false")
    header, edges = _read_csv(folder / "edges.csv")
    assert header[:2] == ["source", "target"]
    assert set(header[2:]) == {"kind", "kinds", "status", "weight", "years", "evidence",
                               "sources"}
    assert len(edges) == tricky.number_of_edges()
    for row in edges:
        data = tricky.edges[row["source"], row["target"]]
        assert row["evidence"] == EVIDENCE  # comma, quotes, newline, non-ASCII kept
        assert row["sources"] == data["sources"] and int(row["weight"]) == data["weight"]


# -- Neo4j: a checker of neo4j-admin's CSV header grammar ---------------------------------------

NEO4J_TYPES = {"int", "long", "float", "double", "boolean", "byte", "short", "char", "string",
               "date", "localtime", "time", "localdatetime", "datetime", "duration", "point"}
HEADER_FIELD = re.compile(r"(?P<name>[^:]*)(?::(?P<type>[A-Za-z_]+(?:\[\])?)"
                          r"(?:\((?P<group>[^)]*)\))?)?")
SPECIAL = {"ID", "START_ID", "END_ID", "LABEL", "TYPE", "IGNORE"}


def _parse_header(header: list[str]) -> list[tuple[str, str]]:
    """(property name, type) per column by neo4j-admin's grammar ``name:type``: a special
    field (``:ID``, ``:LABEL``...) or a property type, ``[]`` for arrays; plain name = string."""
    out = []
    for field in header:
        match = HEADER_FIELD.fullmatch(field)
        assert match, f"not a header field: {field!r}"
        name, kind = match["name"], match["type"] or "string"
        if kind in SPECIAL:
            assert kind in ("ID",) or not name, f"{field}: only :ID may carry a name"
        else:
            assert name, f"{field}: a property needs a name"
            assert kind.removesuffix("[]").lower() in NEO4J_TYPES, f"{field}: unknown type"
        out.append((name, kind))
    return out


def _check_value(value: str, kind: str, field: str) -> None:
    base, array = kind.removesuffix("[]"), kind.endswith("[]")
    items = [i for i in value.split(";") if i] if array else ([value] if value else [])
    for item in items:
        if base in ("int", "long"):
            assert re.fullmatch(r"-?\d+", item), (field, value)
            assert abs(int(item)) < 2 ** (31 if base == "int" else 63), (field, value)
        elif base in ("float", "double"):
            float(item)
        elif base == "boolean":
            assert item in ("true", "false"), (field, value)


def _read_neo4j(path: Path) -> tuple[list[tuple[str, str]], list[list[str]]]:
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    columns = _parse_header(rows[0])
    for row in rows[1:]:
        assert len(row) == len(columns), row
        for value, (name, kind) in zip(row, columns):
            _check_value(value, kind, name)
    return columns, rows[1:]


def test_neo4j_files_follow_the_import_header_grammar(tmp_path, tricky):
    folder = tmp_path / "neo4j"
    assert write_neo4j(tricky, folder) == [folder / n for n in NEO4J_FILES]
    columns, nodes = _read_neo4j(folder / "nodes.csv")
    kinds = dict(columns)
    assert [k for _, k in columns].count("ID") == 1 and "LABEL" in kinds.values()
    assert kinds["mentions"] == "int" and kinds["listed"] == "boolean"
    assert kinds["aliases"] == "string[]"
    id_col = [k for _, k in columns].index("ID")
    label_col = [k for _, k in columns].index("LABEL")
    ids = [row[id_col] for row in nodes]
    assert sorted(ids) == sorted(NAMES) and len(set(ids)) == len(ids)
    labels = {row[id_col]: row[label_col].split(";") for row in nodes}
    assert labels["AT&T"] == ["Company", "Carrier"] and labels["<Acme> Corp"] == ["Company"]
    assert all(re.fullmatch(r"[A-Za-z_]\w*", lab) for labs in labels.values() for lab in labs)

    columns, rels = _read_neo4j(folder / "relationships.csv")
    kinds = [k for _, k in columns]
    assert kinds[:3] == ["START_ID", "END_ID", "TYPE"]
    named = {n: k for n, k in columns if n}
    assert named["weight"] == "int" and named["years"] == "int[]"
    assert named["kinds"] == "string[]" and named["sources"] == "string[]"
    assert len(rels) == tricky.number_of_edges()
    for row in rels:
        assert row[0] in ids and row[1] in ids  # every endpoint an existing node id
        assert re.fullmatch(r"[A-Z_][A-Z0-9_]*", row[2])
        assert row[2] == tricky.edges[row[0], row[1]]["kind"].upper()
        assert row[[n for n, _ in columns].index("evidence")] == EVIDENCE


def test_neo4j_script_holds_the_documented_command(tmp_path, tricky):
    write_neo4j(tricky, tmp_path / "n")
    script = tmp_path / "n" / "import.sh"
    lines = script.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/bin/sh" and NEO4J_IMPORT in lines
    assert os.access(script, os.X_OK)
    assert NEO4J_IMPORT.startswith("neo4j-admin database import full neo4j ")
    for name in ("nodes.csv", "relationships.csv"):
        assert f"={name}" in NEO4J_IMPORT
    assert "--multiline-fields=true" in NEO4J_IMPORT  # the evidence may hold newlines
    assert NEO4J_IMPORT in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("writer", [write_csv, write_neo4j])
def test_a_table_folder_needs_its_parent(tmp_path, tricky, writer):
    from extractor.export import OutputError

    with pytest.raises(OutputError) as info:
        writer(tricky, tmp_path / "no" / "tables")
    assert str(tmp_path / "no" / "tables") in str(info.value)


# -- every output of a run changes together ----------------------------------------------------

def _write_all(graph, tmp_path):
    for ext in GRAPH_FORMATS:
        write_graph(graph, tmp_path / f"g{ext}")
    write_csv(graph, tmp_path / "csv")
    write_neo4j(graph, tmp_path / "neo4j")


def test_all_formats_are_renamed_together_or_not_at_all(tmp_path, tricky):
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "nodes.csv").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with OutputGroup():
            _write_all(tricky, tmp_path)
            raise RuntimeError("a later output failed")
    assert (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8") == "old"
    assert [str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")] == ["csv",
                                                                           "csv/nodes.csv"]
    with OutputGroup():
        _write_all(tricky, tmp_path)
        assert not (tmp_path / "g.gexf").exists()
    files = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert files == sorted([f"g{ext}" for ext in GRAPH_FORMATS]
                           + [f"csv/{n}" for n in CSV_FILES]
                           + [f"neo4j/{n}" for n in NEO4J_FILES])


# -- the command line ----------------------------------------------------------------------------

def _no_work(model, gazetteer):
    raise AssertionError("the pipeline was loaded: the check came too late")


@pytest.fixture
def runner(nlp, monkeypatch):
    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: Extractor(nlp))
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    return folder


def test_run_writes_every_format_in_one_run(runner, corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    result = runner.invoke(cli.main, [str(corpus), "-o", str(out / "g.gexf"), "--csv",
                                      str(out / "csv"), "--neo4j", str(out / "neo4j")])
    assert result.exit_code == 0, result.stderr
    graph = nx.read_gexf(out / "g.gexf")
    assert graph.number_of_edges() > 0
    _, nodes = _read_csv(out / "csv" / "nodes.csv")
    assert {row["id"] for row in nodes} == set(graph)
    _, rels = _read_neo4j(out / "neo4j" / "relationships.csv")
    assert len(rels) == graph.number_of_edges()
    assert f"csv -> {out / 'csv'}" in result.stderr and f"neo4j -> {out / 'neo4j'}" in result.stderr
    assert not [p for p in out.rglob(".*.tmp")]


@pytest.mark.parametrize("args, message", [
    (["-o", "{tmp}/g.xml"], "unknown graph format '.xml'; the graph formats are .graphml, "
                            ".gexf, .cyjs"),
    (["-o", "{tmp}/g.cyjs", "--csv", "{tmp}/t", "--neo4j", "{tmp}/t"], "different folders"),
    (["--csv", "{tmp}/no/t"], "no such folder"),
    (["--neo4j", "{tmp}/file.txt"], "is a file"),  # click checks it
    (["-o", "{tmp}/t/nodes.csv.graphml", "--records", "{tmp}/t/edges.csv", "--csv", "{tmp}/t"],
     "--csv / --neo4j write that file"),
    (["--carrier", "Vodafon"], "unknown carrier 'Vodafon'; did you mean Vodafone?"),
])
def test_output_and_carrier_errors_come_before_any_work(monkeypatch, tmp_path, args, message):
    monkeypatch.setattr(cli, "_load_extractor", _no_work)
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    (tmp_path / "t").mkdir()
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-o" not in argv:
        argv += ["-o", str(tmp_path / "g.graphml")]
    result = CliRunner().invoke(cli.main, [str(ROOT / "corpus"), "-q", *argv])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.stderr.split())
    assert not list(tmp_path.glob("g.*"))


@pytest.mark.parametrize("name, refused, hint", [
    ("Vodafon", True, "Vodafone"),
    ("Vodafoen", True, "Vodafone"),
    ("Verizn", True, "Verizon"),
    ("Vodafone", False, None),
    ("VODAFONE PLC", False, None),  # case and legal suffixes do not matter
    ("British Telecom", False, None),  # a form of aliases.tsv
    ("AT and T", False, None),
    ("Nokia", False, None),  # no carrier, but any company of the articles may be asked for
    ("Telenet", False, None),  # a cable operator not in the lexicon, not close enough
    ("GE", False, None),
    ("Quest", False, None),
    ("", False, None),
])
def test_carrier_check_refuses_misspelt_carriers_only(name, refused, hint):
    if refused:
        with pytest.raises(click.UsageError) as info:
            cli._check_carrier(name)
        assert f"did you mean {hint}?" in str(info.value)
    else:
        cli._check_carrier(name)


def test_a_name_no_lexicon_knows_is_still_looked_up_in_the_graph(runner, corpus, tmp_path):
    out = tmp_path / "g.graphml"
    result = runner.invoke(cli.main, [str(corpus), "-o", str(out), "--carrier", "Oppo", "-q"])
    assert result.exit_code == 0, result.stderr
    g = nx.read_graphml(out)
    assert "Oppo" in g and all("Oppo" in (a, b) for a, b in g.edges)
    missing = runner.invoke(cli.main, [str(corpus), "-o", str(out), "--carrier", "Nobody Inc"])
    assert missing.exit_code == 2 and "no company 'Nobody Inc' in the graph" in missing.stderr


# -- --kind acts on the kinds an edge shows ----------------------------------------------------

def _edge_graph():
    def record(i, kind):
        return ArticleRecord(f"a{i}", companies=[Company("Sprint", "carrier", []),
                                                 Company("Nokia", "partner", [])],
                             relations=[Relation("Sprint", "Nokia", kind, "agreed", "s.", 0, 2,
                                                 1990 + i)])
    g = build_graph([record(0, "merger"), record(1, "contract")])
    g.add_edge("BT", "Philips", kind="joint_venture", kinds="joint_venture", weight=1)
    return g


@pytest.mark.parametrize("kind, kept", [
    ("contract", {("Nokia", "Sprint")}),  # the kind shown on the edge (latest article)
    ("merger", {("Nokia", "Sprint")}),  # an earlier kind, in the edge's `kinds`
    ("Joint Venture", {("BT", "Philips")}),  # written as users type it
    ("acquisition", set()),
])
def test_kind_filter_keeps_the_edges_that_show_that_kind(kind, kept, capsys):
    graph = _edge_graph()
    assert graph.edges["Nokia", "Sprint"]["kind"] == "contract"
    cli._check_kinds((kind,))
    result = cli._filtered(graph, 1, (kind,), None)
    assert {tuple(sorted(e)) for e in result.edges} == kept
    for a, b, data in result.edges(data=True):
        assert _kind_key(kind) in [_kind_key(k) for k in data["kinds"].split(";")]
    if not kept:
        assert "no deal of kind acquisition" in capsys.readouterr().err
