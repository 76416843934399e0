"""The reader against faults and hostile input, through the installed ``extract`` and at real sizes.

Lone surrogates and bad bytes become U+FFFD (no article lost), a JSON line over the 64 MiB limit
is one error naming the line and the limit and is never parsed, 1,200 nested folders are walked,
a symlink loop is one error for its folder, and a file name that is not UTF-8 is shown escaped.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from extractor.corpus import MAX_FILE_BYTES, Article, ReadError, read_file

PARAGRAPH = "Vodafone Group Plc signed a network agreement with Nokia in 2013."
DEPTH = 1200


def jsonl(*rows: dict) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def huge_record(size: int, id: str, sentence: str = PARAGRAPH) -> bytes:
    """One JSON line of exactly ``size`` bytes (newline included) in UTF-8, ``sentence`` repeated.
    """
    empty = len(json.dumps({"id": id, "text": ""}, ensure_ascii=False).encode()) + 1
    unit = sentence + " "
    count, rest = divmod(size - empty, len(unit.encode()))
    text = unit * count + "x" * rest
    return json.dumps({"id": id, "text": text}, ensure_ascii=False).encode() + b"\n"


def write_bytes_name(folder: Path, name: bytes, data: bytes) -> None:
    """Create ``folder/name`` from a bytes name; skip where the file system refuses it."""
    try:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(data)
    except OSError as exc:
        pytest.skip(f"file system refuses non-UTF-8 names: {exc}")


@pytest.fixture(scope="module")
def faults(tmp_path_factory, remove_tree) -> Path:
    """A folder of every reader fault this issue is about, and one good article per fault.

    Removed after the module: pytest's own clean-up of old temporary folders recurses, and
    1,200 nested folders would make it fail.
    """
    root = tmp_path_factory.mktemp("faults")
    (root / "surrogates.jsonl").write_text(jsonl(
        {"id": "surrogate-1", "text": f"{PARAGRAPH[:-1]} \ud800."},
        {"id": "surrogate-2", "title": "Nokia deal \udc00", "text": PARAGRAPH},
    ), encoding="ascii")  # json.dumps writes the lone surrogates as legal \ud800 escapes
    (root / "wtf8.txt").write_bytes(PARAGRAPH.encode()[:-1] + b" \xed\xa0\x80.")
    (root / "french-bad-byte.txt").write_bytes(
        "Société Générale signed a supply agreement with Nokia in 2014. ".encode() + b"\xff")
    write_bytes_name(root, b"caf\xe9.txt", PARAGRAPH.encode())
    write_bytes_name(root, b"empty-\xff.txt", b"")
    folder = root
    for _ in range(DEPTH):  # one by one: os.makedirs itself recurses
        folder = folder / "d"
        folder.mkdir()
    (folder / "deep.txt").write_text(PARAGRAPH, encoding="utf-8")
    (root / "loops").mkdir()
    (root / "loops" / "self").symlink_to(root / "loops", target_is_directory=True)
    with open(root / "huge.jsonl", "wb") as handle:
        handle.write(huge_record(MAX_FILE_BYTES + 6 * 2**20, "huge-1"))
        handle.write(jsonl({"id": "huge-2", "text": PARAGRAPH}).encode())
    yield root
    remove_tree(root)


@pytest.fixture(scope="module")
def faults_run(faults, run_with_outputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("faults_out")
    started = time.perf_counter()
    done, records, errors = run_with_outputs(faults, out)
    elapsed = time.perf_counter() - started
    return done, records, errors, out, elapsed


def test_exit_1_no_traceback_and_outputs_written(faults_run):
    done, records, _, out, _ = faults_run
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    import networkx as nx

    assert nx.read_graphml(out / "g.graphml").number_of_nodes() > 0
    assert records


def test_no_article_is_lost(faults_run):
    _, records, _, _, _ = faults_run
    expected = {"surrogate-1", "surrogate-2", "wtf8.txt", "french-bad-byte.txt", "caf\\xe9.txt",
                "d/" * DEPTH + "deep.txt", "huge-2"}
    assert expected <= set(records), sorted(records)
    for rid in expected - {"french-bad-byte.txt"}:
        assert any(d["text"].endswith("2013") for d in records[rid]["dates"]), rid


@pytest.mark.parametrize("where, reason", [
    ("empty-\\xff.txt: ", "empty file"),  # the undecodable byte shown escaped
    ("loops/self: ", "symlink loop"),
    ("huge.jsonl:1: ", "line too large for one article (70 MiB; at most 64 MiB)"),
])
def test_each_fault_gets_one_line_naming_file_and_line(faults_run, where, reason):
    _, _, errors, _, _ = faults_run
    lines = [e for e in errors if where in e]
    assert len(lines) == 1 and reason in lines[0], errors


def test_nothing_else_failed(faults_run):
    _, _, errors, _, _ = faults_run
    assert len(errors) == 3, "\n".join(errors)


def test_over_long_line_costs_no_parsing(faults_run):
    """The 70 MiB line is skipped, not parsed nor run through the pipeline: the whole run stays
    far below what 70 MiB of text through spaCy would take (many minutes)."""
    _, _, _, _, elapsed = faults_run
    assert elapsed < 300


# --- in process, at real sizes -----------------------------------------------------------------

FRENCH = "Société Générale signed a supply agreement with Nokia in 2014."


@pytest.mark.parametrize("encoding, bad, replaced", [
    ("utf-8", b"\xff", 1),  # UTF-8 with a bad byte at the end: U+FFFD
    ("latin-1", b"", 0),  # must not fire: a legacy encoding is read as it is, nothing replaced
])
def test_50_mb_line_not_in_clean_utf8_is_read_in_seconds(tmp_path, encoding, bad, replaced):
    path = tmp_path / "fifty.jsonl"
    line = huge_record(50 * 10**6, "fifty", FRENCH)
    expected = json.loads(line)["text"].rstrip() + "\ufffd" * replaced
    line = line.decode().encode(encoding)
    path.write_bytes(line[:-3] + bad + line[-3:])  # just before the closing '"}'
    started = time.perf_counter()
    [article] = list(read_file(path))
    elapsed = time.perf_counter() - started
    assert isinstance(article, Article) and article.id == "fifty"
    assert article.text == expected
    assert article.replaced == replaced
    assert elapsed < 30


def test_70_mib_line_is_refused_in_seconds_and_the_next_line_read(tmp_path):
    path = tmp_path / "seventy.jsonl"
    with open(path, "wb") as handle:
        handle.write(huge_record(70 * 2**20, "seventy"))
        handle.write(jsonl({"id": "next", "text": PARAGRAPH}).encode())
    started = time.perf_counter()
    error, article = list(read_file(path))
    assert time.perf_counter() - started < 10
    assert isinstance(error, ReadError) and error.line == 1
    assert str(error).startswith(f"{path}:1: line too large for one article (70 MiB; at most "
                                 "64 MiB)")
    assert isinstance(article, Article) and article.id == "next"
