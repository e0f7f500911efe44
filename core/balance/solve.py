"""One balance run: the three ledgers, solved by HiGHS (or the greedy), checked, explained.

:func:`balance` is the entry point. Each indicator (面积, 水田, 产能) is its own ledger and its own
problem; their 核销 lines are merged per (demand, record). Before returning, every rule is checked
again on the integer result (no record over-used, every pair eligible, the quality rule exact,
before − used = remaining), so a solver or rounding fault cannot reach the output silently.

The quality rule is exact in the LP. Amounts are then whole hundredths; the rule is checked on them
at the precision grades are written in: the area-weighted grade a demand receives, rounded half-up to
0.01, is not worse than its own (pairs.grade_excess). Rounding a binding mix to 0.01 m² can move the
exact mean by a few millionths of a grade; the check keeps that from ever showing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Optional

import numpy as np

from ..progress import Canceled, NoProgress, Progress
from ..second_process import SecondProcess
from .eligibility import ShortfallExplainer, county_level, demand_order, fifo_ranks, pair_problem, quality_applies
from .fewer_lines import fewer_lines
from .greedy import greedy_allocate
from .lp import (
    STAGE_APPROVAL_ORDER,
    STAGE_COVERAGE,
    STAGE_CROSS_CITY,
    STAGE_CROSS_COUNTY,
    scipy_available,
    solve_network,
)
from .model import INDICATORS, Allocation, BalanceResult, Demand, LedgerLine, Rules, Shortfall, Supply
from .network import build_network
from .pairs import decompose, grade_excess, round_to_hundredths
from .shortage import may_cover_all
from .side_indicators import SideIndicators

AUTO = "auto"
HIGHS = "highs"
GREEDY = "greedy"

NOTE_SCIPY_MISSING = "scipy_missing"


class SolverUnavailable(RuntimeError):
    """solver='highs' was asked for but scipy cannot be imported."""


class ResultCheckError(RuntimeError):
    """The final check found a broken rule (a bug, never bad input): ``what`` says which."""

    def __init__(self, what: str) -> None:
        super().__init__("balance result check failed: {}".format(what))
        self.what = what


class _Part:
    """Progress over [start, end) of a parent progress."""

    def __init__(self, parent: Progress, start: float, end: float) -> None:
        self.parent, self.start, self.end = parent, start, end

    def report(self, fraction: float) -> None:
        self.parent.report(self.start + (self.end - self.start) * fraction)

    def is_canceled(self) -> bool:
        return self.parent.is_canceled()


def balance(
    demands: Sequence[Demand],
    supplies: Sequence[Supply],
    rules: Rules,
    solver: str = AUTO,
    progress: Optional[Progress] = None,
    second_process: bool = False,
) -> BalanceResult:
    """Allocate ledger records to demands under ``rules``.

    solver: 'auto' (HiGHS when scipy imports, else the greedy with note 'scipy_missing'), 'highs'
    (SolverUnavailable without scipy) or 'greedy'. The greedy always runs first: it is the fallback,
    and where it already reaches zero shortfall (or zero 调剂) those LP stages need no solving.

    second_process: large LP stages are solved two at a time, the second in a forked process
    (speculation.py), and 水田 and 产能 there while 面积 leaves a core idle (side_indicators.py);
    the caller decides whether forking is wise (engine/forking.fork_allowed).
    """
    progress = progress or NoProgress()
    if solver not in (AUTO, HIGHS, GREEDY):
        raise ValueError("solver must be 'auto', 'highs' or 'greedy', got {!r}".format(solver))
    has_scipy = scipy_available()
    if solver == HIGHS and not has_scipy:
        raise SolverUnavailable("scipy (HiGHS) is not available")
    use_lp = solver != GREEDY and has_scipy
    fork = SecondProcess if second_process and hasattr(os, "fork") else None
    notes = () if use_lp or solver == GREEDY else (NOTE_SCIPY_MISSING,)
    ranks = fifo_ranks(supplies)
    stages: list[tuple[str, str, float]] = []
    greedy = greedy_allocate(demands, supplies, rules, ranks)
    if use_lp:
        order = demand_order(demands)
        approval_rank = np.empty(len(demands))
        approval_rank[order] = np.arange(len(demands))

        def solve(indicator: str, part: Progress, into: list, fork=None, meanwhile=None) -> dict:
            proven = _proven_zero(greedy[indicator], demands, supplies, indicator)
            return _solve_indicator(
                demands, supplies, rules, indicator, ranks, approval_rank, proven, part, into, fork, meanwhile
            )

        def solve_side(elsewhere: bool) -> tuple[dict, list]:  # a second process reports no progress
            part = NoProgress() if elsewhere else _Part(progress, 0.6, 1.0)
            into: list = []
            return {indicator: solve(indicator, part, into) for indicator in INDICATORS[1:]}, into

        side = SideIndicators(INDICATORS[1:], solve_side, fork)
        try:
            # the first (面积) here; the others in a second process once it leaves a core idle
            first = solve(INDICATORS[0], _Part(progress, 0, 0.6), stages, fork, side.start)
            per_indicator = {INDICATORS[0]: first}
            solved_side = side.result(progress.is_canceled)
        finally:
            side.discard()
        if solved_side is None:
            raise Canceled()
        per_indicator.update(solved_side[0])
        stages.extend(solved_side[1])
        per_indicator = _on_shared_lines(per_indicator, demands, supplies, rules)
    else:
        per_indicator = greedy
    progress.report(1.0)
    return _assemble(demands, supplies, rules, ranks, per_indicator, use_lp, tuple(stages), notes)


def _proven_zero(allocated: dict, demands, supplies, indicator: str) -> set[str]:
    """The leading stages on which the greedy's (feasible) allocation already reaches 0."""
    got = [0] * len(demands)
    cross_county = 0
    for (i, j), amount in allocated.items():
        got[i] += amount
        if county_level(demands[i].county, supplies[j].county) >= 1:
            cross_county += amount
    if any(got[i] < d.amount(indicator) for i, d in enumerate(demands)):
        return set()
    if cross_county:
        return {STAGE_COVERAGE, STAGE_APPROVAL_ORDER}
    return {STAGE_COVERAGE, STAGE_APPROVAL_ORDER, STAGE_CROSS_COUNTY, STAGE_CROSS_CITY}


