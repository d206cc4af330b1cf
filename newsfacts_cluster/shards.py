"""The shard format: what a task writes and ``newsfacts load`` reads, losslessly.

A shard folder holds one plan (``plan.json``), and per task and per kind one gzipped JSONL
file (``documents/00003.jsonl.gz``, ``facts/…``, ``events/…``, ``signatures/…``,
``errors/…``) plus a manifest (``tasks/00003.json``: rows and sha256 of each file) written
last; the engine's completion marker (``logs/ingest/completions/00003``) comes after it.

Every row carries ``seq`` = [input file number, record number in the file]: the order the
local runner would have seen the record in, so the loader stores documents in the same
order and the database is the same. Values are JSON with a few tagged forms, so a
``Document`` comes back equal: ``{"$dec": "1.50"}`` for ``Decimal``, ``{"$b64": …}`` for
bytes, ``{"$type": "extractors.facts:MoneyFact", …fields}`` for the dataclasses of facts and
events; tuples come back as tuples where the dataclass declares them.
"""

from __future__ import annotations

import base64
import dataclasses
import gzip
import hashlib
import importlib
import json
import tempfile
import time
import types
import typing
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

import fsspec

from pipeline.document import Document, StageError

KINDS = ("documents", "facts", "events", "signatures", "errors")
PLAN = "plan.json"
SUFFIX = ".jsonl.gz"
# Only dataclasses of these packages are decoded from ``$type`` (a shard is data, not code).
TYPE_PACKAGES = ("extractors.", "pipeline.")

Seq = tuple[int, int]


class ShardError(Exception):
    """A shard folder that cannot be loaded: a missing task, an unreadable or altered file."""


