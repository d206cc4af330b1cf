"""The event word lists (extractors/events/lexicon.py, data/event_triggers.tsv)."""

from __future__ import annotations

from extractors.events import event_lexicon


def test_lexicon_types_are_documented() -> None:
    documented = {"competition", "meeting", "ceremony", "award", "training", "visit", "opening", "campaign",
                  "launch", "exhibition", "performance"}
    lexicon = event_lexicon()
    assert {t for w, t in lexicon.types.items() if lexicon.kinds[w] != "modifier"} <= documented
