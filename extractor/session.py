"""One run of the extractor -- reading, the pipeline, records, graph and output files -- wired once.

:class:`RunSession` is a context manager that owns the pieces of one run on a
:class:`contextlib.ExitStack`: the optional :class:`~extractor.store.Store`, the stream of
results (reader -> store -> pipeline, worker pool (``jobs``) or Dask -> unique ids), the graph
builder, the records writer and the output files, which change together or not at all (an
:class:`~extractor.export.OutputGroup`). Leaving it ends the workers, then keeps (no exception)
or discards (an exception) the outputs, then closes the store.

:func:`extractor.api.extract`, :func:`extractor.api.iter_results` and the ``extract PATH...``
command all run through it; with ``dask`` the work goes to
:func:`extractor.distributed.run_dask`, whose workers read the files themselves::

    with RunSession(["corpus/"], records="records.jsonl", graph=True) as session:
        for result in session.start():
            if isinstance(result, ArticleRecord):
                session.add(result)
        session.write(session.graph, "graph.graphml")

Errors are the library's own (:class:`~extractor.errors.UsageError`,
:class:`~extractor.store.StoreError`, :class:`~extractor.export.OutputError`, ...): no click here.
"""
from __future__ import annotations

import contextlib
import os
from collections import deque
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from .corpus import Article, ReadError
from .errors import UsageError
from .pipeline import DEFAULT_MODEL
from .records import ArticleRecord
from .runner import Extractor, Result, UniqueIds, articles_from, run

__all__ = ["RunSession"]

PathArg = Union[str, "os.PathLike[str]"]
Input = Union[PathArg, Article]
TextInput = Union[str, Mapping[str, Any]]
StoreArg = Union[None, PathArg, Any]  # a file name or an open extractor.store.Store
Pair = tuple[Optional[Union[Article, ReadError]], Result]


