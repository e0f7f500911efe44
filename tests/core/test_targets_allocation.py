"""Allocation 带位置: proportional to mapped area, levelled so children sum exactly to the parent."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from farmland_guard.core.targets import AllocationError, Hierarchy, MappedFigures, TargetRecord
from farmland_guard.core.targets.allocation import allocate_down, allocate_proportional, allocation_basis


def test_hand_example():
    # 100.00 亩 over 1:1:1 → 33.33 each, 0.01 left → to the first (ties: lower index)
    assert allocate_proportional(10000, [1, 1, 1]) == [3334, 3333, 3333]
    # 100.00 亩 by 35 : 80 → 30.434… → 30.43 and 69.565… → 69.57
    assert allocate_proportional(10000, [35, 80]) == [3043, 6957]
    assert allocate_proportional(0, [1, 2]) == [0, 0]
    assert allocate_proportional(5, [0, 7]) == [0, 5]


def test_all_zero_weights_refused():
    with pytest.raises(ValueError):
        allocate_proportional(100, [0, 0])


@given(
    st.integers(min_value=0, max_value=10**12),
    st.lists(st.integers(min_value=0, max_value=10**10), min_size=1, max_size=40).filter(
        lambda w: sum(w) > 0
    ),
)
def test_sum_is_exact_and_each_share_within_one_hundredth(total, weights):
    shares = allocate_proportional(total, weights)
    assert sum(shares) == total
    exact = [Fraction(total * w, sum(weights)) for w in weights]
    for share, ideal, weight in zip(shares, exact, weights):
        assert abs(share - ideal) < Fraction(3, 2)  # rounding (≤ ½) plus at most one levelling step
        if weight == 0:
            assert share == 0


def _setup():
    tree = Hierarchy.build([("410823100201", ""), ("410823100202", ""), ("410823101201", "")])
    mapped = MappedFigures(
        by_kind={
            "farmland": {
                "410823": 600,
                "410823100": 400,
                "410823100201": 100,
                "410823100202": 300,
                "410823101": 200,
                "410823101201": 200,
            },
            "pbf": {
                "410823": 0,
                "410823100": 0,
                "410823100201": 0,
                "410823100202": 0,
                "410823101": 0,
                "410823101201": 0,
            },
        }
    )
    return tree, mapped


def test_allocate_down_all_levels():
    tree, mapped = _setup()
    records = {"410823": TargetRecord("410823", 2024, farmland=300)}
    values = allocate_down(tree, records, mapped, "410823", "farmland", all_levels=True)
    assert values == {
        "410823100": 200,
        "410823101": 100,
        "410823100201": 50,
        "410823100202": 150,
        "410823101201": 100,
    }


def test_basis_prefers_target_polygons_for_farmland():
    _tree, mapped = _setup()
    assert allocation_basis("farmland", mapped) == "farmland"
    mapped.by_kind["target_polygons"] = {"410823100": 1}
    assert allocation_basis("farmland", mapped) == "target_polygons"
    assert allocation_basis("pbf", mapped) == "pbf"


@pytest.mark.parametrize(
    "code, field, records, kind",
    [
        ("410823", "farmland", {}, "no-target"),
        (
            "410823100201",
            "farmland",
            {"410823100201": TargetRecord("410823100201", 2024, farmland=1)},
            "no-children",
        ),
        ("410823", "pbf", {"410823": TargetRecord("410823", 2024, pbf=1)}, "no-mapped-area"),
        ("410823", "note", {}, "bad-field"),
    ],
)
def test_allocation_errors(code, field, records, kind):
    tree, mapped = _setup()
    with pytest.raises(AllocationError) as caught:
        allocate_down(tree, records, mapped, code, field)
    assert caught.value.kind == kind


def test_without_mapped_figures_there_is_no_basis():
    tree, _mapped = _setup()
    with pytest.raises(AllocationError) as caught:
        allocate_down(tree, {"410823": TargetRecord("410823", 2024, farmland=1)}, None, "410823", "farmland")
    assert caught.value.kind == "no-basis"
