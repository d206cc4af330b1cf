"""``newsfacts ingest … --shards DIR``: plan the inputs, then run the stages on an engine.

The plan (``DIR/plan.json``) fixes the input files, their order and their task; running the
same command again on the same folder resumes (completed tasks are skipped), while a
different input list or different settings for an existing folder is refused.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import fsspec

from newsfacts_cluster import shards
from newsfacts_cluster.engine import ClusterSettings, run_stages
from newsfacts_cluster.inputs import assign_tasks, expand_inputs
from pipeline.options import PipelineOptions
from pipeline.runner import rules_version


class PlanError(Exception):
    """A user mistake about the inputs or the shard folder (one line, exit code 2)."""


@dataclass
class ShardRun:
    files: int
    tasks: int
    errors: int
    incomplete: list[str]
    elapsed: float
    submitted: bool = False
    stage_seconds: dict[str, float] = dataclasses.field(default_factory=dict)

    def render(self) -> str:
        state = ("submitted" if self.submitted else
                 f"incomplete: {', '.join(self.incomplete)}" if self.incomplete else "all tasks completed")
        return (f"files        {self.files} in {self.tasks} tasks ({state})\n"
                f"read errors  {self.errors}\n"
                f"elapsed      {self.elapsed:.1f}s")


def _plan_options(options: PipelineOptions) -> dict:
    """The options that change what the tasks write (a resumed run must use the same ones)."""
    skip = {"db", "workers", "limit", "batch_size", "quiet", "strict"}
    return {f.name: getattr(options, f.name) for f in dataclasses.fields(options) if f.name not in skip}


def write_plan(paths: list[str], options: PipelineOptions, settings: ClusterSettings) -> tuple[dict, ClusterSettings]:
    """Expand the inputs and write (or check against the existing) ``plan.json``."""
    expanded = expand_inputs(paths)
    if not expanded.files:
        first = expanded.errors[0].message if expanded.errors else "no input files of a known kind"
        raise PlanError(f"nothing to ingest in {' '.join(paths)}: {first}")
    settings = dataclasses.replace(settings, tasks=max(1, min(settings.tasks, len(expanded.files))))
    files = assign_tasks(expanded.files, settings.tasks)
    plan = {"files": [dataclasses.asdict(f) for f in files], "errors": [shards.encode(e) for e in expanded.errors],
            "skipped": expanded.skipped, "tasks": settings.tasks, "buckets": settings.buckets,
            "rules_version": rules_version(), "options": shards.encode(_plan_options(options))}
    where = f"{settings.shards.rstrip('/')}/{shards.PLAN}"
    fs, root = fsspec.core.url_to_fs(where)
    if fs.exists(root):
        old = shards.read_json(where)
        if old != plan:
            changed = [k for k in plan if plan[k] != old.get(k)]
            raise PlanError(f"{settings.shards} holds shards of another run (different {', '.join(changed)}); "
                            "use a new folder")
    else:
        fs.makedirs(fs._parent(root), exist_ok=True)
        shards.write_json(where, plan)
    return plan, settings


def ingest_to_shards(paths: list[str], options: PipelineOptions, settings: ClusterSettings) -> ShardRun:
    """Plan, then run the ingest, bucket and cluster stages; the folder is ready for ``newsfacts load``."""
    started = time.perf_counter()
    plan, settings = write_plan(paths, options, settings)
    seconds: dict[str, float] = {}
    incomplete = run_stages(settings, options, seconds)
    return ShardRun(files=len(plan["files"]), tasks=settings.tasks, errors=len(plan["errors"]),
                    incomplete=incomplete, elapsed=time.perf_counter() - started,
                    submitted=settings.executor == "slurm", stage_seconds=seconds)
