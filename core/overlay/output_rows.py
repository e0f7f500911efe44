"""The PIECES, SUMMARY and VERDICT tables as field specs and plain rows (the QGIS side only writes them).

Field names are the public schema of the outputs; VERDICT carries the 占补平衡 demand fields XMBH,
XZQDM, PZRQ, GDMJ, STMJ, DB (and CN with a yield table) that ``farmland:compensationbalance`` reads as
DEMANDS. Areas: m² with 2 decimals, 公顷 with 4 (``_GQ``), 亩 with 2 (``_MU``), all from exact cents.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Callable, Optional

import numpy as np

from . import OverlayResult
from .figures import ha_of_cents, m2_of_cents, mu_of_cents
from .records import LANDUSE
from .verdict import RULE_ERL, RULE_EXTRA, RULE_FARMLAND, RULE_PBF, RULE_UDB

# (name, kind, length, precision); kind is "str", "int", "long" or "real"
FieldSpec = tuple[str, str, int, int]

TEXT_LIMIT = 254

_AREA: list[FieldSpec] = [("MJ", "real", 0, 2), ("MJ_GQ", "real", 0, 4), ("MJ_MU", "real", 0, 2)]
_NET: list[FieldSpec] = [
    ("KCMJ", "real", 0, 2),
    ("DLMJ", "real", 0, 2),
    ("DLMJ_GQ", "real", 0, 4),
    ("DLMJ_MU", "real", 0, 2),
]
_SITE: list[FieldSpec] = [("XMBH", "str", 60, 0), ("XMMC", "str", 254, 0)]

PIECE_FIELDS: list[FieldSpec] = [
    *_SITE,
    ("ZONE", "str", 10, 0),
    ("CATEGORY", "str", 10, 0),
    ("LAYER", "str", 254, 0),
    ("SRC_FID", "long", 0, 0),
    ("SRC_ID", "str", 60, 0),
    ("TBBH", "str", 20, 0),
    ("DLBM", "str", 5, 0),
    ("DLMC", "str", 60, 0),
    ("SDL", "str", 10, 0),
    ("ZLDWDM", "str", 19, 0),
    ("ZLDWMC", "str", 254, 0),
    ("CUNDM", "str", 19, 0),
    ("CUNMC", "str", 254, 0),
    ("QSXZ", "str", 2, 0),
    ("SYQXZ", "str", 4, 0),
    ("QSDWDM", "str", 19, 0),
    ("KCXS", "real", 0, 4),
    ("GDDB", "int", 0, 0),
    ("XF", "int", 0, 0),
    *_AREA,
    *_NET,
]

SUMMARY_FIELDS: list[FieldSpec] = [
    *_SITE,
    ("ZONE", "str", 10, 0),
    ("CATEGORY", "str", 10, 0),
    ("LAYER", "str", 254, 0),
    ("DETAIL", "int", 0, 0),
    ("DLBM", "str", 5, 0),
    ("DLMC", "str", 60, 0),
    ("SDL", "str", 10, 0),
    ("CUNDM", "str", 19, 0),
    ("CUNMC", "str", 254, 0),
    ("SYQXZ", "str", 4, 0),
    ("N", "int", 0, 0),
    *_AREA,
    *_NET,
]


def verdict_fields(with_capacity: bool) -> list[FieldSpec]:
    """VERDICT's fields; CN only when a grade → yield table was used."""
    fields: list[FieldSpec] = [
        *_SITE,
        ("XZQDM", "str", 6, 0),
        ("PZRQ", "str", 10, 0),
        ("XMMJ", "real", 0, 2),
        ("XMMJ_GQ", "real", 0, 4),
        ("XMMJ_MU", "real", 0, 2),
        ("YJJBNTMJ", "real", 0, 2),
        ("YJJBNT_GQ", "real", 0, 4),
        ("YJJBNT_JG", "str", 254, 0),
        ("STHXMJ", "real", 0, 2),
        ("STHX_GQ", "real", 0, 4),
        ("STHX_JG", "str", 254, 0),
        ("KFBJWMJ", "real", 0, 2),
        ("KFBJW_GQ", "real", 0, 4),
        ("KFBJ_JG", "str", 254, 0),
        ("GDMJ", "real", 0, 2),
        ("GDMJ_GQ", "real", 0, 4),
        ("GDMJ_MU", "real", 0, 2),
        ("STMJ", "real", 0, 2),
        ("SJDMJ", "real", 0, 2),
        ("HDMJ", "real", 0, 2),
        ("TKMJ", "real", 0, 2),
        ("DB", "real", 0, 2),
        ("WDBMJ", "real", 0, 2),
    ]
    if with_capacity:
        fields.append(("CN", "real", 0, 2))
    fields += [
        ("GD_JG", "str", 254, 0),
        ("QTYS", "str", 254, 0),
        ("QT_JG", "str", 254, 0),
        ("QKMJ", "real", 0, 2),
        ("CDXM", "str", 254, 0),
        ("CDMJ", "real", 0, 2),
        ("HCQ", "str", 254, 0),
        ("JL", "str", 254, 0),
        ("JL_DM", "str", 20, 0),
    ]
    return fields


