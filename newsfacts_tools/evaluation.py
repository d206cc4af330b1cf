"""How accurate is the pipeline: the ``newsfacts eval`` sub-command.

Two kinds of input, told apart by their rows:

* **gold files** (``../shared/gold/seeds.jsonl``, ``eval/gold/snippets.jsonl``): one document per
  row, either a file of ``corpus/`` named by ``doc`` (cleaned, then extracted) or inline ``text``
  with its ``published`` date (already clean: extracted directly). Facts have no offsets; a
  prediction pairs with a gold fact by overlapping surface.
* **NER sets** (``../shared/ner/*.jsonl``): sentences with typed entity spans; each sentence is
  extracted and its ``org`` facts scored against the ``ORG`` spans by exact span
  (``newsfacts_tools.ner_scoring``).
* **peer suites** (``../shared/peer-dev/*.jsonl``): another tool's own test cases, converted,
  with ``suite``, ``text``, ``ref_date`` and ``expected`` facts (``value`` null for span-only
  suites). Each is scored twice: as the peer wrote it, and in a *FACTS.md view* where the peer's
  conventions that our contract does not share are projected or set aside (``PEER_CONVENTIONS``).

The scores reproduce ``../shared/scripts/score_facts.py`` number for number (a test runs both on
the same predictions): facts pair one to one by overlap, longest overlap first; optional gold
facts neither reward nor penalise. The eval gate (``tests/test_eval_gate.py``) compares the gold
scores with the floors pinned in ``eval/baseline.json``.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfacts_tools.event_eval import EVENT_GOLD_SOURCES, event_gold_kind, predict_main_events, predict_stories, source_rows
from newsfacts_tools.event_scoring import score_main_events, score_stories
from newsfacts_tools.eval_gate import baseline_key, load_baseline, raise_baseline, save_baseline
from newsfacts_tools.ner_scoring import is_ner_set, score_ner
from newsfacts_tools.peer_conventions import PEER_CONVENTIONS, score_peer
from newsfacts_tools.scoring import gold_id, score_gold
from pipeline.document import RawRecord, StageFailure
from pipeline.options import PipelineOptions
from pipeline.readers import iter_records

log = logging.getLogger(__name__)

# Where the defaults of `newsfacts eval` live, relative to the project folder (the working
# directory of `make eval`).
DEFAULT_SHARED = Path("../shared")
DEFAULT_CORPUS = Path("corpus")
PROJECT_GOLD = Path("eval/gold/snippets.jsonl")
# The day a span-only peer case without a reference date is read against. The peer reads such a case
# against the time of its run (a relative word or a date without a year is still a time to find);
# FACTS.md emits none of those without a publication date, so without a day the suite would measure
# that rule rather than finding the spans. A fixed day keeps the eval reproducible.
SPAN_ONLY_REFERENCE = "2021-06-15"
DEFAULT_BASELINE = Path("eval/baseline.json")

# ---------------------------------------------------------------------------------------------
# Running the pipeline on an input
# ---------------------------------------------------------------------------------------------


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def is_peer_suite(rows: list[dict]) -> bool:
    return bool(rows) and all("suite" in r and "expected" in r for r in rows)


@dataclass
class Predictor:
    """Runs clean + extract for evaluation, noting (once each) what it had to do without."""

    corpus: Path = DEFAULT_CORPUS
    options: PipelineOptions = field(default_factory=PipelineOptions)
    notes: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        if message not in self.notes:
            log.info("%s", message)
            self.notes.append(message)

    def extract(self, text: str, published: str | None) -> dict[str, Any]:
        """``{"facts", "events"}`` of a clean text; nothing when the extractors cannot be imported yet."""
        try:
            from extractors import extract
            return extract(text, published).to_json()
        except ImportError as exc:
            self.note(f"extractors incomplete ({exc}): facts and events not predicted")
            return {"facts": [], "events": []}

    def clean(self, path: Path) -> dict[str, Any]:
        """``{"text", "published", "title"}`` of a corpus file, through ``pipeline.clean``."""
        # The readers say what the file is (html, text, gzip …), as for an ingest.
        read = next(iter_records([path], self.options), None)
        if not isinstance(read, RawRecord):
            self.note(f"{path}: {read.message if read is not None else 'not an input file'}")
            return {"text": "", "published": None, "title": None}
        raw = read
        try:
            from pipeline.clean import clean_record
        except ImportError as exc:
            self.note(f"pipeline.clean not available ({exc}): raw file text scored as clean text")
            return {"text": raw.content.decode("utf-8", errors="replace"), "published": None, "title": None}
        try:
            document = clean_record(raw, self.options)
        except StageFailure as exc:
            self.note(f"{path}: {exc}")
            return {"text": "", "published": None, "title": None}
        return {"text": document.text, "published": document.published, "title": document.title}

    def gold_row(self, row: dict) -> dict[str, Any]:
        """The prediction row of one gold document (inline text is already clean)."""
        if "text" in row:
            cleaned = {"text": row["text"], "published": row.get("published"), "title": None}
        else:
            path = self.corpus / row["doc"]
            if not path.exists():
                self.note(f"{path} not found: its facts count as missed")
                return {"id": gold_id(row), "facts": [], "events": []}
            cleaned = self.clean(path)
        return {"id": gold_id(row), **cleaned, **self.extract(cleaned["text"], cleaned["published"])}

    def peer_row(self, row: dict) -> dict[str, Any]:
        return {"id": row["id"], "text": row["text"], **self.extract(row["text"], peer_reference(row))}


def peer_reference(row: dict) -> str | None:
    """A peer case's reference date: its own, or :data:`SPAN_ONLY_REFERENCE` when it has none and
    states no value (a span-only case: what is compared does not depend on the day)."""
    if row.get("ref_date") or any(fact.get("value") is not None for fact in row.get("expected") or []):
        return row.get("ref_date")
    return SPAN_ONLY_REFERENCE


@dataclass
class InputReport:
    """The scores of one input file."""

    name: str
    format: str  # "gold" | "peer" | "ner" | "events" | "stories"
    scores: dict[str, Any]
    errors: dict = field(default_factory=dict)
    predictions: list[dict] = field(default_factory=list)

    def to_json(self, errors: int = 0) -> dict[str, Any]:
        out = {"name": self.name, "format": self.format, "scores": self.scores}
        if errors:
            out["errors"] = {f"{k} {what}": items[:errors] for (k, what), items in sorted(self.errors.items())}
        return out


def evaluate_file(path: Path, predictor: Predictor, name: str | None = None) -> InputReport:
    """Predict and score one gold file or peer suite."""
    rows = load_jsonl(path)
    name = name or path.as_posix()
    kind = event_gold_kind(path, rows)
    if kind is not None:
        return _evaluate_event_gold(path, rows, kind, predictor, name)
    if is_peer_suite(rows):
        predictions = [predictor.peer_row(r) for r in rows]
        scores, errors = score_peer(rows, predictions)
        return InputReport(name, "peer", scores, errors, predictions)
    if is_ner_set(rows):
        predictions = [{"id": r.get("id"), **predictor.extract(r["text"], None)} for r in rows]
        scores, errors = score_ner(rows, predictions)
        return InputReport(name, "ner", scores, errors, predictions)
    predictions = [predictor.gold_row(r) for r in rows]
    scores, errors = score_gold(rows, predictions)
    return InputReport(name, "gold", scores, errors, predictions)


def _evaluate_event_gold(path: Path, rows: list[dict], kind: str, predictor: Predictor, name: str) -> InputReport:
    """Main events (events_dev) or stories (stories_dev) of the bench items the gold names."""
    items = source_rows(path, {r["id"] for r in rows if "id" in r})
    if kind == "events":
        predictions = predict_main_events(rows, items)
        scores, errors = score_main_events(rows, predictions)
        return InputReport(name, "events", {"main_event": scores}, {("event", "main event"): errors}, predictions)
    predictions = predict_stories(rows, items, predictor.options)
    scores, errors = score_stories(rows, predictions)
    return InputReport(name, "stories", {"stories": scores}, {("story", "pairs"): errors}, predictions)


def default_inputs(shared: Path = DEFAULT_SHARED) -> list[Path]:
    """The seeds gold (when ../shared is there), the project's gold, the event golds, every NER set
    and peer suite."""
    inputs = [shared / "gold" / "seeds.jsonl", PROJECT_GOLD]
    inputs += [shared / "gold" / name for name in EVENT_GOLD_SOURCES]
    inputs += sorted((shared / "ner").glob("*.jsonl"))
    inputs += sorted((shared / "peer-dev").glob("*.jsonl"))
    return [p for p in inputs if p.exists()]


# ---------------------------------------------------------------------------------------------
# Console output
# ---------------------------------------------------------------------------------------------


def _triple(values: tuple[float, float, float] | list[float]) -> str:
    return "/".join(f"{v:.3f}" for v in values)


def format_gold(report: InputReport) -> str:
    s = report.scores
    lines = [f"== {report.name}  ({s['docs']['gold']} documents, gold)",
             f"{'kind':<7} {'gold':>5} {'pred':>5}   {'span P/R/F1':<19} value P/R/F1"]
    for kind, row in [*s["kinds"].items(), ("all", s["all"])]:
        lines.append(f"{kind:<7} {row['gold']:>5} {row['pred']:>5}   {_triple(row['span']):<19} {_triple(row['value'])}")
    if "clean_text" in s:
        ct = s["clean_text"]
        lines.append(f"clean text: must_keep recall {ct['must_keep_recall']:.3f}, chrome leak rate {ct['chrome_leak_rate']:.3f}")
    if "main_event" in s:
        me = s["main_event"]
        lines.append(f"main event: type accuracy {me['type_acc']:.3f}, date accuracy {me['date_acc']:.3f}")
    return "\n".join(lines)


def format_events(report: InputReport) -> str:
    me = report.scores["main_event"]
    lines = [f"== {report.name}  ({me['docs']} documents, main events; {me['no_main_event']} without one)",
             f"type accuracy {me['type_acc']:.3f} (strict {me['type_strict_acc']:.3f}), "
             f"date accuracy {me['date_acc']:.3f} (on the {me['dated']['docs']} dated: {me['dated']['date_acc']}), "
             f"both {me['type_and_date_acc']:.3f}"]
    if me["confusion"]:
        lines.append("confusions (gold -> predicted): " + ", ".join(
            f"{c['gold']}->{c['pred']} {c['n']}" for c in me["confusion"][:10]))
    return "\n".join(lines)


def format_stories(report: InputReport) -> str:
    st = report.scores["stories"]
    pw, b3 = st["pairwise"], st["bcubed"]
    return "\n".join([
        f"== {report.name}  ({st['docs']} documents, {st['gold_stories']} gold stories, {st['pred_stories']} predicted)",
        f"pairwise P/R/F1 {pw['p']:.3f}/{pw['r']:.3f}/{pw['f1']:.3f} (gold pairs {pw['gold_pairs']}, "
        f"predicted {pw['pred_pairs']}, right {pw['tp']}); B-cubed P/R/F1 {b3['p']:.3f}/{b3['r']:.3f}/{b3['f1']:.3f}"])


def format_peer(report: InputReport) -> str:
    s = report.scores
    lines = [f"== {report.name}  ({s['rows']} cases, peer suite, kinds: {', '.join(s['kinds'])})",
             f"{'view':<9} {'expected':>8} {'pred':>5}   {'span P/R/F1':<19} value accuracy"]
    for view in ("peer", "facts_md"):
        r = s[view]
        acc = f"{r['value_acc']:.3f} ({r['valued']} values)" if "value_acc" in r else "- (span-only suite)"
        lines.append(f"{view:<9} {r['expected']:>8} {r['pred']:>5}   {_triple(r['span']):<19} {acc}")
    explains = {c.name: c.explains for c in PEER_CONVENTIONS}
    for name, n in sorted(s["conventions"].items()):
        lines.append(f"  {name} ×{n}: {explains[name]}")
    return "\n".join(lines)


def format_ner(report: InputReport) -> str:
    org = report.scores["org_span"]
    return "\n".join([f"== {report.name}  ({report.scores['docs']['sentences']} sentences, NER set)",
                      f"ORG spans (exact): gold {org['gold']}, pred {org['pred']}, P/R/F1 {_triple(org['prf'])}"])


FORMATTERS = {"gold": format_gold, "peer": format_peer, "ner": format_ner, "events": format_events,
              "stories": format_stories}
GATED_FORMATS = ("gold", "ner", "events", "stories")  # the formats with floors in eval/baseline.json


def format_errors(report: InputReport, limit: int) -> str:
    lines = []
    for (kind, what), items in sorted(report.errors.items()):
        if items:
            lines.append(f"-- {report.name}: {kind} {what} ({len(items)})")
            lines.extend(f"   {item}" for item in items[:limit])
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# The sub-command
# ---------------------------------------------------------------------------------------------


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval", help="score extraction and cleaning against gold files and peer suites",
        description="Run clean + extract on gold files (../shared/gold/seeds.jsonl, eval/gold/snippets.jsonl), "
                    "NER sets (../shared/ner/*.jsonl: ORG span P/R/F1, exact match) "
                    "and peer suites (../shared/peer-dev/*.jsonl) and print precision/recall/F1 per kind, "
                    "clean-text and main-event scores. Without FILE: all of those that exist.")
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="gold JSONL or peer suite JSONL")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder holding the documents gold rows name by 'doc' (default: corpus)")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared test data folder (default: ../shared)")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="list N misses, false hits and wrong values per kind")
    parser.add_argument("--json", action="store_true", help="print all scores as one JSON object")
    parser.add_argument("--predictions", type=Path, metavar="FILE",
                        help="write the predictions (one JSONL row per document, for score_facts.py) to FILE")
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE, help="the eval gate's floors (default: eval/baseline.json)")
    parser.add_argument("--update-baseline", action="store_true",
                        help="raise the baseline's floors of the gold files scored to their current scores (never lowers them)")
    parser.set_defaults(func=run_eval)


def run_eval(args: argparse.Namespace) -> int:
    inputs = args.files or default_inputs(args.shared)
    if not inputs:
        print(f"nothing to evaluate: no FILE given and neither {args.shared}/gold nor {PROJECT_GOLD} exists", file=sys.stderr)
        return 2
    missing = [p for p in inputs if not p.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    predictor = Predictor(corpus=args.corpus)
    reports = [evaluate_file(path, predictor) for path in inputs]

    if args.predictions:
        ids = Counter(p["id"] for r in reports for p in r.predictions)
        clashes = [i for i, n in ids.items() if n > 1]
        if clashes:
            print(f"--predictions: ids repeat across inputs ({', '.join(clashes[:5])}); pass one input at a time", file=sys.stderr)
            return 2
        args.predictions.parent.mkdir(parents=True, exist_ok=True)
        with open(args.predictions, "w", encoding="utf-8") as out:
            for report in reports:
                for row in report.predictions:
                    out.write(json.dumps({**row, "input": report.name}, ensure_ascii=False) + "\n")

    changes: list[str] = []
    if args.update_baseline:
        baseline = load_baseline(args.baseline)
        root = Path.cwd()
        for report, path in zip(reports, inputs):
            if report.format in GATED_FORMATS:
                changes += raise_baseline(baseline, baseline_key(path, root), report.scores)
        save_baseline(args.baseline, baseline)

    if args.json:
        print(json.dumps({"inputs": [r.to_json(args.errors) for r in reports], "notes": predictor.notes,
                          **({"baseline_changes": changes} if args.update_baseline else {})}, ensure_ascii=False))
        return 0
    for report in reports:
        print(FORMATTERS[report.format](report))
        if args.errors:
            print(format_errors(report, args.errors))
        print()
    for note in predictor.notes:
        print(f"note: {note}")
    if args.update_baseline:
        print(f"{args.baseline}: " + ("; ".join(changes) if changes else "no floor raised"))
    return 0
