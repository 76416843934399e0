"""Faults around the installed ``extract``: a killed parent, signals, a full disk, shared ids.

Every test is bounded in time (subprocess timeouts) and cleans up what it starts: processes are
killed, a mounted tmpfs is unmounted.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="process and mount faults are Linux's")

try:
    import psutil
except ImportError:  # pragma: no cover - psutil is optional
    psutil = None


# --- helpers -------------------------------------------------------------------------------------

def jsonl(rows) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def write_many(path: Path, n: int) -> Path:
    """A corpus long enough that a run is still going after several seconds."""
    rows = [{"id": f"a{i}", "text": f"Vodafone signed deal {i} with Nokia in 2013. " * 6}
            for i in range(n)]
    path.write_text(jsonl(rows), encoding="utf-8")
    return path


def children(pid: int) -> list[int]:
    """The child processes of ``pid`` (psutil where installed, else /proc)."""
    if psutil is not None:
        with contextlib.suppress(psutil.Error):
            return [child.pid for child in psutil.Process(pid).children()]
        return []
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's zombie may wait to be reaped in a container)."""
    if psutil is not None:
        try:
            return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        except psutil.Error:
            return False
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    """The ``pids`` still running after up to ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(running(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if running(p)]


def kill_all(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@contextlib.contextmanager
def started(cmd: list[str], **kwargs):
    """``Popen(cmd)``; at the end, the process and any child it left are killed."""
    proc = subprocess.Popen(cmd, **kwargs)
    seen: set[int] = set()
    try:
        yield proc, seen
    finally:
        seen.update(children(proc.pid))
        if proc.poll() is None:
            proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.communicate(timeout=30)
        kill_all([p for p in seen if running(p)])


def wait_for(condition, proc, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert proc.poll() is None, f"extract ended before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def stale_out(tmp_path: Path) -> Path:
    """An output folder with previous outputs to keep."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "g.graphml").write_text("previous graph", encoding="utf-8")
    (out / "r.jsonl").write_text("previous records\n", encoding="utf-8")
    return out


def assert_previous(out: Path) -> None:
    assert (out / "g.graphml").read_text(encoding="utf-8") == "previous graph"
    assert (out / "r.jsonl").read_text(encoding="utf-8") == "previous records\n"


# --- a killed parent ------------------------------------------------------------------------------

