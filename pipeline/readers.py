"""Input files → ``RawRecord``s: one page per HTML/text file, many per WARC or JSONL file.

Which reader handles a file is decided by its name (``INPUT_KINDS``); gzip is recognised
by its magic bytes as well, so ``page.html.gz`` and a gzipped file saved as ``page.html``
both read. Folders are walked recursively in sorted order (hidden entries skipped), so a
run sees the same records in the same order every time; files of unknown kinds inside
folders are skipped and counted (``scan_inputs``), while a file named explicitly that no
reader handles is reported as an error.

Nothing here raises for bad input. An unreadable file, a broken gzip stream, a malformed
JSON line, a truncated WARC or an input over ``options.max_bytes`` becomes a
``StageError(stage="read")`` and reading goes on with the next record or file. WARC and
JSONL files are streamed record by record; only one record (at most ``max_bytes``) is in
memory at a time. Bytes stay bytes: decoding HTML/text is the next stage's job
(``pipeline.decoding``), except for JSONL, whose fields are already text.
"""

from __future__ import annotations

import errno
import gzip
import json
import logging
import os
import stat
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from pipeline.document import RawRecord, StageError
from pipeline.options import PipelineOptions

log = logging.getLogger(__name__)

STAGE = "read"
GZIP_MAGIC = b"\x1f\x8b"
# Errors of reading a (possibly gzip-compressed) stream that was cut or corrupted.
STREAM_ERRORS = (OSError, EOFError, zlib.error)
# A gzip stream that has produced more than GZIP_BOMB_MIN_BYTES and more than MAX_GZIP_RATIO
# times the compressed bytes read is a decompression bomb: text and HTML compress 3-20 times,
# long runs of one byte about 1000 times.
MAX_GZIP_RATIO = 200
GZIP_BOMB_MIN_BYTES = 4 * 1024 * 1024

# JSONL fields, in order of preference. ``date`` is what several public news dumps call
# the publication date.
JSONL_CONTENT_FIELDS: tuple[tuple[str, str], ...] = (("html", "html"), ("text", "text"))
JSONL_PUBLISHED_FIELDS = ("published", "date", "published_at")
# The outlet: ``site`` (the site's name) and ``source`` (who the dump credits, e.g. 自由時報).
JSONL_SITE_FIELDS = ("site",)
JSONL_SOURCE_FIELDS = ("source",)

# The WARC responses that are pages, by HTTP Content-Type (media type only, lower case).
WARC_PAGE_TYPES: Mapping[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}


Reader = Callable[[Path, PipelineOptions], Iterator[RawRecord | StageError]]


@dataclass(frozen=True, slots=True)
class InputKind:
    """A kind of input file: the name endings that select it and the reader that reads it."""

    name: str
    suffixes: tuple[str, ...]
    read: Reader

    def matches(self, path: Path) -> bool:
        return path.name.lower().endswith(self.suffixes)


