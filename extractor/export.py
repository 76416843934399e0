"""Writers: the graph as GraphML (scalar-only, XML-safe), GEXF, Cytoscape.js JSON, CSV tables
and Neo4j import files; records as JSON Lines; every file written atomically.

Several outputs of one run change together or not at all (:class:`OutputGroup`); a full disk or
an I/O error is an :class:`OutputError` that names the output file.
"""
from __future__ import annotations

import contextlib
import csv
import errno
import json
import math
import os
import re
import stat
import tempfile
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, Optional, Union

import networkx as nx

from .records import ArticleRecord

__all__ = ["atomic_write", "write_graphml", "write_jsonl", "JsonlWriter", "graphml_safe",
           "xml_safe", "OutputError", "OutputGroup", "naming", "remove_stale_temps", "special_file",
           "GRAPH_FORMATS", "graph_format", "write_graph", "write_gexf", "write_cyjs",
           "cytoscape_json", "write_csv", "write_neo4j", "CSV_FILES", "NEO4J_FILES",
           "NEO4J_IMPORT"]

PathLike = Union[str, os.PathLike]
# Characters XML 1.0 forbids, plus surrogates and non-characters.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class OutputError(OSError):
    """An output file could not be written (disk full, I/O error, ...): names the file."""

    def __init__(self, path: PathLike, cause: OSError):
        self.path = os.fspath(path)
        self.cause = cause
        code = errno.errorcode.get(cause.errno or 0, "")
        reason = cause.strerror or str(cause) or type(cause).__name__
        super().__init__(cause.errno, f"cannot write {self.path}: {reason}"
                         + (f" ({code})" if code else ""))

    def __str__(self) -> str:
        return str(self.args[1])


@contextlib.contextmanager
def naming(path: PathLike) -> Iterator[None]:
    """Turn an ``OSError`` raised inside the block into an :class:`OutputError` for ``path``."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(path, exc) from exc


class OutputGroup:
    """Output files that change together or not at all.

    While the group is active (``with OutputGroup():``), :func:`atomic_write` leaves each
    finished temporary file where it is; leaving the block without an exception renames them
    all into place, an exception removes them all and leaves every previous file untouched.
    """

    _active: ContextVar[Optional["OutputGroup"]] = ContextVar("extractor_output_group",
                                                               default=None)

    def __init__(self) -> None:
        self.staged: list[tuple[str, Path]] = []  # (temporary file, target)
        self.made: list[Path] = []  # folders made for the outputs, removed again on discard
        self._token = None

    def __enter__(self) -> "OutputGroup":
        self._token = self._active.set(self)
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        self._active.reset(self._token)
        if exc_type is None:
            self.commit()
        else:
            self.discard()
        return False

    @classmethod
    def current(cls) -> Optional["OutputGroup"]:
        """The active group of this context, if any."""
        return cls._active.get()

    def stage(self, tmp: str, path: Path) -> None:
        """Remember a complete temporary file, renamed to ``path`` at :meth:`commit`."""
        self.staged.append((tmp, path))

    def commit(self) -> None:
        """Rename every staged file into place (all were complete before the first rename)."""
        staged, self.staged = self.staged, []
        try:
            while staged:
                tmp, path = staged[0]
                with naming(path):
                    os.replace(tmp, path)
                staged.pop(0)
        finally:
            _remove(tmp for tmp, _ in staged)

    def discard(self) -> None:
        """Remove every staged temporary file; the previous outputs stay as they were."""
        _remove(tmp for tmp, _ in self.staged)
        self.staged = []
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        self.made = []


def _remove(files: Iterable[str]) -> None:
    for name in files:
        with contextlib.suppress(OSError):
            os.unlink(name)


def _temp_prefix(path: Path) -> str:
    """Prefix of this process's temporary files for ``path`` (see :func:`remove_stale_temps`)."""
    return f".{path.name}.{os.getpid()}."