def test_kill_9_of_the_parent_leaves_no_worker_and_the_pipe_ends(extract_cmd, tmp_path):
    corpus = write_many(tmp_path / "many.jsonl", 4000)
    out = stale_out(tmp_path)
    cmd = [extract_cmd, str(corpus), "-o", str(out / "g.graphml"), "--records",
           str(out / "r.jsonl"), "--jobs", "2"]
    # stdout and stderr to one pipe, as in `extract ... 2>&1 | cat`
    with started(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) as (proc, seen):
        wait_for(lambda: temps(out) and len(children(proc.pid)) >= 2, proc, 300,
                 "the workers to process articles")
        workers = children(proc.pid)
        seen.update(workers)
        time.sleep(1.0)
        proc.kill()  # what the OOM killer does
        proc.wait(timeout=30)
        assert wait_gone(workers, 5.0) == [], "workers outlived their parent"
        # no worker holds the pipe any more: reading it ends
        reader = subprocess.run(["timeout", "10", "cat"], stdin=proc.stdout,
                                stdout=subprocess.DEVNULL)
        assert reader.returncode == 0, "the output pipe never ended"
    assert_previous(out)
    assert temps(out), "the killed run left its temporary file (expected, removed next run)"
    (tmp_path / "one.jsonl").write_text(jsonl([{"id": "1", "text": "BT signed a deal with "
                                                "MCI in 1987."}]), encoding="utf-8")
    done = subprocess.run([extract_cmd, str(tmp_path / "one.jsonl"), "-q", "-o",
                           str(out / "g.graphml"), "--records", str(out / "r.jsonl")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["g.graphml", "r.jsonl"]


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_signal_stops_jobs_within_two_seconds(extract_cmd, tmp_path, signum):
    corpus = write_many(tmp_path / "many.jsonl", 4000)
    out = stale_out(tmp_path)
    cmd = [extract_cmd, str(corpus), "-o", str(out / "g.graphml"), "--records",
           str(out / "r.jsonl"), "--jobs", "2"]
    with started(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as (proc, seen):
        wait_for(lambda: temps(out) and len(children(proc.pid)) >= 2, proc, 300,
                 "the workers to process articles")
        workers = children(proc.pid)
        seen.update(workers)
        time.sleep(1.0)
        sent = time.monotonic()
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=30)
        took = time.monotonic() - sent
        stderr = stderr.decode("utf-8", "replace")
        assert proc.returncode == 130, stderr
        assert took < 2.0, f"took {took:.1f}s to stop"
        assert "interrupted" in stderr and "Traceback" not in stderr
        assert wait_gone(workers, 2.0) == []
    assert_previous(out)
    assert temps(out) == []


@pytest.mark.parametrize("delay", [0.3, 1.5])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_signal_while_starting_exits_130_with_one_line(extract_cmd, tmp_path, signum, delay):
    corpus = write_many(tmp_path / "many.jsonl", 50)
    cmd = [extract_cmd, str(corpus), "-o", str(tmp_path / "g.graphml"), "--jobs", "2", "-q"]
    with started(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as (proc, _):
        time.sleep(delay)
        proc.send_signal(signum)
        _, stderr = proc.communicate(timeout=30)
        stderr = stderr.decode("utf-8", "replace")
        if proc.returncode == 0:
            pytest.skip("the run finished before the signal")
        assert proc.returncode == 130, stderr
        assert "Traceback" not in stderr
        assert len(stderr.strip().splitlines()) == 1 and "interrupted" in stderr, stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["many.jsonl"]


# --- a full disk ----------------------------------------------------------------------------------

@pytest.fixture
def small_tmpfs(tmp_path):
    """A 64 KiB tmpfs (root only, where mounting is allowed); unmounted afterwards."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    folder = tmp_path / "full"
    folder.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                       check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def _fill(folder: Path) -> None:
    """Fill ``folder``'s file system (leave no free block)."""
    with contextlib.suppress(OSError):
        with open(folder / "filler", "wb") as handle:
            while True:
                handle.write(b"\0" * 4096)
                handle.flush()


def test_enospc_on_the_records_names_the_file_and_keeps_every_old_output(
        extract_cmd, tmp_path, small_tmpfs):
    corpus = write_many(tmp_path / "some.jsonl", 300)  # records far larger than 64 KiB
    graph, records = tmp_path / "g.graphml", small_tmpfs / "r.jsonl"
    graph.write_text("previous graph", encoding="utf-8")
    records.write_text("previous records\n", encoding="utf-8")
    done = subprocess.run([extract_cmd, str(corpus), "-q", "-o", str(graph), "--records",
                           str(records)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"cannot write {records}" in done.stderr and "ENOSPC" in done.stderr
    assert "cannot write its record" not in done.stderr and "a1'" not in done.stderr
    assert "Traceback" not in done.stderr
    assert graph.read_text(encoding="utf-8") == "previous graph"
    assert records.read_text(encoding="utf-8") == "previous records\n"
    assert temps(tmp_path) == [] and temps(small_tmpfs) == []


def test_enospc_on_the_graph_keeps_the_old_records(extract_cmd, tmp_path, small_tmpfs):
    corpus = write_many(tmp_path / "some.jsonl", 20)
    graph, records = small_tmpfs / "g.graphml", tmp_path / "r.jsonl"
    graph.write_text("previous graph", encoding="utf-8")
    records.write_text("previous records\n", encoding="utf-8")
    _fill(small_tmpfs)
    done = subprocess.run([extract_cmd, str(corpus), "-q", "-o", str(graph), "--records",
                           str(records)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert f"cannot write {graph}" in done.stderr and "Traceback" not in done.stderr
    assert graph.read_text(encoding="utf-8") == "previous graph"
    assert records.read_text(encoding="utf-8") == "previous records\n"
    assert temps(tmp_path) == [] and temps(small_tmpfs) == []


# --- duplicate ids --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def shared_ids(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("dup") / "corpus"
    folder.mkdir()
    deal = "Vodafone signed a network deal with Nokia in {}."
    (folder / "a.jsonl").write_text(jsonl([{"id": "x", "text": deal.format(2011)},
                                           {"id": "x", "text": deal.format(2012)},
                                           {"id": "y", "text": "BT and MCI agreed to merge."}]),
                                    encoding="utf-8")
    (folder / "b.jsonl").write_text(jsonl([{"id": "x", "text": deal.format(2013)}]),
                                    encoding="utf-8")
    return folder


def _run_records(extract_cmd, corpus: Path, out: Path, *options: str):
    out.mkdir()
    done = subprocess.run([extract_cmd, str(corpus), "-q", "-o", str(out / "g.graphml"),
                           "--records", str(out / "r.jsonl"), *options],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done, (out / "r.jsonl").read_text(encoding="utf-8")


def test_duplicate_ids_warn_once_and_become_unique(extract_cmd, shared_ids, tmp_path):
    import networkx as nx

    done, text = _run_records(extract_cmd, shared_ids, tmp_path / "one")
    warnings = [line for line in done.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, done.stderr
    assert "'x'" in warnings[0] and "a.jsonl" in warnings[0] and "b.jsonl" in warnings[0]
    ids = [json.loads(line)["id"] for line in text.splitlines()]
    assert ids == ["x", "x#2", "y", "x#3"]
    graph = nx.read_graphml(tmp_path / "one" / "g.graphml")
    assert graph.edges["Vodafone", "Nokia"]["weight"] == 3


def test_duplicate_ids_same_records_with_jobs_and_dask(extract_cmd, shared_ids, tmp_path):
    _, single = _run_records(extract_cmd, shared_ids, tmp_path / "one")
    _, jobs = _run_records(extract_cmd, shared_ids, tmp_path / "jobs", "--jobs", "2")
    assert jobs == single
    try:
        import distributed  # noqa: F401
    except ImportError:
        return
    _, dask = _run_records(extract_cmd, shared_ids, tmp_path / "dask", "--dask", "local")
    assert dask == single
