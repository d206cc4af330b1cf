"""The thin adapter to datatrove: one pipeline step per stage, and the executors that run them.

Everything the tasks do is in ``newsfacts_cluster.tasks`` (plain functions); this module only
wraps each in a datatrove ``PipelineStep`` and hands the three stages to an executor:

* ``local``: ``LocalPipelineExecutor`` (a process pool on this machine);
* ``ray``: ``RayPipelineExecutor`` on a running Ray cluster (``ray start`` first; the address
  from ``--ray-address`` or ``RAY_ADDRESS``); each task is a Ray actor, and a task lost with
  its node is resubmitted by datatrove (up to 3 times);
* ``slurm``: ``SlurmPipelineExecutor``: three job arrays chained with ``afterok``; the command
  returns once they are submitted, ``newsfacts load`` runs when they are done.

datatrove writes a completion marker per finished task (``logs/STAGE/completions/NNNNN``)
and skips completed tasks when the same command runs again, so a failed run resumes.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from datatrove.pipeline.base import PipelineStep

from newsfacts_cluster import tasks
from pipeline.options import PipelineOptions

EXECUTORS = ("local", "ray", "slurm")
STAGES = ("ingest", "buckets", "clusters")


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Where the shards go and how the engine runs the stages."""

    shards: str
    executor: str = "local"
    tasks: int = 1  # tasks of the ingest stage (each a share of the input files)
    buckets: int = 1  # tasks of the bucket stage
    workers: int = 1  # tasks running at once (local: processes; ray: actors; slurm: array limit)
    ray_address: str | None = None
    cpus_per_task: int = 1
    mem_per_cpu_gb: float = 1.0
    slurm_partition: str | None = None
    slurm_time: str = "24:00:00"
    slurm_args: dict[str, str] = field(default_factory=dict)


class NewsfactsStage(PipelineStep):
    """One stage of the cluster pipeline as a datatrove step: calls the stage's task function."""

    name = "newsfacts"
    type = "stage"

    def __init__(self, stage: str, folder: str, options: PipelineOptions, ingest_tasks: int, buckets: int):
        super().__init__()
        self.stage, self.folder, self.options = stage, folder, options
        self.ingest_tasks, self.buckets = ingest_tasks, buckets
        self.name = stage

    def run(self, data=None, rank: int = 0, world_size: int = 1):
        with self.track_time("task"):
            manifest = task_function(self.stage)(self, rank, worker_label())
        for kind, rows in manifest["rows"].items():
            self.stat_update(kind, value=rows, unit="task")
        if data:
            yield from data


def task_function(stage: str) -> Callable[[NewsfactsStage, int, str], dict]:
    """The plain function a stage's task runs (engine-agnostic)."""
    return {
        "ingest": lambda step, rank, worker: tasks.ingest_task(step.folder, rank, step.options, worker),
        "buckets": lambda step, rank, worker: tasks.bucket_task(step.folder, rank, step.buckets, step.ingest_tasks,
                                                                step.options, worker),
        "clusters": lambda step, rank, worker: tasks.cluster_task(step.folder, step.buckets, step.ingest_tasks,
                                                                  step.options, worker),
    }[stage]


def worker_label() -> str:
    """Where a task runs, for its manifest: host, and the Ray node (its raylet) or Slurm node."""
    label = f"{socket.gethostname()} pid {os.getpid()}"
    if raylet := os.environ.get("RAY_RAYLET_PID"):
        label += f" ray-node raylet-{raylet}"
    if node := os.environ.get("SLURMD_NODENAME"):
        label += f" slurm-node {node}"
    return label


def stage_tasks(stage: str, settings: ClusterSettings) -> int:
    return {"ingest": settings.tasks, "buckets": settings.buckets, "clusters": 1}[stage]


def logging_dir(folder: str, stage: str) -> str:
    return f"{folder.rstrip('/')}/logs/{stage}"


def build_executors(settings: ClusterSettings, options: PipelineOptions) -> list:
    """One datatrove executor per stage, in order."""
    executors = []
    for stage in STAGES:
        step = NewsfactsStage(stage, settings.shards, options, settings.tasks, settings.buckets)
        n = stage_tasks(stage, settings)
        common = {"pipeline": [step], "tasks": n, "logging_dir": logging_dir(settings.shards, stage)}
        if settings.executor == "local":
            from datatrove.executor.local import LocalPipelineExecutor

            executors.append(LocalPipelineExecutor(workers=min(settings.workers, n), **common))
        elif settings.executor == "ray":
            from datatrove.executor.ray import RayPipelineExecutor

            executors.append(RayPipelineExecutor(workers=min(settings.workers, n), cpus_per_task=settings.cpus_per_task,
                                                 mem_per_cpu_gb=settings.mem_per_cpu_gb, **common))
        elif settings.executor == "slurm":
            from datatrove.executor.slurm import SlurmPipelineExecutor

            executors.append(SlurmPipelineExecutor(
                time=settings.slurm_time, partition=settings.slurm_partition, workers=settings.workers,
                cpus_per_task=settings.cpus_per_task, mem_per_cpu_gb=max(1, int(settings.mem_per_cpu_gb)),
                job_name=f"newsfacts-{stage}", sbatch_args=settings.slurm_args or None,
                depends=executors[-1] if executors else None, **common))
        else:
            raise ValueError(f"unknown executor {settings.executor!r} (known: {', '.join(EXECUTORS)})")
    return executors


def run_stages(settings: ClusterSettings, options: PipelineOptions,
               seconds: dict[str, float] | None = None) -> list[str]:
    """Run (or, on Slurm, submit) the three stages; the stages whose tasks did not all complete.

    ``seconds``, when given, receives each stage's wall time.
    """
    if settings.executor == "ray":
        import ray

        if not ray.is_initialized():
            ray.init(address=settings.ray_address or "auto", log_to_driver=False, logging_level="warning")
    executors = build_executors(settings, options)
    if settings.executor == "slurm":
        executors[-1].run()  # submits the chain: each executor launches the one it depends on first
        return []
    for stage, executor in zip(STAGES, executors):
        started = time.perf_counter()
        executor.run()
        if seconds is not None:
            seconds[stage] = time.perf_counter() - started
        if executor.get_incomplete_ranks(skip_completed=True):
            return [stage]
    return []
