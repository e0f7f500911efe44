"""Land use of every parcel (DLBM) and the other DLTB attributes that follow from place.

About 60 % of the county's area is farmland: strips, towns, settlements and hills get their own
mixes; the plain takes the rest, and the share of the plain left as farmland is calibrated so
that farmland (by planar area) is FARMLAND_SHARE of the county.
"""

from __future__ import annotations

import numpy as np

from . import codes
from .geometry import CountyGeometry
from .rand import stream
from .shapes import Field

FARMLAND_SHARE = 0.60


def assign_dlbm(geo: CountyGeometry, seed: int) -> np.ndarray:
    plan = geo.plan
    rng = stream(seed, "landuse")
    n = len(geo.parcel_area)
    x, y = geo.parcel_centre[:, 0], geo.parcel_centre[:, 1]
    dlbm = np.full(n, "", dtype=object)
    strip = geo.parcel_strip
    is_strip = strip >= 0
    dlbm[is_strip] = np.array([s.dlbm for s in plan.strips], dtype=object)[strip[is_strip]]
    town = plan.in_towns(x, y)
    settle = plan.in_settlements(x, y)
    hill = plan.hill(x, y)
    zone_urban = ~is_strip & (town >= 0)
    zone_settle = ~is_strip & ~zone_urban & (settle >= 0)
    zone_hill = ~is_strip & ~zone_urban & ~zone_settle & (hill > 0.5)
    zone_plain = ~is_strip & ~zone_urban & ~zone_settle & ~zone_hill
    for zone, mix in ((zone_urban, codes.URBAN), (zone_settle, codes.SETTLEMENT), (zone_hill, codes.HILLS)):
        dlbm[zone] = codes.weighted(rng, mix, int(zone.sum()))
    # the plain: farmland unless picked for the other mix, calibrated on area
    area = geo.parcel_area
    farmland_now = np.isin(dlbm, codes.FARMLAND)
    need = FARMLAND_SHARE * area.sum() - area[farmland_now].sum()
    plain = np.flatnonzero(zone_plain)
    score = rng.uniform(0, 1, len(plain))
    # a random share of the plain, by area, gets the other mix (ponds, orchards, sheds, tree belts…)
    order = plain[np.argsort(score, kind="stable")]
    spare = area[plain].sum() - max(need, 0.0)
    cum = np.cumsum(area[order])
    other = order[: int(np.searchsorted(cum, spare))]
    dlbm[other] = codes.weighted(rng, codes.PLAIN_OTHER, len(other))
    crop = np.setdiff1d(plain, other)
    river = plan.strips[0]
    d_river = np.abs(-np.sin(river.angle) * (x - river.ox) + np.cos(river.angle) * (y - river.oy))
    wet = Field.random(rng, 2500.0)
    p_paddy = np.clip(0.85 - d_river[crop] / 2500.0 + 0.25 * wet(x[crop], y[crop]), 0.0, 0.9)
    u = rng.uniform(0, 1, len(crop))
    dry = rng.uniform(0, 1, len(crop)) < 0.08 + 0.6 * hill[crop]
    dlbm[crop] = np.where(u < p_paddy, "0101", np.where(dry, "0103", "0102"))
    return dlbm


def attributes(geo: CountyGeometry, dlbm: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """Place-driven DLTB attributes: slope, terrace type, KCXS, GDDB, planting, refinement, CZCSXM,
    ownership and width (codes; names are added by the caller)."""
    plan = geo.plan
    rng = stream(seed, "attrs")
    n = len(dlbm)
    x, y = geo.parcel_centre[:, 0], geo.parcel_centre[:, 1]
    hill = plan.hill(x, y)
    farm = np.isin(dlbm, codes.FARMLAND)
    f_slope, f_type, f_grade = (Field.random(rng, w) for w in (1800.0, 1200.0, 3500.0))
    slope = 1.0 + 0.9 * (f_slope(x, y) + 1.0) + 24.0 * hill + rng.normal(0, 0.6, n)
    level = np.digitize(slope, [2.0, 6.0, 15.0, 25.0]) + 1
    gdpdjb = np.where(farm, level.astype(str).astype(object), "")
    gdlx = np.where(farm & (level >= 2), np.where(f_type(x, y) > -0.2, "TT", "PD"), "").astype(object)
    kcxs = np.array([codes.KCXS.get((a, b), 0.0) if f else 0.0 for a, b, f in zip(gdpdjb, gdlx, farm)])
    grade = 4.0 + 6.0 * hill + 2.2 * f_grade(x, y) + rng.normal(0, 0.5, n) - 1.0 * (dlbm == "0101")
    gddb = np.where(farm, np.clip(np.rint(grade), 1, 15), 0).astype(np.int64)
    zzsx = np.full(n, "", dtype=object)
    zzsx[farm] = codes.weighted(rng, codes.ZZSX_FARMLAND, int(farm.sum()))
    restorable = np.isin(dlbm, ("0201", "0204", "0301", "0307", "1104", "1104A")) & (hill < 0.5)
    pick = restorable & (rng.uniform(0, 1, n) < 0.35)
    zzsx[pick] = np.where(rng.uniform(0, 1, int(pick.sum())) < 0.6, "JKHF", "GCHF")
    river = plan.strips[0]
    d_river = np.abs(-np.sin(river.angle) * (x - river.ox) + np.cos(river.angle) * (y - river.oy))
    tbxh = np.full(n, "", dtype=object)
    tbxh[farm & (d_river < river.width / 2 + 350.0) & (rng.uniform(0, 1, n) < 0.6)] = "HDGD"
    tbxh[farm & (hill > 0.5) & (rng.uniform(0, 1, n) < 0.2)] = "LQGD"
    tbxh[np.isin(dlbm, ("0201", "0204")) & (hill > 0.5) & (rng.uniform(0, 1, n) < 0.3)] = "LQYD"
    # refined farmland must be planted (LS/FLS/LYFL)
    fix = np.isin(tbxh, ("HDGD", "LQGD")) & ~np.isin(zzsx, ("LS", "FLS", "LYFL"))
    zzsx[fix] = "LS"
    town = plan.in_towns(x, y)
    settle = plan.in_settlements(x, y)
    built = ~farm & ~np.isin(dlbm, ("1101", "1003", "1001", "1107", "1107A", "1006"))
    czcsx = np.full(n, "", dtype=object)
    czcsx[built & (settle >= 0)] = codes.CZCSX_VILLAGE
    czcsx[built & (town >= 0)] = codes.CZCSX_URBAN
    czcsx[(dlbm == "0601") & (town < 0)] = codes.CZCSX_VILLAGE_INDUSTRY
    state = np.isin(dlbm, ("1101", "1003", "1001", "1107A", "09")) | ((town >= 0) & ~farm)
    qsxz = np.where(state, "10", np.where(rng.uniform(0, 1, n) < 0.55, "31", "30")).astype(object)
    group = rng.integers(1, 9, n)
    widths = np.array([s.width for s in plan.strips])
    xzdwkd = np.where(geo.parcel_strip >= 0, np.round(widths[np.maximum(geo.parcel_strip, 0)], 1), 0.0)
    return {
        "GDPDJB": gdpdjb,
        "GDLX": gdlx,
        "KCXS": kcxs,
        "GDDB": gddb,
        "ZZSXDM": zzsx,
        "TBXHDM": tbxh,
        "CZCSXM": czcsx,
        "QSXZ": qsxz,
        "GROUP": group,
        "XZDWKD": xzdwkd,
    }
