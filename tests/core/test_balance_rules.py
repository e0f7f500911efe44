"""占补平衡 by hand: small cases whose allocation is worked out on paper, for the LP and the greedy.

Amounts are written in m² / kg and converted to hundredths here; every expected figure below is
computed by hand in the comment next to it, never taken from the code under test. Each rule is also
shown to bind: switching it off changes the result.
"""

from __future__ import annotations

import datetime

import pytest

from farmland_guard.core.balance import Demand, Rules, Supply, balance
from farmland_guard.core.balance.model import DATE, INSUFFICIENT, NO_RECORD_IN_SCOPE, QUALITY, USED_UP

SOLVERS = ["highs", "greedy"]
A, B = "410802", "410803"  # two counties of 焦作 (city 4108)
OTHER_CITY = "410702"  # 新乡, same province


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def demand(ident, area, paddy=0.0, capacity=0.0, grade=7.0, county=A, date="2024-06-01") -> Demand:
    return Demand(
        ident, county, day(date), round(area * 100), round(paddy * 100), round(capacity * 100), round(grade * 100)
    )


def record(ident, area, paddy=0.0, capacity=0.0, grade=7.0, county=A, date="2023-01-01", status="可用") -> Supply:
    return Supply(
        ident,
        county,
        day(date),
        round(area * 100),
        round(paddy * 100),
        round(capacity * 100),
        round(grade * 100),
        status,
    )


def lines(result) -> dict:
    """(demand, record) → (area m², paddy m², capacity kg)."""
    return {
        (a.demand_id, a.record_id): (a.area / 100, a.paddy / 100, a.capacity / 100) for a in result.allocations
    }


def left(result) -> dict:
    return {ln.record.record_id: tuple(v / 100 for v in ln.remaining) for ln in result.ledger}


def short(result) -> dict:
    return {
        s.demand_id: (s.area / 100, s.paddy / 100, s.capacity / 100, dict(s.reasons)) for s in result.shortfalls
    }


@pytest.mark.parametrize("solver", SOLVERS)
def test_demand_exactly_covered_by_one_record(solver):
    result = balance([demand("P1", 1000, 200, 1350)], [record("Z1", 1000, 200, 1350)], Rules(), solver=solver)
    assert lines(result) == {("P1", "Z1"): (1000.0, 200.0, 1350.0)}
    assert left(result) == {"Z1": (0.0, 0.0, 0.0)}
    assert result.shortfalls == ()


@pytest.mark.parametrize("solver", SOLVERS)
def test_demand_needing_two_records_takes_the_older_first(solver):
    # 1500 m² from two records of 1000: the older (2022) fully, 500 from the newer (2023).
    result = balance(
        [demand("P1", 1500)],
        [record("NEW", 1000, date="2023-03-01"), record("OLD", 1000, date="2022-03-01")],
        Rules(),
        solver=solver,
    )
    assert lines(result) == {("P1", "OLD"): (1000.0, 0.0, 0.0), ("P1", "NEW"): (500.0, 0.0, 0.0)}
    assert left(result) == {"NEW": (500.0, 0.0, 0.0), "OLD": (0.0, 0.0, 0.0)}
    old = next(a for a in result.allocations if a.record_id == "OLD")
    assert old.fifo_rank == 1


@pytest.mark.parametrize("solver", SOLVERS)
def test_paddy_short_while_area_is_covered(solver):
    # 水田 300 needed, the only record holds 100 of 水田: area fully covered, 水田 200 short.
    result = balance([demand("P1", 1000, paddy=300)], [record("Z1", 1200, paddy=100)], Rules(), solver=solver)
    assert lines(result) == {("P1", "Z1"): (1000.0, 100.0, 0.0)}
    assert short(result) == {"P1": (0.0, 200.0, 0.0, {"paddy": INSUFFICIENT})}
    assert left(result) == {"Z1": (200.0, 0.0, 0.0)}


