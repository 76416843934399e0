"""The pipeline's own assets (patterns, lexicons, configs) in ``models/``.

``models/`` is installed as the package ``extractor.models`` (see ``setup.cfg``), so it is found
by editable and non-editable installs alike.

Every word list (``*.txt``, ``*.tsv``) is read through :func:`read_rows`, which checks each row
against ``models/schema.tsv`` (columns, types, allowed values) and raises :class:`AssetError`
naming the file, the line and the problem.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterator

__all__ = ["AssetError", "Column", "asset_path", "read_lexicon", "read_jsonl", "read_rows",
           "read_table", "schema", "rule_digests", "save_rules", "check_rules", "RULES_FILE"]

SCHEMA_FILE = "schema.tsv"
#: Written by every extractor component's ``to_disk``: the digest of each rule file it runs on.
RULES_FILE = "rules.json"
#: Files of ``models/`` that are no rules: the trained weights travel as files of their own.
_NOT_RULES = re.compile(r"_model\.json$|\.md$|\.py$")
_NEEDS = ("required", "optional", "repeated")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


class AssetError(ValueError):
    """A word list in ``models/`` that does not fit its schema (the message names file and line)."""


@dataclass(frozen=True)
class Column:
    """One column of a word list, as ``models/schema.tsv`` describes it."""

    name: str
    type: str       # "text", "word", "number", allowed values "a|b|c" or a set of them "set:a|b"
    need: str       # "required", "optional" or "repeated"

    def problem(self, cell: str) -> str | None:
        """Why ``cell`` is no value of this column (``None`` when it is one)."""
        if not cell:
            return f"column {self.name!r} is empty"
        if self.type == "word" and any(c.isspace() for c in cell):
            return f"column {self.name!r} is {cell!r}, expected one word (no spaces)"
        if self.type == "number" and not _NUMBER.match(cell):
            return f"column {self.name!r} is {cell!r}, expected a number"
        if self.type.startswith("set:"):
            allowed = self.type[4:].split("|")
            unknown = [v for v in cell.split(",") if v not in allowed]
            if unknown:
                return (f"column {self.name!r} has {unknown[0]!r}, expected comma-separated "
                        f"values of {', '.join(allowed)}")
            return None
        if self.type not in ("text", "word", "number") and cell not in self.type.split("|"):
            allowed = ", ".join(self.type.split("|"))
            return f"column {self.name!r} is {cell!r}, expected one of {allowed}"
        return None


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


def _numbered_lines(name: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of the rows of ``models/<name>``: no blank lines or ``#`` comments."""
    path = asset_path(name)
    try:
        with open(path, encoding="utf-8") as handle:
            lines = handle.read().split("\n")
    except OSError as error:
        raise AssetError(f"models/{name}: cannot read {path}: {error.strerror or error}") from None
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def _lines(name: str) -> list[str]:
    return [line for _, line in _numbered_lines(name)]


def _cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.split("\t"))


@lru_cache(maxsize=None)
def schema() -> dict[str, tuple[Column, ...]]:
    """``models/schema.tsv``: file name -> its columns, in order."""
    table: dict[str, list[Column]] = {}
    for number, line in _numbered_lines(SCHEMA_FILE):
        cells = _cells(line)
        where = f"models/{SCHEMA_FILE}, line {number}"
        if len(cells) != 4 or not all(cells):
            raise AssetError(f"{where}: expected 4 columns (file, column, type, need), "
                             f"got {len(cells)}")
        file, column, kind, need = cells
        if need not in _NEEDS:
            raise AssetError(f"{where}: need is {need!r}, expected one of {', '.join(_NEEDS)}")
        columns = table.setdefault(file, [])
        if columns and columns[-1].need == "repeated" or \
                need == "required" and columns and columns[-1].need != "required":
            raise AssetError(f"{where}: column {column!r} of {file} after an optional or "
                             f"repeated column")
        columns.append(Column(column, kind, need))
    return {file: tuple(columns) for file, columns in table.items()}


def _check_row(name: str, number: int, cells: tuple[str, ...],
               columns: tuple[Column, ...]) -> None:
    where = f"models/{name}, line {number}"
    required = sum(c.need == "required" for c in columns)
    repeated = bool(columns) and columns[-1].need == "repeated"
    if len(cells) < required or not repeated and len(cells) > len(columns):
        expected = (f"{required} or more" if repeated else str(required)
                    if required == len(columns) else f"{required} to {len(columns)}")
        names = ", ".join(c.name for c in columns)
        raise AssetError(f"{where}: {len(cells)} columns, expected {expected} ({names})")
    for i, cell in enumerate(cells):
        problem = columns[min(i, len(columns) - 1)].problem(cell)
        if problem:
            raise AssetError(f"{where}: {problem}")


@lru_cache(maxsize=None)
def read_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The rows of the word list ``models/<name>``, each checked against ``models/schema.tsv``.

    Tab-separated cells, stripped; blank lines and ``#`` comments skipped. Raises
    :class:`AssetError` ("models/deal_triggers.tsv, line 12: column 'status' is 'agred', expected
    one of agreed, proposed") for a row that does not fit, or a file the schema does not know.
    """
    columns = schema().get(name)
    if columns is None:
        raise AssetError(f"models/{name}: no schema (add its columns to models/{SCHEMA_FILE})")
    rows = []
    for number, line in _numbered_lines(name):
        cells = _cells(line)
        _check_row(name, number, cells, columns)
        rows.append(cells)
    return tuple(rows)


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> tuple[str, ...]:
    """One entry per line (the first column of :func:`read_rows`)."""
    return tuple(row[0] for row in read_rows(name))


def read_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows (:func:`read_rows`)."""
    return read_rows(name)


def clear_cache() -> None:
    """Forget the word lists read so far (after ``models/`` changed, e.g. in tests)."""
    for function in (schema, read_rows, read_lexicon):
        function.cache_clear()


def read_jsonl(name: str) -> list[dict[str, Any]]:
    """JSON Lines asset (e.g. DependencyMatcher or EntityRuler patterns)."""
    return [json.loads(line) for line in _lines(name)]


# -- the rules a saved pipeline was made with ------------------------------------------------
@lru_cache(maxsize=1)
def rule_digests() -> dict[str, str]:
    """SHA-256 of every rule file of ``models/`` (word lists, patterns, tables), by file name."""
    import hashlib

    folder = asset_path(SCHEMA_FILE).parent
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())
            if f.is_file() and not _NOT_RULES.search(f.name)}


def save_rules(path: Path) -> None:
    """Write ``rules.json`` into a component's folder of a saved pipeline (``nlp.to_disk``)."""
    path.mkdir(parents=True, exist_ok=True)
    (path / RULES_FILE).write_text(json.dumps(rule_digests(), indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")


def check_rules(path: Path) -> None:
    """Refuse a saved pipeline whose rules are not the ones this installation runs: the
    components read their word lists from the installed ``models/``, so a pipeline saved by
    another version would silently run other rules. A folder without ``rules.json`` (saved
    before it existed) passes."""
    file = path / RULES_FILE
    if not file.exists():
        return
    try:
        saved = json.loads(file.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise AssetError(f"{file}: not a rules file: {exc}") from None
    here = rule_digests()
    differ = sorted(n for n in set(saved) | set(here) if saved.get(n) != here.get(n))
    if differ:
        shown = ", ".join(differ[:5]) + (f" and {len(differ) - 5} more" if len(differ) > 5 else "")
        raise AssetError(f"{file}: the pipeline was saved with other rules than this "
                         f"installation's models/ ({shown} differ); save it again with this "
                         f"version, or install the version it was saved with")
