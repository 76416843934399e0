"""Incremental runs: each article's record kept in SQLite (``extract PATH... --store FILE``).

A record is stored under two keys: the article's **content key** (a hash of its id, title,
text and date as read) and the pipeline's **fingerprint** (a hash of the extractor's version
and of the code files records depend on, every data file of ``models/``, the spaCy pipeline's
name and version, and the options that change records: the gazetteer, the deal and company
models, ``EXTRACTOR_MAX_LENGTH``). A later run with the same fingerprint takes an unchanged article's
record from the store and sends only new or changed articles through the pipeline; a new
fingerprint reprocesses everything.

The store also keeps the article list of the latest finished run (content keys, ids and paths,
in input order), from which :func:`rebuild` writes the graph and the records again without the
pipeline (``extract graph --store FILE``).

Consistency: every write happens in a transaction, in batches of :data:`BATCH` results (the
records extracted and the run's article list grow together); an interrupted run leaves the
store as it was after its last batch (``kill -9``) or with all it extracted (Ctrl-C), and a
rerun takes what was stored and extracts the rest. When a run finishes, the records of other
fingerprints are deleted (pruned) in the same transaction; the records of the same
fingerprint are kept, even of articles this run did not read (another folder, an older version
of an article). One run at a time per store.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from .corpus import Article, ReadError
from .errors import ExtractorError
from .records import ArticleRecord

__all__ = ["Store", "StoreError", "RunStats", "StoredRun", "article_key", "fingerprint",
           "rebuild", "SCHEMA_VERSION"]

#: Version of the tables below; a store of another version is refused (named in the error).
SCHEMA_VERSION = 1
#: SQLite ``application_id`` of an extractor store ("EXTR").
APPLICATION_ID = 0x45585452
#: Results per transaction: an interrupted run loses at most this many extracted records.
BATCH = 32
#: Most seconds between two commits while records keep coming.
BATCH_SECONDS = 5.0

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    fingerprint TEXT NOT NULL,
    key TEXT NOT NULL,
    record BLOB NOT NULL,          -- zlib-compressed JSON of ArticleRecord.to_dict()
    PRIMARY KEY (fingerprint, key)
) WITHOUT ROWID;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    gazetteer INTEGER NOT NULL,
    started REAL NOT NULL,
    finished REAL,                 -- NULL while running or after an interrupted run
    from_store INTEGER NOT NULL DEFAULT 0,
    extracted INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE run_articles (
    run INTEGER NOT NULL REFERENCES runs(id),
    position INTEGER NOT NULL,
    key TEXT NOT NULL,
    id TEXT NOT NULL,              -- the article's id as read (before duplicates are renamed)
    path TEXT NOT NULL,
    PRIMARY KEY (run, position)
) WITHOUT ROWID;
"""

Result = Union[ArticleRecord, ReadError]


