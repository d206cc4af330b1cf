"""Duplicate articles across the corpus: the same article under two URLs, or reposted with edits.

Workers compute a MinHash signature of each body (character 5-gram shingles, so it
works without word segmentation) and its LSH band keys (``LshBands``: datasketch's b×r split
for the threshold, each band hashed to a 64-bit integer); the single writer marks a new
document ``duplicate_of`` the earliest canonical document that shares a band with it and whose
estimated Jaccard similarity reaches the threshold (``earliest_match``). The local runner keeps
the bands in an indexed SQLite table (``article_bands``, queried per document by the store), so
the index costs no memory however large the corpus; ``ArticleIndex`` is the same index in
memory, for the cluster's per-component decisions and the tests.

The permutations, the MinHash values and the band split are datasketch 2.0's (``affine32``
scheme; each tested against datasketch), computed here with numpy alone: a run never imports
datasketch, whose package imports scipy (~50 MB and ~0.4 s CPU in every process). An old
database's LeanMinHash blob is still read (with datasketch, imported then).

The canonical copy is the earliest *published* one (the original, not a later repost that
happened to be read first): at the end of a run (local or ``newsfacts load``) the store
settles each group of copies on the copy ``earliest_copy`` picks and re-points the others.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from collections.abc import Iterable
from functools import cached_property

import numpy as np

SHINGLE = 5
_NON_TEXT = re.compile(r"[\s\W_]+", re.UNICODE)


MIN_SHINGLES = 8  # a body with fewer distinct shingles is too short to compare: no signature


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Character n-grams of the text with spaces and punctuation removed."""
    compact = _NON_TEXT.sub("", text)
    if len(compact) <= size:
        return {compact.encode("utf-8")} if compact else set()
    return {compact[i:i + size].encode("utf-8") for i in range(len(compact) - size + 1)}


def shingle_hashes(text: str, size: int = SHINGLE) -> np.ndarray:
    """The CRC-32 of the UTF-8 of every n-gram of ``shingles(text)``, in text order, repeats
    included (uint32): a MinHash takes the least hash, which repeats do not change.

    Computed without building the shingles: the compact text is encoded once and each n-gram
    is hashed as a slice of it (~3× faster than a set of encoded strings).
    """
    compact = _NON_TEXT.sub("", text)
    if len(compact) <= size:
        return np.array([zlib.crc32(compact.encode("utf-8"))] if compact else [], dtype=np.uint32)
    raw = compact.encode("utf-8")
    if len(raw) == len(compact):  # ASCII: a character is a byte
        starts: range | list[int] = range(len(compact) + 1)
    else:  # the byte offset of every character (a UTF-8 continuation byte is 10xxxxxx), and the end
        octets = np.frombuffer(raw, dtype=np.uint8)
        starts = np.append(np.flatnonzero((octets & 0xC0) != 0x80), len(raw)).tolist()
    grams = map(raw.__getitem__, map(slice, starts, starts[size:]))
    return np.fromiter(map(zlib.crc32, grams), dtype=np.uint32, count=len(compact) - size + 1)


def distinct_values(values: np.ndarray) -> int:
    """How many different values an array holds."""
    if len(values) < 2:
        return len(values)
    ordered = np.sort(values)
    return 1 + int(np.count_nonzero(ordered[1:] != ordered[:-1]))


def affine32_permutations(num_perm: int, seed: int) -> np.ndarray:
    """datasketch 2.0's ``affine32`` permutations (``MinHash(num_perm, seed).permutations``, tested):
    ``h → a·h + b`` modulo 2**32 with an odd ``a``, drawn from numpy's ``RandomState(seed)``."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return np.array([a, b])


class MinHashValues:
    """A MinHash signature as the store uses it: its values and seed, the Jaccard estimate of two.
    (Also what datasketch's ``MinHashLSH`` reads of a MinHash: ``hashvalues``, ``len``, ``scheme``.)"""

    __slots__ = ("seed", "hashvalues")
    scheme = "affine32"

    def __init__(self, seed: int, hashvalues: np.ndarray):
        self.seed = seed
        self.hashvalues = hashvalues

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: "MinHashValues") -> float:
        """The share of equal values, as datasketch's ``MinHash.jaccard``."""
        if other.seed != self.seed or len(other) != len(self):
            raise ValueError("cannot compare MinHash signatures of different seeds or sizes")
        return float(np.count_nonzero(self.hashvalues == other.hashvalues)) / float(len(self))


