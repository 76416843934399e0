"""Issue 9: the installed ``extract`` over a messy folder loses nothing and never crashes.

Every bad input gets exactly one line on stderr that names the file (and the line for JSON
Lines), never a traceback; every good article is still extracted; exit 1 when anything failed,
2 for usage errors; Ctrl-C leaves earlier outputs untouched and no temporary file behind.

The file "larger than spaCy's max_length" is tested with ``EXTRACTOR_MAX_LENGTH=20000`` (the
pipeline's ``max_length`` for that run) and a 60,000-character file: the same code path as a
1,000,000-character file under spaCy's default limit, at a cost CI can afford.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

WESTERN = ("Société Générale said on Monday that the café chain in Zürich was sold to Nestlé "
           "for 3 million francs in 2013.")
CP1252 = ("Crédit Agricole’s “bid” of €3 million for the café chain was too low – analysts "
          "said in 2014.")
PARAGRAPH = "Vodafone Group Plc signed a network agreement with Nokia in 2013."
BIG_PARAGRAPHS = 900  # about 60,000 characters
MAX_LENGTH = 20000

HTML = """<!DOCTYPE html><html><head><title>Orange signs deal with Nokia</title>
<script>var sponsor = "Ericsson AB signed a deal with Huawei Technologies in 1999";</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/t">Telefonica Holdings news</a></li>
<li><a href="/s">Samsung Electronics deals</a></li></ul></nav>
<article><h1>Orange signs deal with Nokia</h1>
<p>Orange, the French telephone company, signed a five-year network agreement with Nokia on
Monday, the two companies said in a statement published in Paris.</p>
<p>The contract covers radio equipment for the operator's networks in France and Spain and is
worth about 1 billion euros, according to people familiar with the matter.</p></article>
<section id="comments"><h3>Leave a Reply</h3>
<form><p>Please enter your comment!</p><textarea></textarea>
<p>Please enter your name here</p><input name="author"></form>
<div class="comment">Motorola Inc will buy Siemens AG next year, mark my words.</div></section>
<footer>Copyright 2024 Example News, a unit of Alcatel Lucent SA</footer></body></html>"""

FURNITURE_NAMES = ("Ericsson", "Huawei", "Telefonica", "Samsung", "Motorola", "Siemens",
                   "Alcatel", "Example News")


def jsonl(*rows) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


@pytest.fixture(scope="module")
def messy(tmp_path_factory) -> Path:
    """A folder holding every kind of input a real folder holds."""
    root = tmp_path_factory.mktemp("messy")
    enc = root / "encodings"
    enc.mkdir()
    (enc / "latin1.txt").write_bytes(WESTERN.encode("latin-1"))
    (enc / "cp1252.txt").write_bytes(CP1252.encode("cp1252"))
    (enc / "utf16-bom.txt").write_bytes(CP1252.encode("utf-16"))
    (enc / "utf16le-nobom.txt").write_bytes(CP1252.encode("utf-16-le"))
    (enc / "utf16be-nobom.txt").write_bytes(WESTERN.encode("utf-16-be"))
    (enc / "control.txt").write_bytes(
        b"MCI\x00 Communications\x07 Corp signed\x1b a contract with\x0b IBM in 1987.\r\n\r\n"
        + b"The contract runs for five years and covers long-distance services. " * 3 + b"\x7f")

    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    rows = [json.dumps({"id": f"gz-{i}", "text": f"Sprint signed deal number {i} with Nokia in "
                        f"1987. " * 4}) for i in range(400)]
    data = gzip.compress(jsonl(*rows).encode("utf-8"))
    (root / "truncated.jsonl.gz").write_bytes(data[: len(data) // 2])
    (root / "lines.jsonl").write_text(jsonl(
        {"id": "line-1", "text": "BT signed a pact with MCI in 1987."},
        '{"id": "line-2", "text": "unterminated',
        {"id": "line-3", "text": ["not", "a", "string"]},
        {"id": "line-4", "title": "A line with no text"},
        {"id": "line-5", "text": "Cable and Wireless signed a contract with AT&T in 1987."},
    ), encoding="utf-8")
    (root / "big.txt").write_text("\n\n".join([PARAGRAPH] * BIG_PARAGRAPHS), encoding="utf-8")
    loops = root / "loops"
    loops.mkdir()
    (loops / "self").symlink_to(loops, target_is_directory=True)
    (loops / "ping.txt").symlink_to(loops / "pong.txt")
    (loops / "pong.txt").symlink_to(loops / "ping.txt")
    (root / "unreadable.txt").write_text("Verizon signed a deal with Apple in 2010.",
                                         encoding="utf-8")
    (root / "unreadable.txt").chmod(0)
    os.mkfifo(root / "pipe.txt")  # reading it would block forever
    (root / "page.html").write_text(HTML, encoding="utf-8")
    (root / "good.txt").write_text("AT&T signed a supply agreement with Lucent in 1996.",
                                   encoding="utf-8")
    yield root
    (root / "unreadable.txt").chmod(0o644)


def simulate_unreadable_for_root(tmp_path: Path) -> dict:
    """Root reads any file whatever its mode; make ``unreadable.txt`` fail as it would for a user.

    A ``sitecustomize`` module on PYTHONPATH patches ``Path.read_bytes`` in the subprocess to
    raise the PermissionError a non-root user gets. Everything else runs as installed.
    """
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return {}
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import errno, os, pathlib\n"
        "_real = pathlib.Path.read_bytes\n"
        "def _read_bytes(self):\n"
        "    if self.name == 'unreadable.txt':\n"
        "        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))\n"
        "    return _real(self)\n"
        "pathlib.Path.read_bytes = _read_bytes\n", encoding="utf-8")
    return {"PYTHONPATH": str(hook)}


@pytest.fixture(scope="module")
def messy_run(messy, run_with_outputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    env = {**os.environ, "EXTRACTOR_MAX_LENGTH": str(MAX_LENGTH),
           **simulate_unreadable_for_root(out)}
    done, records, errors = run_with_outputs(messy, out, env=env)
    return done, records, errors, out


def error_lines(errors: list[str], name: str) -> list[str]:
    return [line for line in errors if f"{name}:" in line or f"{name} " in line]


def test_exit_1_and_no_traceback(messy_run):
    done, records, errors, out = messy_run
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert (out / "g.graphml").exists() and records


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"),
    ("binary.txt", "binary file"),
    ("truncated.jsonl.gz", "truncated or corrupt gzip"),
    ("self", "symlink loop"),
    ("ping.txt", "symlink loop"),
    ("pong.txt", "symlink loop"),
    ("unreadable.txt", "cannot read: Permission denied"),
    ("pipe.txt", "not a regular file"),
])
def test_each_bad_file_gets_one_line_naming_it(messy_run, name, reason):
    _, _, errors, _ = messy_run
    lines = error_lines(errors, name)
    assert len(lines) == 1, errors
    assert reason in lines[0]


@pytest.mark.parametrize("line, reason", [
    (2, "not valid JSON"), (3, "'text' is list, not a string"), (4, "no 'text' field")])
def test_each_bad_jsonl_line_gets_one_line_naming_file_and_line(messy_run, line, reason):
    _, _, errors, _ = messy_run
    lines = [e for e in errors if f"lines.jsonl:{line}:" in e]
    assert len(lines) == 1 and reason in lines[0], errors


def test_nothing_else_failed(messy_run):
    _, _, errors, _ = messy_run
    assert len(errors) == 11, "\n".join(errors)


def test_every_good_article_is_extracted(messy_run):
    _, records, _, _ = messy_run
    expected = {"encodings/latin1.txt", "encodings/cp1252.txt", "encodings/utf16-bom.txt",
                "encodings/utf16le-nobom.txt", "encodings/utf16be-nobom.txt",
                "encodings/control.txt", "line-1", "line-5",
                "big.txt", "page.html", "good.txt"}
    assert expected <= set(records), sorted(records)
    gz = sorted(int(i.split("-")[1]) for i in records if i.startswith("gz-"))
    assert gz and gz == list(range(len(gz)))  # every line before the cut, in order


def test_encodings_are_decoded_not_mangled(messy_run):
    _, records, _, _ = messy_run
    for rid, year in (("encodings/latin1.txt", "2013"), ("encodings/cp1252.txt", "2014"),
                      ("encodings/utf16-bom.txt", "2014"), ("encodings/utf16le-nobom.txt", "2014"),
                      ("encodings/utf16be-nobom.txt", "2013")):
        texts = [d["text"] for d in records[rid]["dates"]]
        assert any(year in t for t in texts), (rid, texts)
    control = records["encodings/control.txt"]
    assert any("1987" in d["text"] for d in control["dates"])


def test_big_file_is_processed_in_parts_and_nothing_is_lost(messy_run, messy):
    _, records, _, _ = messy_run
    text = (messy / "big.txt").read_text(encoding="utf-8")
    assert len(text) > 2 * MAX_LENGTH
    big = records["big.txt"]
    years = [d for d in big["dates"] if d["text"].endswith("2013")]
    assert len(years) == BIG_PARAGRAPHS
    for d in big["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    for company in big["companies"]:
        for m in company["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    assert max(d["start"] for d in years) > len(text) - len(PARAGRAPH) - 1


def test_html_only_the_article_text_counts(messy_run, messy):
    _, records, _, _ = messy_run
    page = records["page.html"]
    found = [m["text"] for c in page["companies"] for m in c["mentions"]]
    found += [r["sentence"] for r in page["relations"]]
    found += [f["text"] for f in page["figures"]]
    for name in FURNITURE_NAMES:
        assert not any(name in text for text in found), (name, found)
    assert "Please enter" not in json.dumps(page)
    # what the reader kept of the page: the article, and nothing of the furniture
    from extractor.corpus import read_file

    [article] = list(read_file(messy / "page.html"))
    assert "five-year network agreement with Nokia" in article.text
    assert "1 billion euros" in article.text
    for name in FURNITURE_NAMES + ("Please enter", "Leave a Reply", "Home"):
        assert name not in article.text, name


def test_path_that_does_not_exist_is_a_usage_error(run_extract, tmp_path):
    done = run_extract(tmp_path / "no-such-folder", "-o", tmp_path / "g.graphml")
    assert done.returncode == 2
    assert "no-such-folder" in done.stderr and "does not exist" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "g.graphml").exists()


def test_folder_with_no_articles(run_extract, tmp_path):
    (tmp_path / "nothing").mkdir()
    (tmp_path / "nothing" / ".DS_Store").write_bytes(b"\x00\x01")
    done = run_extract(tmp_path / "nothing", "-o", tmp_path / "g.graphml")
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if "error:" in line]
    assert len(lines) == 1 and "nothing: no articles found" in lines[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "g.graphml").exists()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_ctrl_c_leaves_previous_outputs_and_no_temporary_file(extract_cmd, tmp_path, signum):
    rows = [{"id": f"a{i}", "text": f"Vodafone signed deal {i} with Nokia in 2013. " * 6}
            for i in range(5000)]
    (tmp_path / "many.jsonl").write_text(jsonl(*rows), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "g.graphml").write_text("previous graph", encoding="utf-8")
    (out / "r.jsonl").write_text("previous records\n", encoding="utf-8")
    proc = subprocess.Popen([extract_cmd, str(tmp_path / "many.jsonl"), "-o",
                             str(out / "g.graphml"), "--records", str(out / "r.jsonl")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        # wait until articles are being processed (a temporary records file exists)
        deadline = time.monotonic() + 300
        while not any(p.name.endswith(".tmp") for p in out.iterdir()):
            assert proc.poll() is None, proc.stderr.read().decode()
            assert time.monotonic() < deadline, "extract never started writing"
            time.sleep(0.2)
        time.sleep(1.0)
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = stderr.decode("utf-8", "replace")
    assert proc.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert (out / "g.graphml").read_text(encoding="utf-8") == "previous graph"
    assert (out / "r.jsonl").read_text(encoding="utf-8") == "previous records\n"
    assert sorted(p.name for p in out.iterdir()) == ["g.graphml", "r.jsonl"]