class StoreError(ExtractorError):
    """The store file cannot be used: not an extractor store, corrupt, another schema, ..."""

    def __init__(self, path: Union[str, os.PathLike], problem: str):
        self.path = os.fspath(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass
class RunStats:
    """What one run did with the store."""

    from_store: int = 0  # records taken from the store
    extracted: int = 0  # articles sent through the pipeline (and stored when they succeeded)


@dataclass
class StoredRun:
    """The latest finished run of a store."""

    id: int
    fingerprint: str
    gazetteer: bool
    articles: int
    from_store: int
    extracted: int


# --- keys ----------------------------------------------------------------------------------------

def article_key(article: Article) -> str:
    """The content key of ``article``: a hash of its id, title, text, date and (when it has
    one: the keys of articles without are as before) dateline, as read."""
    fields = [article.id, article.title, article.text, article.date]
    if article.dateline is not None:
        fields.append(article.dateline)
    data = json.dumps(fields, ensure_ascii=True)
    return hashlib.sha256(data.encode("ascii")).hexdigest()


#: Where the records come from: these modules and every module of the package they import.
_RECORD_ROOTS = ("runner.py", "pipeline.py", "records.py", "components/*.py")


@lru_cache(maxsize=None)
def _code_digest(package: Optional[Path] = None, models: Optional[Path] = None) -> str:
    """Hash of the extractor's version, the code files records depend on
    (:func:`record_code_files`) and every data file of ``models/`` (default: the installed
    package and its data)."""
    from . import __version__
    from .assets import asset_path

    digest = hashlib.sha256(f"extractor {__version__}\0".encode())
    package = package or Path(__file__).resolve().parent
    models = models or asset_path("deal_model.json").parent
    files = [(p.relative_to(package).as_posix(), p) for p in record_code_files(package)]
    files += [(f"models/{p.name}", p) for p in models.iterdir()
              if p.is_file() and not p.name.endswith(".pyc")]
    for name, path in sorted(files):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def record_code_files(package: Path) -> list[Path]:
    """The package's code files that records depend on: the runner, the pipeline, the records
    and the components, and every package module they import (read from their import
    statements, nested ones included). The CLI, the writers, the graph and the store are
    left out unless one of those imports them: a change there does not change a record."""
    import ast

    todo = [p for pattern in _RECORD_ROOTS for p in sorted(package.glob(pattern))]
    seen: set[Path] = set()
    while todo:
        path = todo.pop()
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        here = path.parent.relative_to(package).parts
        for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
            for parts in _imported(node, here):
                for candidate in (package.joinpath(*parts).with_suffix(".py"),
                                  package.joinpath(*parts, "__init__.py")):
                    if parts and candidate.is_file():
                        todo.append(candidate)
    return sorted(seen)


def _imported(node: Any, here: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Module paths (inside the package, as parts) that an import statement may load."""
    import ast

    if isinstance(node, ast.Import):
        return [tuple(a.name.split(".")[1:]) for a in node.names
                if a.name.split(".")[0] == "extractor"]
    if not isinstance(node, ast.ImportFrom):
        return []
    if node.level == 0:
        names = (node.module or "").split(".")
        if names[0] != "extractor":
            return []
        base = tuple(names[1:])
    else:
        up = node.level - 1
        if up > len(here):
            return []
        base = here[:len(here) - up] + tuple((node.module or "").split(".") if node.module else ())
    return [base] + [base + (a.name,) for a in node.names if a.name != "*"]


def _pipeline_id(model: str, extractor: Any = None) -> str:
    """The spaCy pipeline's name and version, and spaCy's own version (the same whether read
    from a loaded ``extractor`` or from the installed package)."""
    import spacy

    if extractor is not None:
        name, version = extractor.model_name, extractor.nlp.meta.get("version")
    else:
        name, version = model, spacy.util.get_package_version(model)
        if version is None and Path(model, "meta.json").exists():
            version = spacy.util.load_meta(Path(model, "meta.json")).get("version")
    return f"{name} {version} spacy {spacy.__version__}"


def _learned_id(extractor: Any, component: str) -> str:
    """A hash of the learned decision a component uses (``rules-only`` without one)."""
    from .linear import LinearModel

    if extractor is not None and component in extractor.nlp.pipe_names:
        model = extractor.nlp.get_pipe(component).model
    else:  # worker processes load the shipped weights
        model = _shipped_model(component)
    if model is None:
        return "rules-only"
    if isinstance(model, LinearModel):
        data = json.dumps(model.to_dict(), sort_keys=True).encode()
        return hashlib.sha256(data).hexdigest()
    return f"{type(model).__module__}.{type(model).__qualname__}"  # pragma: no cover


def _deal_model_id(extractor: Any = None) -> str:
    return _learned_id(extractor, "extractor_relations")


@lru_cache(maxsize=None)
def _shipped_model(component: str) -> Any:
    from .company_model import CompanyModel
    from .deal_model import DealModel

    return (CompanyModel if component == "extractor_companies" else DealModel).shipped()


def fingerprint(model: str, *, gazetteer: bool = True, extractor: Any = None,
                options: Optional[dict[str, Any]] = None) -> str:
    """The pipeline's fingerprint: records stored under it are what this pipeline gives.

    ``extractor`` (a loaded :class:`~extractor.runner.Extractor`) gives the pipeline's meta and
    its deal model; without it (``--jobs N``: the workers load their own) the installed
    ``model`` and the shipped deal model are read. ``options`` are further settings that change
    records.
    """
    from .runner import MAX_LENGTH_ENV

    if extractor is not None:
        gazetteer = extractor.gazetteer
        max_length = extractor.nlp.max_length
    else:
        max_length = os.environ.get(MAX_LENGTH_ENV, "").strip() or None
    parts = {"code": _code_digest(), "pipeline": _pipeline_id(model, extractor),
             "gazetteer": bool(gazetteer), "deal_model": _deal_model_id(extractor),
             "company_model": _learned_id(extractor, "extractor_companies"),
             "max_length": None if max_length in (None, 1_000_000) else int(max_length),
             "options": options or {}}
    data = json.dumps(parts, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()[:32]


# --- the store -----------------------------------------------------------------------------------

def _encode(record: ArticleRecord) -> bytes:
    return zlib.compress(json.dumps(record.to_dict(), ensure_ascii=True).encode("ascii"), 6)


def _decode(blob: bytes) -> ArticleRecord:
    return ArticleRecord.from_dict(json.loads(zlib.decompress(blob)))


_SQLITE_MAGIC = b"SQLite format 3\x00"


class Store:
    """An SQLite file of records keyed by article content and pipeline fingerprint.

    ``Store(path)`` opens the file, creating it (and its tables) when it does not exist or is
    empty. A file that is not an extractor store, is corrupt or has another schema version is a
    :class:`StoreError` naming it. Use as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: Union[str, os.PathLike], *, timeout: float = 30.0):
        self.path = Path(path)
        self.stats = RunStats()
        self._pending: list[tuple[str, tuple]] = []
        self._batch = 0
        self._run: tuple[int, str] = (0, "")
        self._last_commit = time.monotonic()
        self._check_file()
        try:
            self._db = sqlite3.connect(os.fspath(self.path), timeout=timeout,
                                       isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(self.path, f"cannot open the store: {exc}") from None
        try:
            self._prepare()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(self.path, f"corrupt store ({exc})") from None
        except StoreError:
            self._db.close()
            raise

    # -- opening ---------------------------------------------------------------------------------
    def _check_file(self) -> None:
        if self.path.is_dir():
            raise StoreError(self.path, "is a folder, not a store file")
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise StoreError(self.path, f"no such folder {folder}")
        try:
            with open(self.path, "rb") as handle:
                head = handle.read(len(_SQLITE_MAGIC))
        except FileNotFoundError:
            return
        except OSError as exc:
            raise StoreError(self.path, f"cannot read the store: {exc.strerror or exc}") from None
        if head and head != _SQLITE_MAGIC:
            raise StoreError(self.path, "not an extractor store (not an SQLite database)")

    def _prepare(self) -> None:
        db = self._db
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master "
                                               "WHERE type = 'table'")}
        if not tables and app_id == 0:
            self._create()
            return
        if app_id != APPLICATION_ID or "meta" not in tables:
            raise StoreError(self.path, "not an extractor store (an SQLite database of "
                             "something else)")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise StoreError(self.path, f"store schema version {version}, this extractor reads "
                             f"version {SCHEMA_VERSION}: use a new store file")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise StoreError(self.path, f"corrupt store ({check})")

    def _create(self) -> None:
        from . import __version__

        with self._transaction():
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._db.execute(statement)
            self._db.executemany("INSERT INTO meta VALUES (?, ?)",
                                 [("application", "extractor store"),
                                  ("schema_version", str(SCHEMA_VERSION)),
                                  ("created_by", f"extractor {__version__}")])
            self._db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _transaction(self):
        return _Transaction(self)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- reading ---------------------------------------------------------------------------------
    def get(self, fingerprint: str, key: str) -> Optional[ArticleRecord]:
        """The record stored for ``key`` under ``fingerprint``, or ``None``."""
        row = self._query("SELECT record FROM records WHERE fingerprint = ? AND key = ?",
                          (fingerprint, key)).fetchone()
        return _decode(row[0]) if row else None

    def count(self, fingerprint: Optional[str] = None) -> int:
        """Records in the store (of ``fingerprint`` only, when given)."""
        if fingerprint is None:
            return self._query("SELECT COUNT(*) FROM records").fetchone()[0]
        return self._query("SELECT COUNT(*) FROM records WHERE fingerprint = ?",
                           (fingerprint,)).fetchone()[0]

    def latest_run(self) -> Optional[StoredRun]:
        """The latest run that finished, or ``None`` when none did."""
        row = self._query("SELECT id, fingerprint, gazetteer, from_store, extracted FROM runs "
                          "WHERE finished IS NOT NULL ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return None
        n = self._query("SELECT COUNT(*) FROM run_articles WHERE run = ?", (row[0],)).fetchone()[0]
        return StoredRun(row[0], row[1], bool(row[2]), n, row[3], row[4])

    def records(self, run: Optional[StoredRun] = None) -> Iterator[ArticleRecord]:
        """The records of ``run`` (default: the latest finished run), in its input order, with
        the ids that run gave them (duplicates renamed ``id#2``, ... as in the run)."""
        from .runner import UniqueIds

        run = run or self.latest_run()
        if run is None:
            return
        rows = self._query("SELECT a.id, a.path, r.record FROM run_articles a "
                           "LEFT JOIN records r ON r.fingerprint = ? AND r.key = a.key "
                           "WHERE a.run = ? ORDER BY a.position", (run.fingerprint, run.id))

        def stored() -> Iterator[ArticleRecord]:
            for ident, path, blob in rows:
                if blob is None:
                    raise StoreError(self.path, f"corrupt store (the record of {ident!r} of "
                                     f"run {run.id} is missing)")
                record = _decode(blob)
                record.id, record.path = ident, path
                yield record

        yield from UniqueIds(lambda message: None)(stored())

    def _query(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        try:
            return self._db.execute(sql, args)
        except sqlite3.DatabaseError as exc:
            raise StoreError(self.path, f"corrupt store ({exc})") from None

    # -- an incremental run ----------------------------------------------------------------------
    def run(self, items: Iterable[Union[Article, ReadError]],
            process: Callable[[Iterable[Union[Article, ReadError]]], Iterable[Result]],
            fingerprint: str, *, gazetteer: bool = True) -> Iterator[Result]:
        """Results for ``items`` in input order: stored records for the articles the store
        has under ``fingerprint``, ``process(articles)`` (the pipeline) for the others.

        ``process`` is started at the first article the store does not have and is given
        those articles lazily; it must yield one result per article, in order. Records it
        gives are stored in batches; the run's article list is kept for :meth:`records`.
        :attr:`stats` counts what came from where.
        """
        from collections import deque

        self.stats = RunStats()
        self._begin_run(fingerprint, gazetteer)
        reader = iter(items)
        slots: deque = deque()  # (result or _PENDING, key, extract?) in input order
        todo: deque = deque()  # articles for the pipeline, not yet handed to it
        position = 0
        pipeline: Optional[Iterator[Result]] = None

        def classify(item: Union[Article, ReadError]) -> None:
            if not isinstance(item, Article):
                slots.append((item, None, False))
                return
            key = article_key(item)
            record = self.get(fingerprint, key)
            if record is None:
                slots.append((_PENDING, key, True))
                todo.append(item)
            else:
                record.id, record.path, record.date = item.id, item.path, item.date
                slots.append((record, key, False))

        def feed() -> Iterator[Union[Article, ReadError]]:
            """The pipeline's input: reads on while it asks for more than is waiting."""
            while True:
                while todo:
                    yield todo.popleft()
                item = next(reader, _END)
                if item is _END:
                    return
                classify(item)

        finished = False
        try:
            while True:
                if not slots:  # nothing waiting: read the next item here
                    item = next(reader, _END)
                    if item is _END:
                        break
                    classify(item)
                    continue
                result, key, extract = slots.popleft()
                if extract:
                    if pipeline is None:
                        pipeline = iter(process(feed()))
                    result = next(pipeline)
                    self.stats.extracted += 1
                if isinstance(result, ArticleRecord):
                    self._add(position, key, result, extract)
                    position += 1
                    self.stats.from_store += not extract
                yield result
            if pipeline is not None:  # let the pipeline end (a worker pool shuts down)
                for extra in pipeline:
                    raise RuntimeError(f"the pipeline gave more results than articles: {extra}")
            if position:  # a run with no record at all leaves the latest run as it was
                self._finish_run()
            finished = True
        finally:
            if pipeline is not None and hasattr(pipeline, "close"):
                pipeline.close()
            if not finished:
                self._flush(force=True)  # keep what was extracted before the interruption

    def _begin_run(self, fingerprint: str, gazetteer: bool) -> int:
        with self._transaction():
            cursor = self._db.execute("INSERT INTO runs (fingerprint, gazetteer, started) "
                                      "VALUES (?, ?, ?)", (fingerprint, int(gazetteer),
                                                            time.time()))
        self._last_commit = time.monotonic()
        self._run = (int(cursor.lastrowid), fingerprint)
        self._batch = 0
        return self._run[0]

    def _add(self, position: int, key: str, record: ArticleRecord, extracted: bool) -> None:
        run_id, fingerprint = self._run
        if extracted:  # encoded now: later steps rename duplicate ids in place
            self._pending.append(("INSERT OR REPLACE INTO records VALUES (?, ?, ?)",
                                  (fingerprint, key, _encode(record))))
        self._pending.append(("INSERT INTO run_articles VALUES (?, ?, ?, ?, ?)",
                              (run_id, position, key, record.id, record.path)))
        self._batch += 1
        self._flush()

    def _flush(self, force: bool = False) -> None:
        """Commit the pending writes as one transaction (every :data:`BATCH` results, or
        :data:`BATCH_SECONDS`, or when ``force``)."""
        if not self._pending:
            return
        if (not force and self._batch < BATCH
                and time.monotonic() - self._last_commit < BATCH_SECONDS):
            return
        pending, self._pending, self._batch = self._pending, [], 0
        with self._transaction():
            for sql, args in pending:
                self._db.execute(sql, args)
        self._last_commit = time.monotonic()

    def _finish_run(self) -> None:
        """Commit the rest, mark the run finished, drop older article lists and the records of
        other fingerprints: all in one transaction."""
        run_id, fingerprint = self._run
        pending, self._pending, self._batch = self._pending, [], 0
        with self._transaction():
            for sql, args in pending:
                self._db.execute(sql, args)
            self._db.execute("UPDATE runs SET finished = ?, from_store = ?, extracted = ? "
                             "WHERE id = ?", (time.time(), self.stats.from_store,
                                              self.stats.extracted, run_id))
            self._db.execute("DELETE FROM run_articles WHERE run < ?", (run_id,))
            self._db.execute("DELETE FROM runs WHERE id < ?", (run_id,))
            self._db.execute("DELETE FROM records WHERE fingerprint != ?", (fingerprint,))


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on any exception, Ctrl-C included);
    SQLite errors become :class:`StoreError`."""

    def __init__(self, store: Store):
        self.store = store

    def __enter__(self) -> None:
        try:
            self.store._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(self.store.path, f"cannot write the store: {exc}") from None

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        db = self.store._db
        if exc_type is None:
            try:
                db.execute("COMMIT")
                return False
            except sqlite3.Error as error:
                exc = error
        try:
            db.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError):
            raise StoreError(self.store.path, f"corrupt store ({exc})") from None
        if isinstance(exc, sqlite3.Error):
            raise StoreError(self.store.path, f"cannot write the store: {exc}") from None
        return False


_PENDING = object()
_END = object()


# --- outputs from the store ----------------------------------------------------------------------

def rebuild(store: Store, output: Optional[Union[str, os.PathLike]] = None,
            records: Optional[Union[str, os.PathLike]] = None,
            select: Optional[Callable] = None) -> tuple[Any, int]:
    """Write the graph (``output``) and the records (``records``, JSON Lines) of the
    store's latest finished run, without the pipeline: the same files that run wrote.

    Both files change together or not at all. ``select`` (graph -> graph) may filter the graph.
    Returns ``(graph, number of records)``; a :class:`StoreError` when no run finished.
    """
    import contextlib

    from .export import JsonlWriter, OutputGroup, write_graph
    from .graph import GraphBuilder

    run = store.latest_run()
    if run is None:
        raise StoreError(store.path, "no finished run in this store yet: run "
                         f"'extract PATH... --store {store.path}' first")
    builder = GraphBuilder(None if run.gazetteer else {})
    n = 0
    with OutputGroup(), contextlib.ExitStack() as stack:
        writer = stack.enter_context(JsonlWriter(records)) if records else None
        for record in store.records(run):
            builder.add(record)
            if writer:
                writer.write(record)
            n += 1
        graph = select(builder.graph) if select else builder.graph
        if output is not None:
            write_graph(graph, output)
    return graph, n
