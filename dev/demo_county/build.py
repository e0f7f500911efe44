"""Assemble every layer of the demo county and write it; returns a summary."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from . import areas, codes, landuse, overlays, schema, tables, yjjbnt
from .admin import Admin, make_admin
from .dirty import make_dirty
from .geometry import CountyGeometry, build
from .wkbio import feature_bbox, feature_wkb
from .writer import Layer, write_gbk_shapefiles, write_gpkg

TITLES = {
    "XZQ": ("行政区（乡级）", "乡镇级行政区，调查面积 DCMJ = 所辖村级调查区 DCMJ 之和"),
    "CJDCQ": ("村级调查区", "村级调查区（一村一图的村界），DCMJ = 所辖图斑 TBMJ 之和"),
    "DLTB": ("地类图斑", "三调地类图斑，TBMJ 为椭球面积（国土调查办发〔2008〕32号），四舍五入到 0.01 平方米"),
    "YJJBNTTB": ("永久基本农田图斑", "永久基本农田保护图斑，边界与地类图斑不完全重合"),
    "GDBHMB": ("耕地保护目标", "耕地保护目标图斑（地类图斑中的耕地）"),
    "STBHHX": ("生态保护红线", "生态保护红线，部分图斑含内环（洞）"),
    "CZKFBJ": ("城镇开发边界", "城镇开发边界：城镇集中建设区、城镇弹性发展区、特别用途区"),
    "JSXMYD": (
        "建设项目用地",
        "建设项目用地范围（含线性工程，部分占用永久基本农田、生态保护红线或位于城镇开发边界外）",
    ),
    "BCGD": ("补充耕地指标台账", "补充耕地指标库（面积、水田、产能三类指标，单位 平方米 / 公斤）"),
    "TZ": ("田长名录", "县、乡、村三级田长与网格员名录（姓名、电话均为虚构）"),
}


def _layer(name: str, fields, rows: list[dict], geoms) -> Layer:
    title, text = TITLES[name]
    names = [f.name for f in fields]
    return Layer(
        name,
        "{}（{}）".format(title, codes.COUNTY_NAME),
        "{}。{}".format(text, codes.SYNTHETIC),
        fields,
        [tuple(map(row.get, names)) for row in rows],
        geoms,
    )


def _geom_pairs(features, boxes: np.ndarray | None = None) -> list:
    if boxes is None:
        return [(feature_wkb(f), feature_bbox(f)) for f in features]
    return [(feature_wkb(f), tuple(b)) for f, b in zip(features, boxes.tolist())]


def _qgis_pairs(geoms) -> list:
    out = []
    for g in geoms:
        box = g.boundingBox()
        out.append((bytes(g.asWkb()), (box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum())))
    return out


def _rings_of(items) -> list:
    """Features as numpy rings ([[outer, *holes], ...]) from (QgsGeometry, attrs) pairs."""
    out = []
    for g, _attrs in items:
        out.append(
            [[np.array([(p.x(), p.y()) for p in ring[:-1]]) for ring in poly] for poly in g.asMultiPolygon()]
        )
    return out


def _none(value):
    return value if value not in ("", None) else None


def dltb_columns(
    geo: CountyGeometry, admin: Admin, dlbm: np.ndarray, attrs: dict, tbmj: np.ndarray
) -> list[dict]:
    kcxs = attrs["KCXS"]
    kcmj, tbdlmj = areas.deduct(tbmj, kcxs)
    village = geo.parcel_village
    first = np.zeros(len(admin.village_code), dtype=np.int64)
    seen = np.r_[True, village[1:] != village[:-1]]
    first[village[seen]] = np.flatnonzero(seen)
    linear = np.isin(dlbm, ("1001", "1003", "1006", "1107", "1107A"))
    rows = []
    for i in range(len(dlbm)):
        v = int(village[i])
        tbbh = i - int(first[v]) + 1
        vcode, vname = admin.village_code[v], admin.village_name[v]
        qsxz = attrs["QSXZ"][i]
        if qsxz == "31":
            grp = int(attrs["GROUP"][i])
            qsdwdm, qsdwmc = "{}{:03d}0000".format(vcode, grp), "{}第{}村民小组".format(vname, grp)
        elif qsxz == "30":
            qsdwdm, qsdwmc = vcode + "0000000", vname + "农民集体"
        else:
            qsdwdm, qsdwmc = vcode + "0000000", vname
        farm = dlbm[i] in codes.FARMLAND
        rows.append(
            {
                "BSM": "{}2001{:08d}".format(codes.COUNTY_CODE, i + 1),
                "YSDM": "2001010100",
                "TBYBH": "{:08d}".format(tbbh),
                "TBBH": str(tbbh),
                "DLBM": dlbm[i],
                "DLMC": codes.DLMC[dlbm[i]],
                "QSXZ": qsxz,
                "QSDWDM": qsdwdm,
                "QSDWMC": qsdwmc,
                "ZLDWDM": vcode + "0000000",
                "ZLDWMC": vname,
                "TBMJ": float(tbmj[i]),
                "KCDLBM": "1203" if farm and kcxs[i] > 0 else None,
                "KCXS": float(kcxs[i]),
                "KCMJ": float(kcmj[i]),
                "TBDLMJ": float(tbdlmj[i]),
                "GDLX": _none(attrs["GDLX"][i]),
                "GDPDJB": _none(attrs["GDPDJB"][i]),
                "XZDWKD": float(attrs["XZDWKD"][i]) if linear[i] else 0.0,
                "TBXHDM": _none(attrs["TBXHDM"][i]),
                "TBXHMC": codes.TBXH.get(attrs["TBXHDM"][i]),
                "ZZSXDM": _none(attrs["ZZSXDM"][i]),
                "ZZSXMC": codes.ZZSX.get(attrs["ZZSXDM"][i]),
                "GDDB": int(attrs["GDDB"][i]) if farm else None,
                "FRDBS": "0",
                "CZCSXM": _none(attrs["CZCSXM"][i]),
                "SJNF": codes.SURVEY_YEAR,
                "MSSM": "00",
            }
        )
    return rows


def _yjjbnt_rows(geo, admin, dltb, cluster, feats, seed) -> list[dict]:
    mj = areas.official(areas.ellipsoidal(feats, geo.epsg))
    n = len(feats)
    # the attributes come from the cluster's largest parcel
    idx = np.flatnonzero(cluster >= 0)
    order = idx[np.lexsort((-geo.parcel_area[idx], cluster[idx]))]
    lead = np.full(n, -1, dtype=np.int64)
    first = np.r_[True, cluster[order][1:] != cluster[order][:-1]]
    lead[cluster[order][first]] = order[first]
    kcxs = np.array([dltb[int(p)]["KCXS"] for p in lead])
    kcmj, net = areas.deduct(mj, kcxs)
    rng = np.random.default_rng([seed, 99])
    names = codes.person_names(rng, n)
    phones = codes.phones(rng, n)
    count: dict[int, int] = {}
    rows = []
    for c in range(n):
        src = dltb[int(lead[c])]
        v = int(geo.parcel_village[lead[c]])
        count[v] = count.get(v, 0) + 1
        gddb = src["GDDB"]
        rows.append(
            {
                "BSM": "{}3001{:08d}".format(codes.COUNTY_CODE, c + 1),
                "YSDM": "2005010100",
                "XZQDM": admin.village_code[v],
                "XZQMC": admin.village_name[v],
                "YJJBNTTBBH": "{}{:04d}".format(admin.village_code[v], count[v]),
                "TBBH": src["TBBH"],
                **{
                    k: src[k]
                    for k in (
                        "DLBM",
                        "DLMC",
                        "QSXZ",
                        "QSDWDM",
                        "QSDWMC",
                        "ZLDWDM",
                        "ZLDWMC",
                        "KCDLBM",
                        "KCXS",
                        "GDLX",
                        "GDPDJB",
                        "TBXHDM",
                        "TBXHMC",
                        "ZZSXDM",
                        "ZZSXMC",
                        "GDDB",
                        "FRDBS",
                    )
                },
                "YJJBNTTBMJ": float(mj[c]),
                "KCMJ": float(kcmj[c]),
                "YJJBNTMJ": float(net[c]),
                "GDDJ": int(min(10, max(1, round(gddb * 10 / 15)))) if gddb else None,
                "SJNF": codes.SURVEY_YEAR,
                "ZMC": src["QSDWMC"] if src["QSXZ"] == "31" else None,
                "ZRRMC": names[c],
                "LXDH": phones[c],
                "BHKSSJ": "2022-10-01",
                "BHJSSJ": "2035-12-31",
                "WDGD": "是",
                "SFWYYJJBNT": "是" if (c * 7919) % 10 else "否",
            }
        )
    return rows


def generate(
    out: Path,
    n_parcels: int = 20000,
    seed: int = 1,
    prefixed: bool = False,
    dirty: bool = False,
    gbk_dir: Path | None = None,
) -> dict:
    """Build the county and write ``out`` (GeoPackage); return a summary dict."""
    times: dict[str, float] = {}
    t0 = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal t0
        now = time.perf_counter()
        times[name] = round(now - t0, 2)
        t0 = now

    geo = build(n_parcels, seed, prefixed)
    lap("geometry")
    times.update({"geometry." + k: v for k, v in geo.seconds.items()})
    admin = make_admin(geo.plan, geo.village_township, seed)
    dlbm = landuse.assign_dlbm(geo, seed)
    attrs = landuse.attributes(geo, dlbm, seed)
    tbmj = areas.official(areas.ellipsoidal(geo.parcels, geo.epsg))
    dltb = dltb_columns(geo, admin, dlbm, attrs, tbmj)
    lap("parcels")
    county_g = overlays.qgeom(geo.county)
    zones = overlays.town_zones(geo, admin, county_g)
    towns_union = None
    for g, _a in zones:
        towns_union = g if towns_union is None else towns_union.combine(g)
    red = overlays.red_lines(geo, county_g, towns_union, seed)
    sites = overlays.project_sites(geo, admin, county_g, red, seed)
    lap("overlays")
    farm = np.isin(dlbm, codes.FARMLAND)
    x, y = geo.parcel_centre[:, 0], geo.parcel_centre[:, 1]
    in_town_zone = np.zeros(len(dlbm), dtype=bool)
    for town in geo.plan.towns:
        for blob in (town.core, town.flexible, town.special):
            if blob is not None:
                in_town_zone |= blob.contains(x, y)
    in_red = _inside(geo, [g for g, _a in red])
    chosen = yjjbnt.choose(geo, farm, in_town_zone | in_red, seed)
    cluster = yjjbnt.clusters(geo, chosen, seed)
    patches, patch_boxes = yjjbnt.patches(geo, cluster, seed)
    yj_rows = _yjjbnt_rows(geo, admin, dltb, cluster, patches, seed)
    lap("yjjbnt")
    # control areas: village DCMJ = Σ TBMJ; township DCMJ = Σ village DCMJ
    v_dcmj = np.bincount(
        geo.parcel_village, weights=np.asarray(tbmj) * 100, minlength=len(admin.village_code)
    )
    v_dcmj = np.round(v_dcmj) / 100.0
    v_jsmj = areas.official(areas.ellipsoidal(geo.villages, geo.epsg))
    t_dcmj = np.round(
        np.bincount(admin.village_township, weights=v_dcmj * 100, minlength=len(admin.township_code))
    )
    t_dcmj = t_dcmj / 100.0
    t_jsmj = areas.official(areas.ellipsoidal(geo.townships, geo.epsg))
    xzq_rows = [
        {
            "BSM": "{}1000{:08d}".format(codes.COUNTY_CODE, t + 1),
            "YSDM": "1000600100",
            "XZQDM": admin.township_code[t],
            "XZQMC": admin.township_name[t],
            "DCMJ": float(t_dcmj[t]),
            "JSMJ": float(t_jsmj[t]),
            "MSSM": "00",
        }
        for t in range(len(admin.township_code))
    ]
    cj_rows = [
        {
            "BSM": "{}1001{:08d}".format(codes.COUNTY_CODE, v + 1),
            "YSDM": "1000600200",
            "ZLDWDM": admin.zldwdm(v),
            "ZLDWMC": admin.village_name[v],
            "DCMJ": float(v_dcmj[v]),
            "JSMJ": float(v_jsmj[v]),
            "MSSM": "00",
        }
        for v in range(len(admin.village_code))
    ]
    gd_rows = [
        dict(dltb[i], BSM="{}3002{:08d}".format(codes.COUNTY_CODE, k + 1), YSDM="2005020100")
        for k, i in enumerate(np.flatnonzero(farm))
    ]
    red_pairs = _qgis_pairs([g for g, _a in red])
    red_mj = areas.official(areas.ellipsoidal(_rings_of(red), geo.epsg))
    red_rows = [
        dict(
            a,
            BSM="{}3003{:08d}".format(codes.COUNTY_CODE, i + 1),
            YSDM="2004010100",
            XZQDM=codes.COUNTY_CODE,
            XZQMC=codes.COUNTY_NAME,
            SHENG=codes.PROVINCE_NAME,
            SHI=codes.CITY_NAME,
            XIAN=codes.COUNTY_NAME,
            HXBM="{}HX{:04d}".format(codes.COUNTY_CODE, i + 1),
            MJ=float(red_mj[i]),
            GKCS="按生态保护红线管控要求，原则上禁止开发性、生产性建设活动",
            SZXJXZQDM=codes.COUNTY_CODE,
            SZXJXZQMC=codes.COUNTY_NAME,
        )
        for i, (_g, a) in enumerate(red)
    ]
    zone_pairs = _qgis_pairs([g for g, _a in zones])
    zone_mj = areas.official(areas.ellipsoidal(_rings_of(zones), geo.epsg))
    zone_rows = [
        dict(a, BSM="{}3004{:08d}".format(codes.COUNTY_CODE, i + 1), YSDM="2004020100", MJ=float(zone_mj[i]))
        for i, (_g, a) in enumerate(zones)
    ]
    site_pairs = _qgis_pairs([g for g, _a in sites])
    site_mj = areas.official(areas.ellipsoidal(_rings_of(sites), geo.epsg))
    site_rows = [
        dict(
            a,
            XZQDM=codes.COUNTY_CODE,
            XZQMC=codes.COUNTY_NAME,
            YDMJ=float(site_mj[i]),
            BZ=_site_note(a["KIND"]),
        )
        for i, (_g, a) in enumerate(sites)
    ]
    ledger_rows = tables.ledger(n_parcels, seed)
    roster_rows = tables.roster(admin, seed)
    dltb_geoms = _geom_pairs(geo.parcels, geo.parcel_boxes)
    gd_geoms = [dltb_geoms[i] for i in np.flatnonzero(farm)]
    problems: list[dict] = []
    if dirty:
        problems = make_dirty(dltb, dltb_geoms, geo.parcels, farm, seed)
    lap("attributes")
    layers = [
        _layer("XZQ", schema.XZQ, xzq_rows, _geom_pairs(geo.townships)),
        _layer("CJDCQ", schema.CJDCQ, cj_rows, _geom_pairs(geo.villages)),
        _layer("DLTB", schema.DLTB, dltb, dltb_geoms),
        _layer("YJJBNTTB", schema.YJJBNTTB, yj_rows, _geom_pairs(patches, patch_boxes)),
        _layer("GDBHMB", schema.DLTB, gd_rows, gd_geoms),
        _layer("STBHHX", schema.STBHHX, red_rows, red_pairs),
        _layer("CZKFBJ", schema.CZKFBJ, zone_rows, zone_pairs),
        _layer("JSXMYD", schema.JSXMYD, site_rows, site_pairs),
        _layer("BCGD", schema.BCGD, ledger_rows, None),
        _layer("TZ", schema.TZ, roster_rows, None),
    ]
    write_gpkg(out, geo.epsg, layers)
    lap("write")
    shapefiles = []
    if gbk_dir is not None:
        shapefiles = [str(p) for p in write_gbk_shapefiles(out, gbk_dir, ["CJDCQ", "DLTB"])]
        lap("shapefiles")
    total = float(np.sum(tbmj))
    farm_m2 = float(np.sum(np.asarray(tbmj)[farm]))
    return {
        "out": str(out),
        "epsg": geo.epsg,
        "seed": seed,
        "layers": {layer.name: len(layer.rows) for layer in layers},
        "townships": len(admin.township_code),
        "villages": len(admin.village_code),
        "county_m2": round(total, 2),
        "farmland_share": round(farm_m2 / total, 4),
        "yjjbnt_share_of_farmland": round(float(np.sum([r["YJJBNTTBMJ"] for r in yj_rows])) / farm_m2, 4),
        "dirty": problems,
        "shapefiles": shapefiles,
        "seconds": times,
    }


def _site_note(kind: str) -> str:
    notes = {
        "linear": "线性工程（示范）",
        "town": "城镇开发边界附近的批次用地（示范）",
        "industry": "位于耕地集中区，可能占用永久基本农田（示范）",
        "redline": "位于生态保护红线附近（示范）",
        "village": "村庄建设用地（示范）",
    }
    return notes[kind]


def _inside(geo: CountyGeometry, geoms) -> np.ndarray:
    """Parcels whose centre lies in any of the geometries."""
    from qgis.core import QgsGeometry, QgsPointXY

    out = np.zeros(len(geo.parcel_area), dtype=bool)
    if not geoms:
        return out
    pts = geo.to_output(geo.parcel_centre)
    for g in geoms:
        box = g.boundingBox()
        cand = np.flatnonzero(
            (pts[:, 0] >= box.xMinimum())
            & (pts[:, 0] <= box.xMaximum())
            & (pts[:, 1] >= box.yMinimum())
            & (pts[:, 1] <= box.yMaximum())
        )
        engine = QgsGeometry.createGeometryEngine(g.constGet())
        engine.prepareGeometry()
        for i in cand.tolist():
            if engine.contains(QgsGeometry.fromPointXY(QgsPointXY(*pts[i])).constGet()):
                out[i] = True
    return out
