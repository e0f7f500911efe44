"""Which record may serve which demand, and why not; FIFO order; why a demand is short.

Pair rules (a record j may serve a demand i):
- status: only records whose ZT equals the usable status (可用) are ever used;
- scope: county codes share 6 digits (level 0, own county), 4 (level 1, same city) or 2 (level 2, same
  province); level must not exceed SCOPE;
- 先补后占 (SUPPLY_BEFORE_DEMAND): the record's 入库 date is on or before the demand's approval date.
Quality is not a pair rule: it bounds the area-weighted grade of everything a demand receives.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Optional

import numpy as np

from .model import (
    AREA,
    DATE,
    INDICATORS,
    INSUFFICIENT,
    NO_RECORD_IN_SCOPE,
    QUALITY,
    USED_UP,
    Demand,
    Rules,
    Supply,
)

OUT_OF_PROVINCE = 3
_PREFIX = {0: 6, 1: 4, 2: 2}

STATUS = "status"
SCOPE = "scope"
DATE_RULE = "date"


def county_level(demand_county: str, record_county: str) -> int:
    """0 same county, 1 same city, 2 same province, 3 elsewhere."""
    for level in (0, 1, 2):
        n = _PREFIX[level]
        if demand_county[:n] == record_county[:n]:
            return level
    return OUT_OF_PROVINCE


def group_code(county: str, level: int) -> str:
    """The code shared by everything reachable at ``level`` (county 6, city 4, province 2 digits)."""
    return county[: _PREFIX[level]]


def pair_problem(demand: Demand, record: Supply, rules: Rules) -> Optional[str]:
    """None when the record may serve the demand, else STATUS, SCOPE or DATE_RULE (checked in this order)."""
    if record.status != rules.usable_status:
        return STATUS
    if county_level(demand.county, record.county) > rules.scope:
        return SCOPE
    if rules.supply_before_demand and not date_allows(demand.date, record.date):
        return DATE_RULE
    return None


def date_allows(demand_date: Optional[datetime.date], record_date: Optional[datetime.date]) -> bool:
    """先补后占: the record entered the ledger on or before the approval date."""
    return demand_date is not None and record_date is not None and record_date <= demand_date


def quality_applies(indicator: str, rules: Rules) -> bool:
    """The quality rule bounds the grade of the 耕地 area a demand receives (not 水田 or 产能)."""
    return indicator == AREA and rules.quality_not_lower


def fifo_ranks(supplies: Sequence[Supply]) -> list[int]:
    """Rank of each record in 入库 order (date, then id): 1 = oldest. Records without a date last."""
    order = sorted(
        range(len(supplies)),
        key=lambda j: (supplies[j].date is None, supplies[j].date or datetime.date.min, supplies[j].record_id),
    )
    ranks = [0] * len(supplies)
    for rank, j in enumerate(order, start=1):
        ranks[j] = rank
    return ranks


def demand_order(demands: Sequence[Demand]) -> list[int]:
    """Demands in approval order (date, then id); those without a date last."""
    return sorted(
        range(len(demands)),
        key=lambda i: (demands[i].date is None, demands[i].date or datetime.date.min, demands[i].demand_id),
    )


class ShortfallExplainer:
    """Why a demand is short of an indicator after the run (vectorised over the ledger).

    NO_RECORD_IN_SCOPE: no usable record with this indicator in scope; DATE: only later ones;
    INSUFFICIENT: the eligible records hold less than the demand even before anyone else uses them;
    QUALITY: eligible records still hold some, but the grade rule forbids taking it; USED_UP otherwise.
    """

    def __init__(self, supplies: Sequence[Supply], rules: Rules) -> None:
        self.rules = rules
        self.codes = np.array([int(s.county) if s.county else -1 for s in supplies], dtype=np.int64)
        self.dates = np.array([s.date.toordinal() if s.date else 0 for s in supplies], dtype=np.int64)
        self.usable = np.array([s.status == rules.usable_status and bool(s.county) for s in supplies], dtype=bool)
        self.amounts = {ind: np.array([s.amount(ind) for s in supplies], dtype=np.int64) for ind in INDICATORS}

    def reason(self, demand: Demand, indicator: str, remaining: np.ndarray) -> str:
        divisor = (1, 100, 10000)[self.rules.scope]
        in_scope = (
            self.usable & (self.amounts[indicator] > 0) & (self.codes // divisor == int(demand.county) // divisor)
        )
        if not in_scope.any():
            return NO_RECORD_IN_SCOPE
        eligible = in_scope
        if self.rules.supply_before_demand:
            eligible = in_scope & (self.dates <= (demand.date.toordinal() if demand.date else -1))
        if not eligible.any():
            return DATE
        if int(self.amounts[indicator][eligible].sum()) < demand.amount(indicator):
            return INSUFFICIENT
        if quality_applies(indicator, self.rules) and np.any(remaining[eligible] > 0):
            return QUALITY
        return USED_UP
