"""Analysing a corpus on Dask, for corpora that outgrow one machine.

The same ``Analyzer`` runs in every Dask worker process; the client reads the documents, sends
them in partitions and gets the records back in input order, a window of partitions at a time,
so memory stays bounded however large the corpus. The scheduler is "processes" (all cores of
this machine), "synchronous" (one process, for debugging) or the address of a running
``dask.distributed`` scheduler ("tcp://10.0.0.5:8786"), which needs the ``distributed`` package.
"""
from __future__ import annotations

import functools
from itertools import islice
from typing import Iterable, Iterator

from .batch import Analyzer
from .document import SourceDocument
from .schema import DocumentRecord
from .settings import Settings

LOCAL_SCHEDULERS = {"processes", "synchronous"}


class ClusterError(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


def check_scheduler(scheduler: str) -> str:
    """``scheduler`` if it names a local scheduler or has the form of an address, else ClusterError."""
    if scheduler in LOCAL_SCHEDULERS or "://" in scheduler:
        return scheduler
    raise ClusterError(f"unknown Dask scheduler {scheduler!r}: use {' or '.join(sorted(LOCAL_SCHEDULERS))}, "
                       "or an address such as tcp://10.0.0.5:8786")


def analyse_on_dask(sources: Iterable[SourceDocument], *, settings: Settings, scheduler: str) -> Iterator[DocumentRecord]:
    """Records for ``sources`` in input order, analysed by Dask workers."""
    try:
        import dask
        import dask.bag
    except ImportError as error:  # the optional extra is missing
        raise ClusterError("Dask is not installed: pip install 'newsevents[dask]'") from error
    get = scheduler if scheduler in LOCAL_SCHEDULERS else connect(scheduler)
    size = settings.dask.partition_size
    sources = iter(sources)
    while window := list(islice(sources, size * settings.dask.partitions_in_flight)):
        bag = dask.bag.from_sequence(window, partition_size=size).map_partitions(
            analyse_partition, settings_json=settings.model_dump_json()
        )
        (records,) = dask.compute(bag, scheduler=get)
        yield from records


def connect(address: str):
    """A client of the ``dask.distributed`` scheduler at ``address``."""
    try:
        from distributed import Client
    except ImportError as error:
        raise ClusterError(f"a scheduler address ({address}) needs the distributed package: pip install distributed") from error
    try:
        return Client(address, timeout="10s")
    except OSError as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: {error}") from error


def analyse_partition(sources: list[SourceDocument], *, settings_json: str) -> list[DocumentRecord]:
    """The records of one partition, in a worker process."""
    return list(analyzer_for(settings_json).analyse(sources))


@functools.lru_cache(maxsize=1)
def analyzer_for(settings_json: str) -> Analyzer:
    """The worker's Analyzer, loaded once per process (settings travel as JSON, a hashable key)."""
    return Analyzer.load(Settings.model_validate_json(settings_json))
