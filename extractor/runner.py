"""Run the pipeline over articles: the one code path behind the CLI, the library and Dask.

Articles stream through ``nlp.pipe`` in batches inside spaCy memory zones, so memory stays flat
however long the corpus is. Every input item -- an :class:`Article` or a :class:`ReadError` --
comes out as one :class:`ArticleRecord` or :class:`ReadError`, in input order.
"""
from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import traceback
from typing import Any, Callable, Iterable, Iterator, Mapping, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc
from threadpoolctl import threadpool_limits

from .corpus import Article, ReadError, article_from_text, read_paths
from .pipeline import DEFAULT_MODEL, load
from .records import ArticleRecord, Company, record_from_doc

__all__ = ["Extractor", "split_text", "merge_records", "process_batch", "UniqueIds",
           "DuplicateIdWarning", "articles_from"]

#: Environment variable that sets the pipeline's ``max_length`` (characters per Doc); longer
#: articles are processed in parts cut at paragraph breaks. Default: spaCy's 1,000,000.
MAX_LENGTH_ENV = "EXTRACTOR_MAX_LENGTH"

#: Longest part of an article processed as one Doc (far above any news article; bounds memory).
PART_CHARS = 100_000
#: Most characters in one nlp.pipe batch: tok2vec and ner hold about 15 KB per token of a batch
#: while they run (a 200,000-character batch peaked 250 MiB above the pipeline's own memory), so
#: the peak follows the largest batch; 50,000 characters (about 10,000 tokens) keep it flat over
#: a corpus (3,000 Reuters articles in one process: peak 506 -> 421 MiB, 97.0 s -> 93.6 s).
BATCH_CHARS = 50_000

Item = Union[Article, ReadError]
Result = Union[ArticleRecord, ReadError]


def articles_from(inputs: Iterable[Union[str, "os.PathLike[str]", Article]] = (),
                  texts: Iterable[Union[str, Mapping[str, Any]]] = ()) -> Iterator[Item]:
    """Articles (or read errors) from paths, :class:`Article` objects and raw texts, lazily:
    what a run goes over (re-exported by :mod:`extractor.api`; Dask's partitions use it too)."""
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


def split_text(text: str, max_length: int) -> list[tuple[int, str]]:
    """Split ``text`` into ``(offset, part)`` pieces no longer than ``max_length``.

    Cuts fall at paragraph breaks where possible, else at line breaks, sentence ends or spaces;
    the parts joined back give the text exactly.
    """
    if len(text) <= max_length:
        return [(0, text)]
    parts: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_length:
        window = text[start:start + max_length]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            pos = window.rfind(sep)
            if pos > max_length // 4:
                cut = pos + len(sep)
                break
        if cut <= 0:
            cut = max_length
        parts.append((start, text[start:start + cut]))
        start += cut
    parts.append((start, text[start:]))
    return parts


def merge_records(parts: list[ArticleRecord]) -> ArticleRecord:
    """Merge the records of one article's parts (offsets already shifted) into one record."""
    first = parts[0]
    merged = ArticleRecord(id=first.id, path=first.path, date=first.date)
    by_name: dict[str, Company] = {}
    rank = {"carrier": 2, "partner": 1, "company": 0}
    for part in parts:
        for company in part.companies:
            known = by_name.get(company.name)
            if known is None:
                by_name[company.name] = known = Company(company.name, company.role, [])
                merged.companies.append(known)
            elif rank.get(company.role, 0) > rank.get(known.role, 0):
                known.role = company.role
            known.mentions.extend(company.mentions)
        merged.dates.extend(part.dates)
        merged.figures.extend(part.figures)
        merged.relations.extend(part.relations)
    return merged


