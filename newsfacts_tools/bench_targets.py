"""The targets of issue 15 (and FACTS.md's extractor speed) read off one bench report, side by side.

Every row is computed from figures of the same run (ratios within one run, so a busy machine
moves both sides): the report's stages, peers, end-to-end runs and scaling runs. A row whose
figures the run did not measure (a part skipped, ``--quick``, one core) says so instead of a mark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

EXTRACTION_TARGET = 500_000  # chars/s of all extractors together on one core (FACTS.md)
SCALING_PER_WORKER = 0.85  # N workers on N cores: end to end ≥ 0.85 × N × one worker's
OVERHEAD_TARGET = 0.40  # one worker end to end ≥ 40 % of extraction alone
STORAGE_TARGET = 5_000  # documents/s of the storage stage
DB_RATIO_TARGET = 3.0  # database ≤ 3 × the UTF-8 size of the clean text it holds
RSS_TARGET_MB = 500  # peak RSS at 100,000 documents (flat in corpus size: every size is held to it)
CONVERSION_TARGET = 0.5  # conversion ≥ 0.5 × OpenCC t2s alone
HTML_TARGET = 0.84  # HTML ingest with one worker vs trafilatura.extract(with_metadata=True): keep 0.84


@dataclass(frozen=True, slots=True)
class TargetRow:
    """One measured figure against its target; ``met`` is None when the run has no figure for it."""

    measure: str
    value: float | None
    unit: str
    target: str
    met: bool | None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def mark(self) -> str:
        return {True: "met", False: "NOT MET", None: "not measured"}[self.met]


def _row(measure: str, value: float | None, unit: str, target: str, ok: Callable[[float], bool]) -> TargetRow:
    return TargetRow(measure, None if value is None else round(value, 3), unit, target,
                     None if value is None else ok(value))


def _stage(report: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((s for s in report["stages"] if s["stage"] == name), None)


def _peer(report: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    return next((p for p in report["peers"] if p["name"].startswith(prefix)), None)


def targets(report: dict[str, Any]) -> list[TargetRow]:
    """Issue 15's targets, in its order, from one ``newsfacts bench`` report."""
    runs = {r["workers"]: r for r in report["end_to_end"]}
    one, most = runs.get(1), runs.get(max(runs)) if runs else None
    rows: list[TargetRow] = []
    workers = most["workers"] if most else 0
    if workers > 1:
        rows.append(_row(f"1. end to end, {workers} workers ÷ 1 worker (documents/s)",
                         most["docs_per_s"] / one["docs_per_s"] if one and one["docs_per_s"] else None, "×",
                         f"≥ {SCALING_PER_WORKER * workers:.2f} ({SCALING_PER_WORKER} × {workers})",
                         lambda v: v >= SCALING_PER_WORKER * workers))
    else:
        rows.append(TargetRow("1. end to end, N workers ÷ 1 worker", None, "×", "≥ 0.85 × N (needs 2+ cores)", None))
    extraction = _stage(report, "extract: all")
    rows.append(_row("2. end to end, 1 worker ÷ all extractors alone (chars/s)",
                     one["chars_per_s"] / extraction["chars_per_s"] if one and extraction and extraction["chars_per_s"] else None,
                     "×", f"≥ {OVERHEAD_TARGET:.2f}", lambda v: v >= OVERHEAD_TARGET))
    storage = _stage(report, "storage")
    rows.append(_row("3. storage (documents/s)", storage["items_per_s"] if storage else None, "docs/s",
                     f"≥ {STORAGE_TARGET:,}", lambda v: v >= STORAGE_TARGET))
    for run in ([one] if one else []) + report["scaling"]:
        label = f"{run['size']:,} generated documents" if "size" in run else f"{run['docs']:,} bench texts (1 worker)"
        rows.append(_row(f"3. database ÷ clean text (UTF-8), {label}", run.get("db_text_ratio"), "×",
                         f"≤ {DB_RATIO_TARGET:.1f}", lambda v: v <= DB_RATIO_TARGET))
    for run in report["scaling"]:
        pss = f"; PSS {run['peak_pss_mb']:,.0f} MB" if run.get("peak_pss_mb") else ""
        rows.append(_row(f"4. peak RSS, {run['size']:,} documents ({run['workers']} workers{pss})", run["peak_rss_mb"], "MB",
                         f"≤ {RSS_TARGET_MB} (at 100,000)", lambda v: v <= RSS_TARGET_MB))
    if not any(r.get("size") == 100_000 for r in report["scaling"]):
        rows.append(TargetRow("4. peak RSS, 100,000 documents", None, "MB", f"≤ {RSS_TARGET_MB} (make bench FULL=1)", None))
    conversion = _peer(report, "conversion vs OpenCC")
    rows.append(_row("5. conversion ÷ OpenCC t2s alone (chars/s)", conversion["ratio"] if conversion else None, "×",
                     f"≥ {CONVERSION_TARGET:.2f}", lambda v: v >= CONVERSION_TARGET))
    html = _peer(report, "HTML ingest")
    rows.append(_row("HTML ingest, 1 worker ÷ trafilatura.extract(with_metadata=True)", html["ratio"] if html else None,
                     "×", f"≥ {HTML_TARGET:.2f} (keep)", lambda v: v >= HTML_TARGET))
    rows.append(_row("all extractors, one core (chars/s)", extraction["chars_per_s"] if extraction else None, "chars/s",
                     f"≥ {EXTRACTION_TARGET:,} (FACTS.md)", lambda v: v >= EXTRACTION_TARGET))
    return rows


def format_targets(rows: list[TargetRow]) -> list[str]:
    """The targets as table lines for the console."""
    lines = [f"{'issue 15 targets, this run':<66} {'measured':>14} {'target':>24}  result"]
    for r in rows:
        value = "–" if r.value is None else (f"{r.value:,.0f} {r.unit}" if r.value >= 100 else f"{r.value:.2f} {r.unit}")
        lines.append(f"{r.measure:<66} {value:>14} {r.target:>24}  {r.mark}")
    return lines
