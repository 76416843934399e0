"""Shared fixtures: one loaded pipeline for the whole test session."""
from __future__ import annotations

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
