"""Figures for the report of a balance run: per demand and per county (all amounts in hundredths).

Per demand: what it needs, what it received (and from which records, how much by 调剂), what is
short, and the area-weighted grade received. Per county: its demands' needs, what they received from
their own county and by 调剂 in, what its records gave to other counties (调剂 out), and the shortfall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from .model import BalanceResult, Demand, Supply

Amounts = tuple[int, int, int]


def _add(a: Amounts, b: Sequence[int]) -> Amounts:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def _sub(a: Amounts, b: Amounts) -> Amounts:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


@dataclass(frozen=True)
class DemandLine:
    demand: Demand
    received: Amounts
    received_cross_county: Amounts
    record_ids: tuple[str, ...]
    received_grade: Optional[Fraction]  # area-weighted grade of the 耕地 received

    @property
    def needed(self) -> Amounts:
        return (self.demand.area, self.demand.paddy, self.demand.capacity)

    @property
    def short(self) -> Amounts:
        return _sub(self.needed, self.received)

    @property
    def balanced(self) -> bool:
        return not any(v > 0 for v in self.short)


@dataclass(frozen=True)
class CountyLine:
    county: str
    demands: int
    needed: Amounts
    received_own: Amounts
    received_cross_in: Amounts
    given_cross_out: Amounts
    remaining: Amounts  # what the county's records still hold (all statuses)

    @property
    def received(self) -> Amounts:
        return _add(self.received_own, self.received_cross_in)

    @property
    def short(self) -> Amounts:
        return _sub(self.needed, self.received)


def demand_lines(result: BalanceResult, demands: Sequence[Demand], supplies: Sequence[Supply]) -> list[DemandLine]:
    """One line per demand, in the order of ``demands``."""
    grade_of = {s.record_id: s.grade_x100 for s in supplies}
    by_demand: dict[str, list] = {}
    for a in result.allocations:
        by_demand.setdefault(a.demand_id, []).append(a)
    lines = []
    for d in demands:
        got: Amounts = (0, 0, 0)
        cross: Amounts = (0, 0, 0)
        graded_area = 0
        grade_sum = 0
        ids = []
        for a in by_demand.get(d.demand_id, []):
            amounts = (a.area, a.paddy, a.capacity)
            got = _add(got, amounts)
            if a.cross_county:
                cross = _add(cross, amounts)
            ids.append(a.record_id)
            grade = grade_of.get(a.record_id)
            if grade is not None and a.area > 0:
                graded_area += a.area
                grade_sum += a.area * grade
        mean = Fraction(grade_sum, graded_area * 100) if graded_area else None
        lines.append(DemandLine(d, got, cross, tuple(ids), mean))
    return lines


def county_lines(result: BalanceResult, demands: Sequence[Demand], supplies: Sequence[Supply]) -> list[CountyLine]:
    """One line per county that has a demand or a record, sorted by code."""
    county_of_demand = {d.demand_id: d.county for d in demands}
    county_of_record = {s.record_id: s.county for s in supplies}
    counties = sorted({d.county for d in demands if d.county} | {s.county for s in supplies if s.county})
    zero: Amounts = (0, 0, 0)
    count = dict.fromkeys(counties, 0)
    needed = dict.fromkeys(counties, zero)
    own = dict.fromkeys(counties, zero)
    cross_in = dict.fromkeys(counties, zero)
    cross_out = dict.fromkeys(counties, zero)
    remaining = dict.fromkeys(counties, zero)
    for d in demands:
        if d.county:
            count[d.county] += 1
            needed[d.county] = _add(needed[d.county], (d.area, d.paddy, d.capacity))
    for a in result.allocations:
        amounts = (a.area, a.paddy, a.capacity)
        home = county_of_demand[a.demand_id]
        if a.cross_county:
            cross_in[home] = _add(cross_in[home], amounts)
            source = county_of_record[a.record_id]
            cross_out[source] = _add(cross_out[source], amounts)
        else:
            own[home] = _add(own[home], amounts)
    for line in result.ledger:
        if line.record.county:
            remaining[line.record.county] = _add(remaining[line.record.county], line.remaining)
    return [CountyLine(c, count[c], needed[c], own[c], cross_in[c], cross_out[c], remaining[c]) for c in counties]
