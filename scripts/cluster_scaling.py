"""Scaling of the cluster path from 1 to 2 Ray nodes on this machine (the figures of docs/cluster.md).

    python scripts/cluster_scaling.py --items 3000 --files 8 [--json out/cluster_scaling.json]

Builds a corpus (``corpus/`` plus ``--items`` xwlb items from ../shared/bench split over
``--files`` JSONL files, in a temp folder), ingests it with the local runner (1 and 2
workers) for reference, then for 1 and 2 Ray nodes (one CPU each, a real local cluster):
``ingest --executor ray --shards`` (time per stage), ``load`` (time), shard and database
sizes, and whether the loaded database has the local runner's content digest.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts_cluster.local_ray import local_ray_cluster  # noqa: E402
from newsfacts_tools.digest import BENCH_ITEMS as BENCH, digest_database  # noqa: E402


def build(folder: Path, items: int, files: int) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    with BENCH.open(encoding="utf-8") as src:
        lines = [line for _, line in zip(range(items), src)]
    per = -(-len(lines) // files)
    for n in range(files):
        (corpus / f"xwlb_{n:02d}.jsonl").write_text("".join(lines[n * per:(n + 1) * per]), encoding="utf-8")
    return corpus


def newsfacts(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([str(Path(sys.executable).parent / "newsfacts"), *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode:
        raise RuntimeError(f"newsfacts {args[0]} failed ({done.returncode}): {done.stderr[-3000:]}")
    return time.perf_counter() - started


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else path.stat().st_size


def stage_seconds(shards: Path) -> dict[str, float]:
    """Each stage's wall time: from its first task log's creation to its last completion marker."""
    out = {}
    for stage in ("ingest", "buckets", "clusters"):
        logs = shards / "logs" / stage
        starts = [p.stat().st_mtime for p in (logs / "stats").glob("*.json")]
        begun = (logs / "executor.json").stat().st_mtime
        out[stage] = round(max(starts) - begun, 2) if starts else None
    return out


def manifests(shards: Path) -> list[dict]:
    """The ingest tasks' manifests (rows, wall and CPU seconds, where they ran)."""
    return [json.loads(p.read_text()) for p in sorted((shards / "tasks").glob("0*.json"))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=3000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    result: dict = {"items": args.items, "files": args.files, "local": {}, "ray": {}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = build(tmp, args.items, args.files)
        result["input_bytes"] = size(corpus)
        for workers in (1, 2):
            db = tmp / f"local{workers}.db"
            result["local"][workers] = {"seconds": round(newsfacts("ingest", str(corpus), "--db", str(db), "--quiet",
                                                                   "--workers", str(workers)), 2)}
        print(json.dumps(result["local"]), file=sys.stderr, flush=True)
        reference = digest_database(tmp / "local1.db")["all"]
        result["local"]["digest"] = reference
        result["local"]["db_bytes"] = size(tmp / "local1.db")
        for nodes in (1, 2):
            shards, db = tmp / f"shards{nodes}", tmp / f"ray{nodes}.db"
            with local_ray_cluster(nodes=nodes, cpus_per_node=1) as address:
                total = newsfacts("ingest", str(corpus), "--executor", "ray", "--ray-address", address,
                                  "--shards", str(shards), "--tasks", str(args.files), "--buckets", str(nodes),
                                  "--workers", str(nodes), "--quiet")
            load = newsfacts("load", str(shards), "--db", str(db), "--quiet")
            result["ray"][nodes] = {
                "ingest_command_seconds": round(total, 2), "stage_seconds": stage_seconds(shards),
                "load_seconds": round(load, 2),
                "ingest_cpu_seconds": round(sum(m["cpu_seconds"] for m in manifests(shards)), 2),
                "ingest_task_seconds": round(sum(m["seconds"] for m in manifests(shards)), 2),
                "shard_bytes": {k: size(shards / k) for k in ("documents", "facts", "events", "signatures", "errors")},
                "db_bytes": size(db), "digest_equal": digest_database(db)["all"] == reference}
            print(json.dumps(result["ray"][nodes]), file=sys.stderr, flush=True)
    text = json.dumps(result, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