class Extractor:
    """A loaded pipeline and the settings to run it over articles.

    Parameters
    ----------
    model : str or Language
        Name of an installed spaCy pipeline, or a loaded ``Language`` (our components are added
        if missing).
    gazetteer : bool
        ``False`` turns off every list of names.
    batch_size : int
        Articles per ``nlp.pipe`` batch.
    zone_size : int
        Articles per spaCy memory zone (strings made inside a zone are freed after it).
    max_length : int, optional
        Sets ``nlp.max_length`` (default: the environment variable ``EXTRACTOR_MAX_LENGTH``,
        else spaCy's 1,000,000). Articles longer than it, or than ``part_chars``, are processed
        in parts cut at paragraph breaks and merged into one record.
    part_chars : int
        Longest part of an article given to the pipeline as one ``Doc``.
    batch_chars : int
        Most characters per ``nlp.pipe`` batch (peak memory follows the batch's size).
    """

    def __init__(self, model: Union[str, Language] = DEFAULT_MODEL, *, gazetteer: bool = True,
                 batch_size: int = 64, zone_size: int = 1000,
                 max_length: Optional[int] = None, part_chars: int = PART_CHARS,
                 batch_chars: int = BATCH_CHARS):
        if isinstance(model, Language):
            from .pipeline import add_components

            self.nlp = add_components(model, gazetteer=gazetteer)
        else:
            self.nlp = load(model, gazetteer=gazetteer)
        self.model_name = model if isinstance(model, str) else model.meta.get("name", "")
        self.gazetteer = gazetteer
        self.batch_size = batch_size
        self.zone_size = zone_size
        self.part_chars = part_chars
        self.batch_chars = batch_chars
        if max_length is None and os.environ.get(MAX_LENGTH_ENV, "").strip():
            max_length = int(os.environ[MAX_LENGTH_ENV])
        if max_length is not None:
            self.nlp.max_length = max(int(max_length), 100)
        self._failures: dict[tuple[int, int], str] = {}
        # Our components report errors per doc instead of sinking the batch. (Language's
        # set_error_handler() fails on the parser, so the default handler is set directly; it
        # applies to components without a pipe() method, i.e. ours.)
        self.nlp.default_error_handler = self._on_error

    def _on_error(self, proc_name: str, proc: object, docs: list[Doc], exc: Exception) -> None:
        """spaCy error handler: remember which article failed and let the batch go on."""
        for doc in docs:
            context = getattr(doc, "_context", None)
            if context is not None:
                self._failures[context[:2]] = f"{proc_name} failed: {type(exc).__name__}: {exc}"
        if os.environ.get("EXTRACTOR_DEBUG"):
            traceback.print_exception(exc)

    def process(self, items: Iterable[Item]) -> Iterator[Result]:
        """Records (or errors) for ``items``, lazily and in input order.

        Items are read ``zone_size`` at a time and processed inside a spaCy memory zone, in
        batches of ``batch_size`` articles whose results are yielded as soon as the batch is done.
        """
        iterator = iter(items)
        while True:
            chunk = list(itertools.islice(iterator, self.zone_size))
            if not chunk:
                return
            zone = getattr(self.nlp, "memory_zone", None)
            with (zone() if zone is not None else contextlib.nullcontext()):
                for start in range(0, len(chunk), self.batch_size):
                    yield from self._process_batch(chunk[start:start + self.batch_size])

    def _process_batch(self, items: list[Item]) -> list[Result]:
        """Results for one batch; if the batch fails as a whole, its articles one by one."""
        max_len = max(min(self.nlp.max_length - 1, self.part_chars), 100)
        parts = {index: split_text(item.text, max_len) for index, item in enumerate(items)
                 if isinstance(item, Article)}
        if not parts:
            return list(items)  # only read errors
        try:
            done, failed = self._pipe(items, parts)
        except Exception as exc:  # a component without per-doc error handling failed
            if os.environ.get("EXTRACTOR_DEBUG"):
                traceback.print_exception(exc)
            done, failed = self._one_by_one(items, parts)
        out: list[Result] = []
        for index, item in enumerate(items):
            if isinstance(item, ReadError):
                out.append(item)
            elif index in failed or len(done.get(index, ())) != len(parts[index]):
                reason = failed.get(index, "not processed")
                out.append(ReadError(item.path or item.id, f"article {item.id!r}: {reason}"))
            else:
                records = done[index]
                out.append(records[0] if len(records) == 1 else merge_records(records))
        return out

    def _make_doc(self, article: Article, text: str) -> Doc:
        doc = self.nlp.make_doc(text)
        doc._.article_id = article.id
        doc._.article_date = article.date
        doc._.dateline = article.dateline
        return doc

    def _pipe(self, items: list[Item], parts: dict[int, list[tuple[int, str]]]
              ) -> tuple[dict[int, list[ArticleRecord]], dict[int, str]]:
        # Docs go to nlp.pipe in groups of at most batch_chars characters: the statistical
        # components hold a whole batch in memory, so a batch is bounded by size, not count.
        groups: list[list[tuple[int, int, int, str]]] = [[]]
        chars = 0
        for index, pieces in parts.items():
            for part_no, (offset, text) in enumerate(pieces):
                if groups[-1] and (chars + len(text) > self.batch_chars
                                   or len(groups[-1]) >= self.batch_size):
                    groups.append([])
                    chars = 0
                groups[-1].append((index, part_no, offset, text))
                chars += len(text)

        self._failures.clear()
        done: dict[int, list[ArticleRecord]] = {}
        failed: dict[int, str] = {}
        # one BLAS thread: the workers are the parallelism (numpy's BLAS would start a thread
        # per core in each), and the numbers cannot depend on how many threads there were
        with threadpool_limits(1, user_api="blas"):
            self._pipe_groups(items, groups, done, failed)
        for (index, _), message in self._failures.items():
            failed.setdefault(index, message)
        return done, failed

    def _pipe_groups(self, items: list[Item], groups: list[list[tuple[int, int, int, str]]],
                     done: dict[int, list[ArticleRecord]], failed: dict[int, str]) -> None:
        for group in groups:
            docs = ((self._make_doc(items[index], text), (index, part_no, offset))
                    for index, part_no, offset, text in group)
            for doc, (index, _, offset) in self.nlp.pipe(docs, as_tuples=True,
                                                         batch_size=len(group)):
                article = items[index]
                try:
                    done.setdefault(index, []).append(record_from_doc(
                        doc, id=article.id, path=article.path, date=article.date,
                        offset=offset))
                except Exception as exc:  # a bug, but one article must not sink the run
                    failed[index] = f"records failed: {type(exc).__name__}: {exc}"

    def _one_by_one(self, items: list[Item], parts: dict[int, list[tuple[int, str]]]
                    ) -> tuple[dict[int, list[ArticleRecord]], dict[int, str]]:
        """Process each article alone, so that one failing article fails alone."""
        from spacy.util import raise_error

        done: dict[int, list[ArticleRecord]] = {}
        failed: dict[int, str] = {}
        handler, self.nlp.default_error_handler = self.nlp.default_error_handler, raise_error
        try:
            for index, pieces in parts.items():
                article = items[index]
                try:
                    done[index] = [record_from_doc(self.nlp(self._make_doc(article, text)),
                                                   id=article.id, path=article.path,
                                                   date=article.date, offset=offset)
                                   for offset, text in pieces]
                except Exception as exc:
                    failed[index] = f"{type(exc).__name__}: {exc}"
                    if os.environ.get("EXTRACTOR_DEBUG"):
                        traceback.print_exception(exc)
        finally:
            self.nlp.default_error_handler = handler
        return done, failed


