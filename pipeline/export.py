"""Writing a view of the facts database to a file, without ever harming the database or other files.

``newsfacts export`` is a read-only command, so its output is guarded:

- it never writes onto the database it reads, nor onto SQLite's ``-wal``/``-shm``/``-journal``
  files beside it: the target is compared by resolved path and by inode (``os.path.samefile``),
  so a symlink or a hard link to the database is refused too, with or without ``--force``;
- an existing file is replaced only with ``--force``;
- a regular file is written to a hidden temporary file in the same folder and renamed into
  place when complete (without ``--force`` through a hard link, which fails if the name was
  taken in the meantime), so a failed export leaves neither a half-written file nor a temporary
  file behind, and nothing is written outside the path given;
- a device or pipe (``/dev/stdout``, a FIFO) is written in place;
- the folder must exist: a missing folder is an error, not created (a typo should not
  grow a directory tree);
- a write error (a full disk, ``/dev/full``) is an ``OutputError``: one line, exit code 1.
"""

from __future__ import annotations

import base64
import contextlib
import csv
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from pipeline.errors import UserError
from pipeline.readonly import ReadOnlyDatabase

FORMATS = ("jsonl", "csv", "parquet")
# Files SQLite keeps beside a database: writing over any of them corrupts it.
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


class OutputError(UserError):
    """The output could not be written (disk full, I/O error): nothing was left half-written."""

    exit_code = 1


def check_output(output: Path, db: Path, *, force: bool) -> None:
    """Raise ``UserError`` unless ``output`` may be written: never the database, never silently over a file."""
    folder = output.parent
    if not folder.is_dir():
        raise UserError(f"cannot write {output}: the folder {folder} does not exist")
    for suffix in SQLITE_SIDE_FILES:
        guarded = Path(f"{db}{suffix}")
        if output.resolve() == guarded.resolve() or (output.exists() and guarded.exists()
                                                      and os.path.samefile(output, guarded)):
            raise UserError(f"refusing to write {output}: it is the database being exported ({guarded})")
    if output.is_dir():
        raise UserError(f"cannot write {output}: it is a folder")
    if output.exists() and stat.S_ISREG(output.stat().st_mode) and not force:
        raise UserError(f"{output} exists (use --force to replace it)")


def export_view(db: ReadOnlyDatabase, db_path: Path, view: str, fmt: str, output: Path | None, *,
                force: bool = False) -> int:
    """Write ``view`` to ``output`` (standard output when None) as JSONL, CSV or Parquet; the row count."""
    if fmt == "parquet" and output is None:
        raise UserError("--format parquet needs -o FILE")
    if output is not None:
        check_output(output, db_path, force=force)
    cursor = db.execute(f"SELECT * FROM {view}")  # the view name comes from a fixed list
    columns = [c[0] for c in cursor.description]
    rows: Iterator[tuple] = iter(cursor)
    if output is None:
        return _write_text(rows, columns, fmt, sys.stdout)
    with _target(output, force=force, binary=fmt == "parquet") as out:
        if fmt == "parquet":
            return _write_parquet(rows, columns, out)
        return _write_text(rows, columns, fmt, out)


def _text_value(value: object) -> object:
    """BLOBs (the MinHash signatures) as base64 text: JSON and CSV have no bytes."""
    return base64.b64encode(value).decode("ascii") if isinstance(value, bytes) else value


def _write_text(rows: Iterator[tuple], columns: list[str], fmt: str, out: IO[str]) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(columns)
        for count, row in enumerate(rows, start=1):
            writer.writerow([_text_value(v) for v in row])
    else:
        for count, row in enumerate(rows, start=1):
            out.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False, default=_text_value) + "\n")
    return count


def _write_parquet(rows: Iterator[tuple], columns: list[str], out: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = list(rows)
    pq.write_table(pa.table({c: [r[i] for r in data] for i, c in enumerate(columns)}), out)
    return len(data)


@contextlib.contextmanager
def _target(output: Path, *, force: bool, binary: bool) -> Iterator[IO]:
    """A file object for ``output``: a temporary file renamed into place on success (regular files),
    or the device/pipe itself. Any OSError becomes an ``OutputError``; the temporary file is removed."""
    mode, encoding = ("wb", None) if binary else ("w", "utf-8")
    if output.exists() and not stat.S_ISREG(output.stat().st_mode):
        try:
            with open(output, mode, encoding=encoding, newline=None if binary else "") as out:
                yield out
        except OSError as exc:
            raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
        return
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    temp = Path(temp_name)
    try:
        with open(handle, mode, encoding=encoding, newline=None if binary else "") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        if force:
            os.replace(temp, output)
        else:
            os.link(temp, output)  # fails if the name was taken since check_output
    except FileExistsError:
        raise UserError(f"{output} exists (use --force to replace it)") from None
    except OSError as exc:
        raise OutputError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def guarded_output(output: Path, db: Path, *, force: bool, binary: bool = False) -> Iterator[IO]:
    """``check_output`` then ``_target``: the one way read commands (export, seeds) write a file."""
    check_output(output, db, force=force)
    with _target(output, force=force, binary=binary) as out:
        yield out


EXTENSIONS = {"jsonl": "jsonl", "csv": "csv", "parquet": "parquet"}


def exportable_names(db: ReadOnlyDatabase) -> list[str]:
    """Every table and view a person would export: not SQLite's own tables, not the search index."""
    rows = db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
                      "AND name NOT LIKE 'documents_fts%' ORDER BY type, name")
    return [r[0] for r in rows]


def export_all(db: ReadOnlyDatabase, db_path: Path, folder: Path, fmt: str, *, force: bool = False) -> dict[str, int]:
    """Every table and view into ``folder`` (created if its parent exists) as ``NAME.jsonl|csv|parquet``.

    Refuses before writing anything when one of the files exists and ``force`` is not given."""
    if folder.exists() and not folder.is_dir():
        raise UserError(f"cannot export into {folder}: it is a file (give a folder)")
    if not folder.parent.is_dir():
        raise UserError(f"cannot write {folder}: the folder {folder.parent} does not exist")
    names = exportable_names(db)
    existing = [folder / f"{n}.{EXTENSIONS[fmt]}" for n in names if (folder / f"{n}.{EXTENSIONS[fmt]}").exists()]
    if existing and not force:
        raise UserError(f"{existing[0]} exists (use --force to replace the exported files)")
    folder.mkdir(exist_ok=True)
    return {name: export_view(db, db_path, name, fmt, folder / f"{name}.{EXTENSIONS[fmt]}", force=force)
            for name in names}
