"""Stopping a run cleanly: on SIGINT or SIGTERM the worker processes stop, what is complete is
kept, and the command exits 130 or 143; a worker dies with its parent, even after ``kill -9``.
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from contextlib import contextmanager
from typing import Iterator

# Linux prctl option: the signal the kernel sends a process when its parent dies.
PR_SET_PDEATHSIG = 1
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(KeyboardInterrupt):
    """The run was stopped by ``signum``."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within: SIGINT and SIGTERM terminate the worker processes, then raise ``Interrupted``
    (spaCy's multiprocessing pipe waits for its workers as it unwinds: they must be gone)."""

    def stop(signum, frame):
        for child in multiprocessing.active_children():
            child.terminate()
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def prepare_forked_worker() -> None:
    """In a process forked from a run: leave SIGINT to the parent (a terminal's Ctrl-C reaches
    the whole group), die on SIGTERM, and have Linux send SIGTERM when the parent dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: no parent-death signal
        pass


os.register_at_fork(after_in_child=prepare_forked_worker)
