"""End-to-end tests run the installed ``extract`` console script in a subprocess."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def installed_extract() -> str:
    """The ``extract`` script of the environment running the tests (else the one on PATH)."""
    beside = Path(sys.executable).parent / ("extract.exe" if os.name == "nt" else "extract")
    if beside.exists():
        return str(beside)
    found = shutil.which("extract")
    if found is None:
        pytest.fail("the extract console script is not installed (pip install '.[test]')")
    return found


@pytest.fixture(scope="session")
def extract_cmd() -> str:
    return installed_extract()


@pytest.fixture
def run_extract(extract_cmd):
    """Run ``extract ARGS...`` and return the CompletedProcess (text mode, output captured)."""

    def run(*args, cwd=None, env=None, timeout=600):
        full_env = {**os.environ, **(env or {})}
        return subprocess.run([extract_cmd, *map(str, args)], cwd=cwd, env=full_env,
                              capture_output=True, text=True, timeout=timeout)

    return run


@pytest.fixture(scope="session")
def run_with_outputs(extract_cmd):
    """Run ``extract INPUT -o OUT/g.graphml --records OUT/r.jsonl``; return the
    CompletedProcess, the records by id and the ``extract: error:`` lines of stderr."""

    def run(source, out: Path, env=None, timeout=900):
        done = subprocess.run([extract_cmd, str(source), "-o", str(out / "g.graphml"),
                               "--records", str(out / "r.jsonl")], capture_output=True,
                              text=True, env=env, timeout=timeout)
        records = {}
        if (out / "r.jsonl").exists():
            for line in (out / "r.jsonl").read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                records[record["id"]] = record
        errors = [line for line in done.stderr.splitlines()
                  if line.startswith("extract: error:")]
        return done, records, errors

    return run
