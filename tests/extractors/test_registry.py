"""The extractor registry (extractors/registry.py): order, rule tables, problems, and one list for everyone."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from extractors import DocumentContext, extract_in_context
from extractors import counts, dates, events, money, orgs
from extractors.protocol import Extractor, ExtractorInput
from extractors.registry import EXTRACTORS, ExtractionBudget, by_name, dependency_order, run_extractors
from extractors.sentences import MAX_QUOTE
from tests.conftest import CORPUS, shared_path

CONTEXT = DocumentContext(published=date(2020, 6, 24), site="厦门工会网")
TEXT = ("厦门市总工会举办技能竞赛\n"
        "6月22日，厦门市总工会在湖里区举办技能竞赛，60名选手参赛，奖金3000万元，另有50万日元赞助。")


def _money_failing_on_yen(inp: ExtractorInput):
    """A money extractor that cannot read yen: a realistic bug, raised on a real sentence."""
    if "日元" in inp.text:
        raise ValueError("cannot read an amount in 日元")
    return money.EXTRACTOR.run(inp)


def _out_of_memory(inp: ExtractorInput):
    raise MemoryError("text too large for the org scan")


def _interrupted(inp: ExtractorInput):
    raise KeyboardInterrupt


FAILING_MONEY = Extractor("money_strict", "money", money.EXTRACTOR.rules, _money_failing_on_yen)


def _replacing(name: str, replacement: Extractor) -> tuple[Extractor, ...]:
    return tuple(replacement if e.name == name else e for e in EXTRACTORS)


def test_registry_runs_every_extractor_module_once_in_dependency_order() -> None:
    assert [e.name for e in EXTRACTORS] == ["dates", "money", "counts", "orgs", "events"]
    assert [e for e in EXTRACTORS] == [dates.EXTRACTOR, money.EXTRACTOR, counts.EXTRACTOR, orgs.EXTRACTOR,
                                        events.EXTRACTOR]
    for i, extractor in enumerate(EXTRACTORS):
        assert set(extractor.needs) <= {e.kind for e in EXTRACTORS[:i]}, extractor.name


@pytest.mark.parametrize(("order", "message"), [
    pytest.param(("counts", "dates", "money"), "counts needs date, money", id="counts_before_dates"),
    pytest.param(("dates", "money", "counts", "events", "orgs"), "events needs org", id="events_before_orgs"),
    pytest.param(("dates", "dates"), "two extractors are named dates", id="same_name_twice"),
])
def test_dependency_order_refuses_a_wrong_order(order: tuple[str, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        dependency_order(by_name(name) for name in order)


@pytest.mark.parametrize("extractor", EXTRACTORS, ids=lambda e: e.name)
def test_rule_names_are_unique_and_name_the_kind(extractor: Extractor) -> None:
    assert extractor.rules and len(set(extractor.rules)) == len(extractor.rules)
    assert all(rule.startswith(extractor.kind + ".") for rule in extractor.rules)


def _corpus_texts() -> list[tuple[str, str | None]]:
    """The project's sample pages (as text) and the first 400 news texts of the shared bench."""
    texts = [(path.read_text(encoding="utf-8"), None) for path in sorted(CORPUS.glob("*.txt"))]
    with shared_path("bench", "xwlb_2022_2024.jsonl").open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(400)):
            row = json.loads(line)
            texts.append((f"{row['title']}\n{row['text']}", row.get("published") or row.get("date")))
    return texts


def test_every_rule_a_fact_carries_is_in_its_extractors_table() -> None:
    """Rule names come from the tables: on the corpus, no fact or event carries a name its table lacks."""
    texts = _corpus_texts()
    assert len(texts) >= 20
    tables = {e.kind: set(e.rules) for e in EXTRACTORS}
    seen: dict[str, set[str]] = {kind: set() for kind in tables}
    for text, published in texts:
        extraction = extract_in_context(text, DocumentContext.make(published))
        assert not extraction.problems
        for fact in extraction.facts:
            seen[fact.kind].add(fact.rule)
        for event in extraction.events:
            seen["event"].add(event.rule)
    for kind, rules in seen.items():
        assert rules, f"no {kind} found on the corpus"
        assert rules <= tables[kind], f"{kind}: {sorted(rules - tables[kind])} not in the table"


def test_extract_in_context_is_the_registry_run() -> None:
    assert extract_in_context(TEXT, CONTEXT) == run_extractors(TEXT, CONTEXT, EXTRACTORS)


def test_counts_read_the_spans_dates_and_money_took() -> None:
    """3000万元 is money, not a count of 万: counts get the money span through the input."""
    found = extract_in_context(TEXT, CONTEXT)
    assert [f.text for f in found.facts if f.kind == "count"] == ["60名选手"]
    alone = counts.EXTRACTOR.run(ExtractorInput.of(TEXT, CONTEXT))
    with_spans = counts.EXTRACTOR.run(ExtractorInput.of(TEXT, CONTEXT, money=[f for f in found.facts if f.kind == "money"]))
    assert [f.text for f in with_spans] == ["60名选手"]
    assert len(alone) >= len(with_spans)


def test_a_failing_extractor_is_a_problem_and_the_others_go_on() -> None:
    extraction = extract_in_context(TEXT, CONTEXT, extractors=_replacing("money", FAILING_MONEY))
    assert [(p.extractor, p.reason) for p in extraction.problems] == [
        ("money_strict", "ValueError: cannot read an amount in 日元")]
    kinds = {f.kind for f in extraction.facts}
    assert kinds == {"date", "count", "org"}  # no money, the rest as usual
    assert extraction.events and extraction.events[0].type == "competition"
    assert extraction.to_json()["problems"] == [{"extractor": "money_strict",
                                                "reason": "ValueError: cannot read an amount in 日元"}]


