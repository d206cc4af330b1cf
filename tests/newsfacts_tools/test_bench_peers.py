"""Peer comparisons: the ratio's direction."""

from __future__ import annotations

from newsfacts_tools import bench_peers, bench_stages


def test_peer_ratio_is_ours_over_theirs():
    ours = bench_stages.Measurement("conversion", "x", 10, 1_000_000, 1.0)
    theirs = bench_stages.Measurement("opencc t2s", "x", 10, 1_000_000, 0.25)
    assert bench_peers.PeerComparison("conversion vs OpenCC", ours, theirs).ratio == 0.25
