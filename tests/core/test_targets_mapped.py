"""Mapped figures per unit from per-parcel arrays: exact sums, 亩 conversion, levelling down the tree."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from farmland_guard.core.targets.hierarchy import Hierarchy
from farmland_guard.core.targets.mapped import m2_cents_to_mu_cents, mapped_figures

TREE = Hierarchy.build(
    [("410823100201", "a"), ("410823100202", "b"), ("410823101201", "c"), ("410823101", "T2")]
)


def _mu_cents(m2_cents: int) -> int:
    mu = (Decimal(m2_cents) / 100 * Decimal("0.0015")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return int(mu * 100)


@given(st.integers(min_value=0, max_value=10**15))
def test_m2_to_mu_matches_decimal(m2_cents):
    assert m2_cents_to_mu_cents(m2_cents) == _mu_cents(m2_cents)


def test_hand_example():
    # 6666.67 m² = 10.000005 亩 → 10.00; 3333.33 m² = 4.999995 亩 → 5.00; 1000 m² = 1.50 亩
    codes = ["4108231002010000000", "4108231002010000000", "410823100202", "4108231012010000000", "420000"]
    cents = [666667, 333333, 100000, 200000, 5000]
    figures = mapped_figures(TREE, {"farmland": (codes, cents)})
    values = figures.by_kind["farmland"]
    assert values["410823100201"] == 1500
    assert values["410823100202"] == 150
    assert values["410823101201"] == 300
    assert values["410823100"] == 1650
    assert values["410823"] == 1950
    assert figures.m2_by_kind["farmland"]["410823"] == 1300000
    assert figures.unmatched["farmland"].count == 1
    assert figures.unmatched["farmland"].m2_cents == 5000
    assert figures.get("farmland", "410823101") == 300
    assert figures.get("pbf", "410823") is None


def test_children_are_levelled_to_the_parent():
    # three villages of 0.005 亩 each (3.33 m²): each rounds to 0.01 → 0.03, the township has 0.015 → 0.02
    tree = Hierarchy.build([("410823100201", ""), ("410823100202", ""), ("410823100203", "")])
    figures = mapped_figures(
        tree, {"pbf": (["410823100201", "410823100202", "410823100203"], [333, 333, 334])}
    )
    values = figures.by_kind["pbf"]
    assert values["410823100"] == _mu_cents(1000)
    assert sum(values[c] for c in tree.children("410823100")) == values["410823100"]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["410823100201", "410823100202", "410823101201", "410823101"]),
            st.integers(min_value=0, max_value=10**9),
        ),
        min_size=1,
        max_size=60,
    )
)
def test_every_parent_is_its_rounded_total_and_children_sum_to_it(parcels):
    codes = [c for c, _ in parcels]
    cents = np.array([a for _, a in parcels], dtype=np.int64)
    values = mapped_figures(TREE, {"farmland": (codes, cents)}).by_kind["farmland"]
    assert values["410823"] == _mu_cents(int(cents.sum()))
    for code in TREE.depth_first():
        children = TREE.children(code)
        own = sum(int(a) for c, a in parcels if c == code)
        if children and not own:
            assert sum(values[c] for c in children) == values[code]
        total_m2 = sum(int(a) for c, a in parcels if c.startswith(code))
        # rounding (½) plus at most one levelling step per level above
        exact = Decimal(total_m2) * Decimal("0.0015")
        assert abs(values[code] - exact) <= Decimal("0.5") + len(TREE.ancestors(code))
