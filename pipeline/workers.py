"""Worker processes of a local run: an ordered map that survives the death of a worker.

``ordered_map`` runs a function over chunks of records (``Chunking``: a list of records in, a
list of results back, in order) in a pool of processes, results in input order; with one worker,
over the same chunks in the calling process. The pool's per-task cost (a future, a pickled
function, two queue hand-overs, a wake-up of the parent) is paid once per chunk, not once per
document, and the function can run each stage over the whole chunk (the runner does: a stage's
code and tables stay in the CPU's caches); at most ``Chunking.in_flight`` chunks per worker are
out at a time, and a chunk holds at most ``Chunking.max_weight`` of input (bytes of content for
the runner), so memory stays bounded whatever the page sizes.

When a worker dies (SIGKILL, the kernel's OOM killer, a crash in C code) the pool breaks and
every chunk in flight fails with it; the records of the chunks that had not finished are then
run again one at a time in a fresh pool, so the one that kills its worker is found and reported
through ``on_death`` (an error for that record) while the others are processed normally.
Nothing already returned is lost.

Process-wide settings belong to the workers alone (``worker_setup``, the pool initializer):
they end when their parent ends (``PR_SET_PDEATHSIG`` on Linux), and they move the tables
loaded by a warm-up record out of the garbage collector's reach (``gc.freeze``). With one
worker the function runs in the calling process and none of this is done to it.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>

WORKER_DIED = "the worker process died while processing this record (killed, out of memory or crashed)"


def end_with_parent(parent_pid: int) -> None:
    """Make this process receive SIGKILL when its parent ends (Linux), or exit if it already has."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the orphan check below still applies at start
            log.debug("prctl(PR_SET_PDEATHSIG) not available", exc_info=True)
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)


def worker_setup(parent_pid: int, warm_up: Callable[[], object] | None) -> None:
    """Pool initializer: end with the parent; load the tables once and freeze them out of the GC.

    Every full collection would otherwise walk the rule tables, dictionaries and OpenCC data
    again (~20% of the extraction time).
    """
    end_with_parent(parent_pid)
    if warm_up is not None:
        warm_up()
        gc.collect()
        gc.freeze()


@dataclass(frozen=True, slots=True)
class Chunking:
    """How records are grouped into tasks for the pool. Measured with 2 workers on the bench
    texts (a function that returns its record, so only the hand-over is timed): one record per
    task cost 0.15 ms of the parent's CPU and 0.10 ms of a worker's per record; chunks of 16
    cost 0.03 and 0.02 ms."""

    max_items: int = 16  # records per chunk at most
    max_weight: int = 1 << 20  # input per chunk at most (``weight`` of its records): a chunk of large pages is short
    in_flight: int = 3  # chunks per worker submitted and not yet taken (one running, the next ones queued)


def run_chunk(func: Callable[[list[T]], list[R]], chunk: list[T]) -> list[R]:
    """A worker's task: ``func`` of a chunk of records, one result per record, in order."""
    return func(chunk)


def chunked(items: Iterable[T], chunking: Chunking, weight: Callable[[T], int]) -> Iterator[list[T]]:
    """``items`` in lists of at most ``max_items``, closed early once they weigh ``max_weight``."""
    chunk: list[T] = []
    total = 0
    for item in items:
        chunk.append(item)
        total += weight(item)
        if len(chunk) >= chunking.max_items or total >= chunking.max_weight:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


class OrderedPool(Generic[T, R]):
    """``map`` in worker processes, in input order, a chunk of records per task, replacing the
    pool when a worker dies."""

    def __init__(self, func: Callable[[list[T]], list[R]], workers: int, on_death: Callable[[T], R],
                 warm_up: Callable[[], object] | None = None, chunking: Chunking = Chunking(),
                 weight: Callable[[T], int] | None = None):
        self.func = func
        self.workers = workers
        self.window = max(1, workers * chunking.in_flight)  # chunks in flight
        self.chunking = chunking
        self.weight = weight or (lambda item: 0)
        self.on_death = on_death
        self.warm_up = warm_up
        self.deaths = 0  # records whose worker died
        self._pool: ProcessPoolExecutor | None = None

    def _new_pool(self) -> ProcessPoolExecutor:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, initializer=worker_setup,
                                         initargs=(os.getpid(), self.warm_up))
        return self._pool

    def map(self, items: Iterable[T]) -> Iterator[R]:
        pending: deque[tuple[list[T], Future]] = deque()
        pool = self._new_pool()
        try:
            for chunk in chunked(items, self.chunking, self.weight):
                pending.append((chunk, pool.submit(run_chunk, self.func, chunk)))
                while len(pending) >= self.window:
                    yield from self._take(pending)
                    pool = self._pool
            while pending:
                yield from self._take(pending)
        finally:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
                self._pool = None

    def _take(self, pending: deque[tuple[list[T], Future]]) -> Iterator[R]:
        _, future = pending[0]
        try:
            results = future.result()
        except BrokenProcessPool:
            in_flight = list(pending)
            pending.clear()
            yield from self._recover(in_flight)
            return
        pending.popleft()
        yield from results

    def _recover(self, in_flight: list[tuple[list[T], Future]]) -> Iterator[R]:
        """The pool broke: keep the chunks that were ready, run the others' records alone in fresh pools."""
        log.warning("a worker process died: %d record(s) in flight are run again one at a time",
                    sum(len(chunk) for chunk, _ in in_flight))
        self._new_pool()
        for chunk, future in in_flight:
            if future.done() and not future.cancelled() and future.exception() is None:
                yield from future.result()
                continue
            for item in chunk:
                try:
                    yield from self._pool.submit(run_chunk, self.func, [item]).result()
                except BrokenProcessPool:
                    self.deaths += 1
                    yield self.on_death(item)
                    self._new_pool()


def ordered_map(func: Callable[[list[T]], list[R]], items: Iterable[T], workers: int, on_death: Callable[[T], R],
                warm_up: Callable[[], object] | None = None, chunking: Chunking = Chunking(),
                weight: Callable[[T], int] | None = None) -> Iterator[R]:
    """``func`` over chunks of ``items``, results in input order: in this process for one worker,
    else in a surviving pool."""
    if workers <= 1:
        return (result for chunk in chunked(items, chunking, weight or (lambda item: 0))
                for result in run_chunk(func, chunk))
    return OrderedPool(func, workers, on_death, warm_up, chunking, weight).map(items)
