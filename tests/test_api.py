"""The library: extractor.extract over paths and texts, the result's graph and writers."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

import extractor
from extractor import ArticleRecord, ReadError
from extractor.runner import Extractor

ROOT = Path(__file__).resolve().parent.parent


def test_extract_over_texts_paths_and_bad_items(nlp, tmp_path):
    (tmp_path / "a.txt").write_text("Vodafone signed a network deal with Nokia in 2013.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    result = extractor.extract(
        tmp_path, texts=["BT and MCI agreed to merge in 1987.",
                         {"id": "given", "title": "Deal", "text": "Sprint bought a stake.",
                          "date": "1987-03-02"},
                         {"title": "no text"}],
        extractor=Extractor(nlp))
    assert [r.id for r in result.records] == ["a.txt", "text-1", "given"]
    assert all(isinstance(r, ArticleRecord) for r in result)
    assert len(result) == 3
    assert result.records[2].date == "1987-03-02"
    assert [type(e) for e in result.errors] == [ReadError, ReadError]
    assert result.errors[0].message == "empty file"
    assert "text-3" in str(result.errors[1])


def test_result_graph_and_writers(nlp, tmp_path):
    result = extractor.extract(ROOT / "corpus", extractor=Extractor(nlp))
    assert isinstance(result.graph, nx.Graph)
    result.write_graphml(tmp_path / "g.graphml")
    result.write_jsonl(tmp_path / "r.jsonl")
    back = nx.read_graphml(tmp_path / "g.graphml")
    assert back.number_of_nodes() == result.graph.number_of_nodes()
    assert back.number_of_edges() == result.graph.number_of_edges()
    lines = (tmp_path / "r.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r.id for r in result.records]
    assert ArticleRecord.from_dict(json.loads(lines[0])) == result.records[0]


def test_iter_results_streams_records_and_errors_in_input_order(nlp, tmp_path):
    (tmp_path / "x.jsonl").write_text('{"id": "1", "text": "AT&T signed."}\n{bad\n'
                                      '{"id": "3", "text": "MCI signed."}\n', encoding="utf-8")
    items = list(extractor.iter_results([tmp_path / "x.jsonl"], extractor=Extractor(nlp)))
    assert [getattr(i, "id", None) or i.line for i in items] == ["1", 2, "3"]


def test_load_returns_the_pipeline_with_our_components(nlp):
    for name in ("extractor_companies", "extractor_dates", "extractor_figures",
                 "extractor_relations"):
        assert name in nlp.pipe_names
    assert nlp.pipe_names.index("extractor_companies") > nlp.pipe_names.index("ner")