@dataclass(slots=True)
class InputScan:
    """What a list of paths expands to: readable files, skipped files, and paths that failed."""

    files: list[tuple[Path, InputKind]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # unknown kinds found inside folders
    errors: list[StageError] = field(default_factory=list)  # missing paths, unknown explicit files


def iter_records(paths: Iterable[str | Path], options: PipelineOptions) -> Iterator[RawRecord | StageError]:
    """Every page in ``paths`` (files and folders), in a stable order, with read errors in line."""
    scan = scan_inputs(paths)
    if scan.skipped:
        log.info("skipped %d file(s) of unknown kind, e.g. %s", len(scan.skipped), scan.skipped[0])
    yield from scan.errors
    for path, kind in scan.files:
        yield from kind.read(path, options)


def scan_inputs(paths: Iterable[str | Path]) -> InputScan:
    """Expand files and folders (recursively, sorted, hidden entries skipped) into input files.

    A file reached twice (say ``corpus`` and ``corpus/samples``) is listed once. A path that
    is missing, loops (``a -> b``, ``b -> a``), dangles, cannot be listed or is not a regular
    file (a FIFO would block the run) becomes an error, whatever its name; files of unknown
    kinds inside folders are skipped.
    """
    scan = InputScan()
    seen: set[Path] = set()
    for given in paths:
        path = Path(given)
        try:
            is_folder = stat.S_ISDIR(os.stat(path).st_mode)
        except OSError as exc:
            scan.errors.append(StageError(str(path), None, STAGE, path_problem(exc, path)))
            continue
        found = [(p, False) for p in _walk(path, scan.errors)] if is_folder else [(path, True)]
        for file, explicit in found:
            try:
                resolved = file.resolve(strict=True)
                mode = os.stat(resolved).st_mode
            except (OSError, RuntimeError) as exc:  # RuntimeError: Python 3.11's "Symlink loop"
                scan.errors.append(StageError(str(file), None, STAGE, path_problem(exc, file)))
                continue
            if resolved in seen:
                continue
            seen.add(resolved)
            kind = input_kind(file)
            if kind is not None and not stat.S_ISREG(mode):
                scan.errors.append(StageError(str(file), None, STAGE, f"not a regular file ({_file_type(mode)})"))
            elif kind is not None:
                scan.files.append((file, kind))
            elif explicit:
                known = ", ".join(s for k in INPUT_KINDS for s in k.suffixes)
                scan.errors.append(StageError(str(file), None, STAGE, f"unsupported file type (known: {known})"))
            else:
                scan.skipped.append(file)
    return scan


def path_problem(exc: OSError | RuntimeError, path: Path) -> str:
    """What is wrong with a path, in words (``symlink loop``, ``no such file or directory``, …)."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "cannot read: symlink loop (the link points back to itself)"
    if getattr(exc, "errno", None) in (errno.ENOENT, errno.ENOTDIR):
        return "no such file or directory" + (" (a link to a missing file)" if path.is_symlink() else "")
    return f"cannot read: {exc.strerror or exc}"


def _file_type(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a file"


def input_kind(path: Path) -> InputKind | None:
    """The kind of input a file name says it is, or None."""
    return next((kind for kind in INPUT_KINDS if kind.matches(path)), None)


def _walk(folder: Path, errors: list[StageError]) -> list[Path]:
    """Files under ``folder`` in sorted path order, not following links to folders.

    A folder that cannot be listed (no permission, removed mid-walk, an I/O error) is added
    to ``errors``; the walk goes on with the rest.
    """
    files = []

    def unlistable(exc: OSError) -> None:
        errors.append(StageError(str(exc.filename or folder), None, STAGE, f"cannot list folder: {exc.strerror or exc}"))

    for root, dirs, names in os.walk(folder, onerror=unlistable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        files.extend(Path(root, name) for name in names if not name.startswith("."))
    return sorted(files, key=lambda p: p.relative_to(folder).parts)


class GzipBomb(OSError):
    """A gzip stream that expands far more than any text does (one of STREAM_ERRORS)."""


class _RatioGuard:
    """A gzip stream that fails once it has expanded more than ``MAX_GZIP_RATIO`` times the bytes read.

    ``max_bytes`` bounds one page or record; this bounds a JSONL or WARC file of many small
    records (a gigabyte of newlines compresses to a megabyte and would take minutes to walk).
    """

    def __init__(self, unzipped: gzip.GzipFile, raw: IO[bytes]):
        self._unzipped = unzipped
        self._raw = raw
        self._out = 0

    def _count(self, data: bytes) -> bytes:
        self._out += len(data)
        if self._out > GZIP_BOMB_MIN_BYTES and self._out > MAX_GZIP_RATIO * max(1, self._raw.tell()):
            raise GzipBomb(f"gzip bomb: the stream expands more than {MAX_GZIP_RATIO} times its size "
                           f"({self._out} bytes from {self._raw.tell()})")
        return data

    def read(self, size: int = -1) -> bytes:
        return self._count(self._unzipped.read(size))

    def readline(self, size: int = -1) -> bytes:
        return self._count(self._unzipped.readline(size))


@contextmanager
def _open_maybe_gzip(path: Path) -> Iterator[IO[bytes]]:
    """Open a file for binary reading, decompressing it when it starts with the gzip magic."""
    with open(path, "rb") as raw:
        if raw.read(2) == GZIP_MAGIC:
            raw.seek(0)
            with gzip.GzipFile(fileobj=raw, mode="rb") as unzipped:
                yield _RatioGuard(unzipped, raw)  # type: ignore[misc]
        else:
            raw.seek(0)
            yield raw


def _too_large(size_note: str, options: PipelineOptions) -> str:
    return f"{size_note} is larger than the limit of {options.max_bytes} bytes (options.max_bytes)"


def read_page(path: Path, options: PipelineOptions, *, page_format: str) -> Iterator[RawRecord | StageError]:
    """One HTML or text page per file (gzip or not): the raw bytes, record 0."""
    source = str(path)
    try:
        with _open_maybe_gzip(path) as stream:
            content = stream.read(options.max_bytes + 1)
    except STREAM_ERRORS as exc:
        yield StageError(source, 0, STAGE, f"cannot read file: {exc}")
        return
    if len(content) > options.max_bytes:
        yield StageError(source, 0, STAGE, _too_large("the page", options))
        return
    yield RawRecord(source=source, record=0, content=content, format=page_format)


def read_jsonl(path: Path, options: PipelineOptions) -> Iterator[RawRecord | StageError]:
    """One page per JSON line (``url``, ``html`` or ``text``, optional ``published``/``fetched_at``/``title``).

    ``html`` wins over ``text`` when both are there; ``date``/``published_at`` are read as
    ``published``. The record number is the 1-based line number; blank lines are skipped.
    The file is read line by line, a line longer than ``max_bytes`` is skipped unread.
    """
    source = str(path)
    line_no = 0
    try:
        with _open_maybe_gzip(path) as stream:
            for line_no, line in enumerate(_lines(stream, options.max_bytes), start=1):
                if line is None:
                    yield StageError(source, line_no, STAGE, _too_large("the line", options))
                elif line.strip():
                    yield _jsonl_record(source, line_no, line)
    except STREAM_ERRORS as exc:
        where = f"cannot read past line {line_no}" if line_no else "cannot read file"
        yield StageError(source, line_no + 1, STAGE, f"{where}: {exc}")


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The lines of a stream, None for a line longer than ``limit`` (skipped without holding it)."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(64 * 1024)
            yield None
        else:
            yield line


def _jsonl_record(source: str, line_no: int, line: bytes) -> RawRecord | StageError:
    """A RawRecord from one JSON line, or the StageError saying what is wrong with it."""
    try:
        data = json.loads(line.decode("utf-8-sig" if line_no == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        return StageError(source, line_no, STAGE, f"line is not UTF-8: {exc.reason} at byte {exc.start}")
    except json.JSONDecodeError as exc:
        return StageError(source, line_no, STAGE, f"malformed JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}")
    if not isinstance(data, dict):
        return StageError(source, line_no, STAGE, f"expected a JSON object, got {type(data).__name__}")
    url = _text_field(data, ("url",))
    found = next(((fmt, data[name]) for name, fmt in JSONL_CONTENT_FIELDS if _text_field(data, (name,))), None)
    if found is None:
        names = " or ".join(name for name, _ in JSONL_CONTENT_FIELDS)
        return StageError(source, line_no, STAGE, f"no {names} field with text", key=url)
    fmt, content = found
    return RawRecord(source=source, record=line_no, content=content, format=fmt, **jsonl_metadata(data))


def jsonl_metadata(data: Mapping[str, object]) -> dict[str, str | None]:
    """What a JSON line says of its page besides the content (RawRecord's url, published — also read
    from ``date``/``published_at`` —, fetched_at, title, id, site, source_name): one reading for
    ``ingest`` and ``newsfacts clean``, so that both see the same page."""
    return dict(url=_text_field(data, ("url",)), published=_text_field(data, JSONL_PUBLISHED_FIELDS),
                fetched_at=_text_field(data, ("fetched_at",)), title=_text_field(data, ("title",)),
                id=_record_id(data), site=_text_field(data, JSONL_SITE_FIELDS),
                source_name=_text_field(data, JSONL_SOURCE_FIELDS))


def _record_id(data: Mapping[str, object]) -> str | None:
    """The record's own ``id`` (string or number), kept so ``clean``/``ingest`` can pass it through."""
    value = data.get("id")
    return str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value) else None


