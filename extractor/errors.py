"""The library's own errors (no click here: :mod:`extractor.cli` maps them to exit codes).

- :class:`ExtractorError`: the base of the errors below (and of
  :class:`~extractor.store.StoreError`).
- :class:`UsageError`: a run asked for something it cannot do as asked (options that do not go
  together, Dask not installed or not reachable); the CLI shows the message and exits 2. It is a
  ``ValueError`` too, as the library raised before it had its own class.
"""
from __future__ import annotations

__all__ = ["ExtractorError", "UsageError"]


class ExtractorError(Exception):
    """An error of the extractor library (not a bug): its message says what to do."""


class UsageError(ExtractorError, ValueError):
    """The run cannot be done as asked; the command line exits 2 with this message."""
