"""A real distributed run: a local Ray cluster (a head and a worker node on 127.0.0.1), then
`newsfacts ingest --executor ray --shards DIR` and `newsfacts load DIR` give the local runner's
database. The fixture stops the Ray processes it started (only those), also when the test fails."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from newsfacts_cluster.local_ray import local_ray_cluster, ray_binary
from newsfacts_tools.digest import digest_database
from pipeline.cli import main

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def ray_cluster():
    """A head node and a worker node, one CPU each, stopped (only they) whatever happens."""
    if not ray_binary().exists():
        pytest.skip("ray is not installed (the cluster extra)")
    with local_ray_cluster(nodes=2, cpus_per_node=1) as address:
        yield address


@pytest.fixture(scope="module")
def ray_shards(ray_cluster, sample, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ray") / "shards"
    done = subprocess.run(
        [str(ray_binary().parent / "newsfacts"), "ingest", str(sample), "--executor", "ray", "--ray-address", ray_cluster,
         "--shards", str(folder), "--tasks", "4", "--buckets", "2", "--workers", "2", "--quiet"],
        capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    return folder


def test_ray_run_then_load_reproduces_the_local_runner(ray_shards, local_db, tmp_path):
    db = tmp_path / "ray.db"
    assert main(["load", str(ray_shards), "--db", str(db), "--quiet"]) == 0
    assert digest_database(db) == digest_database(local_db)
    assert main(["load", str(ray_shards), "--db", str(db), "--quiet"]) == 0
    assert digest_database(db) == digest_database(local_db)


def test_the_tasks_ran_on_both_ray_nodes(ray_shards):
    workers = {json.loads(p.read_text())["worker"] for p in (ray_shards / "tasks").glob("0*.json")}
    nodes = {w.split("ray-node ")[1] for w in workers}
    assert len(nodes) == 2, workers
