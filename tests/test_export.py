"""GraphML that networkx, igraph, Gephi and Cytoscape read; JSON Lines; atomic writes."""
from __future__ import annotations

import html
import json
import math
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from extractor.export import JsonlWriter, atomic_write, graphml_safe, write_graphml, write_jsonl
from extractor.graph import build_graph
from extractor.records import ArticleRecord, Company, Figure, Mention, Relation

NS = "{http://graphml.graphdrawing.org/xmlns}"
GRAPHML_TYPES = {"string", "int", "long", "float", "double", "boolean"}


@pytest.fixture
def merged_graph() -> nx.Graph:
    """A graph from the builder, with text that needs care (quotes, <, &, a control char)."""
    records = [
        ArticleRecord("r1", date="1987-03-02T10:00:00", companies=[
            Company("AT&T", "carrier", [Mention("AT&T", 0, 4), Mention("ATT", 10, 13)]),
            Company("Philips", "partner", [Mention("Philips", 20, 27)])],
            relations=[Relation("AT&T", "Philips", "joint_venture", "agreed",
                                'ATT and <Philips> "agreed"\x0b to a venture & more.', 0, 40,
                                1987)]),
        ArticleRecord("bbc-1", companies=[Company("Vodafone", "carrier", [])],
                      relations=[Relation("Vodafone", "Philips", "contract", "proposed",
                                          "Vodafone\x00 may sign.", 0, 20, None)]),
    ]
    return build_graph(records)


def _assert_same(g_in: nx.Graph, g_out: nx.Graph) -> None:
    assert set(g_out) == set(g_in)
    for node, data in g_in.nodes(data=True):
        assert g_out.nodes[node] == data, node
    for a, b, data in g_in.edges(data=True):
        assert g_out.edges[a, b] == data, (a, b)


def test_networkx_round_trip(tmp_path, merged_graph):
    path = tmp_path / "g.graphml"
    write_graphml(merged_graph, path)
    back = nx.read_graphml(path)
    expected = graphml_safe(merged_graph)
    _assert_same(expected, back)
    # the builder's values come back as written (ints stay ints)
    assert back.nodes["AT&T"]["mentions"] == 2 and isinstance(back.nodes["AT&T"]["mentions"], int)
    assert back.edges["AT&T", "Philips"]["weight"] == 1
    assert back.edges["AT&T", "Philips"]["years"] == "1987"
    assert back.edges["AT&T", "Philips"]["evidence"] == \
        'ATT and <Philips> "agreed" to a venture & more.'


def test_igraph_round_trip(tmp_path, merged_graph):
    igraph = pytest.importorskip("igraph")
    path = tmp_path / "g.graphml"
    write_graphml(merged_graph, path)
    g = igraph.Graph.Read_GraphML(str(path))
    expected = graphml_safe(merged_graph)
    assert g.vcount() == expected.number_of_nodes() and g.ecount() == expected.number_of_edges()
    assert set(g.vs.attributes()) >= {"id", "label", "role", "mentions", "articles", "aliases"}
    for v in g.vs:
        # igraph (libxml2) hands back "&" in an XML attribute such as the node id as "&#38;";
        # the label (element text) is exact, so the label is the name to use in igraph.
        assert html.unescape(v["id"]) == v["label"]
        data = expected.nodes[v["label"]]
        for key, value in data.items():
            assert v[key] == value, (key, v[key], value)  # igraph's numbers are floats: 2.0 == 2
    assert "AT&T" in g.vs["label"]
    for e in g.es:
        a, b = g.vs[e.source]["label"], g.vs[e.target]["label"]
        for key, value in expected.edges[a, b].items():
            assert e[key] == value, (key, e[key], value)


def test_well_formed_xml_with_typed_keys(tmp_path, merged_graph):
    path = tmp_path / "g.graphml"
    write_graphml(merged_graph, path)
    raw = path.read_bytes()
    assert raw.startswith(b"<?xml version=")
    root = ET.parse(path).getroot()  # raises on malformed XML
    keys = root.findall(f"{NS}key")
    assert keys
    seen = set()
    for key in keys:
        assert key.get("attr.type") in GRAPHML_TYPES
        assert key.get("for") in {"node", "edge", "graph", "all"}
        ident = (key.get("for"), key.get("attr.name"))
        assert ident not in seen, f"duplicate key {ident}"
        seen.add(ident)
    types = {key.get("attr.name"): key.get("attr.type") for key in keys}
    assert types["weight"] in {"int", "long"}
    assert types["mentions"] in {"int", "long"}
    assert types["evidence"] == "string"
    ids = {key.get("id") for key in keys}
    for data in root.iter(f"{NS}data"):
        assert data.get("key") in ids
    for ch in ("\x00", "\x0b"):
        assert ch.encode() not in raw


