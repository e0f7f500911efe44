"""Mapped figures per unit from per-parcel arrays: Σ area by unit, in hundredths of 亩, levelled.

Parcels carry a location code (ZLDWDM, 19 or 12 digits) and an area in integer 0.01 m². Each unit's
total is exact in 0.01 m²; converting to 亩 rounds half-up, and children are re-levelled (§3.3) so
that the 亩 figures of the children add up exactly to their parent's (domain §6.3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..levelling import level_cents
from .hierarchy import Hierarchy

#: mapped layers: 耕地 (DLTB 耕地 parcels), 永久基本农田 (YJJBNTTB), 耕地保护目标 (GDBHMB)
MAPPED_KINDS = ("farmland", "pbf", "target_polygons")


@dataclass(frozen=True)
class Unmatched:
    """Parcels whose location code lies in no unit of the tree."""

    count: int = 0
    m2_cents: int = 0
    codes: tuple[str, ...] = ()


@dataclass
class MappedFigures:
    """Per kind: unit code → hundredths of 亩 (levelled), and the parcels that matched no unit."""

    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    m2_by_kind: dict[str, dict[str, int]] = field(default_factory=dict)
    unmatched: dict[str, Unmatched] = field(default_factory=dict)

    def has(self, kind: str) -> bool:
        return kind in self.by_kind

    def get(self, kind: str, code: str) -> int | None:
        """Mapped hundredths of 亩 of ``code`` (None when the kind was not computed)."""
        values = self.by_kind.get(kind)
        if values is None:
            return None
        return values.get(code, 0)


def m2_cents_to_mu_cents(m2_cents: int) -> int:
    """0.01 m² → 0.01 亩, half-up, exact: 亩 = m² × 0.0015, so hundredths = cents × 3 / 2000."""
    numerator = abs(int(m2_cents)) * 3
    quotient, remainder = divmod(numerator, 2000)
    if 2 * remainder >= 2000:
        quotient += 1
    return -quotient if m2_cents < 0 else quotient


def sum_by_unit(
    hierarchy: Hierarchy,
    parcel_codes: Sequence[object] | np.ndarray,
    parcel_m2_cents: Sequence[int] | np.ndarray,
) -> tuple[dict[str, int], Unmatched]:
    """Exact Σ 0.01 m² per unit (every unit: its parcels and its descendants'), plus unmatched parcels."""
    cents = np.asarray(parcel_m2_cents, dtype=np.int64).reshape(-1)
    codes = np.asarray(parcel_codes, dtype=object).reshape(-1)
    if codes.size != cents.size:
        raise ValueError("{} codes for {} areas".format(codes.size, cents.size))
    totals = dict.fromkeys(hierarchy.depth_first(), 0)
    if cents.size == 0:
        return totals, Unmatched()
    text = np.array(["" if c is None else str(c).strip() for c in codes], dtype=str)
    distinct, inverse = np.unique(text, return_inverse=True)
    per_code = np.zeros(distinct.size, dtype=np.int64)
    np.add.at(per_code, inverse, cents)
    counts = np.bincount(inverse, minlength=distinct.size)
    bad_count = 0
    bad_cents = 0
    bad_codes = []
    for code, area, count in zip(distinct.tolist(), per_code.tolist(), counts.tolist()):
        unit = hierarchy.find_unit(code) if code else None
        if unit is None:
            bad_count += count
            bad_cents += area
            bad_codes.append(code)
            continue
        totals[unit] += area
    for code in hierarchy.bottom_up():
        parent = hierarchy[code].parent
        if parent is not None and parent in totals:
            totals[parent] += totals[code]
    return totals, Unmatched(bad_count, bad_cents, tuple(bad_codes[:50]))


def level_mu(hierarchy: Hierarchy, m2_totals: Mapping[str, int]) -> dict[str, int]:
    """Hundredths of 亩 per unit: roots rounded half-up, children levelled to their parent.

    A parent whose own parcels lie directly in it (not in any child) keeps that share as a hidden
    remainder part, so the visible children add up to the parent minus that share.
    """
    result: dict[str, int] = {}
    for root in hierarchy.roots:
        result[root] = m2_cents_to_mu_cents(m2_totals.get(root, 0))
    for code in hierarchy.depth_first():
        children = hierarchy.children(code)
        if not children:
            continue
        child_m2 = [m2_totals.get(c, 0) for c in children]
        direct = m2_totals.get(code, 0) - sum(child_m2)
        parts = [m2_cents_to_mu_cents(m) for m in child_m2]
        if direct:
            parts.append(m2_cents_to_mu_cents(direct))
        levelled = level_cents(np.array(parts, dtype=np.int64), result[code]).tolist()
        for child, value in zip(children, levelled):
            result[child] = int(value)
    return result


def mapped_figures(
    hierarchy: Hierarchy,
    parcels: Mapping[str, tuple[Sequence[object] | np.ndarray, Sequence[int] | np.ndarray]],
) -> MappedFigures:
    """``parcels``: kind → (location codes, areas in 0.01 m²) of the parcels that count for it."""
    figures = MappedFigures()
    for kind, (codes, cents) in parcels.items():
        if kind not in MAPPED_KINDS:
            raise ValueError("unknown mapped kind {!r}; known: {}".format(kind, ", ".join(MAPPED_KINDS)))
        totals, unmatched = sum_by_unit(hierarchy, codes, cents)
        figures.m2_by_kind[kind] = totals
        figures.by_kind[kind] = level_mu(hierarchy, totals)
        figures.unmatched[kind] = unmatched
    return figures
