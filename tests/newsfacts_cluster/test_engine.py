"""The datatrove adapter: three stages per executor, and a step that survives the engines' pickling."""

from __future__ import annotations

import dill
import pytest
from ray import cloudpickle

from newsfacts_cluster import shards
from newsfacts_cluster.engine import STAGES, ClusterSettings, NewsfactsStage, build_executors
from newsfacts_cluster.run import write_plan
from pipeline.options import PipelineOptions
from tests.conftest import CORPUS


@pytest.mark.parametrize("executor", ["local", "ray", "slurm"])
def test_each_executor_gets_the_three_stages(executor, tmp_path):
    settings = ClusterSettings(shards=str(tmp_path), executor=executor, tasks=5, buckets=3, workers=2,
                               slurm_partition="cpu")
    executors = build_executors(settings, PipelineOptions())
    assert [e.world_size for e in executors] == [5, 3, 1]
    assert [e.pipeline[0].stage for e in executors] == list(STAGES)
    assert [e.logging_dir.path.rsplit("/", 1)[-1] for e in executors] == list(STAGES)
    if executor == "slurm":  # submitted as a chain: each array after the previous one
        assert executors[0].depends is None and executors[1].depends is executors[0] and executors[2].depends is executors[1]


@pytest.mark.parametrize("pickler", [dill, cloudpickle], ids=["dill-slurm-and-local", "cloudpickle-ray"])
def test_a_pickled_ingest_step_runs_its_task(pickler, tmp_path):
    options = PipelineOptions()
    settings = ClusterSettings(shards=str(tmp_path), tasks=2)
    plan, settings = write_plan([str(CORPUS / "samples" / "feed.jsonl"), str(CORPUS / "000_6cf9f9d2df5a2af1.txt")],
                                options, settings)
    step = pickler.loads(pickler.dumps(NewsfactsStage("ingest", str(tmp_path), options, settings.tasks, 1)))
    for rank in range(settings.tasks):
        list(step.run(None, rank, settings.tasks))
        manifest = shards.verify_task(str(tmp_path), rank)
        assert manifest["worker"]
    assert sum(shards.read_json(str(tmp_path / "tasks" / f"{t:05d}.json"))["rows"]["documents"]
               for t in range(2)) >= 2
