"""pipeline.reports on the ingested sample corpus (and a two-currency feed): the numbers agree
with the facts and with the source pages."""

from __future__ import annotations

import json
import sqlite3

import pytest

from pipeline.cli import main
from pipeline.filters import DocumentFilter
from pipeline.reports import (EventFilter, UnknownOrg, events_report, money_report, orgs_report,
                              timeline_report)


@pytest.fixture(scope="module")
def conn(corpus_db):
    connection = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield connection
    connection.close()


def records(report) -> list[dict]:
    columns, rows = report
    return [dict(zip(columns, r)) for r in rows]


def test_orgs_report_counts_mentions_documents_and_aliases(conn):
    rows = {r["name"]: r for r in records(orgs_report(conn))}
    gansu = rows["甘肃省总工会"]
    assert gansu["type"] == "union" and "省总工会" in gansu["aliases"]
    mentions = conn.execute("SELECT count(*), count(DISTINCT doc_id), min(published), max(published) "
                            "FROM v_orgs WHERE org_name = '甘肃省总工会'").fetchone()
    assert (gansu["mentions"], gansu["documents"], gansu["first_seen"], gansu["last_seen"]) == mentions
    # the Huzhou page (2023-07-06) names 湖州市总工会 in its title and body, and says 市总工会
    huzhou = rows["湖州市总工会"]
    assert huzhou["first_seen"] == huzhou["last_seen"] == "2023-07-06" and "市总工会" in huzhou["aliases"]
    assert sum(r["mentions"] for r in rows.values()) == conn.execute("SELECT count(*) FROM v_orgs").fetchone()[0]


@pytest.mark.parametrize("filters", [DocumentFilter(since="2023"), DocumentFilter(until="2021"),
                                     DocumentFilter(site="甘肃省总工会")])
def test_orgs_report_filters_by_publication(conn, filters):
    rows = records(orgs_report(conn, filters))
    assert rows
    for r in rows:
        if filters.since:
            assert r["first_seen"] >= filters.since
        if filters.until:
            assert r["last_seen"][:4] <= filters.until


def test_orgs_report_by_type(conn):
    rows = records(orgs_report(conn, org_type="legislature"))
    assert rows and {r["type"] for r in rows} == {"legislature"} and "临夏州人大常委会" in {r["name"] for r in rows}


@pytest.mark.parametrize("wanted, check", [
    (EventFilter(type="meeting"), lambda r: r["type"] == "meeting"),
    (EventFilter(org="零八一电子集团有限公司"), lambda r: "零八一电子集团有限公司" in r["orgs"]),
    (EventFilter(place="偃师区"), lambda r: "偃师区" in (r["location"] or "")),
    (EventFilter(main_only=True), lambda r: r["main"] == 1),
])
def test_events_report_filters(conn, wanted, check):
    rows = records(events_report(conn, events=wanted))
    assert rows and all(check(r) for r in rows)


def test_events_are_in_date_order_with_participants_and_money(conn):
    rows = records(events_report(conn))
    dates = [r["date"] for r in rows if r["date"]]
    assert dates == sorted(dates)
    assert len(rows) == conn.execute("SELECT count(*) FROM v_events").fetchone()[0]
    # 武侯区: "8月27日…举行2024年“金秋助学”集中发放仪式…发放助学金共计94.4万元"
    wuhou = [r for r in rows if r["date"] == "2024-08-27" and r["type"] == "ceremony"]
    assert wuhou and wuhou[0]["money"] == ["94.4万元"] and "武侯区总工会" in wuhou[0]["orgs"]
    # 厦门—临夏 competition final on 2020-06-22 with 60 contestants
    final = [r for r in rows if r["date"] == "2020-06-22" and r["main"] == 1]
    assert final and final[0]["participants"] == 60


def test_event_dates_filter_the_event_date(conn):
    rows = records(events_report(conn, DocumentFilter(since="2024-09", until="2024-09")))
    assert rows and all(r["date"].startswith("2024-09") for r in rows)


def test_events_report_refuses_an_unknown_org(conn):
    with pytest.raises(UnknownOrg):
        events_report(conn, events=EventFilter(org="不存在的单位"))


