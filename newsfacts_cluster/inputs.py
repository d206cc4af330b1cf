"""Inputs of a cluster run: local paths, globs and fsspec URLs → an ordered plan of files per task.

Local paths expand exactly as the local runner expands them (``pipeline.readers.scan_inputs``:
folders walked in sorted order, a file reached twice listed once), so file number ``i`` of
the plan is the ``i``-th file the local runner reads. Globs (``'crawl/*.warc.gz'``) expand in
sorted order. URLs (``s3://bucket/crawl/``, ``memory://…``, ``file://…``) go through fsspec
when its backend for the protocol is installed (``s3fs`` for ``s3://``); a task copies a
remote file to local disk, reads it with the same reader and relabels its records with the
URL, so keys and sources name the object, not the copy.

The unit of work is an input file; files are spread over the tasks by size (largest first,
each to the least loaded task), so one task does not get all the big WARCs.
"""

from __future__ import annotations

import glob
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

import fsspec

from pipeline.document import RawRecord, StageError
from pipeline.readers import INPUT_KINDS, InputKind, input_kind, scan_inputs

GLOB_CHARS = frozenset("*?[")


def is_url(path: str) -> bool:
    return "://" in path


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # a local path or a URL
    kind: str  # InputKind.name
    size: int
    task: int = 0


@dataclass(slots=True)
class Plan:
    files: list[InputFile] = field(default_factory=list)
    errors: list[StageError] = field(default_factory=list)  # missing paths, unknown kinds, missing backends
    skipped: int = 0  # files of unknown kinds inside folders


def expand_inputs(given: list[str]) -> Plan:
    """Every input file of the given paths, globs and URLs, in the local runner's order."""
    plan = Plan()
    seen: set[str] = set()
    for item in given:
        if is_url(item):
            _expand_url(item, plan, seen)
            continue
        paths = sorted(glob.glob(item)) if GLOB_CHARS & set(item) else [item]
        if not paths:
            plan.errors.append(StageError(item, None, "read", "no file matches this pattern"))
        scan = scan_inputs(paths)
        plan.errors.extend(scan.errors)
        plan.skipped += len(scan.skipped)
        for path, kind in scan.files:
            resolved = str(path.resolve())
            if resolved not in seen:
                seen.add(resolved)
                plan.files.append(InputFile(str(path), kind.name, path.stat().st_size))
    return plan


def _expand_url(url: str, plan: Plan, seen: set[str]) -> None:
    try:
        fs, root = fsspec.core.url_to_fs(url)
    except (ImportError, ValueError) as exc:
        plan.errors.append(StageError(url, None, "read", f"cannot open this URL here: {exc}"))
        return
    protocol = url.split("://", 1)[0]
    if GLOB_CHARS & set(root):
        found, explicit = sorted(fs.glob(root)), False
    elif fs.isdir(root):
        found = [p for p in sorted(fs.find(root)) if not any(part.startswith(".") for part in
                                                              PurePosixPath(p).relative_to(root).parts)]
        explicit = False
    elif fs.exists(root):
        found, explicit = [root], True
    else:
        plan.errors.append(StageError(url, None, "read", "no such file or directory"))
        return
    for path in found:
        full = fs.unstrip_protocol(path) if protocol != "file" else f"file://{path}"
        kind = input_kind(Path(PurePosixPath(path).name))
        if kind is None:
            if explicit:
                plan.errors.append(StageError(full, None, "read", "unsupported file type"))
            else:
                plan.skipped += 1
            continue
        if full not in seen:
            seen.add(full)
            plan.files.append(InputFile(full, kind.name, int(fs.size(path) or 0)))


def assign_tasks(files: list[InputFile], tasks: int) -> list[InputFile]:
    """Spread files over ``tasks`` by size: largest first, each to the least loaded task (stable)."""
    load = [0] * tasks
    assigned: dict[int, int] = {}
    for number in sorted(range(len(files)), key=lambda i: (-files[i].size, i)):
        task = min(range(tasks), key=lambda t: (load[t], t))
        assigned[number] = task
        load[task] += max(1, files[number].size)
    return [replace(f, task=assigned[i]) for i, f in enumerate(files)]


def kind_named(name: str) -> InputKind:
    return next(kind for kind in INPUT_KINDS if kind.name == name)


@contextmanager
def local_copy(path: str) -> Iterator[Path]:
    """The file itself when local; a temporary local copy (same file name) of a URL."""
    if not is_url(path):
        yield Path(path)
        return
    folder = tempfile.mkdtemp(prefix="newsfacts-input-")
    try:
        target = Path(folder) / PurePosixPath(path.split("://", 1)[1]).name
        with fsspec.open(path, "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, 1024 * 1024)
        yield target
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def relabel(item: RawRecord | StageError, local: Path, source: str) -> RawRecord | StageError:
    """A record read from a local copy, named after the file it was copied from."""
    if item.source == source:
        return item
    if isinstance(item, StageError):
        return replace(item, source=source, message=item.message.replace(str(local), source))
    return replace(item, source=source)


def read_file(entry: InputFile, options) -> Iterator[RawRecord | StageError]:
    """The records of one input file, read by the local runner's reader for its kind."""
    kind = kind_named(entry.kind)
    try:
        with local_copy(entry.path) as local:
            for item in kind.read(local, options):
                yield relabel(item, local, entry.path)
    except (OSError, ImportError, ValueError) as exc:
        yield StageError(entry.path, None, "read", f"cannot read: {exc}")

