"""The library entry point: :func:`extract` over paths, articles or texts."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterable, Iterator, Mapping, Optional, Union

import networkx as nx

from .corpus import Article, ReadError, article_from_text, read_paths
from .export import write_graphml, write_jsonl
from .graph import GraphBuilder
from .pipeline import DEFAULT_MODEL
from .records import ArticleRecord
from .runner import Extractor, Result, run

__all__ = ["extract", "iter_results", "ExtractionResult", "articles_from"]

Input = Union[str, "os.PathLike[str]", Article]
TextInput = Union[str, Mapping[str, Any]]


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
                 dask: Optional[str] = None,
                 extractor: Optional[Extractor] = None) -> Iterator[Result]:
    """Records and read errors, in input order, as they are produced (the CLI's code path)."""
    if dask:  # workers read the files themselves: send paths, not texts
        from .distributed import run_dask

        yield from run_dask(inputs, texts=texts, address=dask, model=model, gazetteer=gazetteer)
        return
    items = articles_from(inputs, texts)
    yield from run(items, model=model, gazetteer=gazetteer, jobs=jobs, extractor=extractor)


@dataclass
class ExtractionResult:
    """What :func:`extract` returns: records, read errors, and the merged graph."""

    records: list[ArticleRecord] = field(default_factory=list)
    errors: list[ReadError] = field(default_factory=list)
    gazetteer: bool = True

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
            extractor: Optional[Extractor] = None) -> ExtractionResult:
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

    Returns
    -------
    ExtractionResult

    Examples
    --------
    >>> result = extract(texts=["Vodafone signed a deal with Apple."])  # doctest: +SKIP
    >>> result.records[0].relations  # doctest: +SKIP
    """
    result = ExtractionResult(gazetteer=gazetteer)
    for item in iter_results(inputs, texts=texts, model=model, gazetteer=gazetteer, jobs=jobs,
                             dask=dask, extractor=extractor):
        (result.errors if isinstance(item, ReadError) else result.records).append(item)
    return result