@contextlib.contextmanager
def atomic_write(path: PathLike, mode: str = "w", **kwargs: Any) -> Iterator[IO]:
    """Write to a temporary file beside ``path`` and rename it into place only on success.

    The temporary file is hidden and named ``.NAME.PID.XXXXXXXX.tmp``. On any exception
    (``KeyboardInterrupt`` included) it is removed and a previous ``path`` is left untouched.
    Inside an :class:`OutputGroup` the rename waits for the group. Errors of the file system
    (disk full, I/O error) while creating or finishing the file are :class:`OutputError`.
    A device or a pipe (``/dev/null``, a FIFO) is written directly: a rename would replace it.
    """
    path = Path(path)
    if special_file(path):
        with naming(path):
            handle = open(path, mode, **kwargs)
        with handle:
            yield handle
        return
    directory = path.parent if str(path.parent) else Path(".")
    with naming(path):
        fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=directory)
    try:
        with naming(path):
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual mode
        handle = os.fdopen(fd, mode, **kwargs)
        try:
            yield handle
            with naming(path):
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            with contextlib.suppress(OSError):
                handle.close()  # after a failed flush, close() may fail again: already reported
        group = OutputGroup.current()
        if group is not None:
            group.stage(tmp, path)
        else:
            with naming(path):
                os.replace(tmp, path)
    except BaseException:
        _remove([tmp])
        raise


def special_file(path: PathLike) -> bool:
    """Whether ``path`` is a character device or a pipe (``/dev/null``, ``/dev/stdout``, a
    FIFO): written in place, never renamed over."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _temp_name(target: str) -> "re.Pattern[str]":
    """The names of :func:`atomic_write`'s temporary files for an output named ``target``."""
    return re.compile(re.escape(f".{target}.") + r"(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.tmp")


