"""Shared fixtures: the repository layout and the optional ../shared/data corpora."""
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The openly licensed corpora beside the checkout; tests that need them skip without."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"corpora not available: {SHARED_DATA} is absent")
    return SHARED_DATA
