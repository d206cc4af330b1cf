"""`newsfacts_tools.bench_ingest`: the memory it reports for a process tree (not timings)."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from newsfacts_tools.bench_ingest import PeakRss


def _hold(ready, stop) -> None:
    ready.set()
    stop.wait(30)


@pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="PSS needs Linux smaps")
def test_pss_of_a_forked_tree_counts_shared_pages_once():
    """A forked child shares its parent's pages: the RSS sum counts them twice, PSS once."""
    ballast = bytearray(os.urandom(64 * 2**20))  # 64 MiB in the parent, shared with the forked child
    ctx = multiprocessing.get_context("fork")
    ready, stop = ctx.Event(), ctx.Event()
    child = ctx.Process(target=_hold, args=(ready, stop))
    child.start()
    try:
        assert ready.wait(30)
        with PeakRss(os.getpid(), interval=0.01) as memory:
            time.sleep(0.1)
    finally:
        stop.set()
        child.join(30)
    assert len(ballast) == 64 * 2**20
    assert memory.peak >= 2 * 64 * 2**20  # both processes map the ballast
    assert 64 * 2**20 <= memory.peak_pss < memory.peak - 48 * 2**20  # shared: counted about once