# --- process pool (``--jobs N``) -------------------------------------------------------------
#
# Workers are started once and each loads the pipeline once (``_init_worker``); the parent sends
# them chunks of articles and gets back plain records (dataclasses), never Docs. At most
# ``jobs * PREFETCH`` chunks are in flight, so the parent reads the corpus only as fast as the
# workers use it (memory stays flat), and results are yielded in input order.

_WORKER: Optional[Extractor] = None
#: Articles per task sent to a worker (one ``nlp.pipe`` batch and one memory zone there).
CHUNK = 32
#: Chunks in flight per worker: enough that a worker never waits for the next one.
PREFETCH = 2
#: How often one chunk may be resubmitted after a worker process died under it.
RETRIES = 1


def _init_worker(model: str, gazetteer: bool, batch_size: int) -> None:
    global _WORKER
    _default_signals()
    _die_with_parent()
    _WORKER = Extractor(model, gazetteer=gazetteer, batch_size=batch_size,
                        zone_size=max(batch_size, CHUNK))


def _default_signals() -> None:
    """Default SIGTERM and SIGINT handling in a worker: either signal ends it at once.

    A forked worker inherits the parent's handlers; the CLI's SIGTERM handler raises
    ``KeyboardInterrupt``, which the pool would catch inside a task and report as the task's
    result, leaving the worker alive. The parent stops its workers itself on Ctrl-C.
    """
    import signal

    for signum in (signal.SIGTERM, signal.SIGINT):
        try:
            signal.signal(signum, signal.SIG_DFL)
        except (ValueError, OSError):  # not the main thread, or no such signal here
            pass


