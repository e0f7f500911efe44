"""年度算大账 and the report figures, on a two-county example worked out by hand."""

from __future__ import annotations

import datetime
from fractions import Fraction

import pytest

from farmland_guard.core.balance import Demand, Rules, Supply, balance
from farmland_guard.core.balance.annual import (
    CAPACITY_CHECK,
    OCCUPIED,
    OCCUPIED_PREVIOUS,
    PADDY_CHECK,
    QUALITY,
    QUALITY_PREVIOUS,
    QUANTITY,
    SUPPLIED,
    annual_balance,
    total_account,
)
from farmland_guard.core.balance.inputs import BalanceInputError
from farmland_guard.core.balance.summary import county_lines, demand_lines

A, B = "410802", "410803"


def d(ident, county, date, area, paddy, capacity, grade):
    return Demand(
        ident,
        county,
        datetime.date.fromisoformat(date),
        area * 100,
        paddy * 100,
        capacity * 100,
        None if grade is None else grade * 100,
    )


def s(ident, county, date, area, paddy, capacity, grade, status="可用"):
    return Supply(
        ident,
        county,
        datetime.date.fromisoformat(date),
        area * 100,
        paddy * 100,
        capacity * 100,
        None if grade is None else grade * 100,
        status,
    )


DEMANDS = [
    d("A23", A, "2023-07-01", 400, 0, 400, 5),  # previous year in A
    d("A1", A, "2024-03-01", 1000, 200, 1200, 6),
    d("A2", A, "2024-09-01", 500, 0, 500, 8),
    d("B1", B, "2024-05-01", 300, 100, 300, None),  # ungraded
]
SUPPLIES = [
    s("SA1", A, "2024-02-01", 900, 300, 1000, 5),
    s("SA2", A, "2024-11-30", 700, 0, 800, 7),
    s("SA_OLD", A, "2023-12-31", 5000, 0, 5000, 1),  # other year
    s("SA_FROZEN", A, "2024-06-01", 5000, 0, 5000, 1, "冻结"),  # status not counted
    s("SB1", B, "2024-08-01", 200, 100, 250, 9),
]


def test_county_accounts_by_hand():
    accounts, details = annual_balance(DEMANDS, SUPPLIES, 2024)
    a, b = accounts
    # A: occupied 1000 + 500 = 1500 m², 水田 200, 产能 1700; grade (1000·6 + 500·8) / 1500 = 20/3
    assert (a.county, a.occupied.area, a.occupied.paddy, a.occupied.capacity) == (A, 150000, 20000, 170000)
    assert a.occupied.mean_grade == Fraction(20, 3)
    # supplied 900 + 700 = 1600, 水田 300, 产能 1800; grade (900·5 + 700·7) / 1600 = 5.875
    assert (a.supplied.area, a.supplied.paddy, a.supplied.capacity) == (160000, 30000, 180000)
    assert a.supplied.mean_grade == Fraction(47, 8)
    # previous year (2023) occupation of A: grade 5 → 5.875 is worse → quality_previous fails
    assert a.occupied_previous.mean_grade == 5
    assert dict(a.checks) == {
        QUANTITY: True,
        PADDY_CHECK: True,
        CAPACITY_CHECK: True,
        QUALITY: True,
        QUALITY_PREVIOUS: False,
    }
    assert not a.passed
    # B: 300 occupied (ungraded) vs 200 supplied: quantity fails, paddy 100 ≥ 100 passes, 产能 250 < 300
    assert dict(b.checks) == {
        QUANTITY: False,
        PADDY_CHECK: True,
        CAPACITY_CHECK: False,
        QUALITY: None,
        QUALITY_PREVIOUS: None,
    }
    # the lines behind the numbers
    assert [(x.county, x.side, x.item_id) for x in details] == [
        (A, OCCUPIED, "A1"),
        (A, OCCUPIED, "A2"),
        (A, SUPPLIED, "SA1"),
        (A, SUPPLIED, "SA2"),
        (A, OCCUPIED_PREVIOUS, "A23"),
        (B, OCCUPIED, "B1"),
        (B, SUPPLIED, "SB1"),
    ]
    assert sum(x.area for x in details if x.county == A and x.side == SUPPLIED) == a.supplied.area


def test_total_account_and_status_filter():
    accounts, _ = annual_balance(DEMANDS, SUPPLIES, 2024)
    total = total_account(accounts, "合计")
    assert (total.county, total.occupied.area, total.supplied.area) == ("合计", 180000, 180000)
    # graded occupation only: (1000·6 + 500·8) / 1500; supply (900·5 + 700·7 + 200·9) / 1800
    assert total.occupied.mean_grade == Fraction(20, 3)
    assert total.supplied.mean_grade == Fraction(900 * 5 + 700 * 7 + 200 * 9, 1800)
    everything, _ = annual_balance(DEMANDS, SUPPLIES, 2024, statuses=None)
    assert everything[0].supplied.area == 160000 + 500000  # the frozen record counts too


def test_counted_records_need_a_date():
    bad = [*SUPPLIES, Supply("NODATE", A, None, 100, 0, 0, 500, "可用", row=9)]
    with pytest.raises(BalanceInputError) as info:
        annual_balance(DEMANDS, bad, 2024)
    assert [(p.row, p.field) for p in info.value.problems] == [(9, "RKRQ")]


def test_report_lines_of_a_run():
    demands = [d("P1", A, "2024-05-01", 1000, 200, 1350, 7), d("P2", B, "2024-06-01", 500, 0, 800, 6)]
    supplies = [
        s("Z1", A, "2023-01-01", 600, 300, 1000, 6),
        s("Z2", A, "2023-06-01", 600, 0, 1000, 8),
        s("Z3", B, "2025-01-01", 600, 0, 1000, 5),
    ]
    result = balance(demands, supplies, Rules(scope=1))
    # by hand: P1 area x6 + x8 = 1000, x8 ≤ x6 → Z1 500, Z2 500; P2 only Z1 (grade 6) → 100 left of Z1;
    # 产能: 2000 for 2150 → P2 (later) short 150: P2 gets 650 from A (调剂), P1 1350.
    p1, p2 = demand_lines(result, demands, supplies)
    assert p1.received == (100000, 20000, 135000) and p1.short == (0, 0, 0) and p1.balanced
    assert p1.received_grade == Fraction(7)
    assert p2.received == (10000, 0, 65000) and p2.short == (40000, 0, 15000)
    assert p2.received_cross_county == (10000, 0, 65000)
    ca, cb = county_lines(result, demands, supplies)
    assert ca.given_cross_out == (10000, 0, 65000) and ca.received_own == (100000, 20000, 135000)
    assert cb.received_cross_in == (10000, 0, 65000) and cb.short == (40000, 0, 15000)
    assert ca.remaining == (10000, 10000, 0) and cb.remaining == (60000, 0, 100000)