def test_no_none_lists_or_numpy_left():
    g = nx.Graph()
    g.add_node("a", items=["x", None, "y"], tags={"b", "a"}, meta={"k": 1}, missing=None,
               nan=float("nan"), big=2 ** 70)
    g.add_node("b", items=[], score=1)
    g.add_edge("a", "b", weight=None, note="ok")
    try:
        import numpy as np

        g.nodes["b"]["np"] = np.int64(7)
        g.nodes["a"]["flag"] = np.bool_(True)
    except ImportError:  # pragma: no cover
        pass
    safe = graphml_safe(g)
    for _, data in safe.nodes(data=True):
        for value in data.values():
            assert type(value) in (str, int, float, bool)
    assert safe.nodes["a"]["items"] == "x;y"
    assert safe.nodes["a"]["tags"] == "a;b"
    assert json.loads(safe.nodes["a"]["meta"]) == {"k": 1}
    assert "missing" not in safe.nodes["a"] and "nan" not in safe.nodes["a"]
    assert safe.nodes["a"]["big"] == float(2 ** 70)
    assert "weight" not in safe.edges["a", "b"]


def test_int_and_float_become_one_type(tmp_path):
    g = nx.Graph()
    g.add_node("a", score=1)
    g.add_node("b", score=2.5)
    g.add_node("c", flag=True)
    g.add_node("d", flag=3)
    g.add_edge("a", "b", weight=2)
    g.add_edge("b", "c", weight=0.5)
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    root = ET.parse(path).getroot()
    names = [k.get("attr.name") for k in root.findall(f"{NS}key")]
    assert len(names) == len(set(names))  # one key per attribute
    back = nx.read_graphml(path)
    assert back.nodes["a"]["score"] == 1.0 and isinstance(back.nodes["a"]["score"], float)
    assert back.nodes["c"]["flag"] == 1 and back.nodes["d"]["flag"] == 3
    assert back.edges["a", "b"]["weight"] == 2.0


def test_missing_attribute_gets_empty_value_of_its_type():
    g = nx.Graph()
    g.add_node("a", note="x", n=2)
    g.add_node("b")
    safe = graphml_safe(g)
    assert safe.nodes["b"] == {"note": "", "n": 0}


def test_control_characters_removed_from_ids_and_names(tmp_path):
    g = nx.Graph()
    g.add_node("Bad\x01Name", **{"la\x02bel": "x\x1fy"})
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    back = nx.read_graphml(path)
    assert list(back.nodes(data=True)) == [("BadName", {"label": "xy"})]


def test_graph_read_back_is_written_again(tmp_path, merged_graph):
    first = tmp_path / "a.graphml"
    write_graphml(merged_graph, first)
    again = tmp_path / "b.graphml"
    write_graphml(nx.read_graphml(first), again)  # node_default/edge_default dicts are dropped
    _assert_same(nx.read_graphml(first), nx.read_graphml(again))


# -- JSON Lines and atomic writes -------------------------------------------------------------

def test_jsonl_round_trip(tmp_path):
    record = ArticleRecord("x", "p.jsonl", "2004-01-01", [Company("BT", "carrier",
                                                                  [Mention("BT", 0, 2)])],
                           figures=[Figure("ten", 5, 8, 10.0, extra={"range_end": 12})])
    path = tmp_path / "r.jsonl"
    write_jsonl([record], path)
    line = json.loads(path.read_text(encoding="utf-8"))
    assert line["figures"][0]["range_end"] == 12
    assert ArticleRecord.from_dict(line) == record


def test_jsonl_writes_nan_as_null_and_survives_surrogates(tmp_path):
    path = tmp_path / "r.jsonl"
    with JsonlWriter(path) as writer:
        writer.write({"id": "a", "value": float("nan"), "text": "bad \udc80 char"})
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["value"] is None
    assert len(data["text"]) == len("bad \udc80 char")
    assert not math.isnan(0.0)


