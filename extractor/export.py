"""Writers: GraphML (scalar-only, XML-safe), JSON Lines; every file written atomically."""
from __future__ import annotations

import contextlib
import json
import math
import os
import re
import tempfile
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Union

import networkx as nx

from .records import ArticleRecord

__all__ = ["atomic_write", "write_graphml", "write_jsonl", "JsonlWriter", "graphml_safe",
           "xml_safe"]

PathLike = Union[str, os.PathLike]
# Characters XML 1.0 forbids, plus surrogates and non-characters.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


@contextlib.contextmanager
def atomic_write(path: PathLike, mode: str = "w", **kwargs: Any) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    On any exception (``KeyboardInterrupt`` included) the temporary file is removed and a
    previous ``path`` is left untouched.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        with os.fdopen(fd, mode, **kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML 1.0 parser rejects."""
    return _XML_ILLEGAL.sub("", text)


def _scalar(value: Any) -> Any:
    """A GraphML-storable scalar, or ``None`` to drop the attribute."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return None if math.isnan(value) else float(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return xml_safe(";".join(str(v) for v in value if v is not None))
    if isinstance(value, dict):
        return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True))
    return xml_safe(str(value))


def graphml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` that every GraphML client reads.

    Only scalar attributes (lists joined with ``;``, ``None`` dropped, numpy scalars converted),
    text made XML-safe, and one type per attribute name: an attribute that is int in one place and
    float in another becomes float everywhere.
    """
    out = graph.__class__()
    out.graph.update({k: v for k, v in ((k, _scalar(v)) for k, v in graph.graph.items())
                      if v is not None})
    for node, data in graph.nodes(data=True):
        out.add_node(xml_safe(str(node)), **{k: v for k, v in
                                              ((k, _scalar(v)) for k, v in data.items())
                                              if v is not None})
    for a, b, data in graph.edges(data=True):
        out.add_edge(xml_safe(str(a)), xml_safe(str(b)),
                     **{k: v for k, v in ((k, _scalar(v)) for k, v in data.items())
                        if v is not None})
    for items in (out.nodes(data=True), out.edges(data=True)):
        _unify_types([d for *_, d in items])
    return out


def _unify_types(dicts: list[dict]) -> None:
    types: dict[str, set] = {}
    for d in dicts:
        for k, v in d.items():
            types.setdefault(k, set()).add(type(v))
    for k, seen in types.items():
        if len(seen) == 1:
            continue
        target = float if seen <= {int, float} else str
        for d in dicts:
            if k in d:
                d[k] = target(d[k])


def write_graphml(graph: nx.Graph, path: PathLike) -> None:
    """Write ``graph`` as GraphML (with XML declaration), atomically."""
    safe = graphml_safe(graph)
    with atomic_write(path, "wb") as handle:
        nx.write_graphml(safe, handle, encoding="utf-8", prettyprint=True)


class JsonlWriter:
    """Stream records to a JSON Lines file that appears only when complete (atomic)."""

    def __init__(self, path: PathLike):
        self.path = path
        self._ctx = atomic_write(path, "w", encoding="utf-8")
        self._handle: IO | None = None

    def __enter__(self) -> "JsonlWriter":
        self._handle = self._ctx.__enter__()
        return self

    def write(self, record: Union[ArticleRecord, dict]) -> None:
        data = record.to_dict() if isinstance(record, ArticleRecord) else record
        self._handle.write(json.dumps(data, ensure_ascii=False) + "\n")

    def __exit__(self, *exc: Any) -> bool:
        return bool(self._ctx.__exit__(*exc))


def write_jsonl(records: Iterable[Union[ArticleRecord, dict]], path: PathLike) -> None:
    """Write records as JSON Lines, one object per article, atomically."""
    with JsonlWriter(path) as writer:
        for record in records:
            writer.write(record)
