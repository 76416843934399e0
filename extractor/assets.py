"""The pipeline's own assets (patterns, lexicons, configs) in ``models/``.

``models/`` is installed as the package ``extractor.models`` (see ``setup.cfg``), so it is found
by editable and non-editable installs alike.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["asset_path", "read_lexicon", "read_jsonl", "read_table"]


def asset_path(name: str) -> Path:
    """Path of an asset file in ``models/``."""
    try:
        # joinpath on the Traversable: str() of a namespace package's MultiplexedPath is no path
        path = Path(str(resources.files("extractor.models").joinpath(name)))
    except ModuleNotFoundError:  # running from a source tree that is not installed
        path = Path(__file__).resolve().parent.parent / "models" / name
    if not path.exists():
        fallback = Path(__file__).resolve().parent.parent / "models" / name
        if fallback.exists():
            return fallback
    return path


def _lines(name: str) -> list[str]:
    with open(asset_path(name), encoding="utf-8") as handle:
        return [line.rstrip("\n") for line in handle
                if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> tuple[str, ...]:
    """One entry per line; blank lines and ``#`` comments skipped."""
    return tuple(line.strip() for line in _lines(name))


@lru_cache(maxsize=None)
def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows; blank lines and ``#`` comments skipped."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """JSON Lines asset (e.g. DependencyMatcher or EntityRuler patterns)."""
    return [json.loads(line) for line in _lines(name)]
