"""The static HTML report of a run (newsevents view): valid, escaped, complete, and what a browser shows."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from pipeline.batch import run_batch
from pipeline.schema import DocumentRecord
from pipeline.settings import load_settings
from pipeline.view import write_view

# An article whose text carries markup that must come out as text, never as markup.
HOSTILE_ARTICLE = """Angriff auf die Seite <script>alert("x")</script>

Die Polizei in Berlin nahm am Montag einen Mann fest, der <b onclick="x()">Skripte</b> verschickt hatte.
"""
# The timeline's fill colour of the first event type in its legend (pipeline.timeline.PALETTE[0]).
FIRST_TYPE_COLOUR = (0x4E, 0x79, 0xA7)


@pytest.fixture(scope="module")
def seed_run(repo_root, tmp_path_factory):
    """The seeds and the hostile article, run with the reference date of issue 16, and its report."""
    inputs = tmp_path_factory.mktemp("inputs")
    for seed in (repo_root / "seeds").iterdir():
        shutil.copy(seed, inputs / seed.name)
    (inputs / "zz_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = tmp_path_factory.mktemp("run")
    run_batch([inputs], settings=load_settings(reference_date="2024-05-10"), out_dir=out)
    html = out / "view"
    write_view(out, html)
    return out, html


def pages(html: Path) -> list[Path]:
    return [html / "index.html", *sorted((html / "docs").glob("*.html"))]


def test_view_pages_are_valid_html(seed_run):
    _, html = seed_run
    for path in pages(html):
        parser = html5lib.HTMLParser(strict=True)
        parser.parse(path.read_bytes())
        assert parser.errors == [], path


def test_view_escapes_the_text_of_the_input(seed_run):
    _, html = seed_run
    hostile = (html / "docs" / "0003.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in hostile
    for path in pages(html):
        text = path.read_text(encoding="utf-8").lower()
        assert "<script" not in text and "onclick=" not in text.replace("onclick=&quot;", ""), path


def test_view_document_page_shows_events_entities_and_dropped_text(seed_run):
    out, html = seed_run
    record = DocumentRecord.model_validate_json((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    page = (html / "docs" / "0001.html").read_text(encoding="utf-8")
    for event in record.events:
        assert f'id="{event.id}"' in page and f'href="#{event.id}"' in page
    for entity in record.entities:
        assert f'id="{entity.id}"' in page
    assert record.dropped and all(segment.text for segment in record.dropped)
    assert page.count('class="dropped"') == len(record.dropped)
    assert json.loads((html / "records" / "0001.json").read_text(encoding="utf-8"))["doc_id"] == record.doc_id


def test_view_overview_counts_an_entity_once_across_documents_with_its_wikidata_id(seed_run):
    _, html = seed_run
    index = (html / "index.html").read_text(encoding="utf-8")
    putin_rows = [row for row in index.split("<tr>") if row.startswith("<td>Wladimir Putin</td>")]
    assert len(putin_rows) == 1
    assert "<td>2</td>" in putin_rows[0] and "wikidata: Q7747" in putin_rows[0]


def test_view_cli_refuses_a_folder_without_a_run(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pipeline.cli", "view", str(tmp_path)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "documents.jsonl not found" in result.stderr


def find_chromium() -> str:
    """Debian's chromium, installed here when this runs as root with apt; else the test skips, saying why."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.skip("no chromium and no way to install it (needs root and apt-get): "
                    "install Debian's chromium package to run the browser test")
    environment = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    installed = subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], env=environment, capture_output=True, text=True)
    if installed.returncode != 0:
        subprocess.run(["apt-get", "update", "-q"], env=environment, capture_output=True)
        installed = subprocess.run(["apt-get", "install", "-y", "-q", "chromium"], env=environment,
                                   capture_output=True, text=True)
    if installed.returncode != 0 or not shutil.which("chromium"):
        pytest.skip(f"could not install chromium with apt-get: {installed.stderr.strip()[-300:]}")
    return shutil.which("chromium")


def run_chromium(chromium: str, *arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                           *arguments], capture_output=True, text=True, timeout=120)


def test_view_seed_report_in_a_browser(seed_run, tmp_path):
    from PIL import Image

    chromium = find_chromium()
    _, html = seed_run
    index_dom = run_chromium(chromium, "--dump-dom", (html / "index.html").as_uri()).stdout
    assert "Russland: Wladimir Putin plant Treffen mit Xi Jinping" in index_dom
    assert "Putin" in index_dom and index_dom.count('href="docs/') == 3
    assert "<svg" in index_dom and "2024-05: 1 VISIT" in index_dom   # the timeline bins by month here

    document_dom = run_chromium(chromium, "--dump-dom", (html / "docs" / "0001.html").as_uri()).stdout
    visit = document_dom[document_dom.index(" VISIT</h3>"):]
    visit = visit[: visit.index("</section>")]
    assert "<td>agent</td><td>Wladimir Putin</td>" in visit
    assert "<td>destination</td><td>China</td>" in visit
    assert "2024-05-15</strong> (2024-05-15 to 2024-05-16)" in visit

    screenshot = tmp_path / "index.png"
    run_chromium(chromium, f"--screenshot={screenshot}", "--window-size=1000,1200", (html / "index.html").as_uri())
    pixels = Image.open(screenshot).convert("RGB")
    bar_pixels = sum(count for count, colour in pixels.getcolors(maxcolors=1 << 24) if colour == FIRST_TYPE_COLOUR)
    assert bar_pixels > 1000, "the timeline's bars are not drawn"
