"""Entities of the 占补平衡 balance: demands, ledger records, rules, and what a run produces.

Amounts are integers: hundredths of a m² for 耕地/水田 areas, hundredths of a kg for 产能 (so sums
and "before − used = remaining" are exact). Quality grades are integers in hundredths of a grade
(等别 7.5 → 750); lower is better.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Optional

USABLE_STATUS = "可用"

AREA = "area"  # 耕地数量 (m²)
PADDY = "paddy"  # 水田规模 (m²)
CAPACITY = "capacity"  # 标准粮食产能 (kg)
INDICATORS = (AREA, PADDY, CAPACITY)

SCOPE_COUNTY = 0  # own county only
SCOPE_CITY = 1  # own county first, then the other counties of the same city (市域调剂)
SCOPE_PROVINCE = 2  # own county, then city, then anywhere in the province (省域调剂)

# Why (part of) a demand could not be covered, most specific first.
NO_RECORD_IN_SCOPE = "scope"  # no usable record of this indicator within the scope
DATE = "date"  # usable records in scope exist, but all entered the ledger after the approval date
INSUFFICIENT = "insufficient"  # the eligible records hold less than the demand, even all together
QUALITY = "quality"  # eligible records are left, but only of worse grade than the demand allows
USED_UP = "used_up"  # the eligible records were used by other demands
REASONS = (NO_RECORD_IN_SCOPE, DATE, INSUFFICIENT, QUALITY, USED_UP)


@dataclass(frozen=True)
class Rules:
    """The rule switches of a run (issue 4: SCOPE, SUPPLY_BEFORE_DEMAND, QUALITY_NOT_LOWER)."""

    scope: int = SCOPE_COUNTY
    supply_before_demand: bool = True
    quality_not_lower: bool = True
    usable_status: str = USABLE_STATUS

    def __post_init__(self) -> None:
        if self.scope not in (SCOPE_COUNTY, SCOPE_CITY, SCOPE_PROVINCE):
            raise ValueError("scope must be 0 (county), 1 (city) or 2 (province), got {!r}".format(self.scope))


@dataclass(frozen=True)
class Demand:
    """An occupation that must be balanced: 占用耕地 area, of which 水田, and 产能, with its grade."""

    demand_id: str
    county: str  # 6-digit county code
    date: Optional[datetime.date]
    area: int  # 0.01 m²
    paddy: int  # 0.01 m²
    capacity: int  # 0.01 kg
    grade_x100: Optional[int] = None
    row: int = 0  # where it came from (feature id / spreadsheet row), for messages
    capacity_computed: bool = False  # CN was derived from area × yield(grade)

    def amount(self, indicator: str) -> int:
        return _amount(self, indicator)


@dataclass(frozen=True)
class Supply:
    """A 补充耕地 ledger record with its remaining indicators."""

    record_id: str
    county: str
    date: Optional[datetime.date]
    area: int  # remaining 0.01 m²
    paddy: int  # remaining 0.01 m²
    capacity: int  # remaining 0.01 kg
    grade_x100: Optional[int] = None
    status: str = USABLE_STATUS
    row: int = 0

    def amount(self, indicator: str) -> int:
        return _amount(self, indicator)


def _amount(item, indicator: str) -> int:
    if indicator == AREA:
        return item.area
    if indicator == PADDY:
        return item.paddy
    if indicator == CAPACITY:
        return item.capacity
    raise ValueError("unknown indicator {!r}".format(indicator))


@dataclass(frozen=True)
class Allocation:
    """One 核销 line: what a demand takes from one record (amounts as in Demand)."""

    demand_id: str
    record_id: str
    area: int
    paddy: int
    capacity: int
    level: int  # 0 own county, 1 another county of the city, 2 another city of the province
    fifo_rank: int  # 1 = the oldest usable record of the ledger

    @property
    def cross_county(self) -> bool:
        """True for 调剂 (the record lies in another county)."""
        return self.level > 0

    def amount(self, indicator: str) -> int:
        return _amount(self, indicator)


@dataclass(frozen=True)
class Shortfall:
    """What a demand still lacks, and why (one reason per indicator that is short)."""

    demand_id: str
    area: int
    paddy: int
    capacity: int
    reasons: tuple[tuple[str, str], ...] = ()  # ((indicator, reason), …)

    def amount(self, indicator: str) -> int:
        return _amount(self, indicator)


@dataclass(frozen=True)
class LedgerLine:
    """A ledger record after the run: before − used = remaining, per indicator, exactly."""

    record: Supply
    used: tuple[int, int, int]

    @property
    def before(self) -> tuple[int, int, int]:
        return (self.record.area, self.record.paddy, self.record.capacity)

    @property
    def remaining(self) -> tuple[int, int, int]:
        return tuple(b - u for b, u in zip(self.before, self.used))  # type: ignore[return-value]


@dataclass(frozen=True)
class BalanceResult:
    """Everything a run produces. ``optimal`` is False for the greedy fallback."""

    allocations: tuple[Allocation, ...]
    shortfalls: tuple[Shortfall, ...]
    ledger: tuple[LedgerLine, ...]
    solver: str  # "highs" or "greedy"
    optimal: bool
    stages: tuple[tuple[str, str, float], ...] = ()  # (indicator, stage, optimum) of the LP stages
    notes: tuple[str, ...] = field(default=())  # codes: "scipy_missing", "rounding_shortfall", …
