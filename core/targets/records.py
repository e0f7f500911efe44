"""Target records per unit and year, and 亩 values as integer hundredths (exact sums and checks).

A value of ``123456`` means 1234.56 亩. Records are immutable; an edit makes a new record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from typing import Optional

#: editable area targets (亩): 耕地保有量, 永久基本农田保护面积, 高标准农田建设任务, 补充耕地任务
VALUE_FIELDS = ("farmland", "pbf", "high_standard", "supplement")
#: provenance and note (text)
TEXT_FIELDS = ("doc_no", "signed_on", "parties", "note")
EDITABLE_FIELDS = VALUE_FIELDS + TEXT_FIELDS
#: the two targets that are checked against the map and allocated 带位置
MAPPED_FIELDS = ("farmland", "pbf")
#: largest value accepted (10¹² 亩 in hundredths), far above any country
MAX_CENTS = 10**14
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class TargetRecord:
    """Targets of one unit in one year (values in hundredths of 亩; None = not set).

    ``version`` is the store's row version the record was read with (0 = never saved).
    """

    unit_code: str
    year: int
    farmland: Optional[int] = None
    pbf: Optional[int] = None
    high_standard: Optional[int] = None
    supplement: Optional[int] = None
    doc_no: str = ""
    signed_on: str = ""
    parties: str = ""
    note: str = ""
    version: int = 0

    def value(self, field: str) -> object:
        if field not in EDITABLE_FIELDS:
            raise ValueError("unknown target field {!r}".format(field))
        return getattr(self, field)

    def with_value(self, field: str, value: object) -> TargetRecord:
        """A copy with ``field`` set (validated)."""
        return replace(self, **{field: check_field_value(field, value)})

    def content(self) -> tuple:
        """Everything but the version: what two records must share to be the same edit."""
        return tuple(getattr(self, f.name) for f in fields(self) if f.name != "version")

    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in EDITABLE_FIELDS)


class TargetValueError(ValueError):
    """A target value is not acceptable. ``kind``: not-a-number, negative, too-many-decimals,
    too-large, bad-date, not-text, unknown-field."""

    def __init__(self, kind: str, field: str, value: object) -> None:
        super().__init__("{} value {!r}: {}".format(field, value, kind))
        self.kind = kind
        self.field = field
        self.value = value


def check_field_value(field: str, value: object) -> object:
    """Return ``value`` if it suits ``field`` (int hundredths ≥ 0 or None; text), else raise."""
    if field in VALUE_FIELDS:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise TargetValueError("not-a-number", field, value)
        if value < 0:
            raise TargetValueError("negative", field, value)
        if value > MAX_CENTS:
            raise TargetValueError("too-large", field, value)
        return value
    if field in TEXT_FIELDS:
        if not isinstance(value, str):
            raise TargetValueError("not-text", field, value)
        text = value.strip()
        if field == "signed_on" and text and not _DATE.match(text):
            raise TargetValueError("bad-date", field, value)
        return text
    raise TargetValueError("unknown-field", field, value)


def parse_mu(text: object, field: str = "farmland") -> Optional[int]:
    """Parse what a planner types (``"1,234.5"``, ``"1234.50 亩"``) into hundredths of 亩.

    Blank → None. More than 2 decimals, negative numbers or non-numbers raise TargetValueError.
    """
    if text is None:
        return None
    cleaned = str(text).strip().replace(",", "").replace("，", "").replace("亩", "").strip()
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation as error:
        raise TargetValueError("not-a-number", field, text) from error
    if not number.is_finite():
        raise TargetValueError("not-a-number", field, text)
    if number < 0:
        raise TargetValueError("negative", field, text)
    if number != number.quantize(Decimal("0.01")):
        raise TargetValueError("too-many-decimals", field, text)
    cents = int(number.scaleb(2))
    if cents > MAX_CENTS:
        raise TargetValueError("too-large", field, text)
    return cents


def mu_text(cents: Optional[int], grouping: bool = False) -> str:
    """Hundredths of 亩 as text with 2 decimals (``123456`` → ``"1234.56"``); None → ``""``."""
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, frac = divmod(abs(int(cents)), 100)
    body = "{:,}".format(whole) if grouping else str(whole)
    return "{}{}.{:02d}".format(sign, body, frac)


def mu_decimal(cents: Optional[int]) -> Optional[Decimal]:
    """Hundredths of 亩 as an exact Decimal (for NUMERIC columns and spreadsheets)."""
    return None if cents is None else Decimal(int(cents)).scaleb(-2)


def cents_from_stored(value: object) -> Optional[int]:
    """A stored 亩 value (Decimal, float with ≤ 2 decimals, int, text) → hundredths of 亩."""
    if value is None or value == "":
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise TargetValueError("not-a-number", "stored", value) from error
    if not number.is_finite():
        raise TargetValueError("not-a-number", "stored", value)
    return int(number.scaleb(2).to_integral_value(rounding="ROUND_HALF_UP"))


def merge_records(
    base: Optional[TargetRecord], mine: Optional[TargetRecord], theirs: Optional[TargetRecord]
) -> tuple[Optional[TargetRecord], tuple[str, ...]]:
    """Three-way merge of a row that someone else saved meanwhile.

    Returns ``(merged, conflicting_fields)``: fields changed only by one side are taken from that
    side; fields changed by both to different values are conflicts (merged is None then). The
    merged record carries ``theirs``' version so that saving it overwrites nothing unseen.
    """
    if theirs is None or mine is None:
        if mine == base or (mine is None and theirs is None):
            return theirs, ()
        if base is None and theirs is None:
            return mine, ()
        return None, EDITABLE_FIELDS
    reference = base or TargetRecord(theirs.unit_code, theirs.year)
    merged = {}
    conflicts = []
    for name in EDITABLE_FIELDS:
        old, new, other = reference.value(name), mine.value(name), theirs.value(name)
        if new in (old, other):
            merged[name] = other
        elif other == old:
            merged[name] = new
        else:
            conflicts.append(name)
    if conflicts:
        return None, tuple(conflicts)
    return replace(theirs, **merged), ()
