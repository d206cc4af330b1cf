"""Peer comparisons: the ratio's direction."""

from __future__ import annotations

from newsfacts_tools import bench_peers, bench_stages
from tests.conftest import CORPUS


def test_peer_ratio_is_ours_over_theirs():
    ours = bench_stages.Measurement("conversion", "x", 10, 1_000_000, 1.0)
    theirs = bench_stages.Measurement("opencc t2s", "x", 10, 1_000_000, 0.25)
    assert bench_peers.PeerComparison("conversion vs OpenCC", ours, theirs).ratio == 0.25


def test_trafilatura_is_timed_in_a_process_of_its_own_over_every_page():
    """The peer of the HTML ingest runs as the ingest does: a fresh process, one pass over the pages."""
    pages = sorted(CORPUS.glob("**/*.html"))
    assert pages, "the project's sample corpus has HTML pages"
    measured = bench_peers.trafilatura_in_child(pages, "corpus")
    decoded = [text for raw, text in bench_stages.decoded_pages(pages, bench_stages.Prepared()) if raw.format == "html"]
    assert (measured.items, measured.chars) == (len(pages), sum(len(text) for text in decoded))
    assert measured.seconds > 0
