"""One writer per database: a lock file beside it (``facts.db.lock``), held with ``fcntl.flock``.

The holder writes one line into the file: ``pid 1234 on host since 2026-12-07T20:15:00+00:00``.
A second writer either waits for the lock, after saying who holds it and since when, or with
``--no-wait`` stops at once (``WriterBusy``, exit code 3). The kernel releases the lock when
the holder's process ends, however it ends, so a crashed run never leaves a stale lock; the
line left in the file is then only history. Readers take no lock (the database is in WAL mode:
queries run during an ingest).
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from pipeline.errors import UserError


class WriterBusy(UserError):
    """Another process is writing this database and the caller would not wait."""

    exit_code = 3


def lock_path(db: Path) -> Path:
    return db.with_name(db.name + ".lock")


class WriterLock:
    """The exclusive right to write one database, for as long as this object is open."""

    def __init__(self, db: Path, *, wait: bool = True, say: Callable[[str], None] = lambda line: None):
        self.path = lock_path(Path(db))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            self._acquire(Path(db), wait, say)
        except BaseException:
            os.close(self._fd)
            raise
        os.ftruncate(self._fd, 0)
        os.pwrite(self._fd, f"pid {os.getpid()} on {socket.gethostname()} since "
                            f"{datetime.now(timezone.utc).isoformat(timespec='seconds')}\n".encode(), 0)

    def _acquire(self, db: Path, wait: bool, say: Callable[[str], None]) -> None:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            holder = os.pread(self._fd, 400, 0).decode("utf-8", "replace").strip() or "another process"
        if not wait:
            raise WriterBusy(f"{db} is being written by {holder}; stopped (--no-wait)")
        say(f"waiting: {db} is being written by {holder}")
        fcntl.flock(self._fd, fcntl.LOCK_EX)

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = -1
