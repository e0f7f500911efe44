"""Rows of the DEMANDS and SUPPLY tables → Demand / Supply, with every problem named.

A row is ``(row_number, {role: value})``; a role absent from the mapping reads as NULL. All rows are
checked before anything is returned: :class:`BalanceInputError` lists every problem (table, row,
field role, what is wrong, the value) so that nothing is computed — or written — from bad input.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Optional

from .. import admin_codes
from ..grain_yield import YieldTable
from .fields import DEMANDS, SUPPLY
from .model import Demand, Rules, Supply

MISSING = "missing"
NEGATIVE = "negative"
NOT_NUMBER = "not_number"
BAD_DATE = "bad_date"
BAD_GRADE = "bad_grade"
BAD_COUNTY = "bad_county"
DUPLICATE_ID = "duplicate_id"
PADDY_EXCEEDS_AREA = "paddy_exceeds_area"
GRADE_OFF_TABLE = "grade_off_table"

MAX_GRADE = Decimal(15)  # 国家利用等别 1–15 (等级 1–10 fits inside)
# GB/T 2260 provinces (省级行政区划代码)
PROVINCE_CODES = frozenset(
    str(code) for code in (11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50,
                           51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82)
)  # fmt: skip

Row = tuple[int, Mapping[str, object]]


@dataclass(frozen=True)
class InputProblem:
    """One bad value: ``code`` is one of the constants above; ``other_row`` for duplicates."""

    table: str
    row: int
    field: str
    code: str
    value: object = None
    other_row: Optional[int] = None


class BalanceInputError(ValueError):
    """The input tables have problems; ``problems`` lists them all (in table and row order)."""

    def __init__(self, problems: Iterable[InputProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else None
        super().__init__(
            "{} input problem(s); first: {} row {} field {}: {} ({!r})".format(
                len(self.problems), first.table, first.row, first.field, first.code, first.value
            )
            if first
            else "input problems"
        )


class _Bad(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def parse_number(value: object) -> Decimal:
    """A finite decimal from a number or numeric text ('1,234.5' accepted); _Bad otherwise."""
    if isinstance(value, bool):
        raise _Bad(NOT_NUMBER)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value)) if value == value and abs(value) != float("inf") else Decimal("NaN")
    else:
        try:
            number = Decimal(str(value).strip().replace(",", ""))
        except InvalidOperation as error:
            raise _Bad(NOT_NUMBER) from error
    if not number.is_finite():
        raise _Bad(NOT_NUMBER)
    return number


def parse_hundredths(value: object) -> int:
    """A non-negative amount → integer hundredths, half-up (m² → 0.01 m², kg → 0.01 kg)."""
    number = parse_number(value)
    if number < 0:
        raise _Bad(NEGATIVE)
    return int((number * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_grade(value: object) -> int:
    """A quality grade (等别 1–15 / 等级 1–10, lower is better) → hundredths."""
    number = parse_number(value)
    if number <= 0 or number > MAX_GRADE:
        raise _Bad(BAD_GRADE)
    return int((number * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)


def parse_date(value: object) -> datetime.date:
    """A date from a date/datetime, or text 2023-05-01, 2023/5/1, 2023.05.01, 2023年5月1日, 20230501."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, bool):
        raise _Bad(BAD_DATE)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return datetime.date(year, month, day)
            except ValueError as error:
                raise _Bad(BAD_DATE) from error
    raise _Bad(BAD_DATE)


