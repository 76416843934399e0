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
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

import networkx as nx

from .corpus import Article, ReadError, article_from_text, read_paths
from .export import write_graphml, write_jsonl
from .graph import GraphBuilder
from .pipeline import DEFAULT_MODEL
from .records import ArticleRecord
from .runner import Extractor, Result, UniqueIds, run

__all__ = ["extract", "iter_results", "ExtractionResult", "articles_from"]

Input = Union[str, "os.PathLike[str]", Article]
TextInput = Union[str, Mapping[str, Any]]
StoreArg = Union[None, str, "os.PathLike[str]", Any]  # a file name or an extractor.store.Store


def articles_from(inputs: Iterable[Input] = (), texts: Iterable[TextInput] = ()
                  ) -> Iterator[Union[Article, ReadError]]:
    """Articles (or read errors) from paths, :class:`Article` objects and raw texts, lazily."""
    for item in inputs:
        if isinstance(item, Article):
            yield item
        else:
            yield from read_paths([item])
    for number, item in enumerate(texts, start=1):
        if isinstance(item, str):
            yield article_from_text(item, id=f"text-{number}")
        elif isinstance(item, Mapping) and isinstance(item.get("text"), str):
            yield article_from_text(item["text"], id=str(item.get("id") or f"text-{number}"),
                                    title=item.get("title"), date=item.get("date"))
        else:
            yield ReadError(f"text-{number}", "expected a string or a mapping with a 'text' "
                            f"string, got {type(item).__name__}")


def iter_results(inputs: Iterable[Input] = (), *, texts: Iterable[TextInput] = (),
                 model: str = DEFAULT_MODEL, gazetteer: bool = True, jobs: int = 1,
                 dask: Optional[str] = None, extractor: Optional[Extractor] = None,
                 on_duplicate: Optional[Callable[[str], None]] = None,
                 store: StoreArg = None) -> Iterator[Result]:
    """Records and read errors, in input order, as they are produced (the CLI's code path).

    Record ids are unique within the run (:class:`~extractor.runner.UniqueIds`): an id that
    several articles share becomes ``id#2``, ... on the later ones, and ``on_duplicate`` is
    called once per such id (default: a :class:`~extractor.runner.DuplicateIdWarning`).
    ``store`` (a file or an :class:`~extractor.store.Store`): see :func:`extract`.
    """
    unique = UniqueIds(on_duplicate)
    with _opened(store) as opened:
        for _, result in _iter_pairs(inputs, texts, unique, model=model, gazetteer=gazetteer,
                                     jobs=jobs, dask=dask, extractor=extractor, store=opened):
            yield result


def _opened(store: StoreArg):
    """A context giving the :class:`~extractor.store.Store` for ``store`` (opened here and
    closed at the end when a file name is given), or ``None``."""
    import contextlib

    if store is None:
        return contextlib.nullcontext()
    from .store import Store

    return contextlib.nullcontext(store) if isinstance(store, Store) else Store(store)


def _iter_pairs(inputs: Iterable[Input], texts: Iterable[TextInput], unique: UniqueIds, *,
                model: str, gazetteer: bool, jobs: int, dask: Optional[str],
                extractor: Optional[Extractor], store: Any = None
                ) -> Iterator[tuple[Optional[Union[Article, ReadError]], Result]]:
    """``(item, result)`` pairs in input order: the article each result comes from (``None``
    on Dask, where the workers read the articles), ids made unique by ``unique``; with a
    ``store``, only the articles it does not have go through the pipeline."""
    if dask and store is not None:
        raise ValueError("a store cannot be used with Dask")
    if dask:  # workers read the files themselves: send paths, not texts
        from .distributed import run_dask

        results = run_dask(inputs, texts=texts, address=dask, model=model, gazetteer=gazetteer)
        for result in unique(results):
            yield None, result
        return
    in_flight: deque = deque()  # items read but whose result has not come back yet

    def remembered() -> Iterator[Union[Article, ReadError]]:
        for item in articles_from(inputs, texts):
            in_flight.append(item)
            yield item

    def pipeline(items: Iterable[Union[Article, ReadError]]) -> Iterator[Result]:
        return run(items, model=model, gazetteer=gazetteer, jobs=jobs, extractor=extractor)

    if store is None:
        results = pipeline(remembered())
    else:
        from .store import fingerprint

        # the pipeline is loaded only once an article is not in the store
        results = store.run(remembered(), pipeline, fingerprint(
            model, gazetteer=gazetteer, extractor=extractor), gazetteer=gazetteer)
    for result in unique(results):  # one result per item, in order
        yield in_flight.popleft(), result


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
    unique = UniqueIds()
    with _opened(store) as opened:
        for item, out in _iter_pairs(inputs, texts, unique, model=model, gazetteer=gazetteer,
                                     jobs=jobs, dask=dask, extractor=extractor, store=opened):
            if isinstance(out, ReadError):
                result.errors.append(out)
                continue
            result.records.append(out)
            if isinstance(item, Article):
                result.texts[out.id] = item.text
    if dask:
        result.texts = _texts_read_again(inputs, texts, result.records, unique)
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