def _solve_indicator(
    demands, supplies, rules, indicator, ranks, approval_rank, proven, progress, stages, fork, meanwhile=None
) -> dict:
    net = build_network(demands, supplies, indicator, rules, ranks)
    cover_all = STAGE_COVERAGE not in proven and may_cover_all(net, demands, supplies, rules, indicator)
    solution = solve_network(net, approval_rank, rules.scope, proven, progress, cover_all, fork, meanwhile)
    stages.extend((indicator, name, value) for name, value in solution.optima)
    pairs = decompose(net, solution.flow)
    wanted = np.array([d.amount(indicator) for d in demands], dtype=np.int64)
    short = np.rint(solution.shortfall * 100.0).astype(np.int64)
    target = np.clip(wanted - short, 0, wanted)
    capacity = np.array(
        [s.amount(indicator) if s.status == rules.usable_status else 0 for s in supplies], dtype=np.int64
    )
    if quality_applies(indicator, rules):
        grades = ([d.grade_x100 for d in demands], [s.grade_x100 for s in supplies])
        return round_to_hundredths(pairs, target, capacity, *grades, level=_pair_levels(demands, supplies, rules))
    return round_to_hundredths(pairs, target, capacity)


def _pair_levels(demands, supplies, rules):
    """level(i, j): the scope level of a pair the rules allow, None for any other (remembered)."""
    levels: dict[tuple[int, int], Optional[int]] = {}

    def level(i: int, j: int) -> Optional[int]:
        if (i, j) not in levels:
            allowed = pair_problem(demands[i], supplies[j], rules) is None
            levels[(i, j)] = county_level(demands[i].county, supplies[j].county) if allowed else None
        return levels[(i, j)]

    return level