#: Seconds between two checks of the worker's watchdog that its parent still runs.
WATCHDOG_INTERVAL = 0.5


def _die_with_parent() -> None:
    """End this worker when its parent dies, whatever killed the parent (``kill -9``, OOM).

    On Linux the kernel sends SIGTERM at the parent's death (``PR_SET_PDEATHSIG``); on every
    platform a daemon thread also watches the parent (:func:`_watch_parent`).
    """
    parent = _parent_pid()
    if parent is None or not _alive(parent):
        os._exit(1)  # the parent died before we could watch it
    _set_pdeathsig()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    import threading

    threading.Thread(target=_watch_parent, args=(parent,), name="extractor-watchdog",
                     daemon=True).start()


def _parent_pid() -> Optional[int]:
    """The pid of the process that started this worker (recorded at fork/spawn time)."""
    parent = multiprocessing.parent_process()
    return parent.pid if parent is not None and parent.pid else os.getppid()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _set_pdeathsig() -> bool:
    """Ask the Linux kernel for SIGTERM when the parent dies; ``False`` where unavailable."""
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(1, int(signal.SIGTERM), 0, 0, 0) == 0  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, interval: float = WATCHDOG_INTERVAL) -> None:
    """Exit this process as soon as ``parent`` is no longer its parent (or no longer runs).

    Re-parenting (to PID 1 or a subreaper) shows in ``os.getppid()``; the parent's sentinel
    pipe (``multiprocessing.parent_process()``) wakes the thread at once when it closes.
    """
    proc = multiprocessing.parent_process()
    while True:
        if proc is not None:
            proc.join(interval)  # returns early when the parent's end of the pipe closes
        else:
            import time

            time.sleep(interval)
        if os.getppid() != parent or not _alive(parent):
            os._exit(1)


def _stop_pool(pool: object, timeout: float = 1.0) -> None:
    """Stop ``pool`` at once: cancel what waits, end the workers (SIGTERM, then SIGKILL).

    The workers and the pool's manager thread are taken before ``shutdown`` (which forgets
    them), so that none is left to finish its task or to hold up the interpreter's exit.
    """
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            proc.terminate()
    for proc in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            proc.join(timeout)
            if proc.is_alive():
                proc.kill()
                proc.join(timeout)
    if manager is not None:
        manager.join(timeout)


def process_batch(items: list[Item]) -> list[Result]:
    """Process one batch in a worker that loaded its pipeline once (records, never Docs)."""
    assert _WORKER is not None, "worker not initialised"
    return list(_WORKER.process(items))


