"""pipeline.browse: datasette on the sample database — metadata, canned queries, a live server
on 127.0.0.1, and the dashboard's charts rendered by headless Chromium (Debian's package)."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from pipeline.browse import EVENTS_PER_MONTH_SQL, build_metadata, canned_queries
from pipeline.reports import money_report, orgs_report, timeline_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def conn(corpus_db):
    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def test_metadata_describes_tables_and_columns_with_units_source_and_licence(corpus_db):
    meta = build_metadata(corpus_db)
    assert meta["license"] and meta["source"]
    tables = meta["databases"]["facts"]["tables"]
    assert "currency" in tables["fact_money"]["columns"]["amount_min"]
    assert "unit: characters" in tables["documents"]["columns"]["chars"]
    conn = sqlite3.connect(corpus_db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert set(tables) <= names  # no description of a table that does not exist
    for table, info in tables.items():
        columns = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        assert set(info.get("columns", {})) <= columns, table


def test_canned_queries_answer_like_the_reports(conn):
    queries = canned_queries()
    assert len(queries) >= 4
    orgs = conn.execute(queries["orgs"]["sql"]).fetchall()
    assert [r[0] for r in orgs] == [r[0] for r in orgs_report(conn)[1]]
    money = conn.execute(queries["money_by_org"]["sql"]).fetchall()
    assert [(r[0], r[1], r[4]) for r in money] == [(r[0], r[1], r[4]) for r in money_report(conn)[1]]
    timeline = conn.execute(queries["timeline"]["sql"], {"org": "省总工会"}).fetchall()
    assert [r[:3] for r in timeline] == [r[:3] for r in timeline_report(conn, "省总工会")[1]]
    stories = conn.execute(queries["stories"]["sql"]).fetchall()
    assert stories and len(stories) == conn.execute("SELECT count(*) FROM v_stories").fetchone()[0]


@pytest.mark.parametrize("term", ["工会", "会", "技能竞赛", "2023年", "“夏送清凉”"])
def test_canned_search_finds_terms_of_any_length(conn, term):
    rows = conn.execute(canned_queries()["search"]["sql"], {"q": term}).fetchall()
    expected = conn.execute("SELECT count(*) FROM paragraphs JOIN documents USING (doc_id) "
                            "WHERE duplicate_of IS NULL AND instr(text, ?)", (term,)).fetchone()[0]
    assert len(rows) == expected > 0 and all(term in r[-1] for r in rows)


# -- the live server ------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(corpus_db):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "pipeline.cli", "browse", "--db", str(corpus_db),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/-/versions.json", timeout=2).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                os.killpg(process.pid, signal.SIGTERM)
                pytest.fail("datasette did not start: " + process.stdout.read().decode(errors="replace"))
            time.sleep(0.3)
    yield base
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


def test_serves_a_table_page(server):
    page = get(server + "/facts/documents")
    assert "湖州市总工会启动2023年“夏送清凉”活动" in page
    assert "canonical (earliest published) copy" in page  # the column description


def test_serves_a_canned_query_as_json(server):
    rows = json.loads(get(server + "/facts/money_by_org.json?_shape=array"))
    huzhou = [r for r in rows if r["org"] == "湖州市总工会"]
    assert huzhou == [{"org": "湖州市总工会", "currency": "CNY", "amounts": 1, "documents": 1, "total": 5800000,
                       "approximate": 0, "first": "2023-07-06", "last": "2023-07-06"}]
    found = json.loads(get(server + "/facts/search.json?_shape=array&q=" + urllib.parse.quote("工会")))
    assert found and all("工会" in r["text"] for r in found)


def test_serves_the_chart_page(server):
    page = get(server + "/-/dashboards/newsfacts?currency=CNY")
    assert "Events per month by type" in page and "Money by organisation" in page
    assert "vega-lite.min.js" in page  # served by the plugin itself, no CDN


def test_refuses_a_missing_database(tmp_path, capsys):
    from pipeline.cli import main

    assert main(["browse", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database at" in capsys.readouterr().err


# -- the charts in a real browser -----------------------------------------------------------------
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (.ci/run installs it)")
def test_the_charts_render_their_data_in_chromium(server, conn, tmp_path):
    from playwright.sync_api import sync_playwright

    months = conn.execute(EVENTS_PER_MONTH_SQL).fetchall()
    money = conn.execute("SELECT count(*) FROM (" + canned_queries()["money_by_org"]["sql"] + ") "
                         "WHERE org != '(no organisation)' AND currency = 'CNY'").fetchone()[0]
    assert months and money
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1400})
            page.goto(server + "/-/dashboards/newsfacts?currency=CNY")
            bars = "#chart-events-per-month svg .mark-rect path"
            page.wait_for_selector(bars, timeout=30_000)
            page.wait_for_selector("#chart-money-by-org svg .mark-rect path", timeout=30_000)
            # one bar segment per (month, type) row, one bar per organisation
            assert page.locator(bars).count() == len(months)
            assert page.locator("#chart-money-by-org svg .mark-rect path").count() == min(money, 20)
            assert "湖州市总工会" in page.locator("#chart-money-by-org svg").text_content()  # an axis label
            shot = Path(os.environ.get("NEWSFACTS_SCREENSHOT") or tmp_path / "browse.png")
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()
