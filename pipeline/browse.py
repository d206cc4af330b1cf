"""``newsfacts browse``: datasette on the facts database, read-only, with descriptions, canned
queries (the reports of pipeline/reports.py and a search of the paragraphs) and a dashboard of
charts (datasette-dashboards, vega-lite; docs/browse.md says why this plugin).

The metadata is built here from the report SQL, so the browser and the CLI answer alike; the
table and column descriptions are data (pipeline/browse_metadata.json). The database is served
immutable (``-i``): datasette never writes it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from pipeline.errors import UserError
from pipeline.reports import ORG_IDS_BY_NAME, events_sql, money_sql, orgs_sql, timeline_sql
from pipeline.search import PARAGRAPH_SEARCH_SQL

SEPARATOR = "'、'"  # lists inside one cell, for people
# vega-embed reads its options from the spec: SVG marks (a browser test can count them), no menu
EMBED = {"embedOptions": {"renderer": "svg", "actions": False}}
DASHBOARD = "newsfacts"

EVENTS_PER_MONTH_SQL = """
SELECT substr(coalesce(e.date_start, d.published), 1, 7) AS month, e.type, count(*) AS events
FROM events e JOIN documents d USING (doc_id)
WHERE d.duplicate_of IS NULL AND length(coalesce(e.date_start, d.published)) >= 7
GROUP BY month, e.type ORDER BY month, e.type"""


def canned_queries() -> dict[str, dict[str, Any]]:
    """The reports as datasette canned queries (unfiltered; datasette adds paging and facets)."""
    timeline, _ = timeline_sql(f"{ORG_IDS_BY_NAME}", separator=SEPARATOR)
    return {
        "search": {"title": "Search the clean text", "sql": PARAGRAPH_SEARCH_SQL,
                   "description": "Paragraphs holding the term :q (any length: 工会, 竞赛, 技能竞赛), newest first. "
                                  "Several terms, ranking and snippets: newsfacts search."},
        "orgs": {"title": "Organisations", "sql": orgs_sql(separator=SEPARATOR)[0],
                 "description": "Canonical name, type, aliases, mentions, documents, first and last seen."},
        "events": {"title": "Events", "sql": events_sql(None, separator=SEPARATOR)[0],
                   "description": "Events in date order (the event's date, else the publication date: date_from) "
                                  "with organisations, participants and money."},
        "money_by_org": {"title": "Money by organisation", "sql": money_sql(by="org")[0],
                         "description": "Totals per currency (never across currencies); each amount once per "
                                        "document; amounts per unit (per month, per person) left out."},
        "money_by_month": {"title": "Money by month", "sql": money_sql(by="month")[0],
                           "description": "Totals per month of publication and currency."},
        "timeline": {"title": "Timeline of an organisation", "sql": timeline,
                     "description": "One organisation's events and mentions in date order; :org is its canonical "
                                    "name or an alias (甘肃省总工会, 省总工会)."},
        "events_per_month": {"title": "Events per month by type", "sql": EVENTS_PER_MONTH_SQL},
        "stories": {"title": "Stories", "sql": "SELECT * FROM v_stories ORDER BY documents DESC, first_date",
                    "description": "One real-world event reported by several documents (newsfacts stories)."},
    }


def dashboard(database: str) -> dict[str, Any]:
    """datasette-dashboards configuration: events per month by type, money by organisation."""
    money = (f"SELECT org, currency, total FROM ({money_sql(by='org')[0]}) "
             "WHERE org != '(no organisation)' [[ AND currency = :currency ]] ORDER BY total DESC LIMIT 20")
    return {DASHBOARD: {
        "title": "newsfacts",
        "description": "Events and money in the facts database (canonical documents only).",
        "layout": [["documents", "events", "orgs"], ["events-per-month", "events-per-month", "events-per-month"],
                   ["money-by-org", "money-by-org", "money-by-org"]],
        "filters": {"currency": {"name": "Currency", "type": "select", "db": database, "default": "CNY",
                                 "query": "SELECT DISTINCT currency FROM fact_money ORDER BY currency"}},
        "charts": {
            "documents": {"title": "Documents", "db": database, "library": "metric",
                          "query": "SELECT count(*) AS n FROM documents WHERE duplicate_of IS NULL",
                          "display": {"field": "n"}},
            "events": {"title": "Events", "db": database, "library": "metric",
                       "query": "SELECT count(*) AS n FROM v_events", "display": {"field": "n"}},
            "orgs": {"title": "Organisations", "db": database, "library": "metric",
                     "query": "SELECT count(DISTINCT org_id) AS n FROM v_orgs", "display": {"field": "n"}},
            "events-per-month": {
                "title": "Events per month by type", "db": database, "library": "vega-lite",
                "query": EVENTS_PER_MONTH_SQL,
                "display": {"usermeta": EMBED, "mark": {"type": "bar", "tooltip": True},
                            "encoding": {"x": {"field": "month", "type": "ordinal", "title": "month"},
                                         "y": {"field": "events", "type": "quantitative", "aggregate": "sum",
                                               "title": "events"},
                                         "color": {"field": "type", "type": "nominal", "title": "type"}}}},
            "money-by-org": {
                "title": "Money by organisation (one currency: the filter above)", "db": database,
                "library": "vega-lite", "query": money,
                "display": {"usermeta": EMBED, "mark": {"type": "bar", "tooltip": True},
                            "encoding": {"y": {"field": "org", "type": "nominal", "sort": "-x", "title": None},
                                         "x": {"field": "total", "type": "quantitative", "title": "total"},
                                         "color": {"field": "currency", "type": "nominal"}}}},
        },
    }}


def build_metadata(db: Path) -> dict[str, Any]:
    """datasette metadata for ``db``: descriptions, licence and source, canned queries, dashboard."""
    base = json.loads(resources.files("pipeline").joinpath("browse_metadata.json").read_text("utf-8"))
    database = db.stem  # datasette names a database after its file
    tables = base.pop("tables")
    base["databases"] = {database: {"tables": tables, "queries": canned_queries()}}
    base["plugins"] = {"datasette-dashboards": dashboard(database)}
    return base


def datasette_command(db: Path, metadata: Path, *, host: str, port: int) -> list[str]:
    """The datasette command line serving ``db`` immutable with ``metadata``."""
    executable = Path(sys.executable).with_name("datasette")
    if not executable.exists():
        found = shutil.which("datasette")
        if found is None:
            raise UserError("datasette is not installed: pip install -e '.[browse]' (make setup does)")
        executable = Path(found)
    return [str(executable), "serve", "-i", str(db), "--metadata", str(metadata), "--host", host,
            "--port", str(port), "--setting", "sql_time_limit_ms", "5000", "--setting", "default_page_size", "50"]


def serve(db: Path, *, host: str = "127.0.0.1", port: int = 8001) -> int:
    """Run datasette until it stops (Ctrl-C); its exit status."""
    if not db.is_file():
        raise UserError(f"no database at {db} (run `make ingest` or `newsfacts ingest PATH --db {db}` first)")
    with tempfile.TemporaryDirectory(prefix="newsfacts-browse-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(build_metadata(db), ensure_ascii=False, indent=1), "utf-8")
        command = datasette_command(db, metadata, host=host, port=port)
        print(f"newsfacts browse: http://{host}:{port}/  (dashboard: /-/dashboards/{DASHBOARD}; Ctrl-C stops)",
              file=sys.stderr)
        try:
            return subprocess.run(command, check=False).returncode
        except KeyboardInterrupt:
            return 0
