"""Memory: peak RSS of ``extract`` over the first 1,500 Reuters articles and over all of them.

Each measurement is a fresh ``extract`` process (the real command: read, pipeline in spaCy memory
zones, records to JSON Lines, graph to GraphML), so the peaks are separate; the peak is the
child's own maximum resident set size as the kernel reports it (``wait4``). Flat means the
whole corpus needs at most 1.2x the peak of the first 1,500 articles.

    python benchmarks/memory.py                     # 1,500 vs all 19,777 (about 10 minutes)
    python benchmarks/memory.py --small 100 --large 400   # a quick look
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from _common import dump_json, machine, reuters_path, write_sample

LIMIT = 1.2


def measure(corpus: Path, workdir: Path, label: str, extra: list[str]) -> dict:
    """Run ``extract`` on ``corpus`` in a new process; its peak RSS (MiB), time, articles."""
    records = workdir / f"{label}.jsonl"
    cmd = [sys.executable, "-m", "extractor.cli", str(corpus), "-q", "-o",
           str(workdir / f"{label}.graphml"), "--records", str(records), *extra]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        sys.exit(f"extract failed ({proc.returncode}): {' '.join(cmd)}\n{stderr[-2000:]}")
    if proc.returncode == 1:  # some articles failed: say which
        failed = [line for line in stderr.splitlines() if line.startswith("extract: error:")]
        for line in failed[:5]:
            print(f"    {line}")
    with open(records, encoding="utf-8") as handle:
        n = sum(1 for _ in handle)
    return {"articles": n, "peak_rss_mib": usage.ru_maxrss / 1024, "wall_s": wall,
            "exit": proc.returncode}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=None, help="JSON Lines corpus (default: Reuters)")
    parser.add_argument("--small", type=int, default=1500, help="articles in the first run")
    parser.add_argument("--large", type=int, default=0,
                        help="articles in the second run (default 0: the whole corpus)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="passed to extract --jobs (the peak is then that of the largest "
                        "single process, not the sum)")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    corpus = reuters_path(args.corpus)
    extra = ["--jobs", str(args.jobs)] if args.jobs > 1 else []
    print(f"extract on {corpus.name}, one fresh process per run; {machine()}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="extractor-memory-") as tmp:
        workdir = Path(tmp)
        for label, limit in (("small", args.small), ("large", args.large)):
            if limit:
                source = workdir / f"{label}.jsonl.gz"
                write_sample(corpus, limit, source)
            else:
                source = corpus
            r = measure(source, workdir, label, extra)
            results[label] = r
            print(f"  {r['articles']:>6} articles: peak RSS {r['peak_rss_mib']:7.1f} MiB, "
                  f"{r['wall_s']:6.1f}s ({r['articles'] / r['wall_s']:.1f} articles/s)")
    growth = results["large"]["peak_rss_mib"] / results["small"]["peak_rss_mib"]
    print(f"peak RSS all/first: {growth:.2f}x (flat means <= {LIMIT}x: "
          f"{'met' if growth <= LIMIT else 'NOT met'})")
    dump_json(args.json, {**results, "growth": growth, "machine": machine()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