def parse_id(value: object) -> str:
    """An identifier as text (whole numbers from numeric fields without '.0')."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text:
        raise _Bad(MISSING)
    return text


def parse_county(value: object) -> str:
    """The 6-digit county code of an administrative code of 6 or more digits in a known province."""
    try:
        code = admin_codes.normalise(value)
    except admin_codes.AdminCodeError as error:
        raise _Bad(BAD_COUNTY) from error
    if len(code) < 6 or code[:2] not in PROVINCE_CODES or code[2:6] == "0000":
        raise _Bad(BAD_COUNTY)
    return code[:6]


class _RowReader:
    def __init__(self, table: str, row: int, values: Mapping[str, object], problems: list) -> None:
        self.table, self.row, self.values, self.problems = table, row, values, problems

    def get(self, role: str, parser, required: bool = True):
        value = self.values.get(role)
        if _blank(value):
            if required:
                self.problems.append(InputProblem(self.table, self.row, role, MISSING, value))
            return None
        try:
            return parser(value)
        except _Bad as bad:
            self.problems.append(InputProblem(self.table, self.row, role, bad.code, value))
            return None

    def problem(self, role: str, code: str) -> None:
        self.problems.append(InputProblem(self.table, self.row, role, code, self.values.get(role)))


def _check_unique(ids: list[tuple[int, Optional[str]]], table: str, role: str, problems: list) -> None:
    seen: dict[str, int] = {}
    for row, ident in ids:
        if ident is None:
            continue
        if ident in seen:
            problems.append(InputProblem(table, row, role, DUPLICATE_ID, ident, seen[ident]))
        else:
            seen[ident] = row


def read_demands(rows: Iterable[Row], rules: Rules, yields: YieldTable, table: str = DEMANDS) -> list[Demand]:
    """Demands from rows of roles XMBH, XZQDM, PZRQ, GDMJ, STMJ, CN, DB (CN may be NULL: area × yield).

    A row with nothing to balance (all amounts 0) is kept but needs no county, date or grade.
    """
    problems: list[InputProblem] = []
    demands: list[Demand] = []
    ids: list[tuple[int, Optional[str]]] = []
    for row, values in rows:
        r = _RowReader(table, row, values, problems)
        ident = r.get("XMBH", parse_id)
        ids.append((row, ident))
        area = r.get("GDMJ", parse_hundredths)
        paddy = r.get("STMJ", parse_hundredths)
        capacity = r.get("CN", parse_hundredths, required=False)
        # a row that occupies nothing (e.g. a VERDICT site off farmland) needs no county, date or grade
        occupies = bool(area) or bool(paddy) or bool(capacity)
        county = r.get("XZQDM", parse_county, required=occupies)
        date = r.get("PZRQ", parse_date, required=rules.supply_before_demand and occupies)
        needs_grade = bool(area) and (rules.quality_not_lower or (capacity is None and _blank(values.get("CN"))))
        grade = r.get("DB", parse_grade, required=needs_grade)
        if area is not None and paddy is not None and paddy > area:
            r.problem("STMJ", PADDY_EXCEEDS_AREA)
        computed = False
        if capacity is None and _blank(values.get("CN")) and area is not None:
            computed = True
            if area == 0:
                capacity = 0
            elif grade is not None:
                capacity = yields.capacity_cents(area, grade)
                if capacity is None:
                    r.problem("DB", GRADE_OFF_TABLE)
        if None in (ident, area, paddy, capacity) or (occupies and county is None):
            continue
        if needs_grade and grade is None:
            continue
        county = county or ""
        demands.append(Demand(ident, county, date, area, paddy, capacity, grade, row, computed))
    _check_unique(ids, table, "XMBH", problems)
    if problems:
        raise BalanceInputError(problems)
    return demands


def read_supplies(rows: Iterable[Row], rules: Rules, table: str = SUPPLY) -> list[Supply]:
    """Ledger records from rows of roles ZBBH, XZQDM, RKRQ, SYGDMJ, SYSTMJ, SYCN, DB, ZT.

    Every record needs an id (unique) and its three amounts; usable records (ZT = 可用) also need a
    county code and an 入库 date, and a grade when the quality rule is on.
    """
    problems: list[InputProblem] = []
    supplies: list[Supply] = []
    ids: list[tuple[int, Optional[str]]] = []
    for row, values in rows:
        r = _RowReader(table, row, values, problems)
        ident = r.get("ZBBH", parse_id)
        ids.append((row, ident))
        status_value = values.get("ZT")
        status = "" if _blank(status_value) else str(status_value).strip()
        usable = status == rules.usable_status
        county = r.get("XZQDM", parse_county, required=usable)
        date = r.get("RKRQ", parse_date, required=usable)
        area = r.get("SYGDMJ", parse_hundredths)
        paddy = r.get("SYSTMJ", parse_hundredths)
        capacity = r.get("SYCN", parse_hundredths)
        grade = r.get("DB", parse_grade, required=usable and rules.quality_not_lower and bool(area))
        if None in (ident, area, paddy, capacity):
            continue
        if usable and (county is None or date is None):
            continue
        if usable and rules.quality_not_lower and area and grade is None:
            continue
        supplies.append(Supply(ident, county or "", date, area, paddy, capacity, grade, status, row))
    _check_unique(ids, table, "ZBBH", problems)
    if problems:
        raise BalanceInputError(problems)
    return supplies
