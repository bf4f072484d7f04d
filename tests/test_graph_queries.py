"""The five SPARQL queries of the README, run through the store on the seeds (plus the short
sanctions article of conftest.py): the README shows what users get."""
import re

import pytest

from pipeline.settings import load_settings
from pipeline.store import load_runs, query

NE = "https://newsevents.invalid/ns#"
# The answers of the README's queries, in their order (the rows of an ORDER BY in order).
EXPECTED = [
    {("China", "2024-05-15", "2024-05-16", "000_37ef3cac3b47f0ac.txt")},
    {("Wladimir Putin", "Xi Jinping", "2024-05")},
    [("Ukraine", "3"), ("China", "2"), ("Belgien", "1"), ("Russland", "1")],
    {(NE + "CALL", "000_37ef3cac3b47f0ac.txt", "003_b1ca4df553a7e89d.txt", "Xi Jinping, Wladimir Putin")},
    {("Hamas", "Europäische Union", "2024-06-24")},
]


def readme_queries(repo_root) -> list[str]:
    readme = (repo_root / "README.md").read_text("utf8")
    section = readme.split("## The knowledge graph", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sparql\n(.*?)```", section, flags=re.S)


@pytest.fixture(scope="module")
def store(seed_run_out, tmp_path_factory):
    store = tmp_path_factory.mktemp("readme-store")
    load_runs([seed_run_out], store_dir=store, settings=load_settings())
    return store


def test_graph_readme_has_five_queries(repo_root):
    assert len(readme_queries(repo_root)) == len(EXPECTED) == 5


@pytest.mark.parametrize("number", range(5))
def test_graph_readme_query_answers(repo_root, store, number):
    rows = [tuple(row) for row in query(readme_queries(repo_root)[number], store_dir=store).table()]
    expected = EXPECTED[number]
    if isinstance(expected, set):
        if number == 3:  # GROUP_CONCAT has no order: compare the shared names as sets
            rows = [(*row[:3], frozenset(row[3].split(", "))) for row in rows]
            expected = {(*row[:3], frozenset(row[3].split(", "))) for row in expected}
        assert set(rows) == expected
    else:
        assert rows == expected