def test_money_by_org_counts_each_amount_once_per_document(conn):
    rows = {(r["org"], r["currency"]): r for r in records(money_report(conn))}
    # 湖州: 580万元 in the title and in the body is one sum
    assert rows[("湖州市总工会", "CNY")]["total"] == 5_800_000 and rows[("湖州市总工会", "CNY")]["amounts"] == 1
    # 武侯区: 94.4万元 (title and body), 31万元 donated, 近900万元 since 2015 (under: its upper figure);
    # 5000/3000/6000元 per person are not sums
    wuhou = rows[("武侯区总工会", "CNY")]
    assert wuhou["total"] == 944_000 + 310_000 + 9_000_000 and wuhou["amounts"] == 3 and wuhou["approximate"] == 1


def test_money_by_month_adds_up_to_the_same_totals(conn):
    by_month = records(money_report(conn, by="month"))
    distinct = conn.execute("""SELECT currency, sum(amount) FROM (SELECT DISTINCT doc_id, amount_min, amount_max,
        currency, approx, coalesce(amount_min, amount_max) AS amount FROM v_money WHERE per IS NULL) GROUP BY currency""")
    assert {c: t for c, t in distinct} == {
        c: sum(r["total"] for r in by_month if r["currency"] == c) for c in {r["currency"] for r in by_month}}
    months = [r["month"] for r in by_month if r["month"]]
    assert months == sorted(months)


@pytest.fixture(scope="module")
def two_currencies(tmp_path_factory):
    folder = tmp_path_factory.mktemp("money")
    pages = [
        {"id": "hk", "published": "2024-03-05", "url": "https://news.example.hk/a.html",
         "text": "香港工会联合会宣布拨款500万港元\n3月5日,香港工会联合会宣布拨款500万港元,支援受影响的职工。"},
        {"id": "cn", "published": "2024-03-08", "url": "https://news.example.cn/b.html",
         "text": "广州市总工会投入资金300万元\n3月8日,广州市总工会投入资金300万元,慰问一线职工。"},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pages), "utf-8")
    db = folder / "facts.db"
    assert main(["ingest", str(folder / "feed.jsonl"), "--db", str(db), "--quiet", "--workers", "1"]) == 0
    connection = sqlite3.connect(db)
    yield connection
    connection.close()


def test_money_is_never_summed_across_currencies(two_currencies):
    by_month = records(money_report(two_currencies, by="month"))
    assert {(r["month"], r["currency"], r["total"]) for r in by_month} == {
        ("2024-03", "HKD", 5_000_000), ("2024-03", "CNY", 3_000_000)}


def test_timeline_accepts_aliases_and_is_in_date_order(conn):
    columns, canonical = timeline_report(conn, "绵阳市总工会")
    _, alias = timeline_report(conn, "市总")  # 市总 is an alias of several city unions, 绵阳's among them
    assert canonical and {repr(r) for r in canonical} <= {repr(r) for r in alias}
    dates = [r[0] for r in alias if r[0]]
    assert dates == sorted(dates)
    rows = [dict(zip(columns, r)) for r in canonical]
    assert any(r["what"] == "competition" and r["date"] == "2024-09-11" for r in rows)


def test_timeline_of_an_unknown_org(conn):
    with pytest.raises(UnknownOrg):
        timeline_report(conn, "不存在的单位")


@pytest.mark.parametrize("argv, code, message", [
    (["timeline", "总工"], 2, "no organisation named '总工' (did you mean"),
    (["events", "--since", "2020-13"], 2, "not a date"),
    (["orgs", "--db", "/nonexistent/facts.db"], 2, "no database at /nonexistent/facts.db"),
])
def test_user_mistakes_are_one_line_and_exit_2(corpus_db, capsys, argv, code, message):
    if "--db" not in argv:
        argv = [*argv, "--db", str(corpus_db)]
    try:
        result = main(argv)
    except SystemExit as exc:  # argparse refuses bad values itself
        result = exc.code
    assert result == code and message in capsys.readouterr().err


@pytest.mark.parametrize("command", [["search", "工会"], ["orgs"], ["events"], ["money"], ["timeline", "甘肃省总工会"]])
def test_report_commands_print_json(corpus_db, capsys, command):
    assert main([*command, "--db", str(corpus_db), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and isinstance(rows[0], dict)