def _text_field(data: Mapping[str, object], names: Iterable[str]) -> str | None:
    """The first of ``names`` holding a non-blank string."""
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def read_warc(path: Path, options: PipelineOptions) -> Iterator[RawRecord | StageError]:
    """The HTTP responses of a WARC (gzip or not) that are pages, streamed one record at a time.

    ``url`` is WARC-Target-URI, ``fetched_at`` WARC-Date, ``headers`` the HTTP headers with
    lower-case names, ``content`` the HTTP body (chunking and Content-Encoding undone).
    The record number is the 1-based position of the WARC record in the file. A record cut
    short, or bytes after the last record that are not a record, end the file with an error.
    """
    source = str(path)
    number = 0
    end = 0  # file offset just after the last complete record
    try:
        with open(path, "rb") as stream:
            records = ArchiveIterator(stream)
            for number, record in enumerate(records, start=1):
                if not _headers_complete(record):
                    yield StageError(source, number, STAGE, "truncated WARC: the record headers are cut short")
                    return
                page = _warc_page(source, number, record, options)
                end = records.get_record_offset() + records.get_record_length()  # reads the rest of the record
                if getattr(record.raw_stream, "limit", 0):
                    yield StageError(source, number, STAGE, "truncated WARC: the record is cut short")
                    return
                if page is not None:
                    yield page
            stream.seek(end)
            tail = stream.read(64)
    # warcio parses untrusted bytes and may fail in many ways; any failure ends this file only.
    except Exception as exc:  # noqa: BLE001
        yield StageError(source, number + 1, STAGE, f"cannot read WARC record after record {number}: {exc}")
        return
    if tail.strip():
        yield StageError(source, number + 1, STAGE, f"truncated or corrupt WARC: unreadable data after record {number}")


