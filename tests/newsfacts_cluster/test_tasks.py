"""The cluster stage's decision is the local runner's: the earliest canonical copy, not a component.

Texts are real CCTV items; B is A with its last 5% replaced, C is B with its first 5% replaced:
A~B and B~C reach the threshold, A~C does not (asserted on the signatures themselves).
"""

from __future__ import annotations

import json

import pytest

from newsfacts_cluster.tasks import Signature, band_keys, canonical_copies
from pipeline.article_dedup import Signer, unpack_signature
from pipeline.options import PipelineOptions
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    lines = shared_path("bench", "xwlb_2022_2024.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    items = sorted((json.loads(line)["text"] for line in lines), key=len, reverse=True)
    a, other = items[0], items[1]
    n = len(a) // 20
    b = a[:-n] + other[:n]
    return {"A": a, "B": b, "C": other[-n:] + b[n:], "X": items[2], "A+": a + "\n（责任编辑：王明）"}


@pytest.fixture(scope="module")
def signed(texts) -> dict[str, bytes]:
    signer = Signer(PipelineOptions().minhash_perm)
    return {name: signer.sign(text) for name, text in texts.items()}


def jaccard(x: bytes, y: bytes) -> float:
    return unpack_signature(x).jaccard(unpack_signature(y))


def test_the_chain_is_a_chain(signed):
    threshold = PipelineOptions().minhash_threshold
    assert jaccard(signed["A"], signed["B"]) >= threshold and jaccard(signed["B"], signed["C"]) >= threshold
    assert jaccard(signed["A"], signed["C"]) < threshold


# (text name, key) in input order → expected copy → canonical, by position
CASES = {
    "chain-keeps-the-far-end": ([("A", "a"), ("B", "b"), ("C", "c")], {1: 0}),
    "repost-with-editor-line": ([("A", "a"), ("A+", "b")], {1: 0}),
    "unrelated": ([("A", "a"), ("X", "x")], {}),
    "earliest-in-input-order-wins": ([("B", "b"), ("A", "a"), ("A+", "c")], {1: 0, 2: 0}),
    "same-key-unchanged-is-skipped": ([("A", "a"), ("A", "a")], {}),
    "same-key-changed-takes-its-place": ([("A", "a"), ("B", "b"), ("X", "a"), ("A+", "d")], {1: 0}),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_canonical_copies_follow_the_local_runner(case, texts, signed):
    order, expected = CASES[case]
    members = [Signature((0, i), key, f"hash-of-{name}", signed[name]) for i, (name, key) in enumerate(order)]
    got = canonical_copies(members, PipelineOptions())
    assert got == {(0, copy): (0, canonical) for copy, canonical in expected.items()}


def test_near_duplicates_share_a_band_and_strangers_do_not(signed):
    from datasketch import MinHashLSH

    options = PipelineOptions()
    lsh = MinHashLSH(threshold=options.minhash_threshold, num_perm=options.minhash_perm)
    bands = {name: set(band_keys(sig, lsh)) for name, sig in signed.items()}
    assert len(bands["A"]) == lsh.b
    assert bands["A"] & bands["B"] and bands["A"] & bands["A+"]
    assert not bands["A"] & bands["X"]
