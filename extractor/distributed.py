"""Run the extraction on a Dask cluster: ``extract PATH... --dask ADDRESS|local``.

The client splits the inputs into *partitions* -- whole files, and line ranges of ``.jsonl`` /
``.jsonl.gz`` files -- and sends their descriptions (path, id, line range), not their texts: each
worker reads its partition itself with :mod:`extractor.corpus`, runs it through a pipeline that it
loaded once (:func:`worker_extractor`), and sends back records and read errors as plain
dataclasses, never ``Doc`` objects. The client yields the results in input order, so records and
graph come out exactly as in a single-process run.

Failures stay where they happen: a bad file or line is a :class:`~extractor.corpus.ReadError`, as
in a plain run; a task that raises is retried (``retries``), and a partition whose worker dies is
rescheduled by Dask on another worker (up to the scheduler's ``allowed-failures``); a partition
lost for good is reported as read errors for its files and the run goes on.

Dask is an optional extra (``pip install 'extractor[dask]'``) and is imported only here, lazily.
Workers must have the project (and its spaCy model) installed and see the input files at the same
absolute paths as the client (a shared filesystem); texts given as strings travel with the task.
"""
from __future__ import annotations

import gc
import gzip
import hashlib
import logging
import os
import threading
import uuid
import warnings
import zlib
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from .corpus import Article, ReadError, file_suffix, read_file, read_jsonl_range, walk_paths
from .errors import UsageError
from .pipeline import DEFAULT_MODEL
from .records import ArticleRecord

__all__ = ["run_dask", "local_cluster", "partitions", "read_partition", "process_partition",
           "worker_extractor", "pipeline_loads", "code_fingerprint", "Source", "Partition",
           "DaskSetupError", "DaskNotInstalledError", "PARTITION_SIZE"]

Result = Union[ArticleRecord, ReadError]

#: Articles (JSON lines or files) per task: large enough to fill ``nlp.pipe`` batches and make the
#: per-task cost of Dask (a few ms) negligible, small enough to balance the load.
PARTITION_SIZE = 128

INSTALL_HINT = ("Dask is an optional extra: pip install 'extractor[dask]' "
                "(or pip install '.[dask]' in a checkout)")


class DaskSetupError(UsageError):
    """The Dask run cannot start (no Dask, no scheduler, no workers, no model on the workers).

    An :class:`extractor.errors.UsageError`: the CLI shows the message and exits 2.
    """


class DaskNotInstalledError(DaskSetupError, ImportError):
    """Dask (``dask[distributed]``) is not installed."""


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskNotInstalledError(f"--dask needs dask.distributed ({exc}). {INSTALL_HINT}"
                                    ) from None
    return distributed