def _on_shared_lines(per_indicator: dict, demands, supplies, rules) -> dict:
    """Each indicator without the quality rule moved, where an equal optimum allows, onto the lines
    the others use (fewer_lines.py): fewer records per demand."""
    level = _pair_levels(demands, supplies, rules)
    result = dict(per_indicator)
    for indicator in INDICATORS:
        if quality_applies(indicator, rules):
            continue
        others = [result[other] for other in INDICATORS if other != indicator]
        elsewhere = {pair for amounts in others for pair, amount in amounts.items() if amount > 0}
        result[indicator] = fewer_lines(result[indicator], elsewhere, level)
    return result


def _assemble(demands, supplies, rules, ranks, per_indicator, optimal, stages, notes) -> BalanceResult:
    lines: dict[tuple[int, int], list[int]] = {}
    for k, indicator in enumerate(INDICATORS):
        for key, amount in per_indicator[indicator].items():
            if amount > 0:
                lines.setdefault(key, [0, 0, 0])[k] += amount
    used = np.zeros((len(supplies), 3), dtype=np.int64)
    got = np.zeros((len(demands), 3), dtype=np.int64)
    for (i, j), amounts in lines.items():
        problem = pair_problem(demands[i], supplies[j], rules)
        if problem is not None:
            raise ResultCheckError(
                "record {} serves demand {} against rule {}".format(
                    supplies[j].record_id, demands[i].demand_id, problem
                )
            )
        used[j] += amounts
        got[i] += amounts
    before = np.array([[s.area, s.paddy, s.capacity] for s in supplies], dtype=np.int64).reshape(-1, 3)
    wanted = np.array([[d.area, d.paddy, d.capacity] for d in demands], dtype=np.int64).reshape(-1, 3)
    if np.any(used > before):
        raise ResultCheckError("a record is used beyond what it holds")
    if np.any(got > wanted):
        raise ResultCheckError("a demand received more than it needs")
    if rules.quality_not_lower:
        received: dict[int, list] = {}
        for (i, j), amounts in lines.items():
            if amounts[0] > 0:
                received.setdefault(i, []).append((amounts[0], supplies[j].grade_x100))
        if any(grade_excess(got_i, demands[i].grade_x100) > 0 for i, got_i in received.items()):
            raise ResultCheckError("a demand's area-weighted grade is worse than its own")

    order = demand_order(demands)
    position = {i: p for p, i in enumerate(order)}
    allocations = tuple(
        Allocation(
            demands[i].demand_id,
            supplies[j].record_id,
            *amounts,
            level=county_level(demands[i].county, supplies[j].county),
            fifo_rank=ranks[j],
        )
        for (i, j), amounts in sorted(lines.items(), key=lambda item: (position[item[0][0]], ranks[item[0][1]]))
    )
    remaining = before - used
    shortfalls = []
    explainer = ShortfallExplainer(supplies, rules)
    for i in order:
        unmet = wanted[i] - got[i]
        if not np.any(unmet > 0):
            continue
        reasons = tuple(
            (indicator, explainer.reason(demands[i], indicator, remaining[:, k]))
            for k, indicator in enumerate(INDICATORS)
            if unmet[k] > 0
        )
        shortfalls.append(Shortfall(demands[i].demand_id, *map(int, unmet), reasons=reasons))
    ledger = tuple(
        LedgerLine(s, tuple(int(u) for u in used[j]))
        for j, s in enumerate(supplies)  # type: ignore[arg-type]
    )
    return BalanceResult(
        allocations=allocations,
        shortfalls=tuple(shortfalls),
        ledger=ledger,
        solver="highs" if optimal else "greedy",
        optimal=optimal,
        stages=stages,
        notes=notes,
    )
