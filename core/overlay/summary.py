"""SUMMARY rows: per site × zone × category (× land class × village × ownership for LANDUSE), with totals.

Every total is the group's control (see levelled.py) and every detail row a sum of levelled pieces,
so detail rows add up to their total to the cent, and LANDUSE + GAP adds up to the site.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..land_classes import land_class, normalise_code
from .levelled import LevelledPieces
from .records import (
    GAP,
    LANDUSE,
    SITE,
    UDB,
    UDB_OUT,
    ZONE_BUFFER,
    ZONE_SITE,
    OverlayInput,
)
from .units_of_land import ownership_name, village_codes, village_names


@dataclass(frozen=True)
class SummaryRow:
    """One row of the SUMMARY table; ``detail`` is False for a total row."""

    site: int
    zone: str
    category: str
    layer: str
    detail: bool
    pieces: int
    area_cents: int
    kcmj_cents: int = 0
    dlmj_cents: int = 0
    dlbm: str = ""
    dlmc: str = ""
    three_category: str = ""
    village_code: str = ""
    village_name: str = ""
    ownership: str = ""


@dataclass
class PieceDescriptions:
    """Derived text columns of every piece: DLBM as normalised, DLMC, 三大类, village, ownership."""

    dlbm: list[str]
    dlmc: list[str]
    three_category: list[str]
    village_code: list[str]
    village_name: list[str]
    ownership: list[str]


def describe_pieces(data: OverlayInput) -> PieceDescriptions:
    """Land class, village and ownership of each piece ('' for non-LANDUSE pieces)."""
    pieces = data.pieces
    text = pieces.text
    landuse = [c == LANDUSE for c in pieces.category]
    names = village_names(
        [z for z, is_lu in zip(text["zldwdm"], landuse) if is_lu],
        [m for m, is_lu in zip(text["zldwmc"], landuse) if is_lu],
    )
    dlbm, dlmc, three, village, village_name, owner = [], [], [], [], [], []
    class_cache: dict[str, tuple[str, str, str]] = {}
    owner_cache: dict[str, str] = {}
    villages = village_codes(text["zldwdm"])
    for i, is_lu in enumerate(landuse):
        if not is_lu:
            for column in (dlbm, dlmc, three, village, village_name, owner):
                column.append("")
            continue
        raw = text["dlbm"][i]
        if raw not in class_cache:
            code = normalise_code(raw)
            found = land_class(code)
            class_cache[raw] = (
                code,
                found.name if found else "",
                (found.three_category or "") if found else "",
            )
        code, name, category = class_cache[raw]
        dlbm.append(code)
        dlmc.append(name or text["dlmc"][i].strip())
        three.append(category)
        v = villages[i]
        village.append(v)
        village_name.append(names.get(v, ""))
        qsxz = text["qsxz"][i]
        if qsxz not in owner_cache:
            owner_cache[qsxz] = ownership_name(qsxz)
        owner.append(owner_cache[qsxz])
    return PieceDescriptions(dlbm, dlmc, three, village, village_name, owner)


def summarise(
    data: OverlayInput, levelled: LevelledPieces, described: Optional[PieceDescriptions] = None
) -> list[SummaryRow]:
    """All SUMMARY rows, site by site, in the order zone → SITE → layers as given."""
    described = described or describe_pieces(data)
    pieces = data.pieces
    by_group: dict[tuple, list[int]] = {}
    for i, key in enumerate(pieces.group_keys()):
        by_group.setdefault(key, []).append(i)
    rows: list[SummaryRow] = []
    zones = [ZONE_SITE] + ([ZONE_BUFFER] if levelled.zone_cents is not None else [])
    for site in range(len(data.sites)):
        for zone in zones:
            total = levelled.site_cents[site] if zone == ZONE_SITE else levelled.zone_cents[site]
            rows.append(SummaryRow(site, zone, SITE, "", False, 0, int(total), 0, int(total)))
            for layer in data.layers:
                if zone not in layer.zones:
                    continue
                if layer.category == LANDUSE:
                    rows += _landuse_rows(site, zone, layer.name, by_group, levelled, described)
                    continue
                rows.append(_total_row(site, zone, layer.category, layer.name, by_group, levelled))
                if layer.category == UDB:
                    rows.append(_total_row(site, zone, UDB_OUT, layer.name, by_group, levelled))
    return rows


def _total_row(site, zone, category, layer, by_group, levelled) -> SummaryRow:
    key = (site, zone, category, layer)
    members = by_group.get(key, [])
    if key in levelled.controls:
        area = int(levelled.controls[key])
    else:
        area = int(levelled.cents[members].sum()) if members else 0
    kcmj = int(levelled.kcmj[members].sum()) if members else 0
    return SummaryRow(site, zone, category, layer, False, len(members), area, kcmj, area - kcmj)


def _landuse_rows(site, zone, layer, by_group, levelled, described) -> list[SummaryRow]:
    rows = [_total_row(site, zone, LANDUSE, layer, by_group, levelled)]
    cells: dict[tuple[str, str, str], list[int]] = {}
    for i in by_group.get((site, zone, LANDUSE, layer), []):
        cells.setdefault((described.dlbm[i], described.village_code[i], described.ownership[i]), []).append(i)
    for (dlbm, village, owner), members in sorted(cells.items()):
        index = np.asarray(members, dtype=np.int64)
        first = members[0]
        rows.append(
            SummaryRow(
                site,
                zone,
                LANDUSE,
                layer,
                True,
                len(members),
                int(levelled.cents[index].sum()),
                int(levelled.kcmj[index].sum()),
                int(levelled.dlmj[index].sum()),
                dlbm,
                described.dlmc[first],
                described.three_category[first],
                village,
                described.village_name[first],
                owner,
            )
        )
    rows.append(_total_row(site, zone, GAP, layer, by_group, levelled))
    return rows