def test_quality_blocks_the_cheaper_record_lp():
    # Demand 等别 5, 1000 m². The older record (FIFO-cheaper) has grade 9, the newer grade 4.
    # x9 + x4 = 1000 and 9·x9 + 4·x4 ≤ 5·1000  ⇒  x9 ≤ 200. FIFO then takes as much of the old as allowed.
    supplies = [record("OLD9", 1000, grade=9, date="2020-01-01"), record("NEW4", 1000, grade=4, date="2023-01-01")]
    result = balance([demand("P1", 1000, grade=5)], supplies, Rules(), solver="highs")
    assert lines(result) == {("P1", "OLD9"): (200.0, 0.0, 0.0), ("P1", "NEW4"): (800.0, 0.0, 0.0)}
    # switched off: the older record alone
    free = balance([demand("P1", 1000, grade=5)], supplies, Rules(quality_not_lower=False), solver="highs")
    assert lines(free) == {("P1", "OLD9"): (1000.0, 0.0, 0.0)}


def test_quality_blocks_the_cheaper_record_greedy():
    # The greedy meets OLD9 first with no better area taken yet (credit 0), skips it, fills from NEW4.
    supplies = [record("OLD9", 1000, grade=9, date="2020-01-01"), record("NEW4", 1000, grade=4, date="2023-01-01")]
    result = balance([demand("P1", 1000, grade=5)], supplies, Rules(), solver="greedy")
    assert lines(result) == {("P1", "NEW4"): (1000.0, 0.0, 0.0)}
    free = balance([demand("P1", 1000, grade=5)], supplies, Rules(quality_not_lower=False), solver="greedy")
    assert lines(free) == {("P1", "OLD9"): (1000.0, 0.0, 0.0)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_quality_alone_cannot_be_met(solver):
    # Only grade-9 land for a grade-5 project: nothing may be taken; the shortfall says why.
    result = balance([demand("P1", 1000, grade=5)], [record("Z9", 5000, grade=9)], Rules(), solver=solver)
    assert result.allocations == ()
    assert short(result) == {"P1": (1000.0, 0.0, 0.0, {"area": QUALITY})}


@pytest.mark.parametrize("solver", SOLVERS)
def test_date_blocks_a_later_record(solver):
    supplies = [record("LATE", 1000, date="2024-07-01")]  # entered after the approval (2024-06-01)
    result = balance([demand("P1", 1000)], supplies, Rules(), solver=solver)
    assert short(result) == {"P1": (1000.0, 0.0, 0.0, {"area": DATE})}
    free = balance([demand("P1", 1000)], supplies, Rules(supply_before_demand=False), solver=solver)
    assert lines(free) == {("P1", "LATE"): (1000.0, 0.0, 0.0)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_same_day_entry_counts_as_before(solver):
    result = balance([demand("P1", 10)], [record("Z", 10, date="2024-06-01")], Rules(), solver=solver)
    assert lines(result) == {("P1", "Z"): (10.0, 0.0, 0.0)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_scope_blocks_other_counties_and_cities(solver):
    supplies = [record("IN_B", 600, county=B), record("IN_OTHER_CITY", 600, county=OTHER_CITY)]
    own_only = balance([demand("P1", 1000)], supplies, Rules(scope=0), solver=solver)
    assert short(own_only) == {"P1": (1000.0, 0.0, 0.0, {"area": NO_RECORD_IN_SCOPE})}
    city = balance([demand("P1", 1000)], supplies, Rules(scope=1), solver=solver)
    assert lines(city) == {("P1", "IN_B"): (600.0, 0.0, 0.0)}
    assert short(city) == {"P1": (400.0, 0.0, 0.0, {"area": INSUFFICIENT})}
    assert [a.level for a in city.allocations] == [1] and city.allocations[0].cross_county
    province = balance([demand("P1", 1000)], supplies, Rules(scope=2), solver=solver)
    assert lines(province) == {("P1", "IN_B"): (600.0, 0.0, 0.0), ("P1", "IN_OTHER_CITY"): (400.0, 0.0, 0.0)}
    assert sorted(a.level for a in province.allocations) == [1, 2]


@pytest.mark.parametrize("solver", SOLVERS)
def test_own_county_before_older_cross_county_record(solver):
    # B's record is older (FIFO would prefer it) but 调剂 comes after the own county.
    supplies = [record("OWN_NEW", 1000, date="2023-05-01"), record("B_OLD", 1000, county=B, date="2019-01-01")]
    result = balance([demand("P1", 700)], supplies, Rules(scope=1), solver=solver)
    assert lines(result) == {("P1", "OWN_NEW"): (700.0, 0.0, 0.0)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_infeasible_demand_larger_than_all_supply(solver):
    result = balance([demand("P1", 5000, capacity=100)], [record("Z1", 1200, capacity=40)], Rules(), solver=solver)
    assert lines(result) == {("P1", "Z1"): (1200.0, 0.0, 40.0)}
    assert short(result) == {"P1": (3800.0, 0.0, 60.0, {"area": INSUFFICIENT, "capacity": INSUFFICIENT})}


@pytest.mark.parametrize("solver", SOLVERS)
def test_unusable_status_is_never_used(solver):
    result = balance([demand("P1", 100)], [record("FROZEN", 1000, status="冻结")], Rules(), solver=solver)
    assert result.allocations == ()
    assert short(result)["P1"][3] == {"area": NO_RECORD_IN_SCOPE}
    assert left(result) == {"FROZEN": (1000.0, 0.0, 0.0)}


@pytest.mark.parametrize("solver", SOLVERS)
def test_shortfall_falls_on_the_later_approval(solver):
    # One record of 1000 for two projects of 800: the earlier approval is served in full.
    demands = [demand("LATER", 800, date="2024-08-01"), demand("EARLIER", 800, date="2024-02-01")]
    result = balance(demands, [record("Z1", 1000)], Rules(), solver=solver)
    assert lines(result) == {("EARLIER", "Z1"): (800.0, 0.0, 0.0), ("LATER", "Z1"): (200.0, 0.0, 0.0)}
    assert short(result) == {"LATER": (600.0, 0.0, 0.0, {"area": USED_UP})}


@pytest.mark.parametrize("solver", SOLVERS)
def test_three_ledgers_are_used_separately(solver):
    # P1 needs no area from Z2 (Z1 has enough) but Z1 holds no 产能: 产能 comes from Z2 alone.
    demands = [demand("P1", 500, paddy=100, capacity=300)]
    supplies = [record("Z1", 800, paddy=100, capacity=0, date="2021-01-01"), record("Z2", 50, capacity=900)]
    result = balance(demands, supplies, Rules(), solver=solver)
    assert lines(result) == {("P1", "Z1"): (500.0, 100.0, 0.0), ("P1", "Z2"): (0.0, 0.0, 300.0)}
    assert left(result) == {"Z1": (300.0, 0.0, 0.0), "Z2": (50.0, 0.0, 600.0)}


def test_lp_beats_greedy_where_order_matters():
    # EARLY (grade 9) may use either record, LATE (grade 4) only the grade-4 one. The greedy serves
    # EARLY first, oldest record first, so EARLY takes R4 and LATE is left short; the LP covers both.
    demands = [demand("EARLY", 100, grade=9, date="2024-01-01"), demand("LATE", 100, grade=4, date="2024-02-01")]
    supplies = [record("R4", 100, grade=4, date="2020-01-01"), record("R9", 100, grade=9, date="2021-01-01")]
    greedy = balance(demands, supplies, Rules(), solver="greedy")
    assert lines(greedy) == {("EARLY", "R4"): (100.0, 0.0, 0.0)}
    assert short(greedy) == {"LATE": (100.0, 0.0, 0.0, {"area": QUALITY})}
    assert not greedy.optimal and greedy.solver == "greedy"
    lp = balance(demands, supplies, Rules(), solver="highs")
    assert lines(lp) == {("EARLY", "R9"): (100.0, 0.0, 0.0), ("LATE", "R4"): (100.0, 0.0, 0.0)}
    assert lp.optimal and lp.solver == "highs" and lp.shortfalls == ()
