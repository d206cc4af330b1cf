"""The work of one task of each cluster stage, as plain functions (no engine in here).

``ingest_task`` runs the local runner's worker stage (``pipeline.runner.process_record``) on
the task's files and writes its shards. Near-duplicate articles whose copies landed in
different tasks are then found in two more stages:

* ``bucket_task`` (B tasks): every signature's LSH bands (the same bands as the local
  runner's ``MinHashLSH``), and documents sharing a key (a page read twice), grouped by a
  hash of the band so each task owns 1/B of them; a group of several documents becomes
  edges linking them.
* ``cluster_task`` (one task): connected components of those edges; in each component, in
  input order, the local runner's own decision (``ArticleIndex.match`` against the canonical
  copies so far, then ``add``) picks each copy's canonical document. A document's decision
  only depends on documents sharing a band with it, all in its component, so the result is
  the local runner's.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from datasketch import MinHashLSH

from newsfacts_cluster import shards
from newsfacts_cluster.inputs import InputFile, read_file
from pipeline import article_dedup
from pipeline.document import StageError
from pipeline.options import PipelineOptions
from pipeline.runner import process_record

Seq = tuple[int, int]


def plan_files(folder: str) -> list[InputFile]:
    return [InputFile(**f) for f in shards.read_json(f"{folder}/{shards.PLAN}")["files"]]


# -- stage 1: clean, extract, sign -----------------------------------------------------------------
def ingest_task(folder: str, task: int, options: PipelineOptions, worker: str | None = None) -> dict:
    """Clean, extract and sign the records of this task's files; write its shards."""
    out = shards.TaskShards(folder, task)
    signer = article_dedup.Signer(options.minhash_perm)
    for number, entry in enumerate(plan_files(folder)):
        if entry.task != task:
            continue
        for position, item in enumerate(read_file(entry, options)):
            seq = (number, position)
            result = item if isinstance(item, StageError) else process_record(item, options, signer)
            if isinstance(result, StageError):
                out.write("errors", shards.error_row(seq, result))
            else:
                out.write_document(shards.ShardDocument(seq, result.doc, result.format, result.minhash))
    return out.close(worker)


# -- stage 2: buckets -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Signature:
    seq: Seq
    key: str
    content_hash: str
    minhash: bytes | None


def signatures(folder: str, tasks: int) -> Iterator[Signature]:
    decode = shards.Decoder()
    for task in range(tasks):
        for row in shards.read_rows(shards.shard_path(folder, "signatures", task)):
            yield Signature(tuple(row["seq"]), row["key"], row["content_hash"], decode(row["minhash"]))


def band_keys(minhash: bytes, lsh: MinHashLSH) -> list[bytes]:
    """The LSH band keys of a signature, as ``MinHashLSH`` (the local runner's index) computes them."""
    mh = article_dedup.unpack_signature(minhash)
    if len(mh) != lsh.h:
        return []
    return [i.to_bytes(2, "big") + lsh._H(mh.hashvalues[start:end]) for i, (start, end) in enumerate(lsh.hashranges)]


def bucket_task(folder: str, task: int, buckets: int, ingest_tasks: int, options: PipelineOptions,
                worker: str | None = None) -> dict:
    """Edges between documents sharing an LSH band or a key, for the bands and keys this task owns."""
    lsh = MinHashLSH(threshold=options.minhash_threshold, num_perm=options.minhash_perm)
    groups: dict[bytes, list[Seq]] = defaultdict(list)
    for sig in signatures(folder, ingest_tasks):
        key = b"k" + sig.key.encode("utf-8")
        if zlib.crc32(key) % buckets == task:
            groups[key].append(sig.seq)
        for band in band_keys(sig.minhash, lsh) if sig.minhash else ():
            if zlib.crc32(band) % buckets == task:
                groups[band].append(sig.seq)
    out = shards.TaskShards(folder, task, kinds=("buckets",))
    for members in groups.values():
        if len(members) > 1:
            first = min(members)
            for other in sorted(set(members) - {first}):
                out.write("buckets", {"a": list(first), "b": list(other)})
    return out.close(worker)


# -- stage 3: clusters ------------------------------------------------------------------------------
class _Components:
    """Union-find over document positions."""

    def __init__(self) -> None:
        self.parent: dict[Seq, Seq] = {}

    def find(self, x: Seq) -> Seq:
        parent = self.parent.setdefault(x, x)
        while parent != x:
            grand = self.parent[parent]
            self.parent[x] = grand
            x, parent = parent, grand
        return x

    def union(self, a: Seq, b: Seq) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def canonical_copies(members: list[Signature], options: PipelineOptions) -> dict[Seq, Seq]:
    """The local runner's duplicate decisions over one component, in input order: copy → canonical.

    A later document with the key of an earlier one replaces it (as a re-ingested page does):
    unchanged content is skipped, changed content is matched excluding itself and takes the
    earlier one's place in the index.
    """
    index = article_dedup.ArticleIndex(options.minhash_threshold, options.minhash_perm)
    entities: dict[str, tuple[Seq, str]] = {}  # key → (first position of the key, content hash)
    duplicates: dict[Seq, Seq] = {}
    for sig in sorted(members, key=lambda s: s.seq):
        prior = entities.get(sig.key)
        if prior is not None and prior[1] == sig.content_hash:
            continue
        entity = prior[0] if prior else sig.seq
        duplicate_of = index.match(sig.minhash, exclude=entity if prior else None)
        if duplicate_of is not None:
            duplicates[sig.seq] = duplicate_of
        if prior is not None:
            index.remove(entity)
        if duplicate_of is None:
            index.add(entity, sig.minhash)
        entities[sig.key] = (entity, sig.content_hash)
    return duplicates


def cluster_task(folder: str, buckets: int, ingest_tasks: int, options: PipelineOptions,
                 worker: str | None = None) -> dict:
    """Components of the bucket edges, then each copy's canonical document (one task)."""
    components = _Components()
    for task in range(buckets):
        for row in shards.read_rows(shards.shard_path(folder, "buckets", task)):
            components.union(tuple(row["a"]), tuple(row["b"]))
    grouped: dict[Seq, list[Signature]] = defaultdict(list)
    for sig in signatures(folder, ingest_tasks):
        if sig.seq in components.parent:
            grouped[components.find(sig.seq)].append(sig)
    out = shards.TaskShards(folder, 0, kinds=("clusters",))
    for root in sorted(grouped):
        for copy, canonical in sorted(canonical_copies(grouped[root], options).items()):
            out.write("clusters", {"seq": list(copy), "duplicate_of": list(canonical)})
    return out.close(worker)
