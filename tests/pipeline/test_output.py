"""pipeline.output: aligned tables by display width, and the machine formats keep values whole."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from pipeline.output import display_width, fit, render_table, write_rows

COLUMNS = ["org_name", "org_type", "mentions"]
ROWS = [("和政县吉美包袋有限公司", "company", 3), ("临夏州政协", "legislature", 12), ("ACME", "other", 1)]


@pytest.mark.parametrize("text, cells", [
    ("甘肃省总工会", 12), ("abc", 3), ("60名选手", 8), ("３０００万元", 12), ("", 0),
])
def test_display_width_counts_wide_characters_twice(text, cells):
    assert display_width(text) == cells


def test_table_columns_line_up_in_display_cells():
    lines = render_table(COLUMNS, ROWS).splitlines()
    header, rule, *body = lines
    # the second column starts at the same display cell on every line
    starts = set()
    for line, row in zip(body, ROWS):
        first = line.index(row[1])
        starts.add(display_width(line[:first]))
    starts.add(display_width(header[: header.index("org_type")]))
    assert len(starts) == 1
    assert starts.pop() == display_width("和政县吉美包袋有限公司") + 2


def test_numbers_are_right_aligned():
    body = render_table(COLUMNS, ROWS).splitlines()[2:]
    assert {display_width(line) for line in body} == {display_width(body[0])}
    assert body[1].endswith("12") and body[0].endswith(" 3")


def test_long_cells_are_cut_by_display_width():
    text = "全市劳动和技能竞赛推进会召开,180余人参加了会议" * 3
    cut = fit(text, 20)
    assert cut.endswith("…") and display_width(cut) <= 20 and text.startswith(cut[:-1])


def test_newlines_in_cells_do_not_break_rows():
    table = render_table(["text"], [("标题\n正文第一段",)])
    assert len(table.splitlines()) == 3 and "⏎" in table


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_machine_formats_keep_values_whole(fmt):
    long = "3月18日上午,全市劳动和技能竞赛推进会召开。" * 10
    rows = [(long, Decimal("30000000"), None, ["省总", "省总工会"])]
    out = io.StringIO()
    assert write_rows(["text", "amount", "approx", "aliases"], rows, fmt, out) == 1
    value = out.getvalue()
    if fmt == "json":
        record = json.loads(value)[0]
    elif fmt == "jsonl":
        record = json.loads(value.splitlines()[0])
    else:
        record = next(csv.DictReader(io.StringIO(value)))
        record["aliases"] = json.loads(record["aliases"])
        record["amount"] = int(record["amount"])
        record["approx"] = record["approx"] or None
    assert record == {"text": long, "amount": 30000000, "approx": None, "aliases": ["省总", "省总工会"]}


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="unknown format"):
        write_rows(["a"], [(1,)], "xml", io.StringIO())