def _headers_complete(record: ArcWarcRecord) -> bool:
    """False for the partial record warcio makes of WARC headers that stop mid-way (a cut file).

    A WARC record must have a numeric Content-Length; a cut leaves it missing or mangled.
    """
    if record.rec_type is None:
        return False
    if not record.format.startswith("warc"):
        return True
    return (record.rec_headers.get_header("Content-Length") or "").strip().isdigit()


def _warc_page(
    source: str, number: int, record: ArcWarcRecord, options: PipelineOptions
) -> RawRecord | StageError | None:
    """The page in one WARC record, an error for an oversized one, None for anything not a page."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    url = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ") or None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        log.debug("%s#%d: skipping HTTP %s response for %s", source, number, status, url)
        return None
    headers: dict[str, str] = {}
    for name, value in record.http_headers.headers:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    media_type = headers.get("content-type", "text/html").split(";")[0].strip().lower()
    fmt = WARC_PAGE_TYPES.get(media_type)
    if fmt is None:
        log.debug("%s#%d: skipping %s response for %s", source, number, media_type, url)
        return None
    try:
        content = record.content_stream().read(options.max_bytes + 1)
    except STREAM_ERRORS as exc:
        return StageError(source, number, STAGE, f"cannot read the HTTP body: {exc}", key=url)
    if len(content) > options.max_bytes:
        return StageError(source, number, STAGE, _too_large("the HTTP body", options), key=url)
    return RawRecord(
        source=source,
        record=number,
        content=content,
        format=fmt,
        url=url,
        headers=headers,
        fetched_at=record.rec_headers.get_header("WARC-Date"),
    )


# Which reader reads which file, by the end of its name (lower case), first match wins.
INPUT_KINDS: tuple[InputKind, ...] = (
    InputKind("warc", (".warc", ".warc.gz"), read_warc),
    InputKind("jsonl", (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"), read_jsonl),
    InputKind(
        "html",
        (".html", ".htm", ".xhtml", ".shtml", ".html.gz", ".htm.gz", ".xhtml.gz", ".shtml.gz"),
        partial(read_page, page_format="html"),
    ),
    InputKind("text", (".txt", ".txt.gz"), partial(read_page, page_format="text")),
)
