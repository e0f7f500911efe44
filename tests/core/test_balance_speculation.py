"""Two stages at a time (core/balance/speculation.py): the stage after a large LP is solved in a
second process, as SPECULATION_WEIGHT × (current cost) + (next cost), and used only where it keeps
the current optimum.

Whatever the second process answers — the next stage's optimum, a point that gives up some of the
current stage (weight too small), nothing at all (it failed) — the stage optima must be those of the
stages solved one by one.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import replace
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from farmland_guard.core.balance import Demand, Rules, Supply, balance, restricted_lp
from farmland_guard.core.balance import lp as lp_module
from farmland_guard.core.balance import solve as solve_module
from farmland_guard.core.balance import speculation as speculation_module
from farmland_guard.core.balance.eligibility import demand_order, fifo_ranks
from farmland_guard.core.balance.network import build_network
from farmland_guard.core.second_process import SecondProcess

from .test_balance_lp import check_rules, instances

pytest.importorskip("scipy")
BASE = datetime.date(2022, 1, 1)
COUNTIES = ["410802", "410803", "410811", "410702", "410703"]


class InlineProcess:
    """A stand-in for SecondProcess that does the work at once, in this process."""

    started = 0

    def __init__(self, work) -> None:
        InlineProcess.started += 1
        try:
            self._arrays = work()
        except restricted_lp.SolverFailed:
            self._arrays = None

    def answer(self, canceled=lambda: False):
        return self._arrays

    def discard(self) -> None:
        self._arrays = None


class FailingProcess(InlineProcess):
    def __init__(self, work) -> None:
        super().__init__(lambda: (_ for _ in ()).throw(restricted_lp.SolverFailed("speculated", 4, "test")))


def city_case(seed: int, m: int = 30, n: int = 60):
    """Demands and records over two cities, with 调剂 needed (supply spread unevenly)."""
    rng = random.Random(seed)
    demands = [
        Demand(
            "D{:03d}".format(i),
            rng.choice(COUNTIES[:3] if i % 4 else COUNTIES),
            BASE + datetime.timedelta(days=rng.randint(100, 400)),
            rng.randint(1000, 90000) * 100,
            0,
            0,
            rng.choice([500, 600, 700, 800]),
        )
        for i in range(m)
    ]
    supplies = [
        Supply(
            "S{:03d}".format(j),
            rng.choice(COUNTIES[1:]),
            BASE + datetime.timedelta(days=rng.randint(0, 300)),
            rng.randint(2000, 90000) * 100,
            0,
            0,
            rng.choice([400, 500, 600, 700, 900]),
            "可用",
        )
        for j in range(n)
    ]
    return demands, supplies


def solve(demands, supplies, rules, second_process=None):
    net = build_network(demands, supplies, "area", rules, fifo_ranks(supplies))
    rank = np.empty(len(demands))
    rank[demand_order(demands)] = np.arange(len(demands))
    return lp_module.solve_network(net, rank, rules.scope, (), None, True, second_process)


@pytest.fixture
def every_size(monkeypatch):
    monkeypatch.setattr(speculation_module, "SECOND_PROCESS_MIN_COLUMNS", 0)


def assert_same_optima(ours, reference):
    assert dict(ours.optima).keys() == dict(reference.optima).keys()
    for (stage, value), (_, expected) in zip(ours.optima, reference.optima):
        assert value == pytest.approx(expected, rel=1e-7, abs=1e-4), stage


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("scope", [1, 2])
def test_the_second_process_gives_the_optima_of_the_stages_one_by_one(every_size, seed, scope):
    demands, supplies = city_case(seed)
    rules = Rules(scope=scope)
    reference = solve(demands, supplies, rules)
    ours = solve(demands, supplies, rules, InlineProcess)
    assert_same_optima(ours, reference)
    assert ours.elsewhere  # some stage was taken from the second process


def test_a_forked_process_gives_the_same_optima(every_size):
    demands, supplies = city_case(3, 60, 120)
    rules = Rules(scope=2)
    ours = solve(demands, supplies, rules, SecondProcess)
    assert ours.elsewhere == ("cross_city",)
    assert_same_optima(ours, solve(demands, supplies, rules))


@pytest.mark.parametrize("process", [FailingProcess, InlineProcess])
def test_an_answer_not_used_leaves_the_stages_to_this_process(every_size, monkeypatch, process):
    # FailingProcess: the second process failed; InlineProcess with a weight far too small: its
    # optimum gives up cross_county for cross_city, so it does not keep the current stage's optimum
    if process is InlineProcess:
        monkeypatch.setattr(speculation_module, "SPECULATION_WEIGHT", 1e-4)
    demands, supplies = city_case(5)
    rules = Rules(scope=2)
    ours = solve(demands, supplies, rules, process)
    assert "cross_city" not in ours.elsewhere
    assert_same_optima(ours, solve(demands, supplies, rules))


def test_faces_without_a_common_point_fall_back_to_the_first_face(every_size, monkeypatch):
    # pretend a wrong speculated optimum (weight far too small) kept the current optimum: the faces
    # held on top of each other then share no point, and the partner is solved again here
    # (only the first answer is taken on trust: a stage that ends the LP has nothing after it to
    # show the mistake, which is why settles_first exists)
    monkeypatch.setattr(speculation_module, "SPECULATION_WEIGHT", 1e-4)
    real = speculation_module.settles_first
    calls = []

    def first_taken_on_trust(*args):
        calls.append(args)
        return True if len(calls) == 1 else real(*args)

    monkeypatch.setattr(speculation_module, "settles_first", first_taken_on_trust)
    demands, supplies = city_case(5)
    rules = Rules(scope=2)
    reference = solve(demands, supplies, rules)
    ours = solve(demands, supplies, rules, InlineProcess)
    assert not real(*calls[0])  # the answer taken on trust was indeed wrong
    assert "cross_city" not in ours.elsewhere
    assert_same_optima(ours, reference)


@pytest.fixture
def inline_second_process(monkeypatch, every_size):
    monkeypatch.setattr(solve_module, "SecondProcess", InlineProcess)


@settings(
    max_examples=int(__import__("os").environ.get("BAL_N", 60)),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(instances())
def test_balance_with_the_second_process_keeps_every_rule_and_optimum(inline_second_process, case):
    demands, supplies, rules = case
    speculated = balance(demands, supplies, rules, solver="highs", second_process=True)
    check_rules(demands, supplies, rules, speculated)
    one_process = balance(demands, supplies, rules, solver="highs", second_process=False)
    assert [s[:2] for s in speculated.stages] == [s[:2] for s in one_process.stages]
    for (ind, stage, value), (_, _, expected) in zip(speculated.stages, one_process.stages):
        assert value == pytest.approx(expected, rel=1e-6, abs=1e-3), (ind, stage)
    # and the allocations themselves, after rounding and fewer_lines, score the same on every stage
    ours, theirs = figures(speculated, demands, supplies), figures(one_process, demands, supplies)
    slack = len(demands) + len(supplies)  # hundredths lost or gained in rounding, at most one per line
    for key, value in ours.items():
        assert abs(value - theirs[key]) <= slack, key


def figures(result, demands, supplies) -> dict:
    """Shortfall, 调剂, 跨市 and FIFO of a final allocation, per indicator, in hundredths."""
    fifo_order = sorted(range(len(supplies)), key=lambda j: (supplies[j].date, supplies[j].record_id))
    rank = {supplies[j].record_id: r / len(supplies) for r, j in enumerate(fifo_order)}
    county = {d.demand_id: d.county for d in demands}
    out = {}
    for ind in ("area", "paddy", "capacity"):
        out[(ind, "short")] = sum(getattr(s, ind) for s in result.shortfalls)
        lines = [(a, getattr(a, ind)) for a in result.allocations]
        out[(ind, "cross_county")] = sum(v for a, v in lines if a.level >= 1)
        out[(ind, "cross_city")] = sum(v for a, v in lines if a.level >= 2)
        out[(ind, "fifo")] = sum(v * rank[a.record_id] for a, v in lines)
        assert all(a.level == 0 or county[a.demand_id] != "" for a, _ in lines)
    return out


@pytest.mark.parametrize("seed", [331, 400, 453])
def test_coverage_found_whole_skips_approval_order_as_in_one_process(inline_second_process, seed):
    # (found by review) a relaxation calls these short, coverage is solved on its own and its optimum
    # is 0: one process skips approval order, so two must not report it from the second process
    rng = random.Random(seed)
    day = datetime.date(2023, 5, 1)
    counties = ["410802", "410803"]
    demands = [
        Demand("D%d" % i, rng.choice(counties), day + datetime.timedelta(days=rng.randint(0, 5)),
               rng.choice([150, 250, 99, 175]), 0, 0, rng.choice([500, 600, 700]))
        for i in range(rng.randint(1, 4))
    ]
    supplies = [
        Supply("S%d" % j, rng.choice(counties), day + datetime.timedelta(days=rng.randint(-3, 3)),
               rng.choice([75, 50, 99, 125]), 0, 0, rng.choice([400, 600, 800]), "可用")
        for j in range(rng.randint(1, 7))
    ]
    rules = Rules(
        scope=rng.choice([0, 1]), supply_before_demand=rng.random() < 0.5, quality_not_lower=rng.random() < 0.7
    )
    two = balance(demands, supplies, rules, solver="highs", second_process=True)
    one = balance(demands, supplies, rules, solver="highs", second_process=False)
    assert [s[:2] for s in two.stages] == [s[:2] for s in one.stages]


def test_a_face_that_contradicts_the_bounds_is_refused():
    from scipy.sparse import csc_matrix

    a_eq = csc_matrix(np.array([[1.0, 1.0, 1.0]]))
    a_ub = csc_matrix(np.zeros((0, 3)))
    no_rows = np.zeros(0, int)
    lp = restricted_lp.Restricted(a_eq, np.array([2.0]), a_ub, np.zeros(0), np.zeros(3), np.full(3, 2.0), no_rows)
    lp.lower[0] = lp.upper[0] = 2.0  # held at its upper bound by an earlier face
    before = (lp.lower.copy(), lp.upper.copy())
    at_zero = restricted_lp.Face(np.array([True, False, False]), np.zeros(3), np.zeros(0, int))
    assert not lp.restrict(at_zero)
    assert np.array_equal(lp.lower, before[0]) and np.array_equal(lp.upper, before[1])
    at_two = restricted_lp.Face(np.array([True, True, False]), np.array([2.0, 0.0, 0.0]), np.zeros(0, int))
    assert lp.restrict(at_two)
    assert lp.upper.tolist() == [2.0, 0.0, 2.0] and lp.lower.tolist() == [2.0, 0.0, 0.0]


# ------------------------------------------------------------------ 水田 and 产能 in a second process


def three_indicator_case(seed: int):
    demands, supplies = city_case(seed, 40, 80)
    rng = random.Random(seed)
    demands = [replace(d, paddy=d.area // rng.choice([2, 5, 10**9]), capacity=d.area * 13 // 10) for d in demands]
    supplies = [replace(s, paddy=s.area // rng.choice([1, 3, 10**9]), capacity=s.area) for s in supplies]
    return demands, supplies


class CountingProcess(SecondProcess):
    started: ClassVar[list] = []
    answered: ClassVar[list] = []

    def __init__(self, work) -> None:
        CountingProcess.started.append(self)
        super().__init__(work)

    def answer(self, canceled=lambda: False):
        arrays = super().answer(canceled)
        CountingProcess.answered.append(arrays is not None)
        return arrays


def same_result(a, b) -> None:
    assert a.allocations == b.allocations
    assert a.ledger == b.ledger and a.shortfalls == b.shortfalls
    assert [(i, s) for i, s, _ in a.stages] == [(i, s) for i, s, _ in b.stages]
    for (_, _, x), (_, _, y) in zip(a.stages, b.stages):
        assert x == pytest.approx(y, rel=1e-7, abs=1e-4)


@pytest.mark.parametrize("seed", range(4))
def test_paddy_and_capacity_from_a_second_process_give_the_same_result(every_size, monkeypatch, seed):
    monkeypatch.setattr(solve_module, "SecondProcess", CountingProcess)
    monkeypatch.setattr(CountingProcess, "started", [])
    monkeypatch.setattr(CountingProcess, "answered", [])
    demands, supplies = three_indicator_case(seed)
    rules = Rules(scope=2)
    ours = balance(demands, supplies, rules, solver="highs", second_process=True)
    # two processes at least: the speculated stage after the joint one, then 水田 + 产能 while the
    # last 面积 stage is solved here; every answer was used
    assert len(CountingProcess.started) >= 2 and all(CountingProcess.answered)
    # the same work done in one process gives the same allocation, line for line
    monkeypatch.setattr(solve_module, "SecondProcess", InlineProcess)
    same_result(ours, balance(demands, supplies, rules, solver="highs", second_process=True))
    check_rules(demands, supplies, rules, ours)
    # and the same optima as the stages solved one by one (which may pick another of the equal optima)
    one_by_one = balance(demands, supplies, rules, solver="highs", second_process=False)
    for (_, stage, value), (_, _, expected) in zip(ours.stages, one_by_one.stages):
        assert value == pytest.approx(expected, rel=1e-7, abs=1e-4), stage


def test_a_failed_second_process_leaves_paddy_and_capacity_to_this_one(every_size, monkeypatch):
    from farmland_guard.core.balance import side_indicators

    def broken(*args):
        raise RuntimeError("lost on the way")

    monkeypatch.setattr(side_indicators, "to_arrays", broken)  # the child fails before it answers
    monkeypatch.setattr(solve_module, "SecondProcess", CountingProcess)
    monkeypatch.setattr(CountingProcess, "started", [])
    monkeypatch.setattr(CountingProcess, "answered", [])
    demands, supplies = three_indicator_case(1)
    rules = Rules(scope=2)
    forked = balance(demands, supplies, rules, solver="highs", second_process=True)
    assert CountingProcess.answered[-1] is False  # the side process was started and gave nothing
    monkeypatch.undo()
    monkeypatch.setattr(speculation_module, "SECOND_PROCESS_MIN_COLUMNS", 0)
    monkeypatch.setattr(solve_module, "SecondProcess", InlineProcess)
    same_result(forked, balance(demands, supplies, rules, solver="highs", second_process=True))


def test_side_indicators_without_an_answer():
    from farmland_guard.core.balance.side_indicators import SideIndicators, from_arrays, to_arrays

    amounts = {"paddy": {(0, 1): 500, (2, 0): 7}, "capacity": {(1, 1): 30}}
    stages = [("paddy", "coverage", 0.0), ("capacity", "fifo", 12.5)]
    names = ("paddy", "capacity")
    assert from_arrays(names, *to_arrays(names, amounts, stages)) == (amounts, stages)

    class Silent:
        def __init__(self, work):
            pass

        def answer(self, canceled=lambda: False):
            return None

        def discard(self):
            pass

    calls = []
    side = SideIndicators(("paddy",), lambda elsewhere: calls.append(elsewhere) or ({"paddy": {}}, []), Silent)
    side.start()
    assert side.result(lambda: True) is None  # canceled while waiting: nothing
    side.start()
    assert side.result(lambda: False) == ({"paddy": {}}, [])  # the child failed: solved here
    assert calls == [False]


def test_no_fork_at_all_gives_the_one_process_result(every_size, monkeypatch):
    def no_more_processes():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    demands, supplies = three_indicator_case(2)
    rules = Rules(scope=2)
    one = balance(demands, supplies, rules, solver="highs", second_process=False)
    monkeypatch.setattr("os.fork", no_more_processes)
    same_result(balance(demands, supplies, rules, solver="highs", second_process=True), one)


def test_an_answer_must_reach_the_optimum_to_within_far_less_than_a_hundredth():
    cost = np.array([1.0, 0.0])
    best = np.array([1.0e7, 0.0])
    assert speculation_module.settles_first(best + np.array([2e-6, 0.0]), best, cost)  # solver noise
    assert not speculation_module.settles_first(best + np.array([0.005, 0.0]), best, cost)  # ½ hundredth


# ------------------------------------------------- never more than two busy processes on two cores


class Recorded(InlineProcess):
    """InlineProcess that logs what is started, answered and solved, by whom."""

    events: ClassVar[list] = []
    inside = 0
    refuse_speculation = False  # every speculated answer lost (as from a failed child)

    def __init__(self, work) -> None:
        kind = "speculation" if "Speculation" in getattr(work, "__qualname__", "") else "side"
        self.kind = kind
        Recorded.events.append(("start", kind, id(self)))
        if kind == "speculation" and Recorded.refuse_speculation:
            self._arrays = None
            return
        Recorded.inside += 1
        try:
            super().__init__(work)
        finally:
            Recorded.inside -= 1

    def answer(self, canceled=lambda: False):
        Recorded.events.append(("answer", self.kind, id(self)))
        return super().answer(canceled)

    def discard(self) -> None:
        Recorded.events.append(("answer", self.kind, id(self)))
        super().discard()


@pytest.mark.parametrize("refuse", [False, True])
@pytest.mark.parametrize("scarce", [False, True])
@pytest.mark.parametrize("scope", [0, 1, 2])
@pytest.mark.parametrize("seed", range(3))
def test_the_side_indicators_never_make_a_third_busy_process(every_size, monkeypatch, scope, seed, scarce, refuse):
    # refuse: no speculated answer comes back, so every stage is solved here, approval order too
    monkeypatch.setattr(Recorded, "refuse_speculation", refuse)
    monkeypatch.setattr(solve_module, "SecondProcess", Recorded)
    monkeypatch.setattr(Recorded, "events", [])
    real_solve = restricted_lp.Restricted.solve

    def logged_solve(self, *args):
        if not Recorded.inside:  # this process's own LPs, not work done inline for a "child"
            Recorded.events.append(("solve", "here", None))
        return real_solve(self, *args)

    monkeypatch.setattr(restricted_lp.Restricted, "solve", logged_solve)
    demands, supplies = three_indicator_case(seed)
    if scarce:  # something short: coverage and approval order are solved one by one before the rest
        supplies = [replace(s, area=s.area // 8, paddy=s.paddy // 8, capacity=s.capacity // 8) for s in supplies]
    result = balance(demands, supplies, Rules(scope=scope), solver="highs", second_process=True)
    assert bool(result.shortfalls) or not scarce
    running: dict = {}
    side_started = False
    for what, kind, key in Recorded.events:
        if what == "start":
            running[key] = kind
            side_started |= kind == "side"
            assert not (kind == "speculation" and side_started)  # none after the side work began
        elif what == "answer":
            running.pop(key, None)
        else:  # an LP here while two others run would be three busy processes
            assert len(running) <= 1, Recorded.events
    # the side work went to a second process
    assert side_started
