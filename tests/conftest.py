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


# A third article beside the seeds, so that the knowledge-graph queries have an organisation
# targeted by sanctions (the seeds have none) and a city that belongs to a country.
SANCTIONS_ARTICLE = """EU verhängt Sanktionen gegen die Hamas

Die Europäische Union verhängte am 24. Juni 2024 neue Sanktionen gegen die Hamas. Die Außenminister
der EU trafen sich dazu am Montag in Brüssel. Peking kritisierte die Entscheidung.
"""


@pytest.fixture(scope="session")
def seed_run_out(tmp_path_factory) -> Path:
    """The output folder of a run over the seeds and SANCTIONS_ARTICLE with --reference-date 2024-05-10."""
    from pipeline.batch import run_batch
    from pipeline.settings import load_settings

    inputs = tmp_path_factory.mktemp("kg-inputs")
    for seed in (REPO_ROOT / "seeds").iterdir():
        (inputs / seed.name).write_bytes(seed.read_bytes())
    (inputs / "010_sanctions.txt").write_text(SANCTIONS_ARTICLE, encoding="utf-8")
    out = tmp_path_factory.mktemp("kg-run")
    run_batch([inputs], settings=load_settings(reference_date="2024-05-10"), out_dir=out)
    return out
