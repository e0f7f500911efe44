"""The fallback when scipy is missing: a documented greedy that respects every rule.

Demands are served one by one in approval order (date, then id). For each indicator a demand
takes from its eligible records (status 可用, within SCOPE, 先补后占) in preference order: own county
before the same city before the province, then oldest first (FIFO rank). With the quality rule a
record of worse grade than the demand is taken only as far as the better-graded area already taken
offsets it (Σ amount × (grade − demand grade) ≤ 0 at every step, in exact integer arithmetic);
passes over the candidates repeat while they take something, so better records met later can
unlock worse ones met earlier.

**The result may not be optimal**: an early demand can take a record a later demand needed most,
and the greedy never revisits a choice. The LP (lp.py) is the reference; this exists so the tool
still works, clearly labelled, where scipy is not installed.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .eligibility import demand_order, quality_applies
from .model import INDICATORS, Demand, Rules, Supply


def greedy_allocate(
    demands: Sequence[Demand],
    supplies: Sequence[Supply],
    rules: Rules,
    fifo_ranks: Sequence[int],
) -> dict[str, dict[tuple[int, int], int]]:
    """indicator → {(demand index, record index): hundredths}."""
    usable = np.array([s.status == rules.usable_status for s in supplies], dtype=bool)
    dates = np.array([s.date.toordinal() if s.date is not None else 0 for s in supplies], dtype=np.int64)
    ranks = np.asarray(fifo_ranks, dtype=np.int64)
    codes = np.array([int(s.county) if s.county else -1 for s in supplies], dtype=np.int64)
    grades = [s.grade_x100 for s in supplies]
    remaining = {
        ind: [s.amount(ind) if s.status == rules.usable_status else 0 for s in supplies] for ind in INDICATORS
    }
    result: dict[str, dict[tuple[int, int], int]] = {ind: {} for ind in INDICATORS}
    in_scope = _InScope(rules, usable, ranks, codes)
    for i in demand_order(demands):
        demand = demands[i]
        if not any(demand.amount(indicator) > 0 for indicator in INDICATORS):
            continue
        candidates = in_scope.records(demand.county)
        if rules.supply_before_demand:
            candidates = candidates[dates[candidates] <= demand.date.toordinal()]
        candidates = candidates.tolist()
        for indicator in INDICATORS:
            need = demand.amount(indicator)
            if need <= 0:
                continue
            if quality_applies(indicator, rules):
                taken = _take_with_quality(need, demand.grade_x100, candidates, grades, remaining[indicator])
            else:
                taken = _take_in_order(need, candidates, remaining[indicator])
            for j, amount in taken.items():
                result[indicator][(i, j)] = amount
    return result


class _InScope:
    """The usable records in scope of a county, in preference order (scope level, then FIFO rank);
    worked out once per county."""

    def __init__(self, rules: Rules, usable: np.ndarray, ranks: np.ndarray, codes: np.ndarray) -> None:
        self._rules, self._usable, self._ranks, self._codes = rules, usable, ranks, codes
        self._of: dict[str, np.ndarray] = {}

    def records(self, county: str) -> np.ndarray:
        known = self._of.get(county)
        if known is not None:
            return known
        own = int(county)
        level = np.full(self._usable.size, 3)
        for lvl, divisor in ((2, 10000), (1, 100), (0, 1)):
            if lvl <= self._rules.scope:
                level[self._codes // divisor == own // divisor] = lvl
        index = np.flatnonzero(self._usable & (level <= self._rules.scope) & (self._codes >= 0))
        self._of[county] = index[np.lexsort((self._ranks[index], level[index]))]
        return self._of[county]


def _take_in_order(need: int, candidates: list[int], remaining: list[int]) -> dict[int, int]:
    taken: dict[int, int] = {}
    for j in candidates:
        if need <= 0:
            break
        amount = min(need, remaining[j])
        if amount > 0:
            taken[j] = amount
            remaining[j] -= amount
            need -= amount
    return taken


def _take_with_quality(need: int, grade: int, candidates: list[int], grades: list, remaining: list[int]) -> dict:
    taken: dict[int, int] = {}
    credit = 0  # Σ amount × (demand grade − record grade) so far, ≥ 0 at every step
    progress = True
    while need > 0 and progress:
        progress = False
        for j in candidates:
            if need <= 0:
                break
            if remaining[j] <= 0:
                continue
            delta = grades[j] - grade
            amount = min(need, remaining[j]) if delta <= 0 else min(need, remaining[j], credit // delta)
            if amount <= 0:
                continue
            credit -= amount * delta
            taken[j] = taken.get(j, 0) + amount
            remaining[j] -= amount
            need -= amount
            progress = True
    return taken
