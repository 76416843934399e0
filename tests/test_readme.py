"""The README's examples run: every Python block, and the sample summary of the quick start."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_has_python_examples():
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("number", range(len(BLOCKS)))
def test_python_block_runs_and_prints_what_it_says(number, tmp_path):
    code = BLOCKS[number]
    (tmp_path / "corpus").symlink_to(ROOT / "corpus", target_is_directory=True)
    # a block may end with a comment showing what its last expression gives
    shown = re.findall(r"\n(.+)\n# (\[.*\]|\{.*\}|'.*'|\d+)\s*$", code)
    script = code
    if shown:
        expression, expected = shown[-1]
        script += f"\nassert repr({expression}) == {expected!r}, repr({expression})\n"
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    if shown:
        ast.literal_eval(shown[-1][1])  # the comment is a literal, so it can be compared


def test_quick_start_summary_matches_a_real_run(tmp_path):
    line = re.search(r"extract: \d+ articles read in .*?; (\d+) companies, (\d+) relations; "
                     r"graph (\d+) nodes, (\d+) edges", README)
    assert line, "the README shows the summary line of the quick start"
    done = subprocess.run([sys.executable, "-m", "extractor.cli", str(ROOT / "corpus"),
                           "--records", str(tmp_path / "r.jsonl"),
                           "-o", str(tmp_path / "g.graphml")],
                          capture_output=True, text=True, timeout=600)
    got = re.search(r"(\d+) companies, (\d+) relations; graph (\d+) nodes, (\d+) edges",
                    done.stderr)
    assert got, done.stderr
    assert got.groups() == line.groups()