def _areas(cents: int) -> list:
    return [m2_of_cents(int(cents)), ha_of_cents(int(cents)), mu_of_cents(int(cents))]


def _area_columns(cents: np.ndarray) -> tuple[list, list, list]:
    return m2_of_cents(cents).tolist(), ha_of_cents(cents).tolist(), mu_of_cents(cents).tolist()


def _optional(values: np.ndarray, keep: np.ndarray, as_int: bool = False) -> list:
    """values as Python numbers where ``keep`` and finite, else None."""
    mask = keep & np.isfinite(values)
    numbers = np.where(mask, values, 0).astype(np.int64 if as_int else np.float64).tolist()
    return [n if ok else None for n, ok in zip(numbers, mask.tolist())]


def clip(text: str, limit: int = TEXT_LIMIT) -> str:
    """Text cut to a field's length (lists of sites or layers can be long)."""
    return text if len(text) <= limit else text[: limit - 2] + " …"


def piece_rows(result: OverlayResult) -> Iterator[tuple]:
    """One row per piece, in PIECE_FIELDS order, in piece order."""
    pieces, levelled, described = result.data.pieces, result.levelled, result.described
    n = len(pieces)
    if n == 0:
        return iter(())
    sites = result.data.sites
    site_index = pieces.site.tolist()
    landuse = np.fromiter((c == LANDUSE for c in pieces.category), dtype=bool, count=n)
    m2, ha, mu = _area_columns(levelled.cents)
    net_m2, net_ha, net_mu = _area_columns(levelled.dlmj)
    text = pieces.text
    return zip(
        [sites[s].site_id for s in site_index],
        [sites[s].name for s in site_index],
        pieces.zone,
        pieces.category,
        pieces.layer,
        pieces.src_fid,
        text["src_id"],
        text["tbbh"],
        described.dlbm,
        described.dlmc,
        described.three_category,
        text["zldwdm"],
        text["zldwmc"],
        described.village_code,
        described.village_name,
        text["qsxz"],
        described.ownership,
        text["qsdwdm"],
        _optional(pieces.kcxs, landuse),
        _optional(pieces.gddb, np.ones(n, dtype=bool), as_int=True),
        pieces.repaired.astype(np.int64).tolist(),
        m2,
        ha,
        mu,
        m2_of_cents(levelled.kcmj).tolist(),
        net_m2,
        net_ha,
        net_mu,
    )


def summary_rows(result: OverlayResult) -> list[list]:
    """One row per SummaryRow, in SUMMARY_FIELDS order."""
    sites = result.data.sites
    rows = []
    for row in result.summary:
        site = sites[row.site]
        rows.append(
            [
                site.site_id,
                site.name,
                row.zone,
                row.category,
                row.layer,
                int(row.detail),
                row.dlbm,
                row.dlmc,
                row.three_category,
                row.village_code,
                row.village_name,
                row.ownership,
                row.pieces,
                *_areas(row.area_cents),
                m2_of_cents(row.kcmj_cents),
                *_areas(row.dlmj_cents),
            ]
        )
    return rows


def _m2(cents: Optional[int]) -> Optional[float]:
    return None if cents is None else m2_of_cents(int(cents))


def _ha(cents: Optional[int]) -> Optional[float]:
    return None if cents is None else ha_of_cents(int(cents))


def verdict_rows(
    result: OverlayResult,
    rule_text: Callable[[str, str], str],
    status_text: Callable[[str], str],
    with_capacity: bool,
) -> list[list]:
    """One row per site, in ``verdict_fields(with_capacity)`` order; texts from the two callables."""
    rows = []
    for v in result.verdicts:
        st = v.statuses
        extra = "; ".join("{}: {:.2f}".format(name, cents / 100) for name, cents in v.extra if cents)
        buffer = "; ".join("{}: {:.2f}".format(name, cents / 100) for _, name, cents in v.buffer if cents)
        farmland_mu = None if v.farmland_cents is None else mu_of_cents(v.farmland_cents)
        row = [v.site_id, v.name, v.county_code, v.approval_date, *_areas(v.site_cents)]
        row += [_m2(v.pbf_cents), _ha(v.pbf_cents), rule_text(RULE_PBF, st[RULE_PBF])]
        row += [_m2(v.erl_cents), _ha(v.erl_cents), rule_text(RULE_ERL, st[RULE_ERL])]
        row += [_m2(v.udb_outside_cents), _ha(v.udb_outside_cents), rule_text(RULE_UDB, st[RULE_UDB])]
        row += [_m2(v.farmland_cents), _ha(v.farmland_cents), farmland_mu]
        row += [_m2(v.paddy_cents), _m2(v.irrigated_cents), _m2(v.dry_cents), _m2(v.terrace_cents)]
        row += [v.gddb, _m2(v.ungraded_cents)]
        if with_capacity:
            row.append(v.capacity_kg)
        row += [
            rule_text(RULE_FARMLAND, st[RULE_FARMLAND]),
            clip(extra),
            rule_text(RULE_EXTRA, st[RULE_EXTRA]),
        ]
        row += [_m2(v.gap_cents), clip(",".join(v.overlap_sites)), m2_of_cents(v.overlap_cents), clip(buffer)]
        row += [status_text(v.overall), v.overall]
        rows.append(row)
    return rows
