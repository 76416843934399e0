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


def _set_deal_model(nlp, path: Optional[Path], rules_only: bool) -> None:
    """Swap the relation component's deal model (a file from ``extract train``, or none)."""
    if path is None and not rules_only:
        return
    from .deal_model import DealModel

    pipe = nlp.get_pipe("extractor_relations")
    try:
        pipe.model = None if rules_only else DealModel.from_disk(path)
    except (ValueError, KeyError, TypeError) as exc:
        raise click.UsageError(f"{path}: not a deal model file: {exc}") from None


def _echo_error(message: str, quiet: bool = False) -> None:
    from tqdm import tqdm

    tqdm.write(f"extract: error: {message}", file=sys.stderr)


@main.command("run")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("graph.graphml"), show_default=True, help="GraphML file to write.")
@click.option("--records", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write one JSON record per article (JSON Lines).")
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes.")
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
def run_command(paths: tuple[Path, ...], output: Path, records: Optional[Path], model: str,
                jobs: int, no_gazetteer: bool, dask_address: Optional[str], quiet: bool,
                plot: Optional[Path] = None, min_weight: int = 1, kinds: tuple[str, ...] = (),
                carrier: Optional[str] = None) -> None:
    """Extract companies, figures, dates and deals from PATH... (files or folders)."""
    from tqdm import tqdm

    from .api import iter_results
    from .corpus import ReadError, count_articles
    from .export import JsonlWriter, write_graphml
    from .graph import GraphBuilder
    from .records import ArticleRecord

    _check_writable(output, records, plot)
    _check_plot(plot)
    _check_kinds(kinds)
    _sigterm_as_interrupt()
    gazetteer = not no_gazetteer
    builder = None
    errors: list[ReadError] = []
    n_articles = n_companies = n_relations = 0
    started = time.perf_counter()  # reset once the model is loaded
    bar = None
    writer = JsonlWriter(records) if records else None
    try:
        builder = GraphBuilder(None if gazetteer else {})
        extractor = None
        if jobs == 1 and not dask_address:
            extractor = _load_extractor(model, gazetteer)
        elif not dask_address:
            _check_model(model)
        total = None if quiet else count_articles(paths)
        bar = tqdm(desc="extract", unit=" articles", file=sys.stderr, disable=quiet,
                   total=total, dynamic_ncols=True, mininterval=0.5)
        started = time.perf_counter()
        if writer:
            writer.__enter__()
        for item in iter_results(paths, model=model, gazetteer=gazetteer, jobs=jobs,
                                 dask=dask_address, extractor=extractor):
            if isinstance(item, ReadError):
                errors.append(item)
                _echo_error(str(item))
                bar.update(1)
                continue
            assert isinstance(item, ArticleRecord)
            bar.update(1)
            try:
                builder.add(item)
                if writer:
                    writer.write(item)
            except Exception as exc:  # a bad value in one record must not sink the run
                error = ReadError(item.path or item.id, f"article {item.id!r}: cannot write "
                                  f"its record: {type(exc).__name__}: {exc}")
                errors.append(error)
                _echo_error(str(error))
                continue
            n_articles += 1
            n_companies += len(item.companies)
            n_relations += len(item.relations)
        bar.close()
        if n_articles == 0:
            # nothing read: keep any previous output files rather than overwrite them with nothing
            if writer:
                writer.__exit__(RuntimeError, RuntimeError("no articles"), None)
                writer = None
            click.echo("extract: no article could be read; no output written", err=True)
            sys.exit(EXIT_PARTIAL)
        graph = _filtered(builder.graph, min_weight, kinds, carrier, gazetteer)
        write_graphml(graph, output)
        if plot:
            from .plot import plot_graph

            plot_graph(graph, plot)
        if writer:  # records renamed into place only after the graph is written
            writer.__exit__(None, None, None)
            writer = None
    except KeyboardInterrupt:
        if bar is not None:
            bar.close()
        if writer:
            writer.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)
        click.echo("extract: interrupted; no output written (previous files left as they were)",
                   err=True)
        sys.exit(130)
    except (click.ClickException, SystemExit):
        if writer:
            writer.__exit__(RuntimeError, RuntimeError("aborted"), None)
        raise
    except Exception as exc:  # a bug: one clear line, the traceback only on request
        if bar is not None:
            bar.close()
        if writer:
            writer.__exit__(type(exc), exc, exc.__traceback__)
        if os.environ.get("EXTRACTOR_DEBUG"):
            raise
        click.echo(f"extract: internal error: {type(exc).__name__}: {exc} (no output written; "
                   "set EXTRACTOR_DEBUG=1 to see the traceback)", err=True)
        sys.exit(EXIT_PARTIAL)
    if not quiet:
        elapsed = time.perf_counter() - started
        failed_files = sorted({e.path for e in errors})
        click.echo(
            f"extract: {n_articles} articles read in {elapsed:.1f}s "
            f"({n_articles / max(elapsed, 1e-9):.1f} articles/s); "
            f"{n_companies} companies, {n_relations} relations; "
            f"graph {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges -> {output}"
            + (f"; records -> {records}" if records else "")
            + (f"; picture -> {plot}" if plot else ""), err=True)
        if errors:
            shown = ", ".join(failed_files[:10]) + (
                f" and {len(failed_files) - 10} more" if len(failed_files) > 10 else "")
            click.echo(f"extract: {len(errors)} input(s) failed in {len(failed_files)} "
                       f"file(s) (reasons above): {shown}", err=True)
    sys.exit(EXIT_PARTIAL if errors else EXIT_OK)


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
        if not os.access(folder, os.W_OK):
            raise click.UsageError(f"cannot write {target}: folder {folder} is not writable")


