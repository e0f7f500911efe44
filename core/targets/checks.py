"""Checks of a year's targets against the tree and the map (domain §6.3).

All comparisons are in integer hundredths of 亩, so "children sum to the parent to 0.01 亩" is exact.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Optional

from .hierarchy import Hierarchy
from .mapped import MappedFigures, Unmatched
from .records import MAPPED_FIELDS, TargetRecord

ERROR = "error"
WARNING = "warning"

#: problem kinds and their severity
SEVERITY = {
    "sum-mismatch": ERROR,  # Σ children ≠ parent
    "shortfall": ERROR,  # target > mapped 耕地 / 永久基本农田 (不足额)
    "not-located": ERROR,  # 耕地保有量 target > Σ 耕地保护目标 polygons (未带位置)
    "missing-target": WARNING,  # a unit of the tree has no target
    "unknown-unit": WARNING,  # a target whose unit is not in the tree
    "unmatched-parcels": WARNING,  # mapped parcels whose location code is in no unit
    "invalid-code": WARNING,  # a unit layer row with a malformed code
}


@dataclass(frozen=True)
class Problem:
    """One finding. ``expected``/``actual`` in hundredths of 亩 (m² cents for unmatched parcels).

    sum-mismatch: expected = parent target, actual = Σ children. shortfall / not-located: expected =
    mapped figure, actual = target. missing-target: ``field`` names the missing target.
    """

    kind: str
    unit_code: str
    field: str = ""
    expected: Optional[int] = None
    actual: Optional[int] = None
    count: int = 0
    detail: str = ""

    @property
    def severity(self) -> str:
        return SEVERITY[self.kind]

    @property
    def difference(self) -> Optional[int]:
        """actual − expected (None when either is missing)."""
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected


def children_sum(
    hierarchy: Hierarchy, records: Mapping[str, TargetRecord], code: str, field: str
) -> Optional[int]:
    """Σ of the children's ``field`` values that are set; None when no child has one (or no child)."""
    total = None
    for child in hierarchy.children(code):
        record = records.get(child)
        value = None if record is None else getattr(record, field)
        if value is not None:
            total = value if total is None else total + value
    return total


def _basis(field: str, mapped: Optional[MappedFigures]) -> list[tuple[str, str]]:
    if mapped is None:
        return []
    pairs = []
    if field == "farmland":
        if mapped.has("farmland"):
            pairs.append(("farmland", "shortfall"))
        if mapped.has("target_polygons"):
            pairs.append(("target_polygons", "not-located"))
    elif field == "pbf" and mapped.has("pbf"):
        pairs.append(("pbf", "shortfall"))
    return pairs


def check_unit(
    hierarchy: Hierarchy,
    records: Mapping[str, TargetRecord],
    mapped: Optional[MappedFigures],
    code: str,
    fields: Iterable[str] = MAPPED_FIELDS,
) -> list[Problem]:
    """The problems of one unit (its own target, its children's sum, its map backing)."""
    problems = []
    record = records.get(code)
    for field in fields:
        value = None if record is None else getattr(record, field)
        if value is None:
            problems.append(Problem("missing-target", code, field))
        else:
            total = children_sum(hierarchy, records, code, field)
            if total is not None and total != value:
                problems.append(Problem("sum-mismatch", code, field, expected=value, actual=total))
            for kind, problem_kind in _basis(field, mapped):
                figure = mapped.get(kind, code) if mapped is not None else None
                if figure is not None and value > figure:
                    problems.append(Problem(problem_kind, code, field, expected=figure, actual=value))
    return problems


def check_targets(
    hierarchy: Hierarchy,
    records: Mapping[str, TargetRecord],
    mapped: Optional[MappedFigures] = None,
    fields: Iterable[str] = MAPPED_FIELDS,
) -> list[Problem]:
    """Every problem of a year's targets, units in tree order, then targets and parcels without a unit."""
    fields = tuple(fields)
    problems: list[Problem] = []
    for code in hierarchy.depth_first():
        problems.extend(check_unit(hierarchy, records, mapped, code, fields))
    for code in sorted(records):
        if code not in hierarchy and not records[code].is_empty():
            problems.append(Problem("unknown-unit", code))
    if mapped is not None:
        for kind, unmatched in sorted(mapped.unmatched.items()):
            if isinstance(unmatched, Unmatched) and unmatched.count:
                problems.append(
                    Problem(
                        "unmatched-parcels",
                        "",
                        kind,
                        actual=unmatched.m2_cents,
                        count=unmatched.count,
                        detail=", ".join(unmatched.codes[:10]),
                    )
                )
    for rejected in hierarchy.rejected:
        problems.append(Problem("invalid-code", str(rejected.code), detail=rejected.name))
    return problems


def worst_by_unit(problems: Iterable[Problem]) -> dict[str, str]:
    """Unit code → the worst severity among its problems (for status icons)."""
    result: dict[str, str] = {}
    for problem in problems:
        if not problem.unit_code:
            continue
        if result.get(problem.unit_code) != ERROR:
            result[problem.unit_code] = problem.severity
    return result