# -- values ---------------------------------------------------------------------------------------
def encode(value: Any) -> Any:
    """A JSON-able form of a value of the pipeline's records (see the module doc)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return {"$dec": str(value)}
    if isinstance(value, (bytes, bytearray)):
        return {"$b64": base64.b64encode(value).decode("ascii")}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        row = {"$type": f"{cls.__module__}:{cls.__qualname__}"}
        for f in dataclasses.fields(value):
            row[f.name] = encode(getattr(value, f.name))
        return row
    if isinstance(value, (list, tuple)):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    raise TypeError(f"cannot write a {type(value).__name__} to a shard")


class Decoder:
    """The inverse of ``encode``; remembers the types it has resolved (one per reader, not global)."""

    def __init__(self) -> None:
        self._types: dict[str, tuple[type, frozenset[str]]] = {}

    def __call__(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self(v) for v in value]
        if not isinstance(value, dict):
            return value
        if "$dec" in value:
            return Decimal(value["$dec"])
        if "$b64" in value:
            return base64.b64decode(value["$b64"])
        if "$type" in value:
            cls, tuples = self._resolve(value["$type"])
            kwargs = {}
            for f in dataclasses.fields(cls):
                if f.name in value:
                    v = self(value[f.name])
                    kwargs[f.name] = tuple(v) if f.name in tuples and isinstance(v, list) else v
            return cls(**kwargs)
        return {k: self(v) for k, v in value.items()}

    def _resolve(self, name: str) -> tuple[type, frozenset[str]]:
        found = self._types.get(name)
        if found is None:
            module, _, qualname = name.partition(":")
            if not module.startswith(TYPE_PACKAGES):
                raise ShardError(f"shard names a type outside the pipeline: {name}")
            cls = getattr(importlib.import_module(module), qualname, None)
            if cls is None or not dataclasses.is_dataclass(cls):
                raise ShardError(f"shard names an unknown type: {name}")
            hints = typing.get_type_hints(cls)
            found = self._types[name] = (cls, frozenset(n for n, h in hints.items() if _is_tuple(h)))
        return found


def _is_tuple(hint: Any) -> bool:
    if typing.get_origin(hint) is tuple or hint is tuple:
        return True
    if typing.get_origin(hint) in (typing.Union, types.UnionType):  # tuple[...] | None
        return any(_is_tuple(arg) for arg in typing.get_args(hint))
    return False


# -- documents ↔ rows -----------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, slots=True)
class ShardDocument:
    """One document as a task wrote it: where it came in the input, how it was read, its signature."""

    seq: Seq
    doc: Document
    format: str
    minhash: bytes | None


def document_rows(item: ShardDocument) -> dict[str, list[dict[str, Any]]]:
    """The rows of one document, by shard kind (facts and events in their own rows)."""
    doc, seq = item.doc, list(item.seq)
    extraction = doc.extraction
    head = dataclasses.replace(doc, extraction=None)
    row = {"seq": seq, "format": item.format, "document": encode(head),
           "extraction": encode(dataclasses.replace(extraction, facts=(), events=())) if extraction else None}
    facts = [{"seq": seq, "fact": encode(f)} for f in extraction.facts] if extraction else []
    events = [{"seq": seq, "event": encode(e)} for e in extraction.events] if extraction else []
    signature = {"seq": seq, "key": doc.key, "content_hash": doc.content_hash, "minhash": encode(item.minhash)}
    return {"documents": [row], "facts": facts, "events": events, "signatures": [signature]}


def error_row(seq: Seq, error: StageError) -> dict[str, Any]:
    return {"seq": list(seq), "error": encode(error)}


def document_from_rows(row: dict[str, Any], facts: list[dict[str, Any]], events: list[dict[str, Any]],
                       minhash: bytes | None, decode: Decoder) -> ShardDocument:
    """The inverse of ``document_rows``."""
    doc: Document = decode(row["document"])
    if row["extraction"] is not None:
        extraction = decode(row["extraction"])
        doc.extraction = dataclasses.replace(extraction, facts=tuple(decode(f["fact"]) for f in facts),
                                             events=tuple(decode(e["event"]) for e in events))
    return ShardDocument(tuple(row["seq"]), doc, row["format"], minhash)


# -- files ----------------------------------------------------------------------------------------
def shard_path(folder: str, kind: str, task: int) -> str:
    return f"{folder.rstrip('/')}/{kind}/{task:05d}{SUFFIX}"


def manifest_path(folder: str, task: int, kind: str = "documents") -> str:
    """Manifests of the ingest stage are ``tasks/N.json``; of the later stages ``tasks/KIND-N.json``."""
    stage = "" if kind in KINDS else f"{kind}-"
    return f"{folder.rstrip('/')}/tasks/{stage}{task:05d}.json"


class TaskShards:
    """Writes one task's shards (spooled on local disk, then copied); ``close`` writes the manifest last."""

    def __init__(self, folder: str, task: int, kinds: Iterable[str] = KINDS):
        self.folder, self.task = folder, task
        self._started = (time.perf_counter(), time.process_time())
        self._files = {kind: tempfile.TemporaryFile() for kind in kinds}
        self._gzips = {kind: gzip.GzipFile(fileobj=f, mode="wb", mtime=0) for kind, f in self._files.items()}
        self.rows = {kind: 0 for kind in self._files}

    def write(self, kind: str, row: dict[str, Any]) -> None:
        self._gzips[kind].write(json.dumps(row, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n")
        self.rows[kind] += 1

    def write_document(self, item: ShardDocument) -> None:
        for kind, rows in document_rows(item).items():
            for row in rows:
                self.write(kind, row)

    def close(self, worker: str | None = None) -> dict[str, Any]:
        """Copy the shards to the folder, then write the manifest (``worker``: where the task ran; its
        wall and CPU seconds since the shards were opened)."""
        checksums = {}
        for kind, gz in self._gzips.items():
            gz.close()
            spool = self._files[kind]
            spool.seek(0)
            digest = hashlib.sha256()
            with fsspec.open(shard_path(self.folder, kind, self.task), "wb") as out:
                while chunk := spool.read(1024 * 1024):
                    digest.update(chunk)
                    out.write(chunk)
            spool.close()
            checksums[kind] = digest.hexdigest()
        wall, cpu = time.perf_counter() - self._started[0], time.process_time() - self._started[1]
        manifest = {"task": self.task, "rows": self.rows, "sha256": checksums, "worker": worker,
                    "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3)}
        with fsspec.open(manifest_path(self.folder, self.task, next(iter(self.rows))), "w", encoding="utf-8") as out:
            json.dump(manifest, out)
        return manifest


def read_rows(path: str) -> Iterator[dict[str, Any]]:
    """The rows of one shard file, streamed."""
    with fsspec.open(path, "rb", compression="gzip") as stream:
        for line in stream:
            yield json.loads(line)


def verify_task(folder: str, task: int, kinds: Iterable[str] = KINDS) -> dict[str, Any]:
    """Check one task's manifest against its files (present, same sha256, same number of rows)."""
    kinds = list(kinds)
    where = manifest_path(folder, task, kinds[0])
    try:
        with fsspec.open(where, "r", encoding="utf-8") as f:
            manifest = json.load(f)
    except FileNotFoundError:
        raise ShardError(f"task {task}: no manifest {where}") from None
    except (OSError, ValueError) as exc:
        raise ShardError(f"task {task}: unreadable manifest: {exc}") from None
    for kind in kinds:
        path = shard_path(folder, kind, task)
        try:
            with fsspec.open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise ShardError(f"task {task}: missing shard {path}") from None
        if hashlib.sha256(data).hexdigest() != manifest["sha256"].get(kind):
            raise ShardError(f"task {task}: shard {path} differs from what the task wrote (checksum)")
        try:
            lines = gzip.decompress(data).splitlines()
            for line in lines:
                json.loads(line)
        except (OSError, EOFError, ValueError) as exc:
            raise ShardError(f"task {task}: shard {path} is not readable: {exc}") from None
        if len(lines) != manifest["rows"].get(kind):
            raise ShardError(f"task {task}: shard {path} has {len(lines)} rows, the task wrote {manifest['rows'].get(kind)}")
    return manifest


def write_json(path: str, value: Any) -> None:
    with fsspec.open(path, "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=1)


def read_json(path: str) -> Any:
    with fsspec.open(path, "r", encoding="utf-8") as f:
        return json.load(f)
