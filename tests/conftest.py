"""Shared fixtures: one loaded pipeline for the whole test session."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def nlp():
    """The default pipeline with the extractor's components (loaded once)."""
    import extractor

    return extractor.load()


@pytest.fixture(scope="session")
def nlp_no_gazetteer():
    import extractor

    return extractor.load(gazetteer=False)


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (ROOT / "corpus" / "china-mobile-channel-partners.txt").read_text(encoding="utf-8")


def _remove_tree(top: Path) -> None:
    """Remove a folder tree without recursion (``shutil.rmtree`` fails on 1,200 levels, and so
    would pytest's own clean-up of old temporary folders if a deep tree were left there)."""
    stack = [top]
    while stack:
        with os.scandir(stack[-1]) as scan:
            entries = list(scan)
        folders = [e.path for e in entries if e.is_dir(follow_symlinks=False)]
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                os.unlink(entry.path)
        if folders:
            stack.extend(folders)
        else:
            os.rmdir(stack.pop())


@pytest.fixture(scope="session")
def remove_tree():
    """The function that removes a (deep) folder tree without recursion."""
    return _remove_tree
