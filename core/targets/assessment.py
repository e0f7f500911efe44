"""考核: completion of each unit's 耕地保有量 target by the 耕地 mapped in a year's DLTB.

Values are integer hundredths of 亩 (see :mod:`.records`); completion is in hundredths of a percent
(``10050`` = 100.50 %), rounded half-up, so a table shows it exactly with 2 decimals.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

from .hierarchy import Hierarchy
from .mapped import MappedFigures
from .records import TargetRecord

#: status of a unit: mapped 耕地 ≥ target (达标), below it (未达标), or no 耕地保有量 target set
STATUSES = ("met", "not-met", "no-target")


@dataclass(frozen=True)
class Completion:
    """One unit's assessment: ``target`` and ``mapped`` in hundredths of 亩; ``percent_cents`` in
    hundredths of a percent (None when there is no target or the target is 0)."""

    unit_code: str
    target: Optional[int]
    mapped: int
    percent_cents: Optional[int]
    status: str


def completion_percent_cents(mapped: int, target: int) -> Optional[int]:
    """``mapped / target × 100`` in hundredths of a percent, half-up, exact (None for a 0 target)."""
    if target < 0 or mapped < 0:
        raise ValueError("areas must be ≥ 0")
    if target == 0:
        return None
    return (2 * mapped * 10000 + target) // (2 * target)


def assess_unit(code: str, target: Optional[int], mapped: int) -> Completion:
    """The completion of one unit with ``target`` and ``mapped`` 耕地 (hundredths of 亩)."""
    if target is None:
        return Completion(code, None, int(mapped), None, "no-target")
    status = "met" if mapped >= target else "not-met"
    return Completion(code, int(target), int(mapped), completion_percent_cents(mapped, target), status)


def assess_completion(
    hierarchy: Hierarchy, records: Mapping[str, TargetRecord], mapped: MappedFigures
) -> list[Completion]:
    """Completion of the 耕地保有量 target of every unit of ``hierarchy`` (parents before children).

    ``mapped`` must hold the ``farmland`` kind (耕地 of the assessed year's DLTB).
    """
    if not mapped.has("farmland"):
        raise ValueError("the assessment needs mapped 耕地 (kind 'farmland')")
    result = []
    for code in hierarchy.depth_first():
        record = records.get(code)
        target = None if record is None else record.farmland
        result.append(assess_unit(code, target, mapped.get("farmland", code) or 0))
    return result


def count_not_met(completions: list[Completion]) -> int:
    """Units whose mapped 耕地 is below their target."""
    return sum(1 for c in completions if c.status == "not-met")