def _failed_chunk(items: list[Item], reason: str) -> list[Result]:
    return [item if isinstance(item, ReadError)
            else ReadError(item.path or item.id, f"article {item.id!r}: {reason}")
            for item in items]


def process_parallel(items: Iterable[Item], *, jobs: int, model: str = DEFAULT_MODEL,
                     gazetteer: bool = True, batch_size: Optional[int] = None,
                     chunk: int = CHUNK) -> Iterator[Result]:
    """Like :meth:`Extractor.process` with ``jobs`` worker processes; results in input order.

    A worker process that dies (killed, out of memory) does not stop the run: a new pool is
    started and the unfinished chunks are sent again once; a chunk that fails again comes out as
    one :class:`ReadError` per article.
    """
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    ctx = multiprocessing.get_context(method)
    batch_size = batch_size or chunk
    iterator = iter(items)
    chunks = iter(lambda: list(itertools.islice(iterator, chunk)), [])

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(model, gazetteer, batch_size))

    pool = new_pool()
    pending: deque = deque()  # (chunk, future, tries), in input order
    try:
        while True:
            while len(pending) < jobs * PREFETCH:
                batch = next(chunks, None)
                if batch is None:
                    break
                pending.append((batch, pool.submit(process_batch, batch), 0))
            if not pending:
                return
            batch, future, tries = pending.popleft()
            if future is None:  # gave up on it after a worker death
                yield from _failed_chunk(batch, "worker process died")
                continue
            try:
                results = future.result()
            except BrokenProcessPool:
                # a worker died: restart the pool, resend what was not done
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                retry = [(batch, None, tries), *pending]
                pending.clear()
                for b, f, t in retry:
                    if f is not None and f.done() and not f.cancelled() and not f.exception():
                        pending.append((b, f, t))  # finished before the pool broke
                    elif t >= RETRIES:
                        pending.append((b, None, t))
                    else:
                        pending.append((b, pool.submit(process_batch, b), t + 1))
                continue
            except Exception as exc:  # a bug in the worker: report, go on with the rest
                results = _failed_chunk(batch, f"worker failed: {type(exc).__name__}: {exc}")
            yield from results
    except BaseException:  # Ctrl-C, SIGTERM, the consumer stopped: end the workers now
        _stop_pool(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)  # after _stop_pool: returns at once


# --- duplicate ids ------------------------------------------------------------------------------

class DuplicateIdWarning(UserWarning):
    """Several articles of one run had the same ``id``; their records were renamed ``id#2``..."""


class UniqueIds:
    """Make the ids of one run's records unique, in input order: the one place for all paths.

    The first article with an id keeps it; the next ones become ``id#2``, ``id#3``, ... (a
    suffix no other article of the run uses), so graph weights count articles, not ids. Applied
    to the ordered result stream, it gives the same records for one process, ``--jobs N`` and
    Dask. At the end of the stream, ``warn`` is called once per duplicated id with a message
    naming its files.
    """

    def __init__(self, warn: Optional[Callable[[str], None]] = None):
        self.warn = warn
        self.used: set[str] = set()
        self.origin: dict[str, str] = {}  # new id -> the id the article had
        self.copies: dict[str, list[tuple[str, str]]] = {}  # id -> [(new id, path)], in order

    def rename(self, record: ArticleRecord) -> ArticleRecord:
        """Give ``record`` an id no earlier record of the run has (in place; returned)."""
        original = record.id
        copies = self.copies.setdefault(original, [])
        new = original
        n = max(len(copies) + 1, 2)
        while new in self.used:
            new = f"{original}#{n}"
            n += 1
        self.used.add(new)
        copies.append((new, record.path))
        if new != original:
            self.origin[new] = original
            record.id = new
        return record

    def __call__(self, results: Iterable[Result]) -> Iterator[Result]:
        """``results`` with unique record ids; warns about the duplicates at the end."""
        for result in results:
            yield self.rename(result) if isinstance(result, ArticleRecord) else result
        for message in self.messages():
            if self.warn is not None:
                self.warn(message)
            else:
                import warnings

                warnings.warn(message, DuplicateIdWarning, stacklevel=2)

    def messages(self) -> list[str]:
        """One line per id that was changed, naming its files and the ids given instead."""
        out = []
        for original, copies in self.copies.items():
            if len(copies) < 2 and copies[0][0] == original:
                continue
            files = ", ".join(dict.fromkeys(path or "the texts given" for _, path in copies))
            new_ids = ", ".join(repr(new) for new, _ in copies)
            if len(copies) < 2:  # its own id had already been given to a duplicate
                out.append(f"id {original!r} (in {files}) was taken by a renamed duplicate; "
                           f"its record is {new_ids}")
            else:
                out.append(f"id {original!r} is used by {len(copies)} articles (in {files}); "
                           f"their records are {new_ids}")
        return out


