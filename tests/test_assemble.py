"""Assembly: blueprint quotas, filters, the same items in every form, pins,
and the spread of the correct letters."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import pytest

from conftest import EXAMPLE_BANK, POSITIONAL
from questionbank.assemble import (
    MAX_RUN,
    AssemblyError,
    Exam,
    apportion,
    arrange_options,
    assemble,
    key_counts,
    longest_run,
    stays_in_place,
)
from questionbank.bank import load_bank
from questionbank.item import Option
from questionbank.spec import Count, ExamSpec, spec_from_data

DOMAINS = ("ingestion", "store", "operations", "security")


def choice_item(item_id: str, domain: str = "ingestion", keys=(0,), n: int = 4, pins=(),
                kind: Optional[str] = None, tags=()) -> str:
    kind = kind or ("multiple" if len(keys) > 1 else "single")
    lines = [f"  - id: {item_id}", f"    type: {kind}", f"    domain: {domain}",
             f"    stem: Stem of {item_id}?"]
    if tags:
        lines.append(f"    tags: [{', '.join(tags)}]")
    lines.append("    options:")
    for i in range(n):
        lines.append(f"      - text: {item_id} option {i}")
        if i in keys:
            lines.append("        correct: true")
        if i in pins:
            lines.append("        pin: true")
    return "\n".join(lines) + "\n"


def items_file(*items: str) -> str:
    return "items:\n" + "".join(items)


def spec(count: int, **exam) -> ExamSpec:
    return spec_from_data({"exam": {"title": "T", "count": count, **exam}})


def per_domain(counts: dict) -> dict:
    """An items file per domain with the given number of plain items."""
    return {f"{d}.yaml": items_file(*(choice_item(f"{d}-{i}", d) for i in range(n))) for d, n in counts.items()}


def letters(exam: Exam, form: int = 0) -> List[str]:
    return [",".join(q.answer) for q in exam.forms[form].questions]


# --- quotas ------------------------------------------------------------------

def test_largest_remainder_over_the_bank_weights() -> None:
    weights = (("ingestion", 34), ("store", 26), ("operations", 22), ("security", 18))
    assert apportion(20, weights) == {"ingestion": 7, "store": 5, "operations": 4, "security": 4}
    assert apportion(65, weights) == {"ingestion": 22, "store": 17, "operations": 14, "security": 12}
    assert sum(apportion(7, weights).values()) == 7


def test_ties_go_to_the_larger_weight_then_blueprint_order() -> None:
    assert apportion(1, (("a", 1), ("b", 1))) == {"a": 1, "b": 0}
    assert apportion(1, (("a", 1), ("b", 1.0000001))) == {"a": 0, "b": 1}


def test_exact_counts_come_first_and_weights_share_the_rest() -> None:
    blueprint = (("ingestion", Count(2)), ("store", 1), ("operations", 3))
    assert apportion(10, blueprint) == {"ingestion": 2, "store": 2, "operations": 6}


def test_counts_beyond_the_exam_are_an_error() -> None:
    with pytest.raises(AssemblyError, match="add up to 12, more than the exam's count of 10"):
        apportion(10, (("a", Count(7)), ("b", Count(5))))
    with pytest.raises(AssemblyError, match="no domain has a weight"):
        apportion(10, (("a", Count(7)),))


def test_quotas_are_filled_per_domain(bank) -> None:
    root = bank(per_domain({"ingestion": 10, "store": 10, "operations": 10, "security": 10}))
    exam = assemble(load_bank(root), spec(20))
    assert dict(exam.quotas) == {"ingestion": 7, "store": 5, "operations": 4, "security": 4}
    drawn = [item.domain for item in exam.items]
    assert {d: drawn.count(d) for d in DOMAINS} == dict(exam.quotas)


def test_spec_blueprint_with_weights_and_counts(bank) -> None:
    root = bank(per_domain({"ingestion": 10, "store": 10, "operations": 10, "security": 10}))
    exam = assemble(load_bank(root), spec(10, blueprint={"store": {"count": 4}, "security": 1, "operations": 1}))
    assert dict(exam.quotas) == {"store": 4, "security": 3, "operations": 3}
    assert not any(item.domain == "ingestion" for item in exam.items)


def test_too_few_items_names_the_domain_needed_and_available(bank) -> None:
    root = bank(per_domain({"ingestion": 3, "store": 10, "operations": 10, "security": 1}))
    with pytest.raises(AssemblyError) as caught:
        assemble(load_bank(root), spec(20))
    message = str(caught.value)
    assert "domain 'ingestion' needs 7 items but has 3 eligible" in message
    assert "domain 'security' needs 4 items but has 1 eligible" in message
    assert [p[0] for p in caught.value.problems] == [("exam", "blueprint", "ingestion"),
                                                     ("exam", "blueprint", "security")]


def test_unknown_blueprint_domain_and_filter_ids(bank) -> None:
    root = bank(per_domain({"ingestion": 5}))
    with pytest.raises(AssemblyError) as caught:
        assemble(load_bank(root), spec(2, blueprint={"ingest": 1}, filter={"ids": ["ingestion-1", "ingestion-x"]}))
    message = str(caught.value)
    assert "blueprint: 'ingest' is not a domain of bank.yaml (did you mean 'ingestion'?)" in message
    assert "filter.ids: no item has the id 'ingestion-x'" in message


def test_filter(bank) -> None:
    root = bank({"a.yaml": items_file(
        choice_item("easy-tagged", tags=("cdc",)),
        choice_item("other-tag", tags=("s3",)),
        choice_item("excluded", tags=("cdc", "retired")),
        choice_item("multi", keys=(0, 1), n=5, tags=("cdc",)),
    )})
    loaded = load_bank(root)
    one_pool = {"ingestion": 1}
    exam = assemble(loaded, spec(2, blueprint=one_pool, filter={"tags": ["cdc"], "exclude_tags": ["retired"]}))
    assert sorted(i.id for i in exam.items) == ["easy-tagged", "multi"]
    exam = assemble(loaded, spec(1, blueprint=one_pool, filter={"types": ["multiple"]}))
    assert [i.id for i in exam.items] == ["multi"]
    exam = assemble(loaded, spec(2, blueprint=one_pool, filter={"ids": ["other-tag", "excluded", "multi"],
                                                                "exclude_ids": ["multi"]}))
    assert [i.id for i in exam.items] == ["other-tag", "excluded"]


# --- forms -------------------------------------------------------------------

def test_every_form_holds_the_same_items_in_its_own_order(bank) -> None:
    root = bank(per_domain({d: 10 for d in DOMAINS}))
    exam = assemble(load_bank(root), spec(20, forms=["A", "B", "C"], seed=7))
    ids = [[q.item.id for q in form.questions] for form in exam.forms]
    assert all(sorted(x) == sorted(ids[0]) for x in ids)
    assert len({tuple(x) for x in ids}) == 3
    assert [q.number for q in exam.forms[0].questions] == list(range(1, 21))


def test_same_seed_same_exam_other_seed_other_exam(bank) -> None:
    root = bank(per_domain({d: 10 for d in DOMAINS}))
    first = assemble(load_bank(root), spec(20, seed=1))
    again = assemble(load_bank(root), spec(20, seed=1))
    other = assemble(load_bank(root), spec(20, seed=2))
    ids = lambda e: [q.item.id for q in e.forms[0].questions]  # noqa: E731
    assert ids(first) == ids(again) and letters(first) == letters(again)
    assert ids(first) != ids(other)


def test_unshuffled_items_keep_bank_order(bank) -> None:
    root = bank(per_domain({"ingestion": 5}))
    exam = assemble(load_bank(root), spec(5, blueprint={"ingestion": 1}, shuffle={"items": False}))
    assert [q.item.id for q in exam.forms[0].questions] == [f"ingestion-{i}" for i in range(5)]


def test_pinned_options_keep_their_place(bank) -> None:
    root = bank({"a.yaml": items_file(
        *(choice_item(f"p{i}", keys=(i % 4,), n=4, pins=(0, 3)) for i in range(8)),
        choice_item("all-pinned", keys=(2,), n=4, pins=(0, 1, 2, 3)),
    )})
    exam = assemble(load_bank(root), spec(9, blueprint={"ingestion": 1}, forms=["A", "B", "C"]))
    for form in exam.forms:
        for q in form.questions:
            for place, option in enumerate(q.options):
                if option.pin:
                    assert option.text.endswith(f"option {place}"), (form.name, q.item.id)
            assert sorted(o.text for o in q.options) == sorted(o.text for o in q.item.options)


def test_stays_in_place() -> None:
    def option(text: str, pin: bool = False) -> Option:
        return Option(0, text, False, None, pin)
    for text in ("All of the above", "all of these.", "Both of the above", "None of the above", "None of these",
                 "Neither of these", "Neither", "No correct answer", "Both A and C", "A and B only", "Option B"):
        assert stays_in_place(option(text)), text
    for text in ("Amazon S3", "None", "All of the Regions", "All of these ports must be open", "A Type A record"):
        assert not stays_in_place(option(text)), text
    assert stays_in_place(option("Amazon S3", pin=True))


def test_position_dependent_options_stay_in_place_without_a_pin(bank) -> None:
    """'All of the above' never moves to B: options whose meaning depends on
    their place keep it, an item whose options name each other by letter is
    not shuffled at all, and the key follows the printed order."""
    items = load_bank(bank({"a.yaml": POSITIONAL})).items
    by_id = {item.id: item for item in items}
    moved = set()
    for seed in range(12):
        exam = assemble(load_bank(bank({"a.yaml": POSITIONAL})), spec(6, seed=seed, forms=["A", "B", "C"], blueprint={"ingestion": 1}))
        for form in exam.forms:
            for q in form.questions:
                authored = [o.text for o in q.item.options]
                printed = [o.text for o in q.options]
                assert q.answer == tuple("ABCD"[i] for i, o in enumerate(q.options) if o.correct)
                if q.item.id in ("all-key", "none-distractor", "neither"):
                    assert printed[-1] == authored[-1], (seed, form.name, printed)
                if q.item.id == "lettered":
                    assert printed == authored and q.answer == ("D",)
                if printed != authored:
                    moved.add(q.item.id)
    # The others still shuffle: the stem's own labels are not option letters.
    assert moved == {"all-key", "none-distractor", "neither", "stem-labels", "plain"}
    assert [stays_in_place(o, by_id["stem-labels"]) for o in by_id["stem-labels"].options] == [False] * 4
    assert [stays_in_place(o, by_id["lettered"]) for o in by_id["lettered"].options] == [True] * 4
    assert [stays_in_place(o, by_id["all-key"]) for o in by_id["all-key"].options] == [False] * 3 + [True]


# --- key letters -------------------------------------------------------------

def test_keys_are_spread_and_never_run_long(bank) -> None:
    # Every item is authored with its key first: unshuffled, all keys are A.
    singles = [choice_item(f"s{i:02}", keys=(0,)) for i in range(36)]
    multiples = [choice_item(f"m{i}", keys=(0, 1), n=5) for i in range(4)]
    root = bank({"a.yaml": items_file(*singles, *multiples)})
    exam = assemble(load_bank(root), spec(40, blueprint={"ingestion": 1}, forms=["A", "B", "C", "D"]))
    assert exam.warnings == ()
    for form in exam.forms:
        items = [q.item for q in form.questions]
        options = [q.options for q in form.questions]
        single_counts = key_counts([q.options for q in form.questions if q.item.type == "single"])
        assert sorted(single_counts) == ["A", "B", "C", "D"]
        assert max(single_counts.values()) - min(single_counts.values()) <= 1, single_counts
        counts = key_counts(options)
        assert max(counts[x] for x in "ABCD") - min(counts[x] for x in "ABCD") <= 2, counts
        assert longest_run(items, options)[1] <= MAX_RUN


def test_keys_do_not_give_each_other_away(bank) -> None:
    # If every four single-answer keys were a permutation of A-D, the fourth
    # would be the letter the three before it miss. Over many seeds that
    # happens about as often as chance (1 in 4), not every time.
    root = bank({"a.yaml": items_file(*(choice_item(f"s{i:02}", keys=(0,)) for i in range(40)))})
    loaded = load_bank(root)
    hits = chances = 0
    for seed in range(40):
        exam = assemble(loaded, spec(40, blueprint={"ingestion": 1}, seed=seed))
        keys = letters(exam)
        for i in range(3, len(keys)):
            if len(set(keys[i - 3:i])) == 3:
                chances += 1
                hits += keys[i] not in keys[i - 3:i]
    assert chances > 100 and hits / chances < 0.4


def test_the_run_limit_plans_around_pinned_keys(bank) -> None:
    # Free items around runs of three items whose key is pinned at A: the
    # free ones next to them must not take A.
    free = lambda i: choice_item(f"f{i}", keys=(1,))  # noqa: E731
    pinned = lambda i: choice_item(f"p{i}", keys=(0,), pins=(0,))  # noqa: E731
    order = [free(0), free(1), free(2), pinned(0), pinned(1), pinned(2), free(3), pinned(3), pinned(4), pinned(5)]
    root = bank({"a.yaml": items_file(*order)})
    exam = assemble(load_bank(root), spec(10, blueprint={"ingestion": 1}, shuffle={"items": False},
                                          forms=list("ABCDEFGH")))
    assert not any("in a row" in w for w in exam.warnings)  # six pinned As do leave an uneven spread
    for form in exam.forms:
        answers = letters(exam, exam.forms.index(form))
        assert answers[3:6] == ["A", "A", "A"] and answers[7:] == ["A", "A", "A"]
        assert answers[2] != "A" and answers[6] != "A"


def test_impossible_runs_are_a_warning_not_a_failure(bank) -> None:
    root = bank({"a.yaml": items_file(*(choice_item(f"p{i}", keys=(0,), pins=(0,)) for i in range(5)))})
    exam = assemble(load_bank(root), spec(5, blueprint={"ingestion": 1}, shuffle={"items": False}))
    assert letters(exam) == ["A"] * 5
    assert any("A is the key of 5 single-answer questions in a row (questions 1 to 5)" in w for w in exam.warnings)
    assert any("unevenly spread" in w for w in exam.warnings)
    assert all(w.startswith("form A: ") for w in exam.warnings)


def test_unshuffled_options_print_as_written_and_warn_when_uneven(bank) -> None:
    root = bank({"a.yaml": items_file(*(choice_item(f"s{i}", keys=(1,)) for i in range(12)))})
    exam = assemble(load_bank(root), spec(12, blueprint={"ingestion": 1}, shuffle={"options": False}))
    assert letters(exam) == ["B"] * 12
    assert exam.warnings and "shuffle: {options: false}" in exam.warnings[0]


def test_arrange_options_is_pure(bank) -> None:
    import random
    root = bank({"a.yaml": items_file(*(choice_item(f"s{i}", keys=(0,)) for i in range(10)))})
    items = load_bank(root).items
    first = arrange_options(items, random.Random(5))
    assert first == arrange_options(items, random.Random(5))


def test_example_exam_is_balanced() -> None:
    bank = load_bank(EXAMPLE_BANK)
    path = EXAMPLE_BANK / "exams" / "practice.yaml"
    exam = assemble(bank, spec_from_data(bank.exams[path], path))
    assert [f.name for f in exam.forms] == ["A", "B"]
    assert exam.warnings == ()
    for form in exam.forms:
        items = [q.item for q in form.questions]
        options = [q.options for q in form.questions]
        assert longest_run(items, options)[1] <= MAX_RUN
        counts = key_counts(options)
        assert max(counts[x] for x in "ABCD") - min(counts[x] for x in "ABCD") <= 2, counts


def test_spec_defaults() -> None:
    s = spec_from_data({"exam": {"title": "T", "count": 3}}, Path("exams/x.yaml"))
    assert s.forms == ("A",) and s.seed == 0 and s.shuffle_items and s.shuffle_options
    assert s.blueprint is None and s.labels["question"] == "Question"
    s = spec_from_data({"exam": {"title": "T", "count": 3, "labels": {"question": "Frage"}}})
    assert s.labels["question"] == "Frage" and s.labels["page"] == "Page"
