"""A throwaway Ray cluster on this machine (a head and worker nodes on 127.0.0.1), for the
distributed test and the scaling measurement: real Ray processes, and only those stopped.

Each node is ``ray start --block`` in a session of its own, so every process of that node
(GCS, raylet, agents, workers) is in its process group; stopping sends SIGTERM, then SIGKILL,
to those groups only. (``ray stop --force`` would stop every Ray process of the machine,
including another user's cluster.) All ports are picked free, so two clusters can run side by
side on one machine.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STARTED = "Ray runtime started"


def ray_binary() -> Path:
    """The ``ray`` command of this Python environment."""
    return Path(sys.executable).parent / "ray"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _node_ports() -> list[str]:
    return [f"--dashboard-agent-listen-port={free_port()}",
            f"--dashboard-agent-grpc-port={free_port()}", f"--runtime-env-agent-port={free_port()}",
            f"--metrics-export-port={free_port()}", f"--node-manager-port={free_port()}",
            f"--object-manager-port={free_port()}"]


def _start(args: list[str], log: Path, env: dict[str, str], timeout: float) -> subprocess.Popen:
    """``ray start --block …`` in a new session; returns once the node says it started."""
    out = log.open("w")
    proc = subprocess.Popen([str(ray_binary()), "start", "--block", *args], env=env, stdout=out,
                            stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + timeout
    while STARTED not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop([proc])
            raise RuntimeError(f"ray start failed: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.5)
    return proc


def _stop(procs: list[subprocess.Popen], grace: float = 5.0) -> None:
    """SIGTERM, then SIGKILL, to the process groups of the nodes we started (workers first)."""
    for proc in reversed(procs):
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + grace
    for proc in procs:
        try:
            proc.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for proc in procs:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # what is left of the group (raylet, agents, workers)
        except ProcessLookupError:
            pass
        proc.wait()


@contextmanager
def local_ray_cluster(nodes: int = 2, cpus_per_node: int = 1, timeout: float = 120.0) -> Iterator[str]:
    """Start a head and ``nodes - 1`` worker nodes; yield the address; stop exactly those nodes."""
    temp = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))  # short: Ray's socket paths live under it
    env = {**os.environ, "RAY_USAGE_STATS_ENABLED": "0"}
    procs: list[subprocess.Popen] = []
    try:
        head, port = _start_head(temp, cpus_per_node, env, timeout)
        procs.append(head)
        for n in range(nodes - 1):
            procs.append(_start([f"--address=127.0.0.1:{port}", "--node-ip-address=127.0.0.1",
                                 f"--num-cpus={cpus_per_node}", *_node_ports()], temp / f"worker{n}.log", env, timeout))
        yield f"127.0.0.1:{port}"
    finally:
        _stop(procs)
        shutil.rmtree(temp, ignore_errors=True)


def _start_head(temp: Path, cpus: int, env: dict[str, str], timeout: float) -> tuple[subprocess.Popen, int]:
    """The head node and its port; tried a second time on other ports when the first start fails (a busy machine)."""
    for attempt in (1, 2):
        port = free_port()
        try:
            return _start(["--head", f"--port={port}", "--node-ip-address=127.0.0.1", f"--num-cpus={cpus}",
                           "--include-dashboard=false", f"--temp-dir={temp}", "--disable-usage-stats", *_node_ports()],
                          temp / f"head{attempt}.log", env, timeout), port
        except RuntimeError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")