def run(items: Iterable[Item], *, model: str = DEFAULT_MODEL, gazetteer: bool = True,
        jobs: int = 1, extractor: Optional[Extractor] = None,
        on_result: Optional[Callable[[Result], None]] = None) -> Iterator[Result]:
    """Process ``items`` with one process or ``jobs`` processes; the CLI and library use this."""
    if jobs > 1:
        results = process_parallel(items, jobs=jobs, model=model, gazetteer=gazetteer)
    else:
        extractor = extractor or Extractor(model, gazetteer=gazetteer)
        results = extractor.process(items)
    for result in results:
        if on_result is not None:
            on_result(result)
        yield result


#: Input size from which ``extract`` uses every usable core by default: below it, starting the
#: workers (each loads the spaCy pipeline, a few seconds) costs more than it saves.
AUTO_JOBS_BYTES = 1_000_000


def usable_cores() -> int:
    """CPUs this process may run on: its CPU affinity, capped by a cgroup CPU quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not Linux
        cores = os.cpu_count() or 1
    quota = _cgroup_quota()
    if quota is not None:
        cores = min(cores, max(1, int(quota)))
    return max(1, cores)


def _cgroup_quota() -> Optional[float]:
    """CPUs allowed by the cgroup (v2 ``cpu.max``, else v1 CFS quota), or ``None``."""
    candidates = (("/sys/fs/cgroup/cpu.max", None),
                  ("/sys/fs/cgroup/cpu/cpu.cfs_quota_us", "/sys/fs/cgroup/cpu/cpu.cfs_period_us"))
    for quota_file, period_file in candidates:
        try:
            if period_file is None:
                quota, period = open(quota_file).read().split()[:2]
            else:
                quota, period = open(quota_file).read().strip(), open(period_file).read().strip()
            if quota in ("max", "-1"):
                return None
            return int(quota) / int(period)
        except (OSError, ValueError):
            continue
    return None


def input_bytes(paths: Iterable[Union[str, "os.PathLike[str]"]], enough: int) -> int:
    """Bytes of text in the input files (folders walked without recursion, hidden entries
    skipped; a ``.gz`` file counts four times its size), counted until ``enough`` is reached."""
    total = 0
    stack = [os.fspath(p) for p in paths]
    while stack and total < enough:
        path = stack.pop()
        try:
            if os.path.isdir(path):
                with os.scandir(path) as entries:
                    stack.extend(e.path for e in entries if not e.name.startswith("."))
            else:  # a gzip file holds about four times its size in text
                total += os.path.getsize(path) * (4 if path.endswith(".gz") else 1)
        except OSError:
            continue
    return total


def auto_jobs(paths: Iterable[Union[str, "os.PathLike[str]"]]) -> int:
    """The default number of worker processes: every usable core once the input is at least
    :data:`AUTO_JOBS_BYTES`, else 1."""
    cores = usable_cores()
    if cores == 1:
        return 1
    return cores if input_bytes(paths, AUTO_JOBS_BYTES) >= AUTO_JOBS_BYTES else 1
