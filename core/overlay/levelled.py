"""Round every piece to 0.01 m², level each group to its control, split 田坎 off LANDUSE pieces.

Controls (domain §1.7, §3.3): the LANDUSE pieces of a site sum exactly to the site's area inside the
land-use layer; the part not covered is the GAP (site − inside); pieces of a constraint layer sum to
the area of the union of its features inside the site; the part outside 城镇开发边界 is site − inside.
All arithmetic is on integer cents (0.01 m²), so every sum of levelled pieces is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..deduction import deduct_cents, kcxs_to_units
from ..levelling import level_groups
from ..units import to_cents
from .records import GAP, LANDUSE, UDB, UDB_OUT, ZONE_BUFFER, ZONE_SITE, GroupKey, OverlayInput

#: a zone without a GAP piece may differ from its LANDUSE control by rounding only (cents)
_ROUNDING_SLACK_CENTS = 100


class OverlayDataError(ValueError):
    """The engine's input is inconsistent (``key`` names the group)."""

    def __init__(self, message: str, key: GroupKey | None = None) -> None:
        super().__init__(message)
        self.key = key


@dataclass
class LevelledPieces:
    """Per piece: gross cents (levelled), 田坎 cents and net (地类) cents; per group: control cents."""

    cents: np.ndarray
    kcmj: np.ndarray
    dlmj: np.ndarray
    controls: dict
    site_cents: np.ndarray
    zone_cents: np.ndarray | None


def zone_cents_of(data: OverlayInput) -> tuple[np.ndarray, np.ndarray | None]:
    """(site cents, buffer-ring cents or None), half-up."""
    site = np.asarray(to_cents(data.site_area_m2), dtype=np.int64).reshape(-1)
    ring = None
    if data.zone_area_m2 is not None:
        ring = np.asarray(to_cents(data.zone_area_m2), dtype=np.int64).reshape(-1)
    return site, ring


def _zone_total(key: GroupKey, site: np.ndarray, ring: np.ndarray | None) -> int:
    index, zone = key[0], key[1]
    if zone == ZONE_SITE:
        return int(site[index])
    if zone == ZONE_BUFFER and ring is not None:
        return int(ring[index])
    raise OverlayDataError("no area for zone {!r} of site {}".format(zone, index), key)


def group_controls(data: OverlayInput) -> dict:
    """Control cents of every group, derived ones (GAP, UDB_OUT) included."""
    site, ring = zone_cents_of(data)
    keys = set(data.pieces.group_keys())
    controls: dict = {}
    for key, area in data.controls.items():
        total = _zone_total(key, site, ring)
        controls[key] = min(int(to_cents(float(area))), total)
        if controls[key] < 0:
            raise OverlayDataError("negative control area for {}".format(key), key)
    for key in [k for k in controls if k[2] == LANDUSE]:
        gap_key = (key[0], key[1], GAP, key[3])
        total = _zone_total(key, site, ring)
        if gap_key not in keys:
            if total - controls[key] > _ROUNDING_SLACK_CENTS:
                raise OverlayDataError(
                    "site {} leaves {} cents outside the land-use layer but has no gap piece".format(
                        key[0], total - controls[key]
                    ),
                    key,
                )
            controls[key] = total
        controls[gap_key] = total - controls[key]
    for key in [k for k in controls if k[2] == UDB]:
        controls[(key[0], key[1], UDB_OUT, key[3])] = _zone_total(key, site, ring) - controls[key]
    return controls


def level(data: OverlayInput) -> LevelledPieces:
    """Levelled cents of every piece plus the 田坎 split of LANDUSE pieces (KCMJ, net)."""
    pieces = data.pieces
    controls = group_controls(data)
    raw = np.asarray(to_cents(pieces.area_m2), dtype=np.int64).reshape(-1)
    keys = pieces.group_keys()
    cents = level_groups(raw, keys, controls) if len(pieces) else raw
    is_landuse = np.fromiter((c == LANDUSE for c in pieces.category), dtype=bool, count=len(pieces))
    units = np.zeros(len(pieces), dtype=np.int64)
    if is_landuse.any():
        units[is_landuse] = kcxs_to_units(pieces.kcxs[is_landuse])
    kcmj, dlmj = deduct_cents(cents, units)
    kcmj = np.asarray(kcmj, dtype=np.int64).reshape(-1)
    dlmj = np.asarray(dlmj, dtype=np.int64).reshape(-1)
    site, ring = zone_cents_of(data)
    return LevelledPieces(cents, kcmj, dlmj, controls, site, ring)
