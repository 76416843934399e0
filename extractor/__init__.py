"""extractor: turn business and technology news into a graph of who does business with whom.

The data flows one way::

    read corpus (corpus) -> spaCy pipeline (pipeline, components) -> records (records)
        -> graph (graph) -> export (export)
"""
from .api import ExtractionResult, extract, iter_results
from .corpus import Article, ReadError, read_paths
from .pipeline import DEFAULT_MODEL, ModelNotFoundError, load
from .records import ArticleRecord, Company, DateMention, Figure, Relation
from .runner import Extractor

__version__ = "0.1.0"

__all__ = ["extract", "iter_results", "load", "Extractor", "ExtractionResult", "Article",
           "ReadError", "read_paths", "ArticleRecord", "Company", "DateMention", "Figure",
           "Relation", "DEFAULT_MODEL", "ModelNotFoundError", "__version__"]