class Signer:
    """MinHash signatures of body texts, with the permutations drawn once per signer.

    datasketch draws 2×num_perm random permutations for every new MinHash; a signer draws them
    once (seeded, so every signer gives the same signatures) and hashes shingles with CRC-32,
    a 32-bit hash in C, which the ``affine32`` scheme expects: about 2.5× faster per document.
    """

    def __init__(self, num_perm: int, seed: int = 1):
        self.num_perm = num_perm
        self.seed = seed
        self._permutations = affine32_permutations(num_perm, seed)

    def __getstate__(self) -> dict:
        """Pickled as raw bytes: a worker receives its signer with every record (numpy's own
        pickling of the permutations costs more than the signature)."""
        perms = np.ascontiguousarray(self._permutations)
        return {"num_perm": self.num_perm, "seed": self.seed, "perms": (perms.dtype.str, perms.shape, perms.tobytes())}

    def __setstate__(self, state: dict) -> None:
        dtype, shape, raw = state["perms"]
        self.num_perm, self.seed = state["num_perm"], state["seed"]
        self._permutations = np.frombuffer(raw, dtype=dtype).reshape(shape)

    def sign(self, text: str) -> bytes | None:
        """Serialised MinHash of a body text, or None for a text too short to compare (fewer
        than ``MIN_SHINGLES`` distinct shingles)."""
        hashes = shingle_hashes(text)
        # fewer distinct hashes than that may be a CRC-32 collision of distinct shingles: count them
        if distinct_values(hashes) < MIN_SHINGLES and len(shingles(text)) < MIN_SHINGLES:
            return None
        return pack_values(affine32_minimums(hashes, self._permutations), self.seed)


# The stored signature: a tag byte, the bit width ``w`` of every value, the number of values and
# the seed (little-endian), then the values' ``w`` low bits, packed (least significant bit first).
# The values of the ``affine32`` scheme are uint32 (datasketch 2.0 computes them in uint32
# arithmetic, wrapping at 2**32), and each is the least of one hash per shingle, so a body of n
# shingles has values near 2**32 / n and the largest of 128 about five times that: a few hundred
# shingles need 26-28 bits, not 32. A plain ``LeanMinHash`` blob (the format before: 16 bytes of
# header and 4 a value) starts with its 8-byte seed, 1 for every signer here, so its first byte
# is never the tag; ``unpack_signature`` reads both, and the values (and so the band keys and the
# Jaccard estimates) are the same either way.
_PACKED = struct.Struct("<BBHI")
_PACKED_TAG = 0xA5


def pack_values(values: np.ndarray, seed: int) -> bytes:
    """The packed form of an ``affine32`` MinHash's values: the bits its largest value needs, instead
    of LeanMinHash's 32 (the database is held to 3× its clean text)."""
    width = max(1, int(values.max()).bit_length())
    bits = (values.astype(np.uint32)[:, None] >> np.arange(width, dtype=np.uint32)) & np.uint32(1)
    return _PACKED.pack(_PACKED_TAG, width, len(values), seed) + \
        np.packbits(bits.astype(np.uint8).ravel(), bitorder="little").tobytes()


# MurmurHash3's 32-bit finalizer (shift, multiplier, shift, multiplier, shift): datasketch's
# ``affine32`` scheme mixes every input hash with it before the affine permutations.
_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)


