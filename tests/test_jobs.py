"""``--jobs N``: the process pool keeps input order, survives a dying worker, returns records.

Most tests replace the worker's work with a stand-in (no spaCy model in the workers), so they
test the pool itself; one test runs the real pipeline in two workers.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from extractor import runner
from extractor.corpus import Article, ReadError
from extractor.records import ArticleRecord


def fake_init(model: str, gazetteer: bool, batch_size: int) -> None:
    """Stand-in for the worker initialiser: no pipeline to load."""


def fake_batch(items: list) -> list:
    """Stand-in for a worker's work: one record per article, the worker's pid in ``path``."""
    out = []
    for item in items:
        if isinstance(item, ReadError):
            out.append(item)
            continue
        if item.text == "die" and not os.path.exists(item.path):
            open(item.path, "w").close()  # die only the first time this article is seen
            os._exit(1)
        if item.text == "always die":
            os._exit(1)
        if item.text == "raise":
            raise ValueError("boom")
        out.append(ArticleRecord(id=item.id, path=str(os.getpid())))
    return out


@pytest.fixture
def fake_pool(monkeypatch):
    monkeypatch.setattr(runner, "_init_worker", fake_init)
    monkeypatch.setattr(runner, "process_batch", fake_batch)


def articles(n: int, **special: str) -> list:
    items: list = []
    for i in range(n):
        if i % 7 == 3:
            items.append(ReadError(f"file{i}.txt", "bad input"))
        else:
            items.append(Article(id=f"a{i}", text=special.get(f"a{i}", "text"), path=f"p{i}"))
    return items


def ids(results: list) -> list:
    return [r.id if isinstance(r, ArticleRecord) else r.path for r in results]


def expected_ids(items: list) -> list:
    return [i.id if isinstance(i, Article) else i.path for i in items]


def test_results_come_back_in_input_order_from_several_workers(fake_pool):
    items = articles(100)
    results = list(runner.process_parallel(iter(items), jobs=2, chunk=3))
    assert ids(results) == expected_ids(items)
    assert all(isinstance(r, (ArticleRecord, ReadError)) for r in results)
    assert len({r.path for r in results if isinstance(r, ArticleRecord)}) == 2  # both worked


def test_input_is_read_lazily(fake_pool):
    consumed = []

    def source():
        for item in articles(1000):
            consumed.append(item)
            yield item

    results = runner.process_parallel(source(), jobs=2, chunk=5)
    first = next(results)
    assert first.id == "a0"
    # only the chunks in flight were read, not the whole corpus
    assert len(consumed) <= 5 * 2 * runner.PREFETCH + 5
    results.close()


def test_worker_that_dies_once_is_replaced_and_nothing_is_lost(fake_pool, tmp_path):
    marker = str(tmp_path / "died")
    items = articles(40)
    items[10] = Article(id="a10", text="die", path=marker)
    results = list(runner.process_parallel(iter(items), jobs=2, chunk=4))
    assert ids(results) == expected_ids(items)
    assert all(isinstance(r, ArticleRecord) for r, i in zip(results, items)
               if isinstance(i, Article))
    assert os.path.exists(marker)


def test_chunk_that_kills_its_worker_again_is_reported_per_article(fake_pool):
    items = articles(30)
    items[10] = Article(id="a10", text="always die", path="p10")
    results = list(runner.process_parallel(iter(items), jobs=2, chunk=4))
    assert ids(results[:8]) == expected_ids(items[:8])
    failed = [r for r, i in zip(results, items) if isinstance(i, Article)
              and isinstance(r, ReadError)]
    assert failed and all("worker process died" in r.message for r in failed)
    assert any(f"'a10'" in r.message for r in failed)
    assert len(results) == len(items)
    assert isinstance(results[-1], ArticleRecord) and results[-1].id == "a29"


def test_exception_in_a_worker_fails_only_its_chunk(fake_pool):
    items = articles(20)
    items[5] = Article(id="a5", text="raise", path="p5")
    results = list(runner.process_parallel(iter(items), jobs=2, chunk=4))
    assert len(results) == 20
    assert isinstance(results[5], ReadError) and "ValueError: boom" in results[5].message
    assert isinstance(results[8], ArticleRecord) and results[8].id == "a8"


def test_real_pipeline_in_two_workers_gives_the_records_of_one_process():
    texts = ["Vodafone Group Plc said it agreed to buy a stake in Mannesmann AG.",
             "China Mobile signed a deal with Apple on Thursday.",
             "Nothing to see here.",
             "MCI Communications Corp and IBM formed a joint venture in 1987."]
    items: list = [Article(id=f"t{i}", text=t) for i, t in enumerate(texts * 3)]
    items.insert(2, ReadError("broken.txt", "bad input"))
    parallel = list(runner.process_parallel(iter(items), jobs=2, chunk=2))
    single = list(runner.Extractor().process(iter(items)))
    assert ids(parallel) == expected_ids(items)
    assert [r.to_dict() if isinstance(r, ArticleRecord) else str(r) for r in parallel] == \
        [r.to_dict() if isinstance(r, ArticleRecord) else str(r) for r in single]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_when_the_parent_is_killed():
    _kill_parent_and_check_workers(_orphan_script("", init="runner._die_with_parent()"))


def _running(pid: str) -> bool:
    """Alive and not a zombie (an orphan's zombie may wait long to be reaped in a container)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _orphan_script(setup: str,
                   init: str = "(runner._default_signals(), runner._die_with_parent())") -> str:
    """A parent that starts two workers stuck in a task, after ``setup`` (Python lines); each
    worker starts with ``init`` (an expression)."""
    return (
        "import signal, time\n"
        "from extractor import runner\n"
        "from extractor.corpus import Article\n"
        + setup +
        f"runner._init_worker = lambda *a: {init}\n"
        "def batch(items):\n"
        "    time.sleep(60)\n"
        "runner.process_batch = batch\n"
        "import __main__; __main__.batch = batch\n"
        "items = iter([Article(id=str(i), text='x') for i in range(10)])\n"
        "next(runner.process_parallel(items, jobs=2, chunk=1))\n")