def remove_stale_temps(*paths: Optional[PathLike]) -> list[Path]:
    """Remove the temporary files that killed runs left beside the output ``paths``.

    Only this tool's own files are touched: hidden ``.NAME.PID.XXXXXXXX.tmp`` (and the older
    ``.NAME.XXXXXXXX.tmp``) files of each output's name, whose process is no longer running.
    Returns the files removed.
    """
    removed: list[Path] = []
    for target in (Path(p) for p in paths if p is not None):
        folder = target.parent if str(target.parent) else Path(".")
        try:
            candidates = [e for e in os.scandir(folder) if e.name.startswith(f".{target.name}.")]
        except OSError:
            continue
        pattern = _temp_name(target.name)
        for entry in candidates:
            match = pattern.fullmatch(entry.name)
            if (match and entry.is_file(follow_symlinks=False)
                    and not _running(match["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _running(pid: Optional[str]) -> bool:
    """Whether process ``pid`` still runs (``None``, an old-style name: assumed not)."""
    if pid is None:
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML 1.0 parser rejects."""
    return _XML_ILLEGAL.sub("", text)


_INT64 = 2 ** 63 - 1


def _scalar(value: Any) -> Any:
    """A GraphML-storable scalar, or ``None`` to drop the attribute."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalars
        value = value.item()
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value) if abs(value) <= _INT64 else float(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return xml_safe(";".join(str(v) for v in items if v is not None))
    if isinstance(value, dict):
        return xml_safe(json.dumps(value, ensure_ascii=False, sort_keys=True, default=str))
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return xml_safe(str(value))


def _scalars(data: dict) -> dict:
    out = {}
    for key, value in data.items():
        value = _scalar(value)
        if value is not None:
            out[xml_safe(str(key))] = value
    return out


def graphml_safe(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` that every GraphML client reads.

    Only scalar attributes (lists joined with ``;``, dicts as JSON, ``None``, NaN and infinities
    dropped, numpy scalars converted), node ids and text made XML-safe, and one type per
    attribute name: an attribute that is int in one place and float in another becomes float
    everywhere (bool and int: int; anything else mixed: string). An attribute that some nodes
    (or edges) lack gets the empty value of its type ("" / 0 / 0.0 / false) on those, so every
    client reads the same table.
    """
    out = graph.__class__()
    out.graph.update(_scalars({k: v for k, v in graph.graph.items()
                               if k not in ("node_default", "edge_default")}))
    ids: dict = {}
    for node, data in graph.nodes(data=True):
        ident = base = xml_safe(str(node))
        n = 1
        while ident in out:  # two ids that differ only in removed characters stay two nodes
            n += 1
            ident = f"{base} ({n})"
        ids[node] = ident
        out.add_node(ident, **_scalars(data))
    for a, b, data in graph.edges(data=True):
        out.add_edge(ids[a], ids[b], **_scalars(data))
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
            target = next(iter(seen))
        elif seen <= {bool, int}:
            target = int
        elif seen <= {bool, int, float}:
            target = float
        else:
            target = str
        for d in dicts:
            if k in d:
                if type(d[k]) is not target:
                    d[k] = target(d[k])
            else:
                d[k] = target()


def write_graphml(graph: nx.Graph, path: PathLike) -> None:
    """Write ``graph`` as GraphML (with XML declaration), atomically."""
    safe = graphml_safe(graph)
    with atomic_write(path, "wb") as handle, naming(path):
        nx.write_graphml(safe, handle, encoding="utf-8", prettyprint=True)


# -- the other graph formats: GEXF, Cytoscape.js JSON, CSV tables, Neo4j import files ---------
# Every writer takes the same scalar table as GraphML (:func:`graphml_safe`).

def write_gexf(graph: nx.Graph, path: PathLike) -> None:
    """Write ``graph`` as GEXF 1.2 (Gephi), atomically. The node ``label`` is GEXF's label and
    the edge ``weight`` GEXF's edge weight (Gephi and networkx read it back as a float)."""
    safe = graphml_safe(graph)
    with atomic_write(path, "wb") as handle, naming(path):
        nx.write_gexf(safe, handle, encoding="utf-8", prettyprint=True)


def cytoscape_json(graph: nx.Graph) -> dict:
    """``graph`` as Cytoscape.js JSON (:func:`networkx.cytoscape_data`), the graph's own
    attributes as an object under ``data``, as Cytoscape desktop writes ``.cyjs`` files."""
    safe = graphml_safe(graph)
    data = nx.cytoscape_data(safe)
    data["data"] = dict(safe.graph)
    return {"format_version": "1.0", "generated_by": "extractor",
            "target_cytoscapejs_version": "~2.1", **data}


def write_cyjs(graph: nx.Graph, path: PathLike) -> None:
    """Write ``graph`` as Cytoscape.js JSON (``.cyjs``: Cytoscape desktop, Cytoscape.js),
    atomically."""
    text = json.dumps(cytoscape_json(graph), ensure_ascii=False, indent=1)
    with atomic_write(path, "w", encoding="utf-8") as handle, naming(path):
        handle.write(text + "\n")


# extension -> the name of its writer in this module (looked up at each call, so that a
# replaced writer, e.g. a test's, is the one used)
GRAPH_FORMATS = {".graphml": "write_graphml", ".gexf": "write_gexf", ".cyjs": "write_cyjs"}


def graph_format(path: PathLike) -> str:
    """The extension of ``path`` that chooses its graph format (``.graphml``, ``.gexf``,
    ``.cyjs``; case does not matter); a name without extension is GraphML, as it always was.

    Raises
    ------
    ValueError
        For any other extension, naming the known ones.
    """
    suffix = Path(path).suffix.lower() or ".graphml"
    if suffix not in GRAPH_FORMATS:
        raise ValueError(f"{os.fspath(path)}: unknown graph format {suffix!r}; the graph "
                         f"formats are {', '.join(GRAPH_FORMATS)}")
    return suffix


def write_graph(graph: nx.Graph, path: PathLike) -> None:
    """Write ``graph`` in the format the extension of ``path`` names (see
    :data:`GRAPH_FORMATS`), atomically."""
    globals()[GRAPH_FORMATS[graph_format(path)]](graph, path)


CSV_FILES = ("nodes.csv", "edges.csv")


def _csv_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _columns(rows: list[dict]) -> list[str]:
    """Every key of ``rows``, in the order they first appear."""
    return list(dict.fromkeys(k for row in rows for k in row))


def _write_csv_rows(path: Path, header: list[str], rows: Iterable[list]) -> None:
    with atomic_write(path, "w", encoding="utf-8", newline="") as handle, naming(path):
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([_csv_value(v) for v in row] for row in rows)


def _folder(folder: PathLike) -> Path:
    """``folder``, made if missing (its parent must exist); inside an :class:`OutputGroup`, a
    folder made here goes again when the group is discarded."""
    folder = Path(folder)
    with naming(folder):
        try:
            folder.mkdir()
        except FileExistsError:
            if not folder.is_dir():
                raise
        else:
            group = OutputGroup.current()
            if group is not None:
                group.made.append(folder)
    return folder


def write_csv(graph: nx.Graph, folder: PathLike) -> list[Path]:
    """Write ``folder/nodes.csv`` (``id`` and every node attribute) and ``folder/edges.csv``
    (``source``, ``target`` and every edge attribute): a header, one row per node or edge,
    UTF-8, RFC 4180 quoting. Returns the two files."""
    safe = graphml_safe(graph)
    folder = _folder(folder)
    nodes = [{**d, "id": n} for n, d in safe.nodes(data=True)]
    edges = [{**d, "source": a, "target": b} for a, b, d in safe.edges(data=True)]
    paths = [folder / name for name in CSV_FILES]
    for path, rows, first in zip(paths, (nodes, edges), (["id"], ["source", "target"])):
        header = first + [c for c in _columns(rows) if c not in first]
        _write_csv_rows(path, header, ([row.get(c, "") for c in header] for row in rows))
    return paths


# Neo4j: the CSV files of ``neo4j-admin database import full`` (Neo4j 5), run in the folder.
NEO4J_FILES = ("nodes.csv", "relationships.csv", "import.sh")
NEO4J_IMPORT = ("neo4j-admin database import full neo4j --nodes=nodes.csv "
                "--relationships=relationships.csv --multiline-fields=true")
# The graph's attributes that hold ";"-joined lists (see extractor.graph): Neo4j arrays, split
# at ";", the default --array-delimiter of neo4j-admin.
_NEO4J_ARRAYS = frozenset({"aliases", "kinds", "sources", "years"})
_INT32 = 2 ** 31 - 1
_INTEGER = re.compile(r"-?\d+")


def _neo4j_scalar_type(values: list) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int" if all(abs(v) <= _INT32 for v in values) else "long"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _neo4j_type(name: str, values: list) -> str:
    """The neo4j-admin header type of a column: ``int``, ``double``, ``string[]``, ..."""
    if name not in _NEO4J_ARRAYS or not all(isinstance(v, str) for v in values):
        return _neo4j_scalar_type(values)
    items = [item for v in values for item in v.split(";") if item]
    if items and all(_INTEGER.fullmatch(item) for item in items):
        return _neo4j_scalar_type([int(item) for item in items]) + "[]"
    return "string[]"


def _neo4j_header(columns: list[str], rows: list[dict]) -> list[str]:
    out = []
    for name in columns:
        kind = _neo4j_type(name, [row[name] for row in rows if name in row])
        out.append(name if kind == "string" else f"{name}:{kind}")
    return out


def _neo4j_name(text: str, default: str) -> str:
    """A label or relationship type: letters, digits and ``_`` (``joint venture`` ->
    ``JOINT_VENTURE`` for a type)."""
    return re.sub(r"\W+", "_", str(text)).strip("_") or default


def neo4j_labels(data: dict) -> str:
    """A node's labels: ``Company``, and its role when it has one (``Company;Carrier``)."""
    role = _neo4j_name(data.get("role", ""), "").lower()
    return "Company" if role in ("", "company") else f"Company;{role.capitalize()}"


def write_neo4j(graph: nx.Graph, folder: PathLike) -> list[Path]:
    """Write ``folder/nodes.csv``, ``folder/relationships.csv`` (neo4j-admin's typed headers:
    ``id:ID``, ``mentions:int``, ``aliases:string[]``, ``:LABEL``; ``:START_ID``, ``:END_ID``,
    ``:TYPE`` = the edge's ``kind`` in capitals, ``weight:int``, ``years:int[]``) and
    ``folder/import.sh`` with the :data:`NEO4J_IMPORT` command. Returns the three files."""
    safe = graphml_safe(graph)
    folder = _folder(folder)
    nodes = [dict(d) for _, d in safe.nodes(data=True)]
    edges = [dict(d) for *_, d in safe.edges(data=True)]
    node_columns = [c for c in _columns(nodes) if c != "id"]
    edge_columns = _columns(edges)
    paths = [folder / name for name in NEO4J_FILES]
    _write_csv_rows(paths[0], ["id:ID", *_neo4j_header(node_columns, nodes), ":LABEL"],
                    ([n, *(d.get(c, "") for c in node_columns), neo4j_labels(d)]
                     for n, d in safe.nodes(data=True)))
    _write_csv_rows(paths[1], [":START_ID", ":END_ID", ":TYPE",
                               *_neo4j_header(edge_columns, edges)],
                    ([a, b, _neo4j_name(d.get("kind", ""), "DEAL").upper(),
                      *(d.get(c, "") for c in edge_columns)]
                     for a, b, d in safe.edges(data=True)))
    with atomic_write(paths[2], "w", encoding="utf-8") as handle, naming(paths[2]):
        handle.write(_NEO4J_SCRIPT.format(command=NEO4J_IMPORT))
        os.fchmod(handle.fileno(), 0o777 & ~_umask())
    return paths


_NEO4J_SCRIPT = """\
#!/bin/sh
# Import nodes.csv and relationships.csv (written by extractor) into a new Neo4j 5 database.
# neo4j-admin must be on PATH (or run this line from $NEO4J_HOME as bin/neo4j-admin, with the
# file paths of this folder); the database ("neo4j" here: write another name in its place) must
# not exist yet or be stopped and empty. Edges are undirected deals: their direction means
# nothing, query them with (a)-[r]-(b).
set -e
cd "$(dirname "$0")"
{command}
"""


class JsonlWriter:
    """Stream records to a JSON Lines file that appears only when complete (atomic)."""

    def __init__(self, path: PathLike):
        self.path = path
        # errors="replace": a lone surrogate from a badly decoded input becomes "?" (one
        # character, so offsets still hold) instead of failing the whole file.
        self._ctx = atomic_write(path, "w", encoding="utf-8", errors="replace")
        self._handle: IO | None = None

    def __enter__(self) -> "JsonlWriter":
        self._handle = self._ctx.__enter__()
        return self

    def write(self, record: Union[ArticleRecord, dict]) -> None:
        data = record.to_dict() if isinstance(record, ArticleRecord) else record
        try:
            line = json.dumps(data, ensure_ascii=False, allow_nan=False)
        except ValueError:  # NaN or infinity: not JSON; written as null
            line = json.dumps(_finite(data), ensure_ascii=False)
        with naming(self.path):
            self._handle.write(line + "\n")

    def __exit__(self, *exc: Any) -> bool:
        return bool(self._ctx.__exit__(*exc))


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def write_jsonl(records: Iterable[Union[ArticleRecord, dict]], path: PathLike) -> None:
    """Write records as JSON Lines, one object per article, atomically."""
    with JsonlWriter(path) as writer:
        for record in records:
            writer.write(record)