def affine32_minimums(hashes: np.ndarray, permutations: np.ndarray) -> np.ndarray:
    """datasketch's ``affine32`` MinHash values of 32-bit input hashes: each hash mixed
    (``_FMIX32``), then ``a·h + b`` modulo 2**32 per permutation, the least per permutation.
    Equal to ``MinHash(scheme="affine32").update_batch`` (tested), without its Python list of
    hashes and its per-object checks."""
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hashes.astype(np.uint32)
    hv = hv ^ (hv >> np.uint32(s1))
    hv = hv * np.uint32(m1)
    hv = hv ^ (hv >> np.uint32(s2))
    hv = hv * np.uint32(m2)
    hv = hv ^ (hv >> np.uint32(s3))
    a, b = permutations
    permuted = np.multiply.outer(a, hv)  # one row per permutation: the least of each row is its value
    permuted += b[:, None]
    return permuted.min(axis=1)


def unpack_signature(blob: bytes) -> MinHashValues:
    """The MinHash of a stored signature, packed (``pack_values``) or a LeanMinHash blob (older
    databases: read with datasketch, imported only then)."""
    if len(blob) >= _PACKED.size and blob[0] == _PACKED_TAG:
        _, width, count, seed = _PACKED.unpack_from(blob)
        if 1 <= width <= 32 and len(blob) == _PACKED.size + (width * count + 7) // 8:
            bits = np.unpackbits(np.frombuffer(blob, dtype=np.uint8, offset=_PACKED.size),
                                 count=width * count, bitorder="little").reshape(count, width)
            values = (bits.astype(np.uint32) << np.arange(width, dtype=np.uint32)).sum(axis=1, dtype=np.uint32)
            return MinHashValues(seed, values)
    from datasketch import LeanMinHash

    lean = LeanMinHash.deserialize(blob)
    return MinHashValues(lean.seed, lean.hashvalues)


def signature(text: str, num_perm: int) -> bytes | None:
    """One-off signature (a new ``Signer``); use a ``Signer`` for many texts."""
    return Signer(num_perm).sign(text)


