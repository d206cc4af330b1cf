"""The cluster side of the command line: ``ingest … --shards DIR`` options and ``newsfacts load``.

Nothing here imports datatrove or Ray until a command runs, so ``newsfacts --help`` works
without the ``cluster`` extra installed.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from pipeline.errors import UserError
from pipeline.options import DEFAULT_DB, PipelineOptions

EXECUTORS = ("local", "ray", "slurm")


def add_ingest_arguments(p: argparse.ArgumentParser) -> None:
    """The options of ``newsfacts ingest`` that send the work to an engine and write shards."""
    g = p.add_argument_group("cluster", "run the stages on an engine and write shards; then `newsfacts load` "
                                        "(see docs/cluster.md; needs the `cluster` extra)")
    g.add_argument("--shards", metavar="DIR", help="write shards to this folder (local path or fsspec URL) "
                                                   "instead of the database")
    g.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="engine for --shards: datatrove's local, ray or slurm executor (default: %(default)s)")
    g.add_argument("--tasks", type=int, default=0, help="ingest tasks (default: 4 per worker, at most one per file)")
    g.add_argument("--buckets", type=int, default=0, help="tasks of the duplicate bucket stage (default: workers)")
    g.add_argument("--ray-address", help="address of the Ray cluster (default: RAY_ADDRESS or a running local one)")
    g.add_argument("--mem-per-cpu-gb", type=float, default=1.0, help="memory reserved per task (ray, slurm)")
    g.add_argument("--slurm-partition", help="Slurm partition (required with --executor slurm)")
    g.add_argument("--slurm-time", default="24:00:00", help="Slurm time limit per task (default: %(default)s)")


def wants_cluster(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "shards", None)) or getattr(args, "executor", "local") != "local"


def cmd_ingest_shards(args: argparse.Namespace, options: PipelineOptions) -> int:
    """``newsfacts ingest PATH… --shards DIR [--executor …]``."""
    if not args.shards:
        raise UserError(f"--executor {args.executor} writes shards: add --shards DIR, then `newsfacts load DIR`")
    if args.executor == "slurm" and not args.slurm_partition:
        raise UserError("--executor slurm needs --slurm-partition")
    try:
        from newsfacts_cluster.engine import ClusterSettings
        from newsfacts_cluster.run import PlanError, ingest_to_shards
    except ImportError as exc:
        raise UserError(f"--shards needs the cluster extra (pip install 'newsfacts[cluster]'): {exc}") from None
    workers = options.resolved_workers()
    settings = ClusterSettings(
        shards=args.shards, executor=args.executor, tasks=args.tasks or 4 * workers,
        buckets=args.buckets or workers, workers=workers,
        ray_address=args.ray_address or os.environ.get("RAY_ADDRESS"), mem_per_cpu_gb=args.mem_per_cpu_gb,
        slurm_partition=args.slurm_partition, slurm_time=args.slurm_time)
    try:
        result = ingest_to_shards(args.paths, options, settings)
    except PlanError as exc:
        raise UserError(str(exc)) from None
    if not args.quiet:
        print(result.render())
        print(f"shards       {args.shards}" + ("" if result.incomplete or result.submitted
                                                 else f" (next: newsfacts load {args.shards} --db FILE)"))
    return 1 if result.incomplete else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("load", help="check a shard folder and merge it into the database",
                       description="Checks that every task of `newsfacts ingest --shards DIR` completed and that "
                                   "every shard is intact, then stores its documents, facts and events in the "
                                   "database, marking near-duplicates as the local runner does. Loading the same "
                                   "folder twice changes nothing.")
    p.add_argument("shards", metavar="DIR", help="the shard folder (local path or fsspec URL)")
    p.add_argument("--db", default=DEFAULT_DB, help="database file (default: %(default)s)")
    p.add_argument("--quiet", action="store_true", help="no summary")
    p.set_defaults(func=cmd_load)


def cmd_load(args: argparse.Namespace) -> int:
    try:
        from newsfacts_cluster.load import load_shards
        from newsfacts_cluster.shards import ShardError
    except ImportError as exc:
        raise UserError(f"load needs the cluster extra (pip install 'newsfacts[cluster]'): {exc}") from None
    options = replace(PipelineOptions(), db=Path(args.db))
    try:
        summary = load_shards(args.shards, args.db, options=options,
                              echo=lambda line: print(line, file=sys.stderr))
    except ShardError as exc:
        raise UserError(str(exc)) from None
    if not args.quiet:
        print(summary.render())
        print(f"database     {args.db}")
    return 0
