"""The library: extractor.extract over paths and texts, the result's graph and writers."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

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


# --- the text as read, and offsets into it -----------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

NEWS = ["Vodafone Group Plc", "signed a deal with", "Nokia", "China Mobile's", "AT&T",
        "agreed to merge with", "MCI Communications Corp", "in 2013", "last week", "35 million",
        "$6.3bn", "49 pct", "\n\n", ".", ",", "\u00e9", "\u201c", "Inc", "(", ")"]
ARTICLE = st.fixed_dictionaries(
    {"text": st.lists(st.one_of(st.sampled_from(NEWS), st.text(max_size=8)), min_size=1,
                      max_size=40).map(" ".join).filter(str.strip)},
    optional={"title": st.sampled_from(["Deal", "Vodafone and Nokia sign", "", "AT&T\n"]),
              "date": st.sampled_from(["1987-03-02", "2013-06-30"]),
              "id": st.sampled_from(["same", "x"])})


def spans(record: ArticleRecord):
    """Every ``(start, end, text)`` a record claims about its article."""
    for company in record.companies:
        for m in company.mentions:
            yield m.start, m.end, m.text
    for item in (*record.dates, *record.figures):
        yield item.start, item.end, item.text
    for relation in record.relations:
        yield relation.start, relation.end, relation.sentence


@pytest.mark.filterwarnings("ignore::extractor.runner.DuplicateIdWarning")
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(ARTICLE, min_size=1, max_size=4))
def test_every_offset_slices_the_text_the_library_gives(nlp, articles):
    result = extractor.extract(texts=articles, extractor=Extractor(nlp))
    assert len(result.records) + len(result.errors) == len(articles)
    assert len({r.id for r in result.records}) == len(result.records)  # ids made unique
    for record in result.records:
        text = result.text(record)
        assert result.text(record.id) == text
        for start, end, claimed in spans(record):
            assert 0 <= start <= end <= len(text)
            assert text[start:end] == claimed, (record.id, start, end)


def test_text_includes_the_title_paragraph(nlp):
    result = extractor.extract(texts=[{"id": "t", "title": "Vodafone and Nokia",
                                       "text": "Vodafone signed a deal with Nokia."}],
                               extractor=Extractor(nlp))
    text = result.text("t")
    assert text.startswith("Vodafone and Nokia") and text.endswith("with Nokia.")
    mentions = [m for c in result.records[0].companies for m in c.mentions]
    assert any(m.start > len("Vodafone and Nokia") for m in mentions)


# --- duplicate ids ------------------------------------------------------------------------------

def test_duplicate_ids_are_made_unique_and_warned_about_once(nlp, tmp_path):
    import warnings

    from extractor.runner import DuplicateIdWarning

    (tmp_path / "a.jsonl").write_text(
        "".join(json.dumps({"id": "x", "text": f"Vodafone signed a deal with Nokia in {y}."})
                + "\n" for y in (2011, 2012)), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "x", "text": "Vodafone signed a deal with Nokia in 2013."}) + "\n",
        encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = extractor.extract(tmp_path, extractor=Extractor(nlp))
    assert [r.id for r in result.records] == ["x", "x#2", "x#3"]
    dup = [w for w in caught if issubclass(w.category, DuplicateIdWarning)]
    assert len(dup) == 1
    assert "a.jsonl" in str(dup[0].message) and "b.jsonl" in str(dup[0].message)
    assert result.graph.edges["Vodafone", "Nokia"]["weight"] == 3  # articles, not ids
    assert {result.text(r) for r in result.records} == {
        f"Vodafone signed a deal with Nokia in {y}." for y in (2011, 2012, 2013)}


def test_iter_results_reports_duplicates_to_the_callback(nlp):
    seen: list[str] = []
    items = list(extractor.iter_results(texts=[{"id": "d", "text": "BT signed."}] * 3,
                                        extractor=Extractor(nlp), on_duplicate=seen.append))
    assert [r.id for r in items] == ["d", "d#2", "d#3"]
    assert len(seen) == 1 and "'d'" in seen[0]