class RunSession:
    """The pieces of one run, opened on entry and closed together on exit.

    Parameters are those of :func:`extractor.api.extract`, and for the files a run writes:

    records : path, optional
        JSON Lines file that :meth:`add` writes each record to (atomically, at the end).
    graph : bool
        Build the graph of the records given to :meth:`add` (:attr:`graph`), and make the
        files of :meth:`write` and ``records`` change together or not at all.
    on_duplicate : callable, optional
        Called once per id that several articles share (default: a
        :class:`~extractor.runner.DuplicateIdWarning`).
    """

    def __init__(self, inputs: Iterable[Input] = (), *, texts: Iterable[TextInput] = (),
                 model: str = DEFAULT_MODEL, gazetteer: bool = True, jobs: int = 1,
                 dask: Optional[Any] = None, extractor: Optional[Extractor] = None,
                 store: StoreArg = None, on_duplicate: Optional[Callable[[str], None]] = None,
                 records: Optional[PathArg] = None, graph: bool = False):
        if dask and store is not None:
            raise UsageError("a store cannot be used with Dask")
        self.inputs, self.texts = inputs, texts
        self.model, self.gazetteer, self.jobs, self.dask = model, gazetteer, jobs, dask
        self.extractor = extractor
        self.unique = UniqueIds(on_duplicate)
        self.records_path = records
        self.builds_graph = graph
        self.store: Any = None  # the open Store, once entered
        self.builder: Any = None  # the GraphBuilder, with graph=True
        self.writer: Any = None  # the JsonlWriter of records, once started
        self._store_arg = store
        self._stack: Optional[contextlib.ExitStack] = None
        self._started = False

    # -- the pieces, opened and closed -------------------------------------------------------
    def __enter__(self) -> "RunSession":
        with contextlib.ExitStack() as stack:
            self.store = stack.enter_context(_opened(self._store_arg))
            if self.builds_graph:
                from .graph import GraphBuilder

                self.builder = GraphBuilder(None if self.gazetteer else {})
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc: Any) -> bool:
        stack, self._stack = self._stack, None
        return bool(stack is not None and stack.__exit__(*exc))

    def _open_outputs(self) -> None:
        """The output group and the records writer (opened when the run starts, so that
        nothing is written for a run that fails its checks)."""
        from .export import JsonlWriter, OutputGroup

        if self.records_path is not None or self.builds_graph:
            self._stack.enter_context(OutputGroup())
        if self.records_path is not None:
            self.writer = self._stack.enter_context(JsonlWriter(self.records_path))

    # -- the run -------------------------------------------------------------------------------
    def start(self, extractor: Optional[Extractor] = None) -> Iterator[Result]:
        """Open the outputs; the results in input order, lazily (see :meth:`pairs`)."""
        return (result for _, result in self.pairs(extractor))

    def pairs(self, extractor: Optional[Extractor] = None) -> Iterator[Pair]:
        """Open the outputs; ``(item, result)`` pairs in input order, lazily: the article each
        result comes from (``None`` on Dask, where the workers read the articles), record ids
        made unique within the run. ``extractor`` (default: the session's) is a loaded
        pipeline to use. The stream is closed with the session (ending its workers)."""
        if self._stack is None:
            raise RuntimeError("a RunSession runs inside 'with RunSession(...) as session:'")
        if self._started:
            raise RuntimeError("a RunSession runs once")
        self._started = True
        self._open_outputs()
        stream = self._pairs(extractor or self.extractor)
        self._stack.callback(stream.close)
        return stream

    def _pairs(self, extractor: Optional[Extractor]) -> Iterator[Pair]:
        if self.dask:  # workers read the files themselves: send paths, not texts
            from .distributed import run_dask

            results = run_dask(self.inputs, texts=self.texts, address=self.dask,
                               model=self.model, gazetteer=self.gazetteer)
            for result in self.unique(results):
                yield None, result
            return
        in_flight: deque = deque()  # items read but whose result has not come back yet

        def remembered() -> Iterator[Union[Article, ReadError]]:
            for item in articles_from(self.inputs, self.texts):
                in_flight.append(item)
                yield item

        def pipeline(items: Iterable[Union[Article, ReadError]]) -> Iterator[Result]:
            return run(items, model=self.model, gazetteer=self.gazetteer, jobs=self.jobs,
                       extractor=extractor)

        if self.store is None:
            results = pipeline(remembered())
        else:
            from .store import fingerprint

            # the pipeline is loaded only once an article is not in the store
            results = self.store.run(remembered(), pipeline, fingerprint(
                self.model, gazetteer=self.gazetteer, extractor=extractor),
                gazetteer=self.gazetteer)
        for result in self.unique(results):  # one result per item, in order
            yield in_flight.popleft(), result

    # -- records, graph, files -----------------------------------------------------------------
    def add(self, record: ArticleRecord) -> None:
        """Add ``record`` to the graph (with ``graph=True``) and to the records file."""
        if self.builder is not None:
            self.builder.add(record)
        if self.writer is not None:
            self.writer.write(record)

    @property
    def graph(self) -> Any:
        """The graph of the records added so far (``graph=True``)."""
        if self.builder is None:
            raise RuntimeError("the session builds no graph: RunSession(..., graph=True)")
        return self.builder.graph

    def write(self, graph: Any, output: Optional[PathArg] = None, *,
              tables: Optional[Mapping[str, PathArg]] = None, plot: Optional[PathArg] = None,
              html: Optional[PathArg] = None) -> None:
        """Write ``graph``: to ``output`` (format by its extension), to table folders
        (``{"csv": DIR, "neo4j": DIR}``), as a picture and as an HTML page; with the records,
        these files appear when the session ends without an exception."""
        from .export import naming, write_csv, write_graph, write_neo4j

        if output is not None:
            write_graph(graph, output)
        writers = {"csv": write_csv, "neo4j": write_neo4j}
        for name, folder in (tables or {}).items():
            writers[name](graph, folder)
        if plot:
            from .plot import plot_graph

            with naming(plot):
                plot_graph(graph, plot)
        if html:
            from .explore import write_html

            write_html(graph, html)


def _opened(store: StoreArg) -> Any:
    """A context giving the :class:`~extractor.store.Store` for ``store`` (opened here and
    closed at the end when a file name is given), or ``None``."""
    if store is None:
        return contextlib.nullcontext()
    from .store import Store

    return contextlib.nullcontext(store) if isinstance(store, Store) else Store(store)