def test_atomic_write_keeps_previous_file_on_error(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_text("previous")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as handle:
            handle.write("half")
            raise RuntimeError("boom")
    assert path.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["g.graphml"]


def test_ids_that_differ_only_in_control_characters_stay_apart(tmp_path):
    g = nx.Graph()
    g.add_edge("A\x01", "A\x02")
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    back = nx.read_graphml(path)
    assert back.number_of_nodes() == 2 and back.number_of_edges() == 1


# --- outputs that change together; disk errors name the file; stale temporary files -----------

import errno  # noqa: E402
import os  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from extractor.export import OutputError, OutputGroup, naming, remove_stale_temps  # noqa: E402


def _olds(tmp_path):
    for name in ("g.graphml", "r.jsonl"):
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")


def test_output_group_renames_all_files_only_at_the_end(tmp_path):
    _olds(tmp_path)
    with OutputGroup():
        write_graphml(nx.path_graph(3), tmp_path / "g.graphml")
        write_jsonl([ArticleRecord("a")], tmp_path / "r.jsonl")
        assert (tmp_path / "g.graphml").read_text(encoding="utf-8") == "old g.graphml"
        assert len([p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]) == 2
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == 3
    assert json.loads((tmp_path / "r.jsonl").read_text(encoding="utf-8"))["id"] == "a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml", "r.jsonl"]


def test_failure_in_one_output_leaves_every_old_file(tmp_path):
    _olds(tmp_path)
    with pytest.raises(RuntimeError):
        with OutputGroup():
            write_graphml(nx.path_graph(3), tmp_path / "g.graphml")  # complete, not renamed
            with JsonlWriter(tmp_path / "r.jsonl") as writer:
                writer.write(ArticleRecord("a"))
                raise RuntimeError("records failed")
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8") == "old g.graphml"
    assert (tmp_path / "r.jsonl").read_text(encoding="utf-8") == "old r.jsonl"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.graphml", "r.jsonl"]


class _FailingHandle:
    """A file handle whose writes fail like a broken disk."""

    def __init__(self, code: int):
        self.code = code

    def write(self, data):
        raise OSError(self.code, os.strerror(self.code))


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO], ids=["ENOSPC", "EIO"])
def test_disk_errors_name_the_output_file(tmp_path, code):
    path = tmp_path / "r.jsonl"
    with pytest.raises(OutputError) as info:
        with JsonlWriter(path) as writer:
            writer._handle = _FailingHandle(code)
            writer.write(ArticleRecord("good-article"))
    message = str(info.value)
    assert message.startswith(f"cannot write {path}: ")
    assert errno.errorcode[code] in message and "good-article" not in message
    assert info.value.errno == code
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_naming_leaves_other_errors_alone():
    with pytest.raises(ValueError):
        with naming("x.graphml"):
            raise ValueError("not a disk error")


def test_stale_temporary_files_of_dead_runs_are_removed(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    names = {
        f".g.graphml.{dead}.abcd_123.tmp": False,  # a killed run's: removed
        ".g.graphml.k2j4h5g6.tmp": False,  # the older pattern (no pid): removed
        f".g.graphml.{os.getpid()}.zzzz9999.tmp": True,  # this process's own: kept
        ".g.graphml.mine.tmp": True,  # not the tool's pattern: kept
        ".other.graphml.k2j4h5g6.tmp": True,  # another file's: kept
        "g.graphml": True,
    }
    for name in names:
        (tmp_path / name).write_text("x")
    removed = remove_stale_temps(tmp_path / "g.graphml", None)
    assert sorted(p.name for p in removed) == sorted(n for n, kept in names.items() if not kept)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(n for n, k in names.items() if k)


def test_a_pipe_is_written_in_place_not_renamed_over(tmp_path):
    import stat
    import threading

    fifo = tmp_path / "pipe.graphml"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_graphml(nx.path_graph(3), fifo)
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)  # still the pipe, not a file renamed over it
    assert nx.parse_graphml(got[0].decode("utf-8")).number_of_nodes() == 3
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.graphml"]  # no temporary file


@pytest.mark.parametrize("path, special", [("/dev/null", True), ("/dev", False),
                                           ("/no/such/file", False), (__file__, False)])
def test_devices_and_pipes_are_special_files(path, special):
    from extractor.cli import _check_writable
    from extractor.export import special_file

    assert special_file(path) is special
    if special:
        _check_writable(Path(path))  # /dev/null is a writable output, whoever runs the tool