def test_the_failing_extractor_works_where_it_does_not_fail() -> None:
    text = TEXT.replace("，另有50万日元赞助", "")
    extraction = extract_in_context(text, CONTEXT, extractors=_replacing("money", FAILING_MONEY))
    assert not extraction.problems and [f.text for f in extraction.facts if f.kind == "money"] == ["3000万元"]


def test_memory_error_is_recorded_not_swallowed() -> None:
    oom = dataclasses.replace(orgs.EXTRACTOR, run=_out_of_memory)
    extraction = extract_in_context(TEXT, CONTEXT, extractors=_replacing("orgs", oom))
    assert [(p.extractor, p.reason) for p in extraction.problems] == [
        ("orgs", "MemoryError: text too large for the org scan")]
    assert not [f for f in extraction.facts if f.kind == "org"]


def test_keyboard_interrupt_stops_the_run() -> None:
    interrupted = dataclasses.replace(dates.EXTRACTOR, run=_interrupted)
    with pytest.raises(KeyboardInterrupt):
        extract_in_context(TEXT, CONTEXT, extractors=_replacing("dates", interrupted))


def test_bench_times_each_extractor_of_the_registry() -> None:
    from newsfacts_tools import bench_stages

    names = [stage.name for stage in bench_stages.STAGES if stage.name.startswith("extract: ")]
    assert names == ["extract: all", *(f"extract: {e.name}" for e in EXTRACTORS)]


def test_bench_gives_each_extractor_what_the_registry_gives_it() -> None:
    from newsfacts_tools import bench_stages
    from newsfacts_tools.bench_inputs import BenchInputs, BenchText

    inputs = BenchInputs(clean=[BenchText("t1", TEXT.split("\n")[0], TEXT.split("\n")[1], "2020-06-24")])
    prep = bench_stages.Prepared()
    for extractor in EXTRACTORS:
        workload = bench_stages.prepare_extractor(extractor.name, inputs, prep)
        assert workload.call is extractor.run
        (item,) = workload.items
        assert set(item.found) == set(extractor.needs)
    whole = extract_in_context(TEXT, CONTEXT)
    counts_workload = bench_stages.prepare_extractor("counts", inputs, prep)
    assert counts_workload.call(counts_workload.items[0]) == [f for f in whole.facts if f.kind == "count"]


# --- budgets per document (issue 11): number-dense inputs ------------------------------------------
# Each is repeated with no sentence punctuation, so the whole page is one "sentence".
ADVERSARIAL_UNITS = {
    "run_of_wan": "万", "run_of_nian": "年", "run_of_yue": "月", "run_of_di": "第", "run_of_yi": "一",
    "run_of_er_ling": "二〇", "run_of_digits": "1", "amounts_121212wan_yuan": "121212万元",
    "months_1yue": "1月", "players_list": "3名选手、",
}
SMALL_BUDGET = ExtractionBudget(max_facts=100, seconds=600.0)


def _adversarial(unit: str, n: int):
    text = "厦门市总工会举办技能竞赛\n" + unit * n
    return run_extractors(text, CONTEXT, budget=SMALL_BUDGET)


def _quoted_characters(extraction) -> int:
    return sum(len(f.sentence) for f in extraction.facts) + sum(len(e.sentence) for e in extraction.events)


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS.values(), ids=ADVERSARIAL_UNITS.keys())
def test_a_number_dense_page_keeps_each_extractor_within_its_budget(unit: str) -> None:
    extraction = _adversarial(unit, 600)
    for extractor in EXTRACTORS:
        kept = [f for f in extraction.facts if f.kind == extractor.kind]
        assert len(kept) <= SMALL_BUDGET.max_facts, extractor.name
    assert len(extraction.events) <= SMALL_BUDGET.max_facts
    assert all(len(f.sentence) <= MAX_QUOTE for f in extraction.facts)
    assert all(p.reason.startswith("BudgetExceeded: ") for p in extraction.problems)


@pytest.mark.parametrize("unit", ADVERSARIAL_UNITS.values(), ids=ADVERSARIAL_UNITS.keys())
def test_what_a_number_dense_page_stores_grows_linearly(unit: str) -> None:
    """The characters the facts quote (what the store writes) at n and 2n repetitions: ≤ 2.5×, not n²."""
    small, large = _quoted_characters(_adversarial(unit, 300)), _quoted_characters(_adversarial(unit, 600))
    assert large <= 2.5 * small + MAX_QUOTE


def test_an_extractor_over_the_fact_budget_keeps_the_first_and_is_a_problem() -> None:
    text = "厦门市总工会发放慰问金\n" + "".join(f"第{i}位职工获得慰问金{i}00元，" for i in range(1, 8))
    extraction = run_extractors(text, CONTEXT, budget=ExtractionBudget(max_facts=3))
    money_found = [f.text for f in extraction.facts if f.kind == "money"]
    assert money_found == ["100元", "200元", "300元"]
    assert ("money", "BudgetExceeded: 7 money results, over the limit of 3 per document; kept the first") in [
        (p.extractor, p.reason) for p in extraction.problems]


def test_an_extractor_over_the_time_budget_keeps_its_facts_and_is_a_problem() -> None:
    extraction = run_extractors(TEXT, CONTEXT, budget=ExtractionBudget(seconds=0.0))
    assert {p.extractor for p in extraction.problems} == {e.name for e in EXTRACTORS}
    assert [f.text for f in extraction.facts if f.kind == "money"] == ["3000万元", "50万日元"]
