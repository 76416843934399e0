"""The library entry point: :func:`extract` over paths, articles or texts."""
from __future__ import annotations

import os
import signal
import sys
from collections import deque


def _quiet_exit_while_starting() -> None:
    """For ``extract PATH...`` only: SIGINT or SIGTERM while it is still importing exits 130
    with one line instead of a traceback (``extractor.cli.run_command`` takes over once it
    runs). This module is the first of the package that Python executes, hence here; a library
    user's own signal handling is left alone (the program must be named ``extract``), and so
    is that of the other subcommands.
    """
    if os.path.basename(sys.argv[0] if sys.argv else "") not in ("extract", "extract.exe"):
        return
    if sys.argv[1:2] and sys.argv[1] in ("evaluate", "train", "show"):
        return
    mp = sys.modules.get("multiprocessing")  # already imported in a spawned worker
    if mp is not None and mp.parent_process() is not None:
        return  # a worker process of the command (e.g. Dask's): its own signals

    def handler(signum: int, frame: object) -> None:
        os.write(2, b"extract: interrupted while starting; no output written\n")
        os._exit(130)

    try:
        for signum in (signal.SIGINT, signal.SIGTERM):
            if signal.getsignal(signum) in (signal.SIG_DFL, signal.default_int_handler):
                signal.signal(signum, handler)
    except ValueError:  # not the main thread
        pass


_quiet_exit_while_starting()

# The imports below come after the call above on purpose: they take most of the start-up time.
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable, Iterable, Iterator, Optional, Union

import networkx as nx

from .corpus import Article, ReadError
from .export import write_graphml, write_jsonl
from .graph import GraphBuilder
from .pipeline import DEFAULT_MODEL
from .records import ArticleRecord
from .runner import Extractor, Result, UniqueIds, articles_from
from .session import Input, RunSession, StoreArg, TextInput

__all__ = ["extract", "iter_results", "ExtractionResult", "articles_from"]


def iter_results(inputs: Iterable[Input] = (), *, texts: Iterable[TextInput] = (),
                 model: str = DEFAULT_MODEL, gazetteer: bool = True, jobs: int = 1,
                 dask: Optional[str] = None, extractor: Optional[Extractor] = None,
                 on_duplicate: Optional[Callable[[str], None]] = None,
                 store: StoreArg = None) -> Iterator[Result]:
    """Records and read errors, in input order, as they are produced (one
    :class:`~extractor.session.RunSession`, as the CLI runs).

    Record ids are unique within the run (:class:`~extractor.runner.UniqueIds`): an id that
    several articles share becomes ``id#2``, ... on the later ones, and ``on_duplicate`` is
    called once per such id (default: a :class:`~extractor.runner.DuplicateIdWarning`).
    ``store`` (a file or an :class:`~extractor.store.Store`): see :func:`extract`.
    """
    with RunSession(inputs, texts=texts, model=model, gazetteer=gazetteer, jobs=jobs,
                    dask=dask, extractor=extractor, store=store,
                    on_duplicate=on_duplicate) as session:
        yield from session.start()


@dataclass
class ExtractionResult:
    """What :func:`extract` returns: records, read errors, and the merged graph."""

    records: list[ArticleRecord] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    gazetteer: bool = True
    #: Each record's article text as read, by record id: what every offset refers to.
    texts: dict[str, str] = field(default_factory=dict)

    def text(self, record: Union[ArticleRecord, str]) -> str:
        """The text of ``record`` (or of the record with this id) as read: every offset in the
        record slices it, e.g. ``text[m.start:m.end] == m.text`` for each mention ``m``."""
        key = record.id if isinstance(record, ArticleRecord) else record
        try:
            return self.texts[key]
        except KeyError:
            raise KeyError(f"no text for record {key!r}") from None

    @cached_property
    def graph(self) -> nx.Graph:
        """The carrier--partner graph over all records (networkx, scalar attributes)."""
        return GraphBuilder(None if self.gazetteer else {}).update(self.records).graph

    def write_graphml(self, path: Union[str, os.PathLike]) -> None:
        write_graphml(self.graph, path)

    def write_jsonl(self, path: Union[str, os.PathLike]) -> None:
        write_jsonl(self.records, path)

    def __iter__(self) -> Iterator[ArticleRecord]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)


def extract(*inputs: Input, texts: Iterable[TextInput] = (), model: str = DEFAULT_MODEL,
            gazetteer: bool = True, jobs: int = 1, dask: Optional[str] = None,
            extractor: Optional[Extractor] = None, store: StoreArg = None) -> ExtractionResult:
    """Extract companies, figures, dates and deals from articles.

    Parameters
    ----------
    *inputs : str, path or Article
        Files or folders (read as the CLI reads them) or :class:`Article` objects.
    texts : iterable of str or dict
        Raw article texts, or dicts with ``text`` and optional ``id``, ``title``, ``date``.
    model : str
        Installed spaCy pipeline to use.
    gazetteer : bool
        ``False`` turns off every list of names.
    jobs : int
        Worker processes.
    dask : str, optional
        Dask scheduler address, or ``"local"`` for a ``LocalCluster``.
    extractor : Extractor, optional
        A loaded :class:`~extractor.runner.Extractor` to reuse across calls.
    store : str, path or Store, optional
        SQLite file (created if missing) or open :class:`~extractor.store.Store` that keeps
        each article's record: only the articles it does not have under this pipeline's
        fingerprint go through the pipeline (not with ``dask``). Its ``stats`` count them.

    Returns
    -------
    ExtractionResult

    Examples
    --------
    >>> result = extract(texts=["Vodafone signed a deal with Apple."])  # doctest: +SKIP
    >>> result.records[0].relations  # doctest: +SKIP
    """
    result = ExtractionResult(gazetteer=gazetteer)
    with RunSession(inputs, texts=texts, model=model, gazetteer=gazetteer, jobs=jobs,
                    dask=dask, extractor=extractor, store=store) as session:
        for item, out in session.pairs():
            if isinstance(out, ReadError):
                result.errors.append(out)
                continue
            result.records.append(out)
            if isinstance(item, Article):
                result.texts[out.id] = item.text
    if dask:
        result.texts = _texts_read_again(inputs, texts, result.records, session.unique)
    return result


def _texts_read_again(inputs: Iterable[Input], texts: Iterable[TextInput],
                      records: list[ArticleRecord], unique: UniqueIds) -> dict[str, str]:
    """The texts of a Dask run's records, read again here the way the workers read them.

    Articles are matched to records by their original id, in order (a failed article that
    shares its id with others can shift that match).
    """
    by_id: dict[str, deque] = {}
    for item in articles_from(inputs, texts):
        if isinstance(item, Article):
            by_id.setdefault(item.id, deque()).append(item.text)
    found: dict[str, str] = {}
    for record in records:
        queue = by_id.get(unique.origin.get(record.id, record.id))
        if queue:
            found[record.id] = queue.popleft()
    return found
