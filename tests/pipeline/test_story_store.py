"""Stories in the database (pipeline/story_store.py): the stage at the end of ingest, incremental
and idempotent, the v_stories view and the `stories` command."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.options import PipelineOptions
from pipeline.runner import run_ingest
from pipeline.storage import FactStore
from pipeline.story_store import StoryFilter, list_stories, story_type, update_stories

FLOOD_XINHUA = {"id": "a1", "title": "全国防汛抗旱工作会议在京召开",
                "text": "7月20日，全国防汛抗旱工作会议在北京召开，部署下一阶段防汛抗旱工作。",
                "date": "2026-07-20", "source": "新华社"}
FLOOD_PEOPLE = {"id": "a2", "title": "全国防汛抗旱工作会议召开 部署主汛期防汛",
                "text": "全国防汛抗旱工作会议20日在北京召开，会议部署主汛期防汛抗旱工作。",
                "date": "2026-07-20", "source": "人民网"}
SKILLS = {"id": "a3", "title": "2026年全国职业技能大赛在天津开幕",
          "text": "7月20日，2026年全国职业技能大赛在天津开幕，2000余名选手参赛。", "date": "2026-07-20", "source": "新华社"}
SAFETY_GANSU = {"id": "a4", "title": "全省安全生产工作会议在兰州召开",
                "text": "7月20日，全省安全生产工作会议在兰州召开，部署下半年安全生产工作。", "date": "2026-07-20",
                "site": "甘肃日报"}
FLOOD_FOLLOW_UP = {"id": "b1", "title": "全国防汛抗旱工作会议召开 部署主汛期防汛抗旱",
                   "text": "全国防汛抗旱工作会议7月20日在北京召开，会议部署主汛期防汛抗旱工作。", "date": "2026-07-21",
                   "source": "央视网"}
STORY_TABLES = ("stories", "story_documents")


def _write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _options(db: Path) -> PipelineOptions:
    return replace(PipelineOptions(), db=db, quiet=True, workers=1)


def _dump(db: Path) -> dict[str, list[tuple]]:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall()) for t in STORY_TABLES}
    finally:
        conn.close()


def _stories(db: Path, **where) -> list[dict]:
    conn = sqlite3.connect(db)
    try:
        columns, rows = list_stories(conn, StoryFilter(**where))
        return [dict(zip(columns, r)) for r in rows]
    finally:
        conn.close()


@pytest.fixture
def ingested(tmp_path) -> Path:
    db = tmp_path / "facts.db"
    summary = run_ingest([_write(tmp_path / "day1.jsonl", [FLOOD_XINHUA, FLOOD_PEOPLE, SKILLS, SAFETY_GANSU])],
                         _options(db))
    assert summary.stories is not None and summary.stories.placed == 4
    return db


def test_two_outlets_reporting_one_meeting_are_one_story(ingested):
    stories = _stories(ingested, min_documents=2)
    assert len(stories) == 1
    story = stories[0]
    assert (story["type"], story["documents"], story["first_date"], story["last_date"]) == \
        ("meeting", 2, "2026-07-20", "2026-07-20")
    assert story["title"] == FLOOD_XINHUA["title"]
    assert set(story["outlets"].split("、")) == {"新华社", "人民网"}
    assert story["places"] == "北京"


def test_a_meeting_elsewhere_and_another_event_are_stories_of_their_own(ingested):
    singles = {s["title"]: s for s in _stories(ingested) if s["documents"] == 1}
    assert set(singles) == {SKILLS["title"], SAFETY_GANSU["title"]}
    assert singles[SAFETY_GANSU["title"]]["outlets"] == "甘肃日报"  # the JSONL site


def test_rerunning_ingest_or_the_stage_changes_nothing(ingested, tmp_path):
    before = _dump(ingested)
    summary = run_ingest([tmp_path / "day1.jsonl"], _options(ingested))
    assert summary.stories.placed == 0 and summary.stories.created == 0
    store = FactStore.open(ingested)
    try:
        again = update_stories(store, _options(ingested))
    finally:
        store.close()
    assert (again.placed, again.created, again.merged, again.removed) == (0, 0, 0, 0)
    assert _dump(ingested) == before


def test_a_follow_up_the_next_day_joins_the_story(ingested, tmp_path):
    before = {s["story_id"] for s in _stories(ingested, min_documents=2)}
    summary = run_ingest([_write(tmp_path / "day2.jsonl", [FLOOD_FOLLOW_UP])], _options(ingested))
    assert (summary.stories.placed, summary.stories.created) == (1, 0)
    stories = _stories(ingested, min_documents=2)
    assert {s["story_id"] for s in stories} == before
    assert (stories[0]["documents"], stories[0]["last_date"]) == (3, "2026-07-21")


def test_a_changed_report_is_placed_again(ingested, tmp_path):
    changed = {**FLOOD_PEOPLE, "title": "全国职业技能大赛天津开幕 两千选手参赛",
               "text": "2026年全国职业技能大赛20日在天津开幕，2000余名选手参赛。"}
    run_ingest([_write(tmp_path / "day1.jsonl", [FLOOD_XINHUA, changed, SKILLS, SAFETY_GANSU])], _options(ingested))
    stories = _stories(ingested)
    assert next(s for s in stories if s["type"] == "meeting" and "北京" in s["places"])["documents"] == 1
    assert next(s for s in stories if s["type"] == "competition")["documents"] == 2


@pytest.mark.parametrize("where, titles", [
    pytest.param(dict(type="competition"), {SKILLS["title"]}, id="type"),
    pytest.param(dict(since="2026-07-21"), set(), id="since-after-every-report"),
    pytest.param(dict(until="2026-07-19"), set(), id="until-before-every-report"),
    pytest.param(dict(since="2026-07-20", until="2026-07-20", min_documents=2), {FLOOD_XINHUA["title"]}, id="day"),
])
def test_list_stories_filters(ingested, where, titles):
    assert {s["title"] for s in _stories(ingested, **where)} == titles


@pytest.mark.parametrize("types, expected", [
    (["statement", "attack", "attack"], "attack"),
    (["statement", "other"], "statement"),
    (["accident", "death"], "accident"),
    ([None], None),
])
def test_story_type_prefers_the_event_over_reactions(types, expected):
    assert story_type(types) == expected


def test_stories_command_lists_as_json(ingested, capsys):
    assert main(["stories", "--db", str(ingested), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["type"], r["documents"]) for r in rows] == [("meeting", 2)]


def test_stories_command_update_places_new_documents(tmp_path, capsys):
    db = tmp_path / "facts.db"
    store = FactStore.open(db)  # an empty database: nothing to place
    store.close()
    assert main(["stories", "--db", str(db), "--update", "--min-documents", "1"]) == 0
    captured = capsys.readouterr()
    assert "stories      0 (0 new" in captured.err


@pytest.mark.parametrize("args", [["--min-documents", "0"], ["--since", "20th July"]])
def test_stories_command_user_mistakes_exit_2(ingested, args, capsys):
    with pytest.raises(SystemExit) as exit_:
        code = main(["stories", "--db", str(ingested), *args])
        raise SystemExit(code)
    assert exit_.value.code == 2


def test_stories_command_without_a_database_says_so(tmp_path, capsys):
    assert main(["stories", "--db", str(tmp_path / "none.db")]) == 2
    assert "no database" in capsys.readouterr().err
