"""Shared fixtures. The Dutch pipeline loads once per test session.

``HELDER_TEST_MODEL`` may name another pipeline (package or path) to test against; by default the
one helder would pick itself (an installed nl_core_news_* or the shipped nl_helder).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def pipeline():
    from helder.nlp import get_pipeline

    nlp, info = get_pipeline(os.environ.get("HELDER_TEST_MODEL"))
    if not info.parsed:
        pytest.skip("no parsing Dutch pipeline available (the shipped model is missing)")
    return nlp, info


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline[0]


@pytest.fixture(scope="session")
def shared_corpora() -> Path:
    path = SHARED / "corpora"
    if not path.is_dir():
        pytest.skip(f"the development corpora are not here ({path}); these tests need ../shared/corpora")
    return path


@pytest.fixture(scope="session")
def model_option(pipeline) -> str | None:
    """The ``model`` value to pass to helder's API so it uses the same pipeline as the tests."""
    return os.environ.get("HELDER_TEST_MODEL")
