"""Attribute-only tables: the 补充耕地 ledger BCGD and the 田长 roster TZ."""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from . import codes
from .admin import Admin
from .rand import stream

# synthetic 标准粮食产能 per 亩 by 等别 (kg): better grade, more grain
YIELD_KG_PER_MU = {db: 1100.0 - 45.0 * (db - 1) for db in range(1, 16)}
M2_PER_MU = 10000.0 / 15.0

BCGD_TYPES = ("土地开发", "土地整理", "土地复垦", "高标准农田建设新增耕地", "耕地恢复", "提质改造")


def ledger(n_parcels: int, seed: int) -> list[dict]:
    """~30 补充耕地 records (more for large counties): own county, same city, same province."""
    rng = stream(seed, "ledger")
    n = max(30, round(30 * math.sqrt(n_parcels / 20000)))
    rows = []
    for i in range(n):
        u = rng.uniform()
        if u < 0.6:
            county = codes.COUNTY_CODE
        elif u < 0.85:
            county = codes.CITY_COUNTIES[int(rng.integers(0, len(codes.CITY_COUNTIES)))]
        else:
            county = codes.PROVINCE_COUNTIES[int(rng.integers(0, len(codes.PROVINCE_COUNTIES)))]
        rk = dt.date(2016, 1, 1) + dt.timedelta(days=int(rng.integers(0, 3650)))
        z = rng.uniform()
        status = "可用" if z < 0.7 else ("已核销" if z < 0.88 else "冻结")
        db = int(rng.integers(3, 12))
        gdmj = float(np.round(rng.uniform(2e4, 6e5), 2))
        stmj = float(np.round(gdmj * rng.uniform(0, 0.6), 2)) if rng.uniform() < 0.55 else 0.0
        cn = float(np.round(gdmj / M2_PER_MU * YIELD_KG_PER_MU[db], 2))
        if status == "已核销":
            left = 0.0
        elif status == "冻结":
            left = 1.0
        else:
            left = float(rng.choice([1.0, 1.0, rng.uniform(0.2, 0.95)]))
        kind = BCGD_TYPES[int(rng.integers(0, len(BCGD_TYPES)))]
        rows.append(
            {
                "ZBBH": "BC{}{}{:04d}".format(county, rk.year, i + 1),
                "XMMC": "{}{}年{}项目（{}）".format(_place(county), rk.year, kind, i + 1),
                "XZQDM": county,
                "XMLX": kind,
                "RKRQ": rk.isoformat(),
                "ZT": status,
                "GDMJ": gdmj,
                "STMJ": stmj,
                "CN": cn,
                "SYGDMJ": float(np.round(gdmj * left, 2)),
                "SYSTMJ": float(np.round(stmj * left, 2)),
                "SYCN": float(np.round(cn * left, 2)),
                "DB": db,
                "YSWH": "{}自然资〔{}〕{}号".format(
                    "县" if county == codes.COUNTY_CODE else "市", rk.year, 10 + i
                ),
            }
        )
    return rows


def _place(county: str) -> str:
    """A readable owner for a record: this county, or a synthetic name built from the code."""
    if county == codes.COUNTY_CODE:
        return codes.COUNTY_NAME
    if county.startswith(codes.CITY_CODE[:4]):
        return "{}{}县".format(codes.CITY_NAME, county[4:])
    return "{}{}县".format(codes.PROVINCE_NAME, county[2:])


def roster(admin: Admin, seed: int) -> list[dict]:
    """田长 roster: county, township and village 田长 and 网格员 per grid (2–4 grids a village)."""
    rng = stream(seed, "roster")
    rows = []
    county12 = codes.COUNTY_CODE + "000000"
    names = iter(codes.person_names(rng, 20 + 2 * len(admin.township_code) + 8 * len(admin.village_code)))
    phones = iter(codes.phones(rng, 20 + 2 * len(admin.township_code) + 8 * len(admin.village_code)))

    def add(cjdm: str, jb: str, zw: str, dwmc: str, wgbh: str | None = None) -> None:
        rows.append(
            {
                "CJDM": cjdm,
                "JB": jb,
                "XM": next(names),
                "ZW": zw,
                "DH": next(phones),
                "DWMC": dwmc,
                "WGBH": wgbh,
            }
        )

    add(county12, "县", "县长（县级总田长）", codes.COUNTY_NAME)
    add(county12, "县", "副县长（县级副田长）", codes.COUNTY_NAME)
    for t, code in enumerate(admin.township_code):
        name = admin.township_name[t]
        add(code + "000", "乡", ("镇长" if name.endswith("镇") else "乡长") + "（乡级田长）", name)
    for v, code in enumerate(admin.village_code):
        name = admin.village_name[v]
        head = "社区主任" if name.endswith("社区") else "村党支部书记"
        add(code, "村", head + "（村级田长）", name)
        for g in range(int(rng.integers(2, 5))):
            add(code, "网格", "网格员", name, "{}{:02d}".format(code, g + 1))
    return rows