def _sigterm_as_interrupt() -> None:
    """Treat SIGTERM like Ctrl-C, so that temporary output files are removed on both."""
    import signal

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        signal.signal(signal.SIGTERM, handler)
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
@click.option("--rules-only", is_flag=True, help="No deal model: the rules alone decide.")
def evaluate_command(gold: Path, paths: tuple[Path, ...], model: str, no_gazetteer: bool,
                     show_errors: bool, as_json: bool, deal_model: Optional[Path],
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
    _set_deal_model(extractor.nlp, deal_model, rules_only)
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
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the model [default: the shipped models/deal_model.json].")
@click.option("--folds", type=click.IntRange(min=2), default=5, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--model", default=DEFAULT_MODEL, show_default=True,
              help="Installed spaCy pipeline to use.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def train_command(shared: Optional[Path], labelled: Optional[Path], gold: Optional[Path],
                  article_paths: tuple[Path, ...], output: Optional[Path], folds: int,
                  seed: int, model: str, as_json: bool) -> None:
    """Train the deal model: cross-validate, choose its threshold, write its weights.

    \b
    extract train                                  # rebuild the shipped model from ../shared
    extract train --gold my_gold.jsonl --articles my_articles/ -o my_model.json
    extract evaluate my_gold.jsonl my_articles/ --deal-model my_model.json
    """
    import json

    from tqdm import tqdm

    from . import training
    from .assets import asset_path
    from .deal_model import MODEL_FILE

    if gold is not None and not article_paths:
        raise click.UsageError("--gold needs --articles (the articles it annotates)")
    if shared is None and gold is None and Path("../shared").is_dir():
        shared = Path("../shared")
    if labelled is None:
        candidate = Path(__file__).resolve().parent.parent / "models" / "labelled" / "deals.jsonl"
        labelled = candidate if candidate.exists() else None
    sources = training.default_sources(shared, labelled) if shared is not None else {}
    if gold is not None:
        sources["user"] = lambda: training.user_articles(gold, article_paths)
    if not sources:
        raise click.UsageError("no training data: give --gold and --articles, or --shared DIR")
    output = output or asset_path(MODEL_FILE)
    _check_model(model)
    from .pipeline import load

    nlp = load(model)
    with tqdm(desc="train", unit="item", file=sys.stderr, disable=as_json) as bar:
        try:
            report = training.train(nlp, sources, folds=folds, seed=seed,
                                    progress=bar.update)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
    from .export import atomic_write

    with atomic_write(output) as handle:
        handle.write(json.dumps(report.model.to_dict(), indent=0) + "\n")
    if as_json:
        click.echo(json.dumps({"cv": report.cv, "threshold": report.threshold,
                               "examples": report.by_source, "output": str(output)}, indent=2))
    else:
        click.echo(report.table())
        click.echo(f"model -> {output}")


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
