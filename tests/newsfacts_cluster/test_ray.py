"""A real distributed run: a local Ray cluster (a head and a worker node on 127.0.0.1), then
`newsfacts ingest --executor ray --shards DIR` and `newsfacts load DIR` give the local runner's
database. The fixture stops every Ray process it started, also when the test fails."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from newsfacts_tools.digest import digest_database
from pipeline.cli import main

pytestmark = pytest.mark.ray
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ray_cli(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "ray"), *args], check=True, env=env, timeout=180,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def ray_cluster():
    """A head node and a worker node, one CPU each; `ray stop --force` whatever happens."""
    if shutil.which("ray", path=str(BIN)) is None:
        pytest.skip("ray is not installed (the cluster extra)")
    port = free_port()
    temp = tempfile.mkdtemp(prefix="ray-", dir="/tmp")  # short: Ray's socket paths live under it
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    try:
        ray_cli("start", "--head", f"--port={port}", "--node-ip-address=127.0.0.1", "--num-cpus=1",
                "--include-dashboard=false", f"--temp-dir={temp}", "--disable-usage-stats", env=env)
        ray_cli("start", f"--address=127.0.0.1:{port}", "--node-ip-address=127.0.0.1", "--num-cpus=1", env=env)
        yield f"127.0.0.1:{port}"
    finally:
        subprocess.run([str(BIN / "ray"), "stop", "--force"], env=env, timeout=180,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(temp, ignore_errors=True)


@pytest.fixture(scope="module")
def ray_shards(ray_cluster, sample, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("ray") / "shards"
    done = subprocess.run(
        [str(BIN / "newsfacts"), "ingest", str(sample), "--executor", "ray", "--ray-address", ray_cluster,
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
