"""The ``extract`` command: a thin click wrapper over the library.

Exit codes: 0 all inputs read; 1 some inputs failed (the rest is still written); 2 usage error.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Optional

import click

from . import errors
from .pipeline import DEFAULT_MODEL, ModelNotFoundError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2


class DefaultGroup(click.Group):
    """A group whose default command is ``run``: ``extract PATH...`` means ``extract run PATH...``."""

    default_command = "run"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h",
                                                                     "--version"):
            args = [self.default_command, *args]
        elif not args:
            args = [self.default_command]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage("extract", "PATH... [OPTIONS]  |  extract COMMAND [ARGS]...")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The options of the default command (``extract PATH...``) come first, then the
        group's own options and the subcommands."""
        run = self.commands.get(self.default_command)
        if run is not None:
            rows = [r for r in (p.get_help_record(ctx) for p in run.get_params(ctx)
                                if isinstance(p, click.Option) and p.name != "help") if r]
            with formatter.section(f"Options of 'extract PATH...' (the same as "
                                   f"'extract {self.default_command}')"):
                formatter.write_dl(rows)
        super().format_options(ctx, formatter)

    def invoke(self, ctx: click.Context):
        """Run the command; a bug anywhere is one line on stderr and exit 1, not a traceback."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort, SystemExit,
                KeyboardInterrupt):
            raise
        except Exception as exc:
            if os.environ.get("EXTRACTOR_DEBUG"):
                raise
            click.echo(f"extract: internal error: {type(exc).__name__}: {exc} "
                       "(set EXTRACTOR_DEBUG=1 to see the traceback)", err=True)
            ctx.exit(EXIT_PARTIAL)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="extractor")
def main() -> None:
    """Turn a folder of business and technology news into a graph of who does business with whom.

    \b
    extract corpus/ -o graph.graphml --records records.jsonl
    extract evaluate gold.jsonl articles.jsonl
    """


def _load_extractor(model: str, gazetteer: bool):
    from .runner import Extractor

    try:
        return Extractor(model, gazetteer=gazetteer)
    except ModelNotFoundError as exc:
        raise click.UsageError(str(exc)) from None


def _set_learned(nlp, component: str, path: Optional[Path], rules_only: bool,
                 attribute: str = "model") -> None:
    """Swap a component's learned decision (a weights file from ``extract train``, or none);
    ``attribute``: ``carrier_model`` for the company component's carrier decision."""
    if path is None and not rules_only:
        return
    from .carrier_model import CarrierModel
    from .company_model import CompanyModel
    from .deal_model import DealModel

    cls, what = ((CarrierModel, "carrier") if attribute == "carrier_model"
                 else (CompanyModel, "company") if component == "extractor_companies"
                 else (DealModel, "deal"))
    pipe = nlp.get_pipe(component)
    try:
        setattr(pipe, attribute, None if rules_only else cls.from_disk(path))
    except (ValueError, KeyError, TypeError) as exc:
        raise click.UsageError(f"{path}: not a {what} model file: {exc}") from None


def _echo_error(message: str, quiet: bool = False) -> None:
    from tqdm import tqdm

    tqdm.write(f"extract: error: {message}", file=sys.stderr)


@main.command("run")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.graphml"), show_default=True,
              help="Graph file to write; its extension chooses the format: .graphml, .gexf "
              "(Gephi) or .cyjs (Cytoscape).")
