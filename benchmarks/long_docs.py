"""Long documents: is the cost linear in document length?

For N = 25, 50, 100, 200 concatenated Reuters stories (one set rich in deal words, one set of
ordinary stories), ``extract`` runs on the N stories given as one article and as N separate
articles; each run is a fresh process (``--jobs 1``) and prints its seconds and peak RSS, and the
ratio one/separate (linear means about 1; the target is at most 1.3x; the CPU-time ratio is
the steadier figure on a shared machine). Each side runs ``--repeat`` times (default 2), the
two taking turns, and the fastest run of each counts. Then a file of one sentence (written
here, not from a corpus) repeated 1,000 and 4,000 times, as one article and as articles of 10
sentences each.

    python benchmarks/long_docs.py                        # about 20 minutes on 2 cores
    python benchmarks/long_docs.py --sizes 25 50 --no-repeated   # a quick look

Timings are noisy on a shared machine: compare the ratios of one run.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from _common import ROOT, dump_json, machine

MODERN = Path(os.environ.get(
    "EXTRACTOR_MODERN_REUTERS",
    ROOT.parent / "shared" / "corpora" / "modern" / "reuters_2006_2013_telecom_tech.jsonl.gz"))
SIZES = (25, 50, 100, 200)
TARGET = 1.3
#: A story is deal-rich when it uses deal words at least this often.
DEAL_WORDS = re.compile(r"\b(acquir\w*|acquisition|merg\w*|takeover|stake|joint venture|"
                        r"partner\w*|bid|buy\w*|bought|deal)\b", re.I)
RICH = 6
#: The repeated sentence (made up for this benchmark).
SENTENCE = ("Acme Telecom agreed to buy a 20 pct stake in Widget Networks for $50 million, "
            "and Widget said it would form a joint venture with Acme in 2012.")
REPEATS = (1000, 4000)


def stories(corpus: Path, n: int) -> tuple[list[dict], list[dict]]:
    """The first ``n`` deal-rich stories and the first ``n`` others (non-empty texts)."""
    rich: list[dict] = []
    plain: list[dict] = []
    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = (row.get("text") or "").strip()
            if len(text) < 200:
                continue
            group = rich if len(DEAL_WORDS.findall(text)) >= RICH else plain
            if len(group) < n:
                group.append({"id": row.get("id") or f"story-{len(group)}", "text": text})
            if len(rich) >= n and len(plain) >= n:
                break
    return rich, plain


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row) + "\n")
    return path


def one_article(rows: list[dict], name: str) -> list[dict]:
    return [{"id": name, "text": "\n\n".join(r["text"] for r in rows)}]


def measure(path: Path, workdir: Path) -> dict:
    """``extract PATH --jobs 1`` in a fresh process: wall seconds and peak RSS (MiB)."""
    cmd = [sys.executable, "-m", "extractor.cli", str(path), "-q", "--jobs", "1",
           "-o", str(workdir / "out.graphml"), "--records", str(workdir / "out.jsonl")]
    started = time.perf_counter()
    # cwd: ``-m`` puts the working directory first on sys.path (PYTHONPATH must win)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            cwd=workdir)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        sys.exit(f"extract failed ({code}): {' '.join(cmd)}\n{err[-2000:]}")
    return {"s": wall, "cpu_s": usage.ru_utime + usage.ru_stime,
            "rss_mib": usage.ru_maxrss / 1024}


def compare(label: str, one: list[dict], many: list[dict], workdir: Path,
            repeat: int = 1) -> dict:
    # the two sides take turns, so that a slow spell of the machine falls on both
    one_path = write_jsonl(workdir / "one.jsonl", one)
    many_path = write_jsonl(workdir / "many.jsonl", many)
    runs_a, runs_b = [], []
    for _ in range(max(1, repeat)):
        runs_a.append(measure(one_path, workdir))
        runs_b.append(measure(many_path, workdir))
    a = min(runs_a, key=lambda r: r["s"])
    b = min(runs_b, key=lambda r: r["s"])
    ratio = a["s"] / b["s"]
    cpu_ratio = a["cpu_s"] / b["cpu_s"]
    print(f"  {label:<28} one {a['s']:6.1f}s (CPU {a['cpu_s']:6.1f}s) {a['rss_mib']:5.0f} MiB | "
          f"separate {b['s']:6.1f}s (CPU {b['cpu_s']:6.1f}s) {b['rss_mib']:5.0f} MiB | ratio "
          f"{ratio:4.2f}x (CPU {cpu_ratio:4.2f}x) {'ok' if ratio <= TARGET else 'OVER'}",
          flush=True)
    return {"one": a, "separate": b, "ratio": ratio, "cpu_ratio": cpu_ratio}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=str(MODERN), help="JSON Lines corpus of stories")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--no-repeated", action="store_true",
                        help="leave out the repeated-sentence files")
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs of each side, taking turns; the fastest of each counts")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.exists():
        sys.exit(f"corpus not found: {corpus} (pass --corpus PATH)")
    rich, plain = stories(corpus, max(args.sizes))
    print(f"extract --jobs 1, one fresh process per run, fastest of {args.repeat} per side; "
          f"{machine()}")
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="extractor-long-") as tmp:
        workdir = Path(tmp)
        for name, rows in (("deal-rich", rich), ("ordinary", plain)):
            for n in args.sizes:
                part = rows[:n]
                chars = sum(len(r["text"]) for r in part)
                results[f"{name}-{n}"] = compare(f"{n} {name} ({chars // 1000}k chars)",
                                                 one_article(part, f"{name}-{n}"), part, workdir,
                                                 args.repeat)
        if not args.no_repeated:
            for n in REPEATS:
                lines = [SENTENCE] * n
                many = [{"id": f"r{i}", "text": "\n".join(lines[i:i + 10])}
                        for i in range(0, n, 10)]
                results[f"repeated-{n}"] = compare(
                    f"sentence x {n}", [{"id": "repeated", "text": "\n".join(lines)}], many,
                    workdir, args.repeat)
    worst = max(r["ratio"] for r in results.values())
    worst_cpu = max(r["cpu_ratio"] for r in results.values())
    print(f"worst ratio one/separate: wall {worst:.2f}x, CPU {worst_cpu:.2f}x (target <= "
          f"{TARGET}x: {'met' if worst <= TARGET else 'NOT met'})")
    dump_json(args.json, {**results, "machine": machine()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
