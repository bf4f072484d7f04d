"""`newsevents run` on a terminal: a progress bar with done/total, rate and time left; --quiet hides it."""
import os
import pty
import re
import subprocess
import sys

import pytest

# Cursor movements and colours that rich writes to a terminal.
TERMINAL_CODES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def run_in_terminal(arguments: list[str], cwd) -> str:
    """Run the CLI with stdout and stderr on a pseudo-terminal and return what it showed."""
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", *arguments], cwd=cwd,
                               stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    assert process.wait(timeout=300) == 0
    return TERMINAL_CODES.sub("", shown.decode("utf-8", "replace"))


@pytest.mark.parametrize("quiet, bar_shown", [(False, True), (True, False)])
def test_cli_progress_bar_counts_documents_of_the_total(repo_root, tmp_path, quiet, bar_shown):
    shown = run_in_terminal(["run", "seeds", "--out", str(tmp_path), *(["--quiet"] if quiet else [])], cwd=repo_root)
    assert ("2/2" in shown and "ETA" in shown) is bar_shown
    assert "2 documents (0 failed)" in shown   # the summary line either way
    assert "ETA" not in (tmp_path / "documents.jsonl").read_text(encoding="utf-8")
