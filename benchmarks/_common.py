"""Shared helpers for the benchmark scripts (not a test module: the scripts print figures)."""
from __future__ import annotations

import gzip
import json
import os
import platform
import sys
import time
from itertools import islice
from pathlib import Path
from typing import Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
#: Reuters-21578 as JSON Lines (research use only: read it, never commit it).
REUTERS = Path(os.environ.get("EXTRACTOR_REUTERS",
                              ROOT.parent / "shared" / "corpora" / "reuters21578.jsonl.gz"))


def reuters_path(path: Optional[str]) -> Path:
    """The corpus to read: ``path`` if given, else Reuters-21578; exit with a clear message."""
    corpus = Path(path) if path else REUTERS
    if not corpus.exists():
        sys.exit(f"corpus not found: {corpus} (pass --corpus PATH or set EXTRACTOR_REUTERS)")
    return corpus


def read_articles(corpus: Path, limit: Optional[int]) -> list:
    """The first ``limit`` articles of ``corpus`` exactly as ``extract`` reads them."""
    from extractor.corpus import Article, read_paths

    articles = (item for item in read_paths([corpus]) if isinstance(item, Article))
    return list(islice(articles, limit))


def words(text: str) -> int:
    """Words of a text (whitespace-separated), the unit of every words/s figure here."""
    return len(text.split())


def write_sample(corpus: Path, limit: int, out: Path) -> int:
    """Copy the first ``limit`` non-empty lines of a JSON Lines corpus to ``out`` (gzip)."""
    opener = gzip.open if corpus.name.endswith(".gz") else open
    n = 0
    with opener(corpus, "rt", encoding="utf-8") as src, gzip.open(out, "wt",
                                                                  encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            dst.write(line)
            n += 1
            if n >= limit:
                break
    return n


class Timer:
    """Wall and CPU time of a block (CPU time of this process only)."""

    def __enter__(self) -> "Timer":
        self.wall0, self.cpu0 = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall0
        self.cpu = time.process_time() - self.cpu0


def machine() -> str:
    """One line about the machine and how busy it is (figures depend on both)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    import spacy

    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
            f"load average {load[0]:.2f}; Python {platform.python_version()}, "
            f"spaCy {spacy.__version__}")


def dump_json(path: Optional[str], data: dict) -> None:
    if path:
        Path(path).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