def optimal_bands(threshold: float, num_perm: int, false_positive_weight: float = 0.5,
                  false_negative_weight: float = 0.5) -> tuple[int, int]:
    """datasketch's ``MinHashLSH`` split of ``num_perm`` values into ``b`` bands of ``r`` (tested): the
    pair that minimises the weighted areas of false positives below the threshold and false negatives
    above it. The probabilities are polynomials of degree b·r ≤ num_perm, which Gauss-Legendre
    quadrature with more than num_perm/2 nodes integrates exactly (datasketch uses scipy's ``quad``)."""
    nodes, weights = np.polynomial.legendre.leggauss(num_perm // 2 + 2)

    def area(f, lo: float, hi: float) -> float:
        half = (hi - lo) / 2
        return float(half * np.dot(weights, f(half * nodes + (hi + lo) / 2)))

    best, opt = float("inf"), (0, 0)
    for b in range(1, num_perm + 1):
        for r in range(1, num_perm // b + 1):
            fp = area(lambda s: 1 - (1 - s ** float(r)) ** float(b), 0.0, threshold)
            fn = area(lambda s: (1 - s ** float(r)) ** float(b), threshold, 1.0)
            error = fp * false_positive_weight + fn * false_negative_weight
            if error < best:
                best, opt = error, (b, r)
    return opt


class LshBands:
    """The LSH bands of signatures as 64-bit integer keys, for an index kept in SQLite.

    The split into ``b`` bands of ``r`` values is datasketch's (``MinHashLSH`` for the same
    threshold and number of permutations), so two documents are candidates exactly when
    datasketch's index would make them candidates (up to a 64-bit hash collision, which the
    Jaccard check behind every candidate catches). The parameters are part of every key: keys
    made for another threshold or permutation count never match. The split is worked out when a
    key is first asked for (``optimal_bands``: some ms), so a store that only compares signatures
    never pays for it.
    """

    def __init__(self, threshold: float, num_perm: int):
        self.threshold = threshold
        self.num_perm = num_perm

    @cached_property
    def _split(self) -> tuple[list[tuple[int, int]], bytes]:
        b, r = optimal_bands(self.threshold, self.num_perm)
        return [(i * r, (i + 1) * r) for i in range(b)], f"{self.num_perm}:{b}x{r}:".encode()

    @property
    def ranges(self) -> list[tuple[int, int]]:
        """The (start, end) of each band's values."""
        return self._split[0]

    def load(self, blob: bytes | None) -> MinHashValues | None:
        """The signature, or None when there is none or it has another number of permutations."""
        if not blob:
            return None
        mh = unpack_signature(blob)
        return mh if len(mh) == self.num_perm else None

    def keys_of(self, mh: MinHashValues) -> list[int]:
        values = mh.hashvalues
        ranges, salt = self._split
        return [int.from_bytes(hashlib.blake2b(salt + bytes((band,)) + values[start:end].tobytes(),
                                               digest_size=8).digest(), "little", signed=True)
                for band, (start, end) in enumerate(ranges)]

    def keys(self, blob: bytes | None) -> list[int]:
        """The band keys of a stored signature (none for a missing or foreign one)."""
        mh = self.load(blob)
        return self.keys_of(mh) if mh is not None else []

    def earliest_match(self, mh: MinHashValues, candidates: Iterable[tuple[int, bytes | MinHashValues]]) -> int | None:
        """The smallest doc_id among ``candidates`` (doc_id, signature) similar enough to ``mh``."""
        best = None
        for doc_id, other in candidates:
            if best is not None and doc_id >= best:
                continue
            other = self.load(other) if isinstance(other, bytes) else other
            if other is not None and other.jaccard(mh) >= self.threshold:
                best = doc_id
        return best


class ArticleIndex:
    """The near-duplicate index in memory: ``match`` finds the earliest near-duplicate of a signature.

    Same bands and same decision as the store's SQLite index (``LshBands``); used where the
    documents to compare are few (the cluster's components, tests).
    """

    def __init__(self, threshold: float, num_perm: int):
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands = LshBands(threshold, num_perm)
        self._buckets: dict[int, set[int]] = {}
        self._signatures: dict[int, tuple[MinHashValues, list[int]]] = {}

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, bytes]], threshold: float, num_perm: int) -> "ArticleIndex":
        index = cls(threshold, num_perm)
        for doc_id, blob in rows:
            index.add(doc_id, blob)
        return index

    def __len__(self) -> int:
        return len(self._signatures)

    def match(self, blob: bytes | None, exclude: int | None = None) -> int | None:
        mh = self.bands.load(blob)
        if mh is None:
            return None
        candidates = {doc_id for key in self.bands.keys_of(mh) for doc_id in self._buckets.get(key, ())}
        candidates.discard(exclude)
        return self.bands.earliest_match(mh, ((doc_id, self._signatures[doc_id][0]) for doc_id in sorted(candidates)))

    def add(self, doc_id: int, blob: bytes | None) -> None:
        if doc_id in self._signatures:
            return
        mh = self.bands.load(blob)
        if mh is not None:
            keys = self.bands.keys_of(mh)
            for key in keys:
                self._buckets.setdefault(key, set()).add(doc_id)
            self._signatures[doc_id] = (mh, keys)

    def remove(self, doc_id: int) -> None:
        entry = self._signatures.pop(doc_id, None)
        if entry is not None:
            for key in entry[1]:
                self._buckets[key].discard(doc_id)


def published_earlier(published: str | None, than: str | None) -> bool:
    """Whether a copy published on ``published`` is earlier than one published on ``than``.

    Both dates must be known; they are compared at their common precision (``2024-09`` is not
    earlier than ``2024-09-12``), so a tie or a missing date keeps the copy stored first.
    """
    if not published or not than:
        return False
    common = min(len(published), len(than))
    return published[:common] < than[:common]


def earliest_copy(copies: list[tuple[int, str | None]]) -> int:
    """The canonical copy of a group: ``copies`` are (doc_id, published), the current canonical
    first, then its duplicates in storage order; the first copy published earlier than every copy
    before it wins (ties and missing dates keep the copy stored first)."""
    best, best_published = copies[0]
    for doc_id, published in copies[1:]:
        if published_earlier(published, best_published):
            best, best_published = doc_id, published
    return best
