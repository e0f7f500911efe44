"""Allocation 带位置: a parent's target split over its children in proportion to their mapped area.

Shares are rounded half-up to 0.01 亩 and levelled (``levelling.level_cents``) so the children sum
exactly to the parent (domain §6.3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Optional

import numpy as np

from ..levelling import level_cents
from .hierarchy import Hierarchy
from .mapped import MappedFigures
from .records import MAPPED_FIELDS, TargetRecord


class AllocationError(ValueError):
    """Allocation impossible. ``kind``: no-target, no-children, no-mapped-area, no-basis, bad-field."""

    def __init__(self, kind: str, unit_code: str, field: str) -> None:
        super().__init__("cannot allocate {} of {}: {}".format(field, unit_code, kind))
        self.kind = kind
        self.unit_code = unit_code
        self.field = field


def allocate_proportional(total: int, weights: Sequence[int]) -> list[int]:
    """Split integer ``total`` in proportion to integer ``weights`` ≥ 0; the parts sum to ``total``.

    Each part is ``total × w / Σw`` rounded half-up, then the rounding residue is levelled over the
    largest parts. Raises ValueError when every weight is 0 or a weight is negative.
    """
    weights = [int(w) for w in weights]
    if any(w < 0 for w in weights):
        raise ValueError("weights must be ≥ 0")
    weight_sum = sum(weights)
    if weight_sum <= 0:
        raise ValueError("all weights are 0")
    total = int(total)
    shares = [(2 * total * w + weight_sum) // (2 * weight_sum) for w in weights]
    return [int(v) for v in level_cents(np.array(shares, dtype=np.int64), total)]


def allocation_basis(field: str, mapped: Optional[MappedFigures]) -> str:
    """The mapped kind a target is allocated by: 保有量 → GDBHMB if mapped, else 耕地; 永农 → 永农."""
    if field not in MAPPED_FIELDS:
        raise AllocationError("bad-field", "", field)
    if mapped is None:
        raise AllocationError("no-basis", "", field)
    if field == "farmland":
        if mapped.has("target_polygons") and any(mapped.by_kind["target_polygons"].values()):
            return "target_polygons"
        if mapped.has("farmland"):
            return "farmland"
    elif mapped.has("pbf"):
        return "pbf"
    raise AllocationError("no-basis", "", field)


def allocate_down(
    hierarchy: Hierarchy,
    records: Mapping[str, TargetRecord],
    mapped: Optional[MappedFigures],
    unit_code: str,
    field: str,
    all_levels: bool = False,
    total: Optional[int] = None,
) -> dict[str, int]:
    """New ``field`` values of the children of ``unit_code`` (and below when ``all_levels``).

    ``total`` overrides the unit's own target (used by batch allocation from a top-level figure).
    """
    if field not in MAPPED_FIELDS:
        raise AllocationError("bad-field", unit_code, field)
    if total is None:
        record = records.get(unit_code)
        total = None if record is None else getattr(record, field)
    if total is None:
        raise AllocationError("no-target", unit_code, field)
    children = hierarchy.children(unit_code)
    if not children:
        raise AllocationError("no-children", unit_code, field)
    try:
        basis = allocation_basis(field, mapped)
    except AllocationError as error:
        raise AllocationError(error.kind, unit_code, field) from error
    figures = mapped.by_kind[basis] if mapped is not None else {}
    try:
        shares = allocate_proportional(total, [figures.get(c, 0) for c in children])
    except ValueError as error:
        raise AllocationError("no-mapped-area", unit_code, field) from error
    result = dict(zip(children, shares))
    if all_levels:
        for child, share in zip(children, shares):
            if hierarchy.children(child) and any(figures.get(c, 0) for c in hierarchy.children(child)):
                result.update(allocate_down(hierarchy, records, mapped, child, field, True, share))
    return result
