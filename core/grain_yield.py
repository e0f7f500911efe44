"""Grade → standard grain yield (标准粮食单产), to turn 耕地 area into 标准粮食产能 (kg).

**Placeholder.** The real table is provincial (domain.md §4.3 and §9 item 3: Henan's 等别 → 标准粮单产
table was not found). Until the province's table is entered, :data:`PLACEHOLDER_KG_PER_MU` assumes
1,500 kg/亩 for 国家利用等别 1 falling by 100 kg/亩 per grade to 100 kg/亩 for grade 15. Replace it (or
pass your own table to the algorithms) before any figure is used in a 报批 document.

Yields are kept as exact decimals in kg per m² (kg/亩 × 15 / 10000). Fractional grades (an
area-weighted 等别 such as 6.37) are interpolated linearly between the neighbouring whole grades.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Optional, Union

PLACEHOLDER_KG_PER_MU: dict[int, int] = {grade: 1600 - 100 * grade for grade in range(1, 16)}
_MU_PER_M2 = Decimal(15) / Decimal(10000)


class YieldTableError(ValueError):
    """A yield table that cannot be used; ``entry`` is the offending text or grade."""

    def __init__(self, message: str, entry: object) -> None:
        super().__init__(message)
        self.entry = entry


class YieldTable:
    """Grade → kg per m², with linear interpolation between listed grades."""

    def __init__(self, per_m2: Mapping[Union[int, float, Decimal, str], Union[float, Decimal, str]]) -> None:
        table: dict[Decimal, Decimal] = {}
        for grade, value in per_m2.items():
            g = _decimal(grade, "grade")
            v = _decimal(value, "yield")
            if v < 0:
                raise YieldTableError("yield for grade {} is negative: {}".format(grade, value), grade)
            if g in table:
                raise YieldTableError("grade {} is listed twice".format(grade), grade)
            table[g] = v
        if not table:
            raise YieldTableError("the yield table is empty", "")
        self._grades = sorted(table)
        self._table = table

    @classmethod
    def from_kg_per_mu(cls, kg_per_mu: Mapping[int, Union[int, float, Decimal]]) -> YieldTable:
        return cls({g: _decimal(v, "yield") * _MU_PER_M2 for g, v in kg_per_mu.items()})

    def items(self) -> list[tuple[Decimal, Decimal]]:
        return [(g, self._table[g]) for g in self._grades]

    def per_m2(self, grade: Union[int, float, Decimal]) -> Optional[Decimal]:
        """kg per m² for ``grade``; None outside the table's range."""
        g = _decimal(grade, "grade")
        if g in self._table:
            return self._table[g]
        if g < self._grades[0] or g > self._grades[-1]:
            return None
        upper = next(x for x in self._grades if x > g)
        lower = max(x for x in self._grades if x < g)
        share = (g - lower) / (upper - lower)
        return self._table[lower] + (self._table[upper] - self._table[lower]) * share

    def capacity_cents(self, area_cents: int, grade_x100: int) -> Optional[int]:
        """产能 in 0.01 kg of ``area_cents`` (0.01 m²) at grade ``grade_x100``, half-up; None off-table."""
        per_m2 = self.per_m2(Decimal(grade_x100) / 100)
        if per_m2 is None:
            return None
        return int((Decimal(area_cents) * per_m2).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _decimal(value: object, what: str) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise YieldTableError("{} {!r} is not a number".format(what, value), value)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    else:
        text = str(value).strip()
        try:
            result = Decimal(text)
        except ArithmeticError as error:
            raise YieldTableError("{} {!r} is not a number".format(what, value), value) from error
    if not result.is_finite():
        raise YieldTableError("{} {!r} is not a finite number".format(what, value), value)
    return result


DEFAULT_TABLE = YieldTable.from_kg_per_mu(PLACEHOLDER_KG_PER_MU)


def default_yield_per_m2(grade: int) -> Optional[float]:
    """kg per m² of whole 等别 ``grade`` in the placeholder table; None when not listed."""
    value = DEFAULT_TABLE.per_m2(grade) if isinstance(grade, int) and 1 <= grade <= 15 else None
    return None if value is None else float(value)


def parse_yield_table(text: Optional[str]) -> YieldTable:
    """``"1=2.25;2=2.1;…"`` (grade=kg per m², ``;``/``,``/new lines) → YieldTable; blank → placeholder."""
    source = (text or "").strip()
    if not source:
        return DEFAULT_TABLE
    pairs: dict[str, str] = {}
    for item in source.replace("\n", ";").replace(",", ";").split(";"):
        if not item.strip():
            continue
        grade, sep, value = item.partition("=")
        if not sep:
            raise YieldTableError("yield table entry {!r} is not GRADE=KG_PER_M2".format(item.strip()), item)
        if grade.strip() in pairs:
            raise YieldTableError("grade {} is listed twice".format(grade.strip()), grade.strip())
        pairs[grade.strip()] = value.strip()
    return YieldTable(pairs)
