"""Dask: partitions, the equivalence of ``--dask`` with a plain run, failures, worker deaths.

One LocalCluster (2 single-threaded worker processes) serves the module; the equivalence test
runs the CLI with ``--dask local`` exactly as a user would.
"""
from __future__ import annotations

import dataclasses
import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import distributed as dx
from extractor.cli import main
from extractor.corpus import ReadError, read_jsonl_range, read_paths

ROOT = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Vodafone Group Plc said on Tuesday it signed a supply agreement with Nokia Oyj.",
    "China Mobile has teamed with Lenovo and ZTE to sell 4G phones.",
    "MCI Communications Corp agreed to buy a 20 pct stake in Infonet Services Corp.",
    "The weather in Paris was mild last week.",
    "BT and Cable and Wireless plan a joint venture in Hong Kong, the companies said.",
]


def _as_data(item):
    return (type(item).__name__, item.to_dict() if hasattr(item, "to_dict")
            else dataclasses.asdict(item))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[Path]:
    """A folder (the repo's sample articles + a binary .txt) and JSON Lines files: good lines,
    bad lines, blank lines, and a truncated .jsonl.gz."""
    base = tmp_path_factory.mktemp("dask_inputs")
    folder = base / "folder"
    folder.mkdir()
    for sample in sorted((ROOT / "corpus").iterdir()):
        (folder / sample.name).write_bytes(sample.read_bytes())
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    seed = (ROOT / "corpus" / "china-mobile-channel-partners.txt").read_text(encoding="utf-8")
    paragraphs = [p for p in seed.split("\n\n") if p.strip()]
    lines = [json.dumps({"id": f"s{i}", "text": text, "date": "2014-01-0%d" % (1 + i % 9)})
             for i, text in enumerate(SENTENCES + paragraphs)]
    lines[3:3] = ["", "{not json", json.dumps({"title": "no text"}), json.dumps({"text": 7})]
    lines.append(json.dumps({"text": "Sprint Corp said it would buy Clearwire."}))  # id from line
    jsonl = base / "news.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    packed = gzip.compress(("\n".join(lines * 3) + "\n").encode("utf-8"))
    truncated = base / "cut.jsonl.gz"
    truncated.write_bytes(packed[: len(packed) * 2 // 3])
    return [folder, jsonl, truncated]


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    cluster = dx.local_cluster(2)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


# --- partitions (no cluster) -----------------------------------------------------------------

def test_partitions_cut_jsonl_into_line_ranges_and_read_back_as_a_plain_run(inputs):
    parts = list(dx.partitions(inputs, size=4))
    assert all(part.size <= 4 for part in parts[:-1])
    ranges = [s for part in parts for s in part.sources if s.kind == "lines"]
    assert len({s.shown for s in ranges}) == 2  # both JSON Lines files were cut
    assert all(not s.items for part in parts for s in part.sources if s.kind != "items")
    plain = [_as_data(item) for item in read_paths(inputs)]
    assert [_as_data(item) for part in parts for item in dx.read_partition(part)] == plain
    assert any(kind == "ReadError" and "truncated" in data["message"] for kind, data in plain)


def test_one_partition_for_a_small_input(inputs):
    parts = list(dx.partitions(inputs[1:2], size=1000))
    assert len(parts) == 1 and parts[0].sources[0].kind == "file"


def test_read_jsonl_range_with_and_without_byte_offset(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps({"text": f"Article {i}."}) + "\n" for i in range(1, 8)))
    offset = sum(map(len, path.read_bytes().splitlines(keepends=True)[:2]))  # line 3 starts here
    by_skip = list(read_jsonl_range(path, "a", 3, 6))
    by_seek = list(read_jsonl_range(path, "a", 3, 6, offset=offset))
    assert [a.text for a in by_skip] == ["Article 3.", "Article 4.", "Article 5."]
    assert [(a.id, a.text) for a in by_seek] == [(a.id, a.text) for a in by_skip]
    assert by_skip[0].id == "a:3"


def test_texts_and_article_objects_travel_inline():
    parts = list(dx.partitions([ReadError("x", "gone")], texts=["One.", "Two.", "Three."], size=2))
    kinds = [[s.kind for s in part.sources] for part in parts]
    assert kinds == [["items"], ["items"]]
    assert [len(s.items) for part in parts for s in part.sources] == [3, 1]


@pytest.mark.parametrize("layout", ["a file", "nested folders", "an empty folder",
                                    "a missing path", "a broken link", "a folder of links"])
def test_partitions_walk_the_paths_as_a_plain_run_reads_them(tmp_path, layout):
    """The reader's walker (corpus.walk_paths) finds the files and the read errors."""
    root = tmp_path / "in"
    if layout == "a file":
        root.write_text("Vodafone signed a deal with Nokia.", encoding="utf-8")
    elif layout in ("nested folders", "a folder of links"):
        (root / "b" / "c").mkdir(parents=True)
        (root / "a.txt").write_text("BT signed.", encoding="utf-8")
        (root / "b" / "c" / "d.md").write_text("# MCI\n\nMCI signed.", encoding="utf-8")
        (root / "b" / ".hidden.txt").write_text("skipped", encoding="utf-8")
        if layout == "a folder of links":
            (root / "b" / "loop").symlink_to(root)
            (root / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    elif layout == "an empty folder":
        root.mkdir()
    elif layout == "a broken link":
        root.symlink_to(tmp_path / "nowhere.txt")
    plain = [_as_data(item) for item in read_paths([root])]
    parts = list(dx.partitions([root], size=2))
    assert [_as_data(item) for part in parts for item in dx.read_partition(part)] == plain
    assert plain  # every layout gives an article or a read error


# --- Dask optional -----------------------------------------------------------------------------

def test_plain_import_does_not_import_dask():
    code = ("import sys, extractor, extractor.cli, extractor.api, extractor.distributed; "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_missing_dask_gives_the_pip_command(monkeypatch, inputs):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(ImportError, match=r"pip install 'extractor\[dask\]'"):
        list(dx.run_dask(inputs, address="local"))
    result = CliRunner().invoke(main, [str(inputs[1]), "--dask", "local", "-q",
                                       "-o", "/dev/null"])
    assert result.exit_code == 2
    assert "pip install '.[dask]'" in result.output
    assert "Traceback" not in result.output


def test_a_bad_scheduler_address_is_a_usage_error(inputs, tmp_path):
    pytest.importorskip("distributed")
    result = CliRunner().invoke(main, [str(inputs[1]), "--dask", "no-such-scheduler", "-q",
                                       "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler" in result.output and "tcp://HOST:PORT" in result.output
    assert not (tmp_path / "g.graphml").exists()


# --- on the cluster ----------------------------------------------------------------------------

def test_dask_local_writes_the_same_records_and_graph_as_a_plain_run(inputs, tmp_path,
                                                                     monkeypatch, client):
    monkeypatch.setattr(dx, "PARTITION_SIZE", 3)  # many partitions, so order is put to the test
    runner = CliRunner()
    outputs = {}
    for name, extra in (("plain", []), ("dask", ["--dask", "local"]),
                        ("scheduler", ["--dask", client.scheduler.address])):
        records, graph = tmp_path / f"{name}.jsonl", tmp_path / f"{name}.graphml"
        result = runner.invoke(main, [*map(str, inputs), "--records", str(records),
                                      "-o", str(graph), "-q", *extra])
        errors = [line for line in result.output.splitlines() if "error:" in line]
        outputs[name] = (result.exit_code, errors, records.read_text(), graph.read_text())
    exit_code, errors, records, graph = outputs["plain"]
    assert exit_code == 1
    for reason in ("broken.txt: binary", "news.jsonl:5: not valid JSON", "news.jsonl:6: no 'text'",
                   "truncated or corrupt gzip"):
        assert any(reason in line for line in errors), reason
    assert len(records.splitlines()) > 15 and "<edge " in graph
    assert outputs["dask"][1] == outputs["plain"][1]
    assert outputs["dask"] == outputs["plain"]
    assert outputs["scheduler"] == outputs["plain"]


def test_each_worker_loads_the_pipeline_once(client, inputs):
    for _ in range(2):
        results = list(dx.run_dask(inputs, address=client, partition_size=2))
        assert sum(not isinstance(r, ReadError) for r in results) > 15
    loads = client.run(dx.pipeline_loads)  # {worker address: pipelines loaded}
    assert len(loads) == 2 and set(loads.values()) == {1}


def test_library_texts_on_the_cluster_match_a_plain_run(client):
    import extractor

    plain = extractor.extract(texts=SENTENCES)
    on_dask = extractor.extract(texts=SENTENCES, dask=client)
    assert [r.to_dict() for r in on_dask.records] == [r.to_dict() for r in plain.records]
    assert sorted(on_dask.graph.edges) == sorted(plain.graph.edges)


def test_a_partition_lost_for_good_is_reported_and_the_run_goes_on(client, inputs):
    def fail_second(partition, model, gazetteer):
        if partition.index == 1:
            raise RuntimeError("disk on fire")
        from extractor.distributed import process_partition

        return process_partition(partition, model, gazetteer)

    plain = [_as_data(r) for r in dx.run_dask(inputs, address=client, partition_size=3)]
    results = list(dx.run_dask(inputs, address=client, partition_size=3, retries=0,
                               task=fail_second))
    lost = [r for r in results if isinstance(r, ReadError) and "disk on fire" in r.message]
    assert lost and all("not processed on the Dask cluster" in r.message for r in lost)
    kept = [_as_data(r) for r in results if not (isinstance(r, ReadError) and r in lost)]
    assert len(kept) < len(plain) and all(item in plain for item in kept)
    assert kept[-1] == plain[-1]  # partitions after the lost one were processed


def test_a_worker_that_dies_has_its_partition_retried(client, inputs, tmp_path):
    marker = tmp_path / "killed-once"

    def die_once(partition, model, gazetteer):
        import os

        if partition.index == 2 and not marker.exists():
            marker.write_text(str(os.getpid()))
            os._exit(1)  # the worker process dies; its nanny starts a new one
        from extractor.distributed import process_partition

        return process_partition(partition, model, gazetteer)

    plain = [_as_data(r) for r in dx.run_dask(inputs, address=client, partition_size=3)]
    results = [_as_data(r) for r in dx.run_dask(inputs, address=client, partition_size=3,
                                                task=die_once)]
    assert marker.exists()  # a worker did die
    assert results == plain
