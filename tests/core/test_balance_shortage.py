"""Coverage solved together with the next stage (core/balance/lp.py) and the relaxations that decide
when to try it (core/balance/shortage.py).

The joint solve must give the optima of the stages solved one by one, whether every demand is covered
or (when a relaxation misses a shortage) it falls back; the relaxations must find the shortages they
are built for, and never call a coverable instance short.
"""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings

from farmland_guard.core.balance import Demand, Rules, Supply, balance
from farmland_guard.core.balance import solve as solve_module
from farmland_guard.core.balance.network import build_network
from farmland_guard.core.balance.shortage import aggregate_shortfall, may_cover_all, network_covers_all

from .test_balance_lp import INDICATORS, check_rules, instances

BASE = datetime.date(2023, 1, 1)
pytest.importorskip("scipy")


def stage_optima(result) -> dict:
    return {(indicator, stage): value for indicator, stage, value in result.stages}


def solved_with(case, cover_all: bool):
    """balance() with the relaxations' answer forced: True tries the joint stage (falling back where
    something is short), False solves coverage on its own."""
    demands, supplies, rules = case
    with mock.patch.object(solve_module, "may_cover_all", lambda *args: cover_all):
        return balance(demands, supplies, rules, solver="highs")


@settings(max_examples=int(__import__("os").environ.get("BAL_N", 60)), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_joint_coverage_gives_the_optima_of_the_stages_one_by_one(case):
    demands, supplies, rules = case
    joint, separate = solved_with(case, True), solved_with(case, False)
    check_rules(demands, supplies, rules, joint)
    ours, reference = stage_optima(joint), stage_optima(separate)
    for key, value in reference.items():
        if key[1] == "approval_order" and key not in ours:  # skipped: nothing short
            assert reference[(key[0], "coverage")] <= 1e-6
            continue
        assert ours[key] == pytest.approx(value, rel=1e-6, abs=1e-3), key
    for indicator in INDICATORS:
        assert sum(getattr(s, indicator) for s in joint.shortfalls) == pytest.approx(
            sum(getattr(s, indicator) for s in separate.shortfalls), abs=len(demands)
        )


def test_quality_competition_is_found_short_by_the_pooled_lp():
    # two grade-4 demands of 100 m² and one grade-4 record of 100 m²; the 500 m² of grade 8 may not
    # be mixed in (nothing better than grade 4 to offset it): 100 m² must stay short
    demands = [Demand(name, "410802", BASE, 10000, 0, 0, 400) for name in ("D1", "D2")]
    supplies = [Supply("G4", "410802", BASE, 10000, 0, 0, 400), Supply("G8", "410802", BASE, 50000, 0, 0, 800)]
    rules = Rules()
    assert aggregate_shortfall(demands, supplies, rules, "area") == pytest.approx(100.0)
    net = build_network(demands, supplies, "area", rules, [1, 2])
    assert network_covers_all(net)  # amounts alone would cover them
    assert not may_cover_all(net, demands, supplies, rules, "area")
    result = balance(demands, supplies, rules, solver="highs")
    assert sum(s.area for s in result.shortfalls) == 10000
    # without the quality rule both are covered, and the relaxations say so
    free = Rules(quality_not_lower=False)
    assert may_cover_all(build_network(demands, supplies, "area", free, [1, 2]), demands, supplies, free, "area")


def test_a_record_entered_too_late_is_found_short_by_the_maximum_flow():
    late = BASE + datetime.timedelta(days=10)
    demands = [Demand("D1", "410802", BASE, 10000, 0, 0, 500)]
    supplies = [Supply("S1", "410802", late, 50000, 0, 0, 500)]
    rules = Rules()
    assert aggregate_shortfall(demands, supplies, rules, "area") == pytest.approx(0.0)  # no dates there
    assert not network_covers_all(build_network(demands, supplies, "area", rules, [1]))
    anytime = Rules(supply_before_demand=False)
    assert network_covers_all(build_network(demands, supplies, "area", anytime, [1]))


def test_records_of_another_city_are_found_short_at_city_scope():
    demands = [Demand("D1", "410802", BASE, 10000, 0, 0, 500)]
    supplies = [Supply("S1", "410702", BASE, 50000, 0, 0, 500)]
    for scope, covered in ((1, False), (2, True)):
        rules = Rules(scope=scope)
        net = build_network(demands, supplies, "area", rules, [1])
        assert may_cover_all(net, demands, supplies, rules, "area") is covered


def test_large_amounts_under_one_node_do_not_overflow_the_maximum_flow():
    # 3 records of 9e8 m² under one (county, date, grade) node against a demand of 8e8 m²: the
    # parallel record arcs sum beyond 32 bits
    demands = [Demand("D1", "410802", BASE, 8 * 10**10, 0, 0, 500)]
    supplies = [Supply("S{}".format(j), "410802", BASE, 9 * 10**10, 0, 0, 500) for j in range(3)]
    assert network_covers_all(build_network(demands, supplies, "area", Rules(), [1, 2, 3]))


def test_no_demands_against_usable_records():
    supplies = [Supply("S1", "410802", BASE, 10000, 5000, 10000, 500)]
    result = balance([], supplies, Rules(), solver="highs")
    assert result.allocations == () and result.shortfalls == ()
    assert [line.used for line in result.ledger] == [(0, 0, 0)]