# --- partitions: what the client sends ---------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """Part of a partition: a whole file, a line range of a JSON Lines file, or inline items.

    ``path`` is the absolute path a worker opens; ``shown`` is the path as the user gave it, which
    the records and error messages name (as in a plain run).
    """

    kind: str  # "file" | "lines" | "items"
    path: str = ""
    shown: str = ""
    id_base: str = ""
    start: int = 1  # first line (1-based), for "lines"
    stop: Optional[int] = None  # line after the last one; None: to the end of the file
    offset: int = 0  # byte offset of line ``start`` in a plain .jsonl file (0: read from the top)
    items: tuple = ()  # Articles / ReadErrors, for "items"

    def describe(self) -> str:
        if self.kind == "items":
            return f"{len(self.items)} inline item(s)"
        if self.kind == "lines":
            end = "end" if self.stop is None else self.stop - 1
            return f"{self.shown} lines {self.start}-{end}"
        return self.shown


@dataclass
class Partition:
    """What one task processes: a few sources, about :data:`PARTITION_SIZE` articles in all."""

    index: int
    sources: list[Source] = field(default_factory=list)
    size: int = 0  # articles (estimated: one per file, one per non-blank JSON line)

    def describe(self) -> str:
        return "; ".join(source.describe() for source in self.sources)


def _is_jsonl(path: Path) -> bool:
    return file_suffix(path) in (".jsonl", ".jsonl.gz")


def _line_ranges(path: Path, size: int, first: int) -> Iterator[tuple[int, Optional[int], int, int]]:
    """``(start, stop, byte_offset, articles)`` ranges of a JSON Lines file, read by the client.

    Only newlines are counted (no JSON is parsed). The first range holds ``first`` non-blank
    lines, the next ones ``size``; a cut falls only after a non-blank line, and the last range
    runs to the end of the file (``stop`` None), so a worker reading it meets the same end -- a
    truncated gzip stream, say -- as a plain run does.
    """
    gz = file_suffix(path) == ".jsonl.gz"
    start, offset, position, count, want = 1, 0, 0, 0, first
    try:
        handle = gzip.open(path, "rb") if gz else open(path, "rb")
    except OSError:
        yield 1, None, 0, 1  # the worker reports the error exactly as read_file does
        return
    with handle:
        try:
            for lineno, raw in enumerate(handle, start=1):
                position += len(raw)
                if not raw.strip():
                    continue
                count += 1
                if count >= want:
                    yield start, lineno + 1, 0 if gz else offset, count
                    start, offset, count, want = lineno + 1, position, 0, size
        except (OSError, EOFError, zlib.error):
            count += 1  # the worker reading the last range reports the error
    if count or start == 1:
        yield start, None, 0 if gz else offset, count


class _Packer:
    """Fills partitions with sources in order; inline items are grouped into one source."""

    def __init__(self, size: int):
        self.size = size
        self.current = Partition(0)
        self.inline: list[Union[Article, ReadError]] = []
        self.inline_articles = 0

    def room(self) -> int:
        """Articles that still fit into the current partition (at least 1)."""
        return max(self.size - self.current.size - self.inline_articles, 1)

    def _flush_inline(self) -> None:
        if self.inline:
            self.current.sources.append(Source("items", items=tuple(self.inline)))
            self.current.size += self.inline_articles
            self.inline, self.inline_articles = [], 0

    def finish(self) -> Iterator[Partition]:
        """Close the current partition (if it holds anything) and start the next one."""
        self._flush_inline()
        if self.current.sources:
            yield self.current
            self.current = Partition(self.current.index + 1)

    def add(self, source: Source, count: int) -> Iterator[Partition]:
        self._flush_inline()
        self.current.sources.append(source)
        self.current.size += count
        if self.current.size >= self.size:
            yield from self.finish()

    def add_item(self, item: Union[Article, ReadError]) -> Iterator[Partition]:
        self.inline.append(item)
        self.inline_articles += isinstance(item, Article)
        if self.current.size + self.inline_articles >= self.size:
            yield from self.finish()


def partitions(inputs: Iterable[Any] = (), texts: Iterable[Any] = (), *,
               size: int = PARTITION_SIZE) -> Iterator[Partition]:
    """Split ``inputs`` (paths, :class:`Article` or :class:`ReadError` objects) and ``texts`` into
    partitions of about ``size`` articles, lazily and in input order.

    Paths are walked by :func:`extractor.corpus.walk_paths`, as a plain run reads them (its read
    errors travel inline); JSON Lines files are cut into line ranges; articles given as objects
    or texts travel inline.
    """
    from .runner import articles_from

    packer = _Packer(max(1, int(size)))

    def add_file(file: Path, id_base: str) -> Iterator[Partition]:
        absolute, shown = os.path.abspath(file), str(file)
        if not _is_jsonl(file):
            yield from packer.add(Source("file", absolute, shown, id_base), 1)
            return
        for start, stop, offset, count in _line_ranges(file, packer.size, packer.room()):
            kind = "file" if start == 1 and stop is None else "lines"
            yield from packer.add(Source(kind, absolute, shown, id_base, start, stop, offset),
                                  count)

    for item in inputs:
        if isinstance(item, (Article, ReadError)):
            yield from packer.add_item(item)
            continue
        for entry in walk_paths([item]):
            if isinstance(entry, ReadError):
                yield from packer.add_item(entry)
            else:
                yield from add_file(*entry)
    for article in articles_from((), texts):
        yield from packer.add_item(article)
    yield from packer.finish()


# --- workers: read a partition, run the pipeline loaded once per process -----------------------

_EXTRACTORS: dict[tuple[str, bool], Any] = {}
_LOCK = threading.Lock()
_RUN_LOCK = threading.Lock()
_LOADS = 0  # pipelines loaded by this process (a test checks: once per worker)


def worker_extractor(model: str = DEFAULT_MODEL, gazetteer: bool = True) -> Any:
    """The :class:`~extractor.runner.Extractor` of this worker process, loaded on first use."""
    global _LOADS
    key = (model, gazetteer)
    with _LOCK:
        extractor = _EXTRACTORS.get(key)
        if extractor is None:
            from .runner import Extractor

            extractor = _EXTRACTORS[key] = Extractor(model, gazetteer=gazetteer)
            _LOADS += 1
    return extractor


def pipeline_loads() -> int:
    """How many pipelines this process has loaded (run on workers with ``client.run``)."""
    return _LOADS


def _renamed(items: Iterable[Union[Article, ReadError]], path: str, shown: str
             ) -> Iterator[Union[Article, ReadError]]:
    """Items read from the absolute ``path``, named by the path the user gave."""
    for item in items:
        if item.path == path:
            item.path = shown
        yield item


def read_partition(partition: Partition) -> Iterator[Union[Article, ReadError]]:
    """The articles and read errors of ``partition``, in order (this runs on a worker)."""
    for source in partition.sources:
        if source.kind == "items":
            yield from source.items
        elif source.kind == "file":
            yield from _renamed(read_file(Path(source.path), source.id_base), source.path,
                                source.shown)
        else:
            yield from _renamed(read_jsonl_range(source.path, source.id_base, source.start,
                                                 source.stop, offset=source.offset),
                                source.path, source.shown)


def process_partition(partition: Partition, model: str = DEFAULT_MODEL,
                      gazetteer: bool = True) -> list[Result]:
    """Records and read errors of one partition, in order: the task a worker runs."""
    with _RUN_LOCK:  # one partition at a time per process: the pipeline is not thread-safe
        return list(worker_extractor(model, gazetteer).process(read_partition(partition)))


def _warm_up(model: str, gazetteer: bool) -> str:
    """Load the pipeline on a worker before the first partition arrives; returns the
    :func:`code_fingerprint` of the worker."""
    worker_extractor(model, gazetteer)
    return code_fingerprint(model)


@lru_cache(maxsize=None)
def code_fingerprint(model: str = DEFAULT_MODEL) -> str:
    """A hash of this process's extractor code, its data files in ``models/`` and the spaCy
    model's version: client and workers with the same fingerprint give the same records."""
    from importlib import resources

    import spacy

    digest = hashlib.sha1(f"{spacy.__version__} {model} "
                          f"{spacy.util.get_package_version(model)}".encode())
    package = Path(__file__).resolve().parent
    files = [(p.relative_to(package).as_posix(), p) for p in package.rglob("*.py")]
    try:
        assets = resources.files("extractor.models")
        files += [(f"models/{f.name}", f) for f in assets.iterdir() if f.is_file()]
    except (ModuleNotFoundError, OSError):  # pragma: no cover
        pass
    for name, file in sorted(files, key=lambda pair: pair[0]):
        if "__pycache__" not in name and not name.endswith(".pyc"):
            digest.update(name.encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()[:12]


# --- client ------------------------------------------------------------------------------------

def _lost(partition: Partition, exc: BaseException) -> list[Result]:
    """Read errors for a partition that could not be processed, one per source."""
    reason = f"{type(exc).__name__}: {exc}".strip()
    errors: list[Result] = []
    for source in partition.sources:
        if source.kind == "items":
            errors.extend(ReadError(item.path or item.id, f"article {item.id!r}: not processed "
                                    f"on the Dask cluster: {reason}")
                          if isinstance(item, Article) else item for item in source.items)
        elif source.kind == "lines":
            end = "end of file" if source.stop is None else f"line {source.stop - 1}"
            errors.append(ReadError(source.shown, f"lines {source.start} to {end} not processed "
                                    f"on the Dask cluster: {reason}", line=source.start))
        else:
            errors.append(ReadError(source.shown, f"not processed on the Dask cluster: {reason}"))
    return errors


def local_cluster(n_workers: Optional[int] = None, **kwargs: Any) -> Any:
    """A ``LocalCluster`` sized to the machine: one single-threaded worker process per core."""
    distributed = _import_distributed()
    if n_workers is None:
        try:
            n_workers = len(os.sched_getaffinity(0))
        except AttributeError:  # pragma: no cover (not Linux)
            n_workers = os.cpu_count() or 1
    # no dashboard; the scheduler's HTTP endpoints on a free port (8787 may be taken)
    options = dict(n_workers=max(1, n_workers), threads_per_worker=1, processes=True,
                   dashboard_address=None, silence_logs=logging.ERROR,
                   scheduler_kwargs={"dashboard": False, "dashboard_address": ":0"})
    options.update(kwargs)
    return distributed.LocalCluster(**options)


def _connect(address: Any, n_workers: Optional[int], timeout: float) -> tuple[Any, Any]:
    """``(client, cluster)``: a client of the scheduler at ``address``, or of a new LocalCluster
    (returned too, to be closed) for ``"local"``. ``address`` may also be a ``Client``."""
    distributed = _import_distributed()
    if isinstance(address, distributed.Client):
        return address, None
    cluster, failure = None, ""
    try:
        if address == "local":
            cluster = local_cluster(n_workers)
            client = distributed.Client(cluster)
        else:
            client = distributed.Client(address, timeout=timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        hint = " (expected tcp://HOST:PORT or 'local')" if isinstance(exc, ValueError) else ""
        failure = f"cannot reach the Dask scheduler at {address}: {exc}{hint}"
    if failure:
        if cluster is not None:
            cluster.close()
        # Finalise the half-made Client now, outside the except block that held it: left to a
        # later garbage collection, its __del__ can deadlock the next cluster's start-up.
        gc.collect()
        raise DaskSetupError(failure)
    return client, cluster


def run_dask(inputs: Iterable[Any] = (), *, texts: Iterable[Any] = (),
             address: Any = "local", model: str = DEFAULT_MODEL, gazetteer: bool = True,
             partition_size: Optional[int] = None, retries: int = 2,
             n_workers: Optional[int] = None, window: Optional[int] = None,
             timeout: float = 10.0, worker_timeout: float = 60.0,
             task: Callable[..., list[Result]] = process_partition) -> Iterator[Result]:
    """Records and read errors of ``inputs`` and ``texts``, computed on a Dask cluster, in order.

    Parameters
    ----------
    inputs : iterable
        Files and folders (read by the workers), :class:`Article` or :class:`ReadError` objects.
    texts : iterable of str or dict
        Raw texts, as for :func:`extractor.extract` (sent with the tasks).
    address : str or distributed.Client
        Scheduler address (``tcp://host:8786``), ``"local"`` for a ``LocalCluster`` sized to the
        machine, or a connected ``Client``.
    partition_size : int, optional
        Articles per task (default :data:`PARTITION_SIZE`).
    retries : int
        Times Dask retries a task that raised; a task whose worker died is rescheduled by the
        scheduler (``distributed.scheduler.allowed-failures``, default 3).
    n_workers : int, optional
        Workers of the local cluster (default: one per core).
    window : int, optional
        Partitions in flight at once (default: four per worker thread); bounds client memory.
    timeout, worker_timeout : float
        Seconds to wait for the scheduler, and for a first worker to join it.
    task : callable
        The function run per partition (default :func:`process_partition`; tests swap it).
    """
    client, cluster = _connect(address, n_workers, timeout)
    pending: deque = deque()
    try:
        try:
            client.wait_for_workers(1, timeout=worker_timeout)
        except (TimeoutError, OSError) as exc:
            raise DaskSetupError(f"no Dask worker joined the scheduler at {address} within "
                                 f"{worker_timeout:.0f}s ({exc}); start workers with "
                                 f"'dask worker {address}'") from None
        _load_everywhere(client, model, gazetteer)
        threads = sum(client.nthreads().values()) or 1
        window = window or max(4, 4 * threads)
        run_id = uuid.uuid4().hex[:8]
        parts = partitions(inputs, texts, size=partition_size or PARTITION_SIZE)

        def submit() -> bool:
            partition = next(parts, None)
            if partition is None:
                return False
            future = client.submit(task, partition, model, gazetteer, retries=retries,
                                   pure=False, key=f"extract-{run_id}-{partition.index}")
            pending.append((partition, future))
            return True

        while len(pending) < window and submit():
            pass
        while pending:
            partition, future = pending.popleft()
            try:
                results = future.result()
            except Exception as exc:  # lost for good (e.g. KilledWorker): report, go on
                results = _lost(partition, exc)
            future.release()
            submit()
            yield from results
    finally:
        for _, future in pending:
            future.cancel()
        if client is not address:
            client.close()
        if cluster is not None:
            cluster.close()


def _load_everywhere(client: Any, model: str, gazetteer: bool, timeout: float = 300.0) -> None:
    """Load the pipeline on every worker now (one task pinned to each, in parallel), failing
    early and clearly when the model is missing there. A worker that joins later, or does not
    answer within ``timeout`` seconds, loads it with its first partition."""
    distributed = _import_distributed()
    futures = [client.submit(_warm_up, model, gazetteer, workers=[worker],
                             allow_other_workers=False, pure=False)
               for worker in client.nthreads()]
    try:
        distributed.wait(futures, timeout=timeout)
    except TimeoutError:
        pass
    fingerprints = set()
    for future in futures:
        if not future.done():
            future.cancel()
            continue
        try:
            fingerprints.add(future.result())
        except LookupError as exc:  # ModelNotFoundError: tell the user the pip command
            raise DaskSetupError(f"on the Dask workers: {exc}") from None
        except Exception:  # noqa: BLE001 -- a worker lost meanwhile; the others go on
            continue
    mine = code_fingerprint(model)
    if fingerprints - {mine}:
        warnings.warn(f"the Dask workers run other extractor code, data or model than this "
                      f"client (fingerprints {sorted(fingerprints)} vs {mine}): records may "
                      f"differ from a plain run; install the same version everywhere",
                      RuntimeWarning, stacklevel=3)