@click.option("--records", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write one JSON record per article (JSON Lines).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes [default: every usable core (CPU affinity and cgroup "
              "quota) for inputs of 1 MB or more, else 1]. Records are the same whatever N.")
@click.option("--no-gazetteer", is_flag=True, help="Turn off every list of names (carriers, "
              "aliases), leaving what the language shows.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS|local",
              help="Run on a Dask scheduler at ADDRESS, or on a LocalCluster with 'local'.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--plot", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also draw the graph to this picture (.png, .svg or .pdf; needs matplotlib).")
@click.option("--min-weight", type=click.IntRange(min=1), default=1, show_default=True,
              help="Keep only deals reported by at least N articles.")
@click.option("--kind", "kinds", multiple=True, metavar="KIND",
              help="Keep only deals of this kind (repeatable), e.g. --kind merger.")
@click.option("--carrier", default=None, metavar="NAME",
              help="Keep only the deals of this company (any of its names).")
@click.option("--csv", "csv_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="DIR",
              help="Also write the graph as DIR/nodes.csv and DIR/edges.csv (DIR is made).")
@click.option("--neo4j", "neo4j_dir", type=click.Path(file_okay=False, path_type=Path),
              default=None, metavar="DIR",
              help="Also write DIR/nodes.csv, DIR/relationships.csv and DIR/import.sh for "
              "'neo4j-admin database import full' (DIR is made).")
@click.option("--store", "store", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Keep each article's record in this SQLite file (created if missing): a "
              "later run extracts only new or changed articles.")
@click.option("--html", "html_page", type=click.Path(dir_okay=False, path_type=Path),
              default=None, help="Also write a self-contained HTML page to explore the graph "
              "(search, filters, evidence of each deal; no network needed to view it).")
def run_command(paths: tuple[Path, ...], output: Path, records: Optional[Path], model: str,
                jobs: Optional[int], no_gazetteer: bool, dask_address: Optional[str],
                quiet: bool, plot: Optional[Path] = None, min_weight: int = 1,
                kinds: tuple[str, ...] = (), carrier: Optional[str] = None,
                store: Optional[Path] = None, csv_dir: Optional[Path] = None,
                neo4j_dir: Optional[Path] = None, html_page: Optional[Path] = None) -> None:
    """Extract companies, figures, dates and deals from PATH... (files or folders)."""
    _sigterm_as_interrupt()
    if jobs is None:
        from .runner import auto_jobs

        jobs = 1 if dask_address else auto_jobs(paths)
    run = _Run(paths, model, jobs, not no_gazetteer, dask_address, quiet)
    run.html = html_page
    if store is not None and dask_address:
        raise click.UsageError("--store cannot be used with --dask")
    try:
        with _session(run, store, records) as session:  # opens the store first
            _check_writable(output, records, plot, html_page)
            _check_plot(plot)
            _check_kinds(kinds)
            _check_graph_format(output)
            _check_carrier(carrier)
            run.tables = _check_tables(csv_dir, neo4j_dir, output, records, plot, html_page)
            _remove_stale_temps(output, records, plot, html_page)
            _remove_stale_temps(*_table_files(run.tables))
            graph = run.extract_and_write(session, output, plot,
                                          lambda g: _filtered(g, min_weight, kinds, carrier,
                                                              run.gazetteer))
    except KeyboardInterrupt:
        run.stop()
        click.echo("extract: interrupted; no output written (previous files left as they were)",
                   err=True)
        sys.exit(130)
    except _NoArticles:
        run.stop()
        click.echo("extract: no article could be read; no output written", err=True)
        sys.exit(EXIT_PARTIAL)
    except (click.ClickException, SystemExit):
        run.stop()
        raise
    except _store_error() as exc:  # the store cannot be opened, or went bad during the run
        run.stop()
        raise click.UsageError(f"--store {exc}") from None
    except errors.UsageError as exc:  # e.g. Dask cannot start
        run.stop()
        raise click.UsageError(str(exc)) from None
    except Exception as exc:
        run.stop()
        _exit_on_failure(exc)
    if not quiet:
        run.summary(graph, output, records, plot)
    sys.exit(EXIT_PARTIAL if run.errors else EXIT_OK)


class _NoArticles(Exception):
    """No article could be read: every output is left as it was."""


class _Run:
    """What the command shows of one ``extract PATH...`` run: progress bar, counts, errors,
    summary (the run itself is an :class:`~extractor.session.RunSession`)."""

    def __init__(self, paths: tuple[Path, ...], model: str, jobs: int, gazetteer: bool,
                 dask_address: Optional[str], quiet: bool):
        self.paths, self.model, self.jobs = paths, model, jobs
        self.gazetteer, self.dask_address, self.quiet = gazetteer, dask_address, quiet
        self.errors: list = []
        self.n_articles = self.n_companies = self.n_relations = 0
        self.started = time.perf_counter()  # reset once the model is loaded
        self.bar = None
        self.store = None  # the open extractor.store.Store of --store
        self.tables: dict[str, Path] = {}  # --csv / --neo4j: format -> folder
        self.html: Optional[Path] = None  # --html: the page to explore the graph

    def extract_and_write(self, session, output: Path, plot: Optional[Path], select) -> object:
        """Run the extraction and write the outputs through ``session``: they change together
        or not at all (each goes to a temporary file, renamed into place when the session
        ends without an exception)."""
        for item in self._start(session):
            self._take(item, session)
        self.bar.close()
        if self.n_articles == 0:  # keep any previous outputs rather than write nothing
            raise _NoArticles
        graph = select(session.graph)
        session.write(graph, output, tables=self.tables, plot=plot, html=self.html)
        return graph

    def _start(self, session):
        """Load the model (or check it), open the progress bar; the results, lazily."""
        from tqdm import tqdm

        from .corpus import count_articles

        self.store = session.store
        extractor = None
        if self.jobs == 1 and not self.dask_address and self.store is None:
            extractor = _load_extractor(self.model, self.gazetteer)
        elif not self.dask_address:
            _check_model(self.model)
        total = None if self.quiet else count_articles(self.paths)
        self.bar = tqdm(desc="extract", unit=" articles", file=sys.stderr, disable=self.quiet,
                        total=total, dynamic_ncols=True, mininterval=0.5)
        self.started = time.perf_counter()
        return session.start(extractor)

    def _take(self, item, session) -> None:
        """Add one result to the graph and the records; a read error is reported."""
        from .corpus import ReadError
        from .export import OutputError

        self.bar.update(1)
        if isinstance(item, ReadError):
            self.errors.append(item)
            _echo_error(str(item))
            return
        try:
            session.add(item)
        except OutputError:  # the disk, not the article: the run stops
            raise
        except Exception as exc:  # a bad value in one record must not sink the run
            error = ReadError(item.path or item.id, f"article {item.id!r}: cannot write "
                              f"its record: {type(exc).__name__}: {exc}")
            self.errors.append(error)
            _echo_error(str(error))
            return
        self.n_articles += 1
        self.n_companies += len(item.companies)
        self.n_relations += len(item.relations)

    def stop(self) -> None:
        """Close the progress bar (leaving the session has ended the workers)."""
        if self.bar is not None:
            self.bar.close()

    def summary(self, graph, output: Path, records: Optional[Path],
                plot: Optional[Path]) -> None:
        """The last lines on stderr: what was read and written, what failed."""
        elapsed = time.perf_counter() - self.started
        n = self.n_articles
        click.echo(
            f"extract: {n} articles read in {elapsed:.1f}s "
            f"({n / max(elapsed, 1e-9):.1f} articles/s); "
            f"{self.n_companies} companies, {self.n_relations} relations; "
            f"graph {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {output}"
            + (f"; records -> {records}" if records else "")
            + (f"; picture -> {plot}" if plot else "")
            + (f"; page -> {self.html}" if self.html else "")
            + "".join(f"; {name} -> {folder}" for name, folder in self.tables.items())
            + (f"; {self.store.stats.from_store} from the store, {self.store.stats.extracted} "
               f"extracted -> {self.store.path}" if self.store is not None else ""), err=True)
        if self.errors:
            failed_files = sorted({e.path for e in self.errors})
            shown = ", ".join(failed_files[:10]) + (
                f" and {len(failed_files) - 10} more" if len(failed_files) > 10 else "")
            click.echo(f"extract: {len(self.errors)} input(s) failed in {len(failed_files)} "
                       f"file(s) (reasons above): {shown}", err=True)


def _session(run: _Run, store: Optional[Path], records: Optional[Path]):
    """The :class:`~extractor.session.RunSession` of ``run``: its store, records and graph."""
    from .session import RunSession

    return RunSession(run.paths, model=run.model, gazetteer=run.gazetteer, jobs=run.jobs,
                      dask=run.dask_address, store=store, on_duplicate=_echo_warning,
                      records=records, graph=True)


def _open_store(path: Optional[Path]):
    """The :class:`~extractor.store.Store` of ``extract graph --store`` (closed when the
    command ends), or ``None``; a file that is not a usable store is a usage error naming it."""
    if path is None:
        return None
    from .store import Store

    try:
        store = Store(path)
    except _store_error() as exc:
        raise click.UsageError(f"--store {exc}") from None
    click.get_current_context().call_on_close(store.close)
    return store


def _store_error() -> type:
    from .store import StoreError

    return StoreError


def _exit_on_failure(exc: Exception) -> None:
    """Exit 1 with one line: an output that could not be written (named), or a bug."""
    from .export import OutputError

    if isinstance(exc, OutputError):
        click.echo(f"extract: error: {exc}; no output written (previous files left as they "
                   "were)", err=True)
        sys.exit(EXIT_PARTIAL)
    if os.environ.get("EXTRACTOR_DEBUG"):
        raise exc
    click.echo(f"extract: internal error: {type(exc).__name__}: {exc} (no output written; "
               "set EXTRACTOR_DEBUG=1 to see the traceback)", err=True)
    sys.exit(EXIT_PARTIAL)


def _echo_warning(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(f"extract: warning: {message}", file=sys.stderr)


def _remove_stale_temps(*targets: Optional[Path]) -> None:
    """Remove the temporary output files that earlier killed runs left (only the tool's own)."""
    from .export import remove_stale_temps

    remove_stale_temps(*targets)


def _check_graph_format(output: Path) -> None:
    """Usage error (exit 2) before any work when ``-o`` names no graph format we write."""
    from .export import graph_format

    try:
        graph_format(output)
    except ValueError as exc:
        raise click.UsageError(f"-o {exc}") from None


def _table_files(tables: dict[str, Path]) -> list[Path]:
    """The files that ``--csv`` / ``--neo4j`` write in their folders."""
    from .export import CSV_FILES, NEO4J_FILES

    names = {"csv": CSV_FILES, "neo4j": NEO4J_FILES}
    return [folder / name for kind, folder in tables.items() for name in names[kind]]


def _check_tables(csv_dir: Optional[Path], neo4j_dir: Optional[Path],
                  *others: Optional[Path]) -> dict[str, Path]:
    """Usage error (exit 2) before any work when a ``--csv`` / ``--neo4j`` folder cannot be
    written (a missing folder is made, in a parent that exists); the folders by format."""
    tables = {name: folder for name, folder in (("csv", csv_dir), ("neo4j", neo4j_dir))
              if folder is not None}
    for name, folder in tables.items():
        parent = folder.parent if str(folder.parent) else Path(".")
        if folder.exists() and not folder.is_dir():
            raise click.UsageError(f"--{name} {folder}: not a folder")
        if not folder.exists() and not parent.is_dir():
            raise click.UsageError(f"--{name} {folder}: no such folder {parent} to make it in")
        if not os.access(folder if folder.exists() else parent, os.W_OK):
            raise click.UsageError(f"--{name} {folder}: folder is not writable")
    if len(tables) == 2 and csv_dir.resolve() == neo4j_dir.resolve():
        raise click.UsageError("--csv and --neo4j must be different folders (both write "
                               "nodes.csv)")
    files = {f.resolve() for f in _table_files(tables)}
    for other in others:
        if other is not None and other.resolve() in files:
            raise click.UsageError(f"cannot write {other}: --csv / --neo4j write that file")
    return tables


def known_carriers() -> dict[str, str]:
    """The company names ``--carrier`` knows before a run, by :func:`extractor.graph.name_key`:
    the carrier lexicon ``models/carriers.txt`` and every name of ``models/aliases.tsv``."""
    from .assets import read_lexicon, read_table
    from .graph import name_key

    names: dict[str, str] = {}
    forms = [*read_lexicon("carriers.txt"), *(form for row in read_table("aliases.tsv")
                                              for form in row if form)]
    for form in forms:
        names.setdefault(name_key(form), form)  # the first form of a key is shown
    return names


# How close (difflib ratio of name keys) a name must be to a known carrier to be taken for a
# misspelling of it: "Vodafon", "Verizn", "Vodafoen" are; "Telenet", "GE", "Quest" are not.
CARRIER_TYPO_RATIO = 0.85


def _check_carrier(carrier: Optional[str]) -> None:
    """A ``--carrier`` that looks like a misspelt known carrier is a usage error before any
    work, with up to three close names. Any other name is looked up in the graph after the
    run (it may be any company the articles name), as :func:`_filtered` does."""
    import difflib

    from .graph import name_key

    if not carrier or not carrier.strip():
        return
    known = known_carriers()
    key = name_key(carrier)
    if key in known:
        return
    close = difflib.get_close_matches(key, list(known), n=3, cutoff=CARRIER_TYPO_RATIO)
    if close:
        names = list(dict.fromkeys(known[k] for k in close))
        raise click.UsageError(f"--carrier: unknown carrier {carrier!r}; did you mean "
                               f"{', '.join(names)}?")


def _check_plot(plot: Optional[Path]) -> None:
    """Usage error (exit 2) before any work when the picture cannot be drawn."""
    if plot is None:
        return
    if plot.suffix.lower() not in {".png", ".svg", ".pdf"}:
        raise click.UsageError(f"--plot {plot}: the picture must be .png, .svg or .pdf")
    from .plot import PlotUnavailable, _matplotlib

    try:
        _matplotlib()
    except PlotUnavailable as exc:
        raise click.UsageError(str(exc)) from None


def _filtered(graph, min_weight: int, kinds: tuple[str, ...], carrier: Optional[str],
              gazetteer: bool = True):
    """The part of ``graph`` the options keep (see :func:`extractor.graph.filter_graph`)."""
    from .graph import filter_graph

    try:
        kept = filter_graph(graph, min_weight=min_weight, kinds=kinds, carrier=carrier,
                            aliases=None if gazetteer else {})
    except KeyError as exc:
        raise click.UsageError(f"--carrier: {exc.args[0]}") from None
    if kinds and graph.number_of_edges() and not kept.number_of_edges():
        present = sorted({k for *_, d in graph.edges(data=True)
                          for k in str(d.get("kinds", "")).split(";") if k})
        click.echo(f"extract: warning: no deal of kind {', '.join(kinds)}; the graph has "
                   f"{', '.join(present)}", err=True)
    return kept


def known_kinds() -> list[str]:
    """Every deal kind a record can carry: the kinds of ``models/deal_triggers.tsv`` and
    ``deal`` (a deal the model found with no deal word near it)."""
    from .assets import read_table

    return sorted({row[2] for row in read_table("deal_triggers.tsv") if len(row) > 2} | {"deal"})


def _check_kinds(kinds: tuple[str, ...]) -> None:
    """An unknown ``--kind`` is a usage error before any work, with the close matches."""
    import difflib

    from .graph import _kind_key

    known = known_kinds()
    keys = {_kind_key(k) for k in known}
    for kind in kinds:
        if kind.strip() and _kind_key(kind) not in keys:
            close = difflib.get_close_matches(kind.lower().replace(" ", "_"), known, n=3)
            hint = f" (did you mean {', '.join(close)}?)" if close else ""
            raise click.UsageError(f"--kind {kind!r}: no such deal kind{hint}; the kinds are "
                                   f"{', '.join(known)}")


def _check_writable(*targets: Optional[Path]) -> None:
    """Usage error (exit 2) before any work when an output file cannot be written."""
    given = [t for t in targets if t is not None]
    if len({t.resolve() for t in given}) < len(given):
        raise click.UsageError("the graph and the records must go to different files")
    for target in given:
        folder = target.parent if str(target.parent) else Path(".")
        if not folder.is_dir():
            raise click.UsageError(f"cannot write {target}: no such folder {folder}")
        if target.is_dir():
            raise click.UsageError(f"cannot write {target}: it is a folder")
        if not os.access(folder, os.W_OK) and not _writable_device(target):
            raise click.UsageError(f"cannot write {target}: folder {folder} is not writable")


def _writable_device(target: Path) -> bool:
    """``/dev/null`` and other devices or pipes, which are written in place (no rename)."""
    from .export import special_file

    return special_file(target) and os.access(target, os.W_OK)


def _sigterm_as_interrupt() -> None:
    """Treat SIGTERM like Ctrl-C (``KeyboardInterrupt``), so that temporary output files are
    removed on both and the run exits 130 with one line; replaces the start-up handler of
    :mod:`extractor.api`."""
    import signal

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not in the main thread (e.g. called from a test runner thread)
        pass


def _check_model(model: str) -> None:
    """Fail early (exit 2) when ``model`` is not installed, before starting workers."""
    import spacy.util

    if not (spacy.util.is_package(model) or Path(model).exists()):
        raise click.UsageError(str(ModelNotFoundError(model)))


@main.command("evaluate")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--no-gazetteer", is_flag=True, help="Turn off every list of names.")
@click.option("--errors", "show_errors", is_flag=True,
              help="List false positives and misses per article.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--deal-model", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Deal model weights to use instead of the shipped ones "
              "(from 'extract train').")
@click.option("--company-model", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Company model weights to use instead of the shipped ones "
              "(from 'extract train').")
@click.option("--carrier-model", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Carrier model weights to use instead of the shipped ones "
              "(from 'extract train').")
@click.option("--rules-only", is_flag=True,
              help="No learned decision: the company, carrier and deal rules alone decide.")
def evaluate_command(gold: Path, paths: tuple[Path, ...], model: str, no_gazetteer: bool,
                     show_errors: bool, as_json: bool, deal_model: Optional[Path],
                     company_model: Optional[Path], carrier_model: Optional[Path],
                     rules_only: bool) -> None:
    """Score the extraction of PATH... against GOLD (JSON Lines, as in gold/dev.jsonl)."""
    import json

    from .api import articles_from
    from .corpus import ReadError
    from .evaluate import read_gold, score
    from .runner import run

    try:
        entries = read_gold(gold)
    except (ValueError, KeyError) as exc:
        raise click.UsageError(f"{gold}: not a gold file: {exc}") from None
    wanted = {e["id"] for e in entries}
    extractor = _load_extractor(model, not no_gazetteer)
    _set_learned(extractor.nlp, "extractor_relations", deal_model, rules_only)
    _set_learned(extractor.nlp, "extractor_companies", company_model, rules_only)
    _set_learned(extractor.nlp, "extractor_companies", carrier_model, rules_only,
                 attribute="carrier_model")
    # only the articles the gold set scores go through the pipeline
    items = (item for item in articles_from(paths)
             if isinstance(item, ReadError) or item.id in wanted)
    records, errors = [], []
    for item in run(items, extractor=extractor):
        if isinstance(item, ReadError):
            errors.append(item)
            _echo_error(str(item))
        elif item.id in wanted:
            records.append(item)
    report = score(records, entries)
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(report.table(errors=show_errors))
    sys.exit(EXIT_PARTIAL if errors else EXIT_OK)


@main.command("train")
@click.option("--shared", type=click.Path(exists=True, file_okay=False, path_type=Path),
              default=None, help="Folder with corpora/, relations/ and gold/ (the project's "
              "labelled sets); default ../shared when it exists.")
@click.option("--labelled", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Labelled corpus (annotations pointing at --shared corpora); "
              "default models/labelled/deals.jsonl of a source checkout.")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Your own gold (the format of 'extract evaluate').")
@click.option("--articles", "article_paths", multiple=True,
              type=click.Path(exists=True, path_type=Path),
              help="The articles of --gold (files or folders, any input format).")
@click.option("--what", type=click.Choice(["all", "companies", "carriers", "deals"]),
              default="all", show_default=True, help="Which decision to train: the company "
              "decision, the carrier decision, the deal decision, or all three (in that order: "
              "carriers and deal candidates are the companies found).")
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where to write: with --what all a folder for company_model.json, "
              "carrier_model.json and deal_model.json, else the model file [default: the "
              "shipped models/].")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def train_command(shared: Optional[Path], labelled: Optional[Path], gold: Optional[Path],
                  article_paths: tuple[Path, ...], what: str, output: Optional[Path],
                  folds: int, seed: int, model: str, as_json: bool) -> None:
    """Train the learned decisions: cross-validate, choose thresholds, write the weights.

    \b
    extract train                                  # rebuild the shipped models from ../shared
    extract train --gold my_gold.jsonl --articles my_articles/ -o my_models/
    extract evaluate my_gold.jsonl my_articles/ --company-model my_models/company_model.json \\
        --deal-model my_models/deal_model.json
    """
    import json

    from tqdm import tqdm

    from . import carrier_training, company_training, training
    from .assets import asset_path
    from .carrier_model import MODEL_FILE as CARRIER_FILE
    from .company_model import MODEL_FILE as COMPANY_FILE
    from .deal_model import MODEL_FILE as DEAL_FILE

    files = {"companies": COMPANY_FILE, "carriers": CARRIER_FILE, "deals": DEAL_FILE}

    if gold is not None and not article_paths:
        raise click.UsageError("--gold needs --articles (the articles it annotates)")
    if shared is None and gold is None and Path("../shared").is_dir():
        shared = Path("../shared")
    if labelled is None:
        candidate = Path(__file__).resolve().parent.parent / "models" / "labelled" / "deals.jsonl"
        labelled = candidate if candidate.exists() else None
    deal_sources = training.default_sources(shared, labelled) if shared is not None else {}
    company_sources = (company_training.default_company_sources(shared, labelled)
                       if shared is not None else {})
    if gold is not None:
        deal_sources["user"] = lambda: training.user_articles(gold, article_paths)
        company_sources["user"] = lambda: training.user_articles(gold, article_paths)
    if not deal_sources:
        raise click.UsageError("no training data: give --gold and --articles, or --shared DIR")
    if what == "all":
        folder = output
        if folder is not None and folder.exists() and not folder.is_dir():
            raise click.UsageError(f"-o {folder}: with --what all, -o is a folder")
        targets = {name: folder / file if folder else asset_path(file)
                   for name, file in files.items()}
    else:
        if output is not None and output.is_dir():
            raise click.UsageError(f"-o {output}: with --what {what}, -o is a file")
        targets = {what: output or asset_path(files[what])}
    _check_model(model)
    from .export import atomic_write
    from .pipeline import load

    nlp = load(model)
    summary: dict = {}
    with tqdm(desc="train", unit="item", file=sys.stderr, disable=as_json) as bar:
        try:
            if "companies" in targets:
                report = company_training.train_companies(nlp, company_sources, folds=folds,
                                                          seed=seed, progress=bar.update)
                nlp.get_pipe("extractor_companies").model = report.model
                summary["companies"] = (report, {"cv": report.cv, "rules_alone": report.rules,
                                                 "no_gazetteer": report.no_gazetteer,
                                                 "threshold": report.threshold})
            if "carriers" in targets:
                companies = nlp.get_pipe("extractor_companies").model
                report = carrier_training.train_carriers(nlp, company_sources, folds=folds,
                                                         seed=seed, company_model=companies,
                                                         progress=bar.update)
                nlp.get_pipe("extractor_companies").carrier_model = report.model
                summary["carriers"] = (report, {"cv": report.cv, "rules_alone": report.rules,
                                                "no_gazetteer": report.no_gazetteer,
                                                "threshold": report.threshold})
            if "deals" in targets:
                report = training.train(nlp, deal_sources, folds=folds, seed=seed,
                                        progress=bar.update)
                summary["deals"] = (report, {"cv": report.cv, "threshold": report.threshold,
                                             "short_threshold": report.short_threshold,
                                             "pair_threshold": report.pair_threshold,
                                             "examples": report.by_source})
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    for name, target in targets.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(target) as handle:
            handle.write(json.dumps(summary[name][0].model.to_dict(), indent=0) + "\n")
    if as_json:
        out = {name: dict(row, output=str(targets[name])) for name, (_, row) in summary.items()}
        if what == "deals":  # the deal report's own keys at the top (as before)
            out = out["deals"]
        click.echo(json.dumps(out, indent=2))
    else:
        for name, (report, _) in summary.items():
            click.echo(report.table())
            click.echo(f"{name} model -> {targets[name]}")


@main.command("graph")
@click.option("--store", "store_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Store file of earlier 'extract PATH... --store' runs.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.graphml"), show_default=True,
              help="Graph file to write (.graphml, .gexf or .cyjs, by its extension).")
@click.option("--records", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write one JSON record per article (JSON Lines).")
@click.option("-q", "--quiet", is_flag=True, help="No summary.")
def graph_command(store_path: Path, output: Path, records: Optional[Path], quiet: bool) -> None:
    """Write the graph (and records) of the latest finished run kept in --store again, in its
    input order, without running the pipeline."""
    from .store import rebuild

    _check_graph_format(output)
    _check_writable(output, records)
    _remove_stale_temps(output, records)
    store = _open_store(store_path)
    try:
        graph, n = rebuild(store, output, records, select=lambda g: _filtered(g, 1, (), None))
    except _store_error() as exc:
        raise click.UsageError(f"--store {exc}") from None
    except Exception as exc:
        _exit_on_failure(exc)
    if not quiet:
        click.echo(f"extract: {n} records from {store_path}; graph {graph.number_of_nodes()} "
                   f"nodes, {graph.number_of_edges()} edges -> {output}"
                   + (f"; records -> {records}" if records else ""), err=True)


@main.command("show")
@click.argument("article", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="HTML page to write [default: <article id>.html].")
@click.option("--id", "article_id", default=None, metavar="ID",
              help="For a .jsonl file: the article's id (default: the first article).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--no-gazetteer", is_flag=True, help="Turn off every list of names.")
def show_command(article: Path, output: Optional[Path], article_id: Optional[str], model: str,
                 no_gazetteer: bool) -> None:
    """Write an HTML page that marks ARTICLE's companies, figures and dates and lists its deals
    with their sentences."""
    from .show import read_article, show_article

    try:
        chosen = read_article(article, article_id)
    except (LookupError, ValueError) as exc:
        raise click.UsageError(str(exc)) from None
    _check_writable(output)
    page = show_article(chosen, output=output,
                        extractor=_load_extractor(model, not no_gazetteer))
    click.echo(f"extract: page -> {page}", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