def _kill_parent_and_check_workers(code: str) -> None:
    parent = subprocess.Popen([sys.executable, "-c", code])
    workers: list[str] = []
    try:
        for _ in range(150):
            time.sleep(0.1)
            workers = subprocess.run(["pgrep", "-P", str(parent.pid)], capture_output=True,
                                     text=True).stdout.split()
            if len(workers) == 2:
                break
        time.sleep(0.5)  # the workers are in their task
        parent.kill()
        parent.wait()
        assert len(workers) == 2
        deadline = time.time() + 10
        while time.time() < deadline and any(_running(pid) for pid in workers):
            time.sleep(0.1)
        assert not any(_running(pid) for pid in workers)
    finally:
        if parent.poll() is None:
            parent.kill()
        for pid in workers:
            if _running(pid):
                os.kill(int(pid), signal.SIGKILL)


CLI_HANDLER = ("def handler(*a):\n    raise KeyboardInterrupt\n"
               "signal.signal(signal.SIGTERM, handler)\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_parent_death_signal_ends_workers_despite_the_parents_sigterm_handler():
    # the CLI's handler turns SIGTERM into KeyboardInterrupt; workers must not inherit it
    _kill_parent_and_check_workers(_orphan_script(
        CLI_HANDLER + "runner._watch_parent = lambda *a: None\n"))


def test_watchdog_alone_ends_workers_of_a_killed_parent():
    _kill_parent_and_check_workers(_orphan_script(
        CLI_HANDLER + "runner._set_pdeathsig = lambda: False\n"))


def test_consumer_that_stops_ends_the_workers_at_once(fake_pool):
    items = articles(200)
    results = runner.process_parallel(iter(items), jobs=2, chunk=1)
    first = next(results)
    workers = {r.path for r in [first, *(next(results) for _ in range(3))]
               if isinstance(r, ArticleRecord)}
    start = time.monotonic()
    results.close()
    assert time.monotonic() - start < 2.0
    assert workers and not any(_running(pid) for pid in workers)


def test_worker_signals_are_the_defaults():
    code = ("import signal\n"
            "signal.signal(signal.SIGTERM, lambda *a: None)\n"
            "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
            "from extractor import runner\n"
            "runner._default_signals()\n"
            "assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL\n"
            "assert signal.getsignal(signal.SIGINT) is signal.SIG_DFL\n")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
