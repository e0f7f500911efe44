"""The data the overlay core works on: sites, measured pieces and the per-group control areas.

The QGIS side (engine/overlay.py) cuts geometries and measures them; everything here is plain
Python + numpy so that levelling, tables and verdicts are testable without QGIS.

A *group* is one site × zone × category × layer (``GroupKey``). Its pieces are levelled together to
the group's control area: for LANDUSE the site's area inside the land-use layer, for a constraint
layer the area of the union of its features inside the site (overlaps counted once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

import numpy as np

# zones: the site itself and the optional tolerance ring around it (BUFFER parameter)
ZONE_SITE = "SITE"
ZONE_BUFFER = "BUFFER"
ZONES = (ZONE_SITE, ZONE_BUFFER)

# categories of pieces and summary rows
SITE = "SITE"  # the site's own area (summary only)
LANDUSE = "LANDUSE"  # site ∩ DLTB parcel
GAP = "GAP"  # part of the site not covered by LANDUSE (data gap)
PBF = "PBF"  # 永久基本农田
ERL = "ERL"  # 生态保护红线
UDB = "UDB"  # 城镇开发边界 (inside)
UDB_OUT = "UDB_OUT"  # part of the site outside 城镇开发边界
EXTRA = "EXTRA"  # any other constraint layer, reported by layer name
CONSTRAINTS = (PBF, ERL, UDB, EXTRA)
CATEGORIES = (SITE, LANDUSE, GAP, PBF, ERL, UDB, UDB_OUT, EXTRA)

GroupKey = tuple  # (site index, zone, category, layer name)

# attribute columns a LANDUSE piece carries (text); numeric ones are kcxs / gddb below
TEXT_COLUMNS = ("src_id", "tbbh", "dlbm", "dlmc", "zldwdm", "zldwmc", "qsxz", "qsdwdm")


@dataclass(frozen=True)
class Site:
    """One project site (红线). ``county_code`` and ``approval_date`` come from the site layer ('' if none)."""

    site_id: str
    name: str = ""
    county_code: str = ""
    approval_date: str = ""


@dataclass(frozen=True)
class LayerInfo:
    """A layer that was overlaid: its category, display name and the zones it was checked in."""

    category: str
    name: str
    zones: tuple[str, ...] = (ZONE_SITE,)

    def __post_init__(self) -> None:
        if self.category not in (LANDUSE, *CONSTRAINTS):
            raise ValueError("not an overlay layer category: {!r}".format(self.category))
        bad = [z for z in self.zones if z not in ZONES]
        if bad:
            raise ValueError("unknown zone(s) {}".format(bad))


@dataclass
class PieceTable:
    """Pieces of site ∩ layer, column by column, in the order the engine produced them.

    ``area_m2`` holds the unrounded official (32号) area of every piece. LANDUSE pieces carry the
    parcel's attributes; other pieces leave them blank. ``kcxs`` / ``gddb`` are NaN where unknown.
    """

    site: np.ndarray
    zone: list[str]
    category: list[str]
    layer: list[str]
    area_m2: np.ndarray
    src_fid: list[Optional[int]]
    text: dict[str, list[str]]
    kcxs: np.ndarray
    gddb: np.ndarray
    repaired: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.zone)
        self.site = np.asarray(self.site, dtype=np.int64).reshape(-1)
        self.area_m2 = np.asarray(self.area_m2, dtype=np.float64).reshape(-1)
        self.kcxs = np.asarray(self.kcxs, dtype=np.float64).reshape(-1)
        self.gddb = np.asarray(self.gddb, dtype=np.float64).reshape(-1)
        self.repaired = np.asarray(self.repaired, dtype=bool).reshape(-1)
        sizes = {
            "site": self.site.size,
            "category": len(self.category),
            "layer": len(self.layer),
            "area_m2": self.area_m2.size,
            "src_fid": len(self.src_fid),
            "kcxs": self.kcxs.size,
            "gddb": self.gddb.size,
            "repaired": self.repaired.size,
        }
        sizes.update({name: len(self.text.get(name, ())) for name in TEXT_COLUMNS})
        wrong = {k: v for k, v in sizes.items() if v != n}
        if wrong:
            raise ValueError("piece columns differ in length from zone ({}): {}".format(n, wrong))
        if n and not np.all(np.isfinite(self.area_m2)):
            raise ValueError("piece areas must be finite")

    def __len__(self) -> int:
        return len(self.zone)

    def set(
        self, index: int, kcxs: Optional[float] = None, gddb: Optional[float] = None, **text: str
    ) -> None:
        """Set attributes of one piece (text columns by name, KCXS / GDDB as numbers)."""
        unknown = set(text) - set(TEXT_COLUMNS)
        if unknown:
            raise ValueError("unknown piece columns: {}".format(sorted(unknown)))
        for name, value in text.items():
            self.text[name][index] = value or ""
        if kcxs is not None:
            self.kcxs[index] = kcxs
        if gddb is not None:
            self.gddb[index] = gddb

    def group_keys(self) -> list[GroupKey]:
        """(site, zone, category, layer) of every piece."""
        return list(zip(self.site.tolist(), self.zone, self.category, self.layer))


class PieceTableBuilder:
    """Collects pieces one by one; attributes and areas are filled in bulk (see :meth:`build`)."""

    def __init__(self) -> None:
        self._site: list[int] = []
        self._zone: list[str] = []
        self._category: list[str] = []
        self._layer: list[str] = []
        self._fid: list[Optional[int]] = []
        self._repaired: list[bool] = []

    def __len__(self) -> int:
        return len(self._zone)

    def add(
        self,
        site: int,
        zone: str,
        category: str,
        layer: str,
        src_fid: Optional[int] = None,
        repaired: bool = False,
    ) -> int:
        """Append one piece; returns its index."""
        self._site.append(site)
        self._zone.append(zone)
        self._category.append(category)
        self._layer.append(layer)
        self._fid.append(src_fid)
        self._repaired.append(repaired)
        return len(self._zone) - 1

    def build(self, area_m2: np.ndarray) -> PieceTable:
        """The table with the pieces' unrounded official areas (same order as added); text columns
        blank and kcxs/gddb NaN until the caller fills them."""
        n = len(self._zone)
        return PieceTable(
            site=np.asarray(self._site, dtype=np.int64),
            zone=list(self._zone),
            category=list(self._category),
            layer=list(self._layer),
            area_m2=np.asarray(area_m2, dtype=np.float64),
            src_fid=list(self._fid),
            text={name: [""] * n for name in TEXT_COLUMNS},
            kcxs=np.full(n, np.nan),
            gddb=np.full(n, np.nan),
            repaired=np.asarray(self._repaired, dtype=bool),
        )


@dataclass
class OverlayInput:
    """Everything the core needs: sites with their areas, pieces, controls, and what was checked.

    ``controls`` maps a GroupKey to the unrounded area (m²) its pieces must add up to: for LANDUSE
    the site's area inside the layer, for constraint layers the area of the union of the layer's
    features inside the site (or zone). Groups without an entry are levelled to nothing (their
    rounded sum stands). ``zone_area_m2`` holds the buffer rings' areas, when a BUFFER was asked.
    """

    sites: list[Site]
    site_area_m2: np.ndarray
    pieces: PieceTable
    controls: dict
    layers: list[LayerInfo]
    zone_area_m2: Optional[np.ndarray] = None
    overlaps: dict = field(default_factory=dict)  # site index -> (other site indices, overlap m²)

    def __post_init__(self) -> None:
        self.site_area_m2 = np.asarray(self.site_area_m2, dtype=np.float64).reshape(-1)
        if self.site_area_m2.size != len(self.sites):
            raise ValueError("site_area_m2 needs one area per site")
        if self.zone_area_m2 is not None:
            self.zone_area_m2 = np.asarray(self.zone_area_m2, dtype=np.float64).reshape(-1)
            if self.zone_area_m2.size != len(self.sites):
                raise ValueError("zone_area_m2 needs one area per site")
        if len(self.pieces) and (self.pieces.site.min() < 0 or self.pieces.site.max() >= len(self.sites)):
            raise ValueError("a piece refers to a site that does not exist")
