"""One run session (extractor.session.RunSession): what it yields, what it writes and closes,
and the module graph it sits in (no import cycle, click only in the command line)."""
from __future__ import annotations

import ast
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import extractor
from extractor.corpus import ReadError
from extractor.errors import ExtractorError, UsageError
from extractor.records import ArticleRecord
from extractor.runner import Extractor
from extractor.session import RunSession

PACKAGE = Path(extractor.__file__).resolve().parent
pytestmark = pytest.mark.filterwarnings("ignore::extractor.runner.DuplicateIdWarning")


# --- the module graph ----------------------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at its top or inside a function (relative ones resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                head = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(head + ([node.module] if node.module else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> tuple[nx.DiGraph, dict[str, set[str]]]:
    """The graph of the package's modules (edges: imports, lazy ones too) and each module's
    imports. ``from . import __version__`` (a name of the package, not a module) is no edge."""
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph, imported = nx.DiGraph(), {}
    for name, path in files.items():
        graph.add_node(name)
        imported[name] = _imports(path)
        for target in imported[name]:
            if target in files and target not in (name, "extractor"):
                graph.add_edge(name, target)
    return graph, imported


def test_no_import_cycle_between_the_modules_of_the_package():
    graph, _ = _graph()
    assert {"extractor.api", "extractor.session", "extractor.distributed"} <= set(graph)
    assert list(nx.simple_cycles(graph)) == []
    assert not graph.has_edge("extractor.distributed", "extractor.api")
    assert not graph.has_edge("extractor.distributed", "extractor.session")


def test_only_the_command_line_imports_click():
    _, imported = _graph()
    users = sorted(name for name, modules in imported.items()
                   if any(m == "click" or m.startswith("click.") for m in modules))
    assert users == ["extractor.cli"]


def test_the_library_imports_alone_without_the_command_line():
    """``import extractor.api`` (and the other library modules) works in a fresh interpreter,
    loads no ``extractor.cli``, and no loaded module of the package holds click (spaCy itself
    imports click for its own command line, so ``sys.modules`` cannot tell)."""
    code = ("import sys, extractor.api, extractor.session, extractor.distributed, "
            "extractor.store, extractor.runner, extractor.errors\n"
            "held = sorted(n for n, m in list(sys.modules.items()) if n.startswith('extractor') "
            "and any(getattr(v, '__name__', '').split('.')[0] == 'click' "
            "for v in vars(m).values()))\n"
            "print(held, 'extractor.cli' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[] False"


# --- the session ---------------------------------------------------------------------------

TEXTS = ["Vodafone signed a network deal with Nokia in 2013.",
         {"id": "d", "text": "BT and MCI agreed to merge in 1987."},
         {"id": "d", "text": "Sprint bought a stake in Clearwire."},
         {"title": "no text"}]


@pytest.fixture(scope="module")
def loaded(nlp):
    return Extractor(nlp)


def test_results_in_input_order_with_unique_ids_and_read_errors(loaded):
    warned: list[str] = []
    with RunSession(texts=TEXTS, extractor=loaded, on_duplicate=warned.append) as session:
        pairs = list(session.pairs())
    ids = [out.id if isinstance(out, ArticleRecord) else type(out).__name__
           for _, out in pairs]
    assert ids == ["text-1", "d", "d#2", "ReadError"]
    assert [item.text for item, out in pairs[:3]] == [
        "Vodafone signed a network deal with Nokia in 2013.",
        "BT and MCI agreed to merge in 1987.", "Sprint bought a stake in Clearwire."]
    assert len(warned) == 1 and "'d#2'" in warned[0]
    assert session.unique.origin == {"d#2": "d"}


def test_records_and_graph_appear_together_when_the_session_ends(loaded, tmp_path):
    records, graph_file = tmp_path / "r.jsonl", tmp_path / "g.graphml"
    with RunSession(texts=TEXTS[:3], extractor=loaded, records=records,
                    graph=True) as session:
        for result in session.start():
            session.add(result)
        session.write(session.graph, graph_file)
        assert not records.exists() and not graph_file.exists()  # not before the end
    lines = records.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["text-1", "d", "d#2"]
    assert nx.read_graphml(graph_file).number_of_nodes() == session.graph.number_of_nodes() > 0


def test_an_exception_in_the_session_leaves_every_previous_file(loaded, tmp_path):
    records, graph_file = tmp_path / "r.jsonl", tmp_path / "g.graphml"
    records.write_text("old records\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="stop here"):
        with RunSession(texts=TEXTS[:3], extractor=loaded, records=records,
                        graph=True) as session:
            for result in session.start():
                session.add(result)
            session.write(session.graph, graph_file)
            raise RuntimeError("stop here")
    assert records.read_text(encoding="utf-8") == "old records\n"
    assert not graph_file.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl"]  # no temporary file left


def test_leaving_the_session_closes_the_stream_and_the_store_it_opened(loaded, tmp_path):
    db = tmp_path / "s.db"
    with RunSession(texts=TEXTS[:3], extractor=loaded, store=db) as session:
        stream = session.start()
        first = next(stream)
        assert isinstance(first, ArticleRecord)
    assert list(stream) == []  # closed: the rest is never extracted
    with pytest.raises(sqlite3.ProgrammingError):
        session.store._db.execute("SELECT 1")
    assert (session.store.stats.extracted, session.store.stats.from_store) == (1, 0)


@pytest.mark.parametrize("kwargs, message", [
    (dict(store="x.db", dask="local"), "a store cannot be used with Dask"),
    (dict(store="x.db"), None),  # nothing is opened before 'with'
    (dict(dask="local", jobs=2), None),
])
def test_options_that_do_not_go_together_are_the_librarys_usage_errors(kwargs, message,
                                                                       tmp_path):
    if message is None:
        RunSession(["corpus"], **kwargs)
        assert not (tmp_path / "x.db").exists()
        return
    with pytest.raises(UsageError, match=message) as info:
        RunSession(["corpus"], **kwargs)
    assert isinstance(info.value, ValueError) and isinstance(info.value, ExtractorError)


def test_a_session_runs_once_and_only_inside_with(loaded):
    session = RunSession(texts=TEXTS[:1], extractor=loaded)
    with pytest.raises(RuntimeError, match="inside 'with"):
        session.start()
    with session:
        assert [type(r) for r in session.start()] == [ArticleRecord]
        with pytest.raises(RuntimeError, match="runs once"):
            session.start()


def test_no_graph_asked_for_no_graph_built(loaded):
    with RunSession(texts=TEXTS[:1], extractor=loaded) as session:
        for result in session.start():
            session.add(result)  # no graph, no records file: nothing to do
        with pytest.raises(RuntimeError, match="graph=True"):
            session.graph


def test_read_errors_of_paths_come_through_the_session(loaded, tmp_path):
    (tmp_path / "empty").mkdir()
    with RunSession([tmp_path / "empty", tmp_path / "missing.txt"], extractor=loaded) as s:
        messages = [r.message for r in s.start() if isinstance(r, ReadError)]
    assert messages[0].startswith("no articles found in folder")
    assert messages[1] == "no such file or folder"
