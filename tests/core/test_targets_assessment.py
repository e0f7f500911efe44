"""考核: completion per unit = mapped 耕地 / target 耕地保有量, hand-computed."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from farmland_guard.core.targets import Hierarchy, TargetRecord, mapped_figures
from farmland_guard.core.targets.assessment import (
    assess_completion,
    assess_unit,
    completion_percent_cents,
    count_not_met,
)

TREE = Hierarchy.build([("410823100201", "东村"), ("410823100202", "西村")], top_level="county")


def test_completion_by_hand():
    # 150.00 亩 mapped against 200.00 亩 → 75.00 %, 未达标
    assert completion_percent_cents(15000, 20000) == 7500
    # 100.01 / 100.00 → 100.01 %
    assert completion_percent_cents(10001, 10000) == 10001
    # 1 / 3 → 33.333… % → 33.33 %; 2 / 3 → 66.666… % → 66.67 %
    assert completion_percent_cents(1, 3) == 3333
    assert completion_percent_cents(2, 3) == 6667
    # 1 / 8 = 12.5 % exactly; 1 / 16 = 6.25 %; 1 / 32 = 3.125 % → half-up 3.13 %
    assert completion_percent_cents(1, 32) == 313
    assert completion_percent_cents(5, 0) is None


def test_status_by_hand():
    assert assess_unit("x", 20000, 15000).status == "not-met"
    assert assess_unit("x", 20000, 20000).status == "met"
    assert assess_unit("x", 20000, 19999).status == "not-met"
    assert assess_unit("x", 0, 0).status == "met"
    no_target = assess_unit("x", None, 500)
    assert (no_target.status, no_target.percent_cents, no_target.mapped) == ("no-target", None, 500)


def test_every_unit_assessed_against_mapped_farmland():
    # 东村 10 000 m² = 15.00 亩, 西村 30 000 m² = 45.00 亩 (0.01 m² units below)
    figures = mapped_figures(
        TREE, {"farmland": (["4108231002010000000", "4108231002020000000"], [1_000_000, 3_000_000])}
    )
    records = {
        "410823": TargetRecord("410823", 2024, farmland=6000),  # 60 亩 target, 60 mapped → 100 %
        "410823100201": TargetRecord("410823100201", 2024, farmland=2000),  # 15 / 20 → 75 %
        "410823100202": TargetRecord("410823100202", 2024, farmland=4000),  # 45 / 40 → 112.5 %
    }
    result = {c.unit_code: c for c in assess_completion(TREE, records, figures)}
    assert list(result) == ["410823", "410823100", "410823100201", "410823100202"]
    assert (result["410823"].mapped, result["410823"].percent_cents, result["410823"].status) == (
        6000,
        10000,
        "met",
    )
    assert (result["410823100201"].mapped, result["410823100201"].percent_cents) == (1500, 7500)
    assert result["410823100201"].status == "not-met"
    assert (result["410823100202"].percent_cents, result["410823100202"].status) == (11250, "met")
    assert result["410823100"].status == "no-target"
    assert result["410823100"].mapped == 6000
    assert count_not_met(list(result.values())) == 1


def test_needs_mapped_farmland():
    figures = mapped_figures(TREE, {"pbf": ([], [])})
    with pytest.raises(ValueError):
        assess_completion(TREE, {}, figures)


@given(st.integers(0, 10**12), st.integers(1, 10**12))
def test_percent_matches_decimal_half_up(mapped, target):
    expected = (Decimal(mapped) * 100 / Decimal(target)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(completion_percent_cents(mapped, target)) / 100 == expected
