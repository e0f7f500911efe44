"""年度算大账: per county, the year's occupied vs supplied 耕地, with the checks of domain.md §4.5(b).

Occupied (OCC) = the demands approved (PZRQ) in the year; supplied (SUP) = the ledger records that
entered the ledger (RKRQ) in the year with a counted status. Map the SUPPLY amount roles to the
amounts credited in the year (入库量) when the ledger keeps them apart from the remaining ones.

Checks, per county (None = cannot be judged: no graded area on one side; it does not fail the county):
- quantity  SUP area ≥ OCC area (耕地总量不减少);
- paddy     SUP 水田 ≥ OCC 水田 (水田总量基本稳定, transition rule);
- capacity  SUP 产能 ≥ OCC 产能;
- quality   area-weighted grade of SUP ≤ that of OCC (lower = better; exact integer comparison);
- quality_previous  grade of SUP ≤ grade of the county's OCC of the previous year (补充耕地质量不低于
  上一年度占用耕地平均质量, 2025 验收办法; all occupations stand in for 非农建设 here).
Every number comes with the list of demands and records behind it (DetailLine).
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Optional

from .fields import DEMANDS, SUPPLY
from .inputs import MISSING, BalanceInputError, InputProblem
from .model import USABLE_STATUS, Demand, Supply

QUANTITY = "quantity"
PADDY_CHECK = "paddy"
CAPACITY_CHECK = "capacity"
QUALITY = "quality"
QUALITY_PREVIOUS = "quality_previous"
CHECKS = (QUANTITY, PADDY_CHECK, CAPACITY_CHECK, QUALITY, QUALITY_PREVIOUS)

OCCUPIED = "occupied"
SUPPLIED = "supplied"
OCCUPIED_PREVIOUS = "occupied_previous"


@dataclass(frozen=True)
class Side:
    """Totals of one side of a county's account (amounts in hundredths, grades in hundredths)."""

    area: int = 0
    paddy: int = 0
    capacity: int = 0
    graded_area: int = 0
    grade_area_sum: int = 0  # Σ area × grade_x100 over graded items
    count: int = 0

    def __add__(self, other: Side) -> Side:
        return Side(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (self.area, self.paddy, self.capacity, self.graded_area, self.grade_area_sum, self.count)

    @property
    def mean_grade(self) -> Optional[Fraction]:
        """Area-weighted grade (exact); None without graded area."""
        if self.graded_area <= 0:
            return None
        return Fraction(self.grade_area_sum, self.graded_area * 100)


@dataclass(frozen=True)
class CountyAccount:
    county: str
    year: int
    occupied: Side
    supplied: Side
    occupied_previous: Side
    checks: tuple[tuple[str, Optional[bool]], ...]

    @property
    def passed(self) -> bool:
        """True unless a check fails (checks that cannot be judged do not fail)."""
        return not any(v is False for _, v in self.checks)

    def check(self, name: str) -> Optional[bool]:
        return dict(self.checks)[name]


@dataclass(frozen=True)
class DetailLine:
    """One demand or record behind a county's figures; ``side`` OCCUPIED, SUPPLIED or OCCUPIED_PREVIOUS."""

    county: str
    side: str
    item_id: str
    date: datetime.date
    area: int
    paddy: int
    capacity: int
    grade_x100: Optional[int]


def _side(items: Iterable[Demand | Supply]) -> Side:
    total = Side()
    for item in items:
        graded = item.grade_x100 is not None and item.area > 0
        total = total + Side(
            item.area,
            item.paddy,
            item.capacity,
            item.area if graded else 0,
            item.area * item.grade_x100 if graded else 0,  # type: ignore[operator]
            1,
        )
    return total


def _not_worse(better: Side, than: Side) -> Optional[bool]:
    a, b = better.mean_grade, than.mean_grade
    if a is None or b is None:
        return None
    return a <= b


def account_checks(occupied: Side, supplied: Side, previous: Side) -> tuple[tuple[str, Optional[bool]], ...]:
    """The five checks of a county-year (see module doc)."""
    return (
        (QUANTITY, supplied.area >= occupied.area),
        (PADDY_CHECK, supplied.paddy >= occupied.paddy),
        (CAPACITY_CHECK, supplied.capacity >= occupied.capacity),
        (QUALITY, _not_worse(supplied, occupied)),
        (QUALITY_PREVIOUS, _not_worse(supplied, previous)),
    )


def annual_balance(
    demands: Sequence[Demand],
    supplies: Sequence[Supply],
    year: int,
    statuses: Optional[Collection[str]] = (USABLE_STATUS,),
) -> tuple[list[CountyAccount], list[DetailLine]]:
    """County accounts of ``year`` (sorted by county) and the detail lines behind them.

    ``statuses``: the ledger statuses that count as supply (None = every status). Every counted
    demand and record needs its date and county: BalanceInputError otherwise.
    """
    demands = [d for d in demands if d.area or d.paddy or d.capacity]  # rows occupying nothing
    problems = [InputProblem(DEMANDS, d.row, "PZRQ", MISSING) for d in demands if d.date is None] + [
        InputProblem(SUPPLY, s.row, "RKRQ" if s.date is None else "XZQDM", MISSING)
        for s in supplies
        if (statuses is None or s.status in statuses) and (s.date is None or not s.county)
    ]
    if problems:
        raise BalanceInputError(problems)
    counted = [s for s in supplies if statuses is None or s.status in statuses]
    occ = [d for d in demands if d.date.year == year]  # type: ignore[union-attr]
    prev = [d for d in demands if d.date.year == year - 1]  # type: ignore[union-attr]
    sup = [s for s in counted if s.date.year == year]  # type: ignore[union-attr]
    counties = sorted({d.county for d in occ} | {s.county for s in sup})
    accounts: list[CountyAccount] = []
    details: list[DetailLine] = []
    for county in counties:
        o = [d for d in occ if d.county == county]
        p = [d for d in prev if d.county == county]
        s = [r for r in sup if r.county == county]
        occupied, supplied, previous = _side(o), _side(s), _side(p)
        accounts.append(
            CountyAccount(county, year, occupied, supplied, previous, account_checks(occupied, supplied, previous))
        )
        for side, items in ((OCCUPIED, o), (SUPPLIED, s), (OCCUPIED_PREVIOUS, p)):
            for item in sorted(items, key=lambda x: (x.date, _ident(x))):
                details.append(
                    DetailLine(
                        county,
                        side,
                        _ident(item),
                        item.date,
                        item.area,
                        item.paddy,
                        item.capacity,
                        item.grade_x100,
                    )  # type: ignore[arg-type]
                )
    return accounts, details


def total_account(accounts: Sequence[CountyAccount], label: str = "", year: int = 0) -> CountyAccount:
    """All counties together (a 合计 line) of ``year``, with its own checks."""
    occupied = sum((a.occupied for a in accounts), Side())
    supplied = sum((a.supplied for a in accounts), Side())
    previous = sum((a.occupied_previous for a in accounts), Side())
    year = accounts[0].year if accounts else year
    return CountyAccount(label, year, occupied, supplied, previous, account_checks(occupied, supplied, previous))


def _ident(item: Demand | Supply) -> str:
    return item.demand_id if isinstance(item, Demand) else item.record_id
