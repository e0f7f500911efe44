"""The synthetic demo county (dev/demo_county.py): schemas, tiling, official areas, determinism,
dirty mode and GBK shapefiles, checked with QGIS/GEOS and hand arithmetic, not with the generator."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = ROOT / "dev" / "demo_county.py"
PARCELS = 2000
FARMLAND = {"0101", "0102", "0103"}

REQUIRED = {
    "XZQ": {"BSM", "YSDM", "XZQDM", "XZQMC", "DCMJ", "JSMJ"},
    "CJDCQ": {"BSM", "ZLDWDM", "ZLDWMC", "DCMJ"},
    "DLTB": {
        "BSM",
        "YSDM",
        "TBYBH",
        "TBBH",
        "DLBM",
        "DLMC",
        "QSXZ",
        "QSDWDM",
        "QSDWMC",
        "ZLDWDM",
        "ZLDWMC",
        "TBMJ",
        "KCDLBM",
        "KCXS",
        "KCMJ",
        "TBDLMJ",
        "GDLX",
        "GDPDJB",
        "XZDWKD",
        "TBXHDM",
        "TBXHMC",
        "ZZSXDM",
        "ZZSXMC",
        "GDDB",
        "FRDBS",
        "CZCSXM",
        "SJNF",
        "MSSM",
        "HDMC",
        "BZ",
    },
    "YJJBNTTB": {
        "BSM",
        "YSDM",
        "XZQDM",
        "YJJBNTTBBH",
        "TBBH",
        "DLBM",
        "DLMC",
        "QSXZ",
        "QSDWDM",
        "ZLDWDM",
        "ZLDWMC",
        "YJJBNTTBMJ",
        "KCXS",
        "KCMJ",
        "YJJBNTMJ",
        "GDDB",
        "ZRRMC",
        "LXDH",
    },
    "GDBHMB": {"BSM", "TBBH", "DLBM", "ZLDWDM", "TBMJ", "KCXS", "KCMJ", "TBDLMJ", "GDDB"},
    "STBHHX": {"BSM", "XZQDM", "HXBM", "HXMC", "HXLX", "MJ"},
    "CZKFBJ": {"BSM", "XZQDM", "GHFQDM", "GHFQMC", "MJ"},
    "JSXMYD": {"XMBH", "XMMC", "XZQDM", "PZRQ", "YDLX"},
    "BCGD": {"ZBBH", "XMMC", "XZQDM", "RKRQ", "ZT", "SYGDMJ", "SYSTMJ", "SYCN", "DB"},
    "TZ": {"CJDM", "JB", "XM", "ZW", "DH"},
}
SPATIAL = ("XZQ", "CJDCQ", "DLTB", "YJJBNTTB", "GDBHMB", "STBHHX", "CZKFBJ", "JSXMYD")


def _run(out: Path, *args: str) -> dict:
    summary = out.with_suffix(".json")
    cmd = [
        sys.executable,
        str(CLI),
        "--out",
        str(out),
        "--parcels",
        str(PARCELS),
        "--summary-json",
        str(summary),
    ]
    done = subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(summary.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    d = tmp_path_factory.mktemp("demo_county")
    return {
        "a": (d / "a.gpkg", _run(d / "a.gpkg", "--seed", "7", "--gbk-shapefile", str(d / "shp"))),
        "b": (d / "b.gpkg", _run(d / "b.gpkg", "--seed", "7")),
        "other": (d / "c.gpkg", _run(d / "c.gpkg", "--seed", "8")),
        "dirty": (d / "dirty.gpkg", _run(d / "dirty.gpkg", "--seed", "7", "--dirty", "--prefixed")),
        "shp": d / "shp",
    }


def _layer(path: Path, name: str):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer("{}|layername={}".format(path, name), name, "ogr")
    assert layer.isValid(), name
    return layer


def _features(path: Path, name: str) -> list:
    return list(_layer(path, name).getFeatures())


def _rows(path: Path, table: str) -> list[tuple]:
    con = sqlite3.connect(str(path))
    try:
        return con.execute('SELECT * FROM "{}" ORDER BY fid'.format(table)).fetchall()
    finally:
        con.close()


def _is_null(value) -> bool:
    return value is None or (hasattr(value, "isNull") and value.isNull())


def _half_up(value: float, digits: int = 2) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


# --- layers, fields, CRS ----------------------------------------------------------------------------


def test_layers_fields_and_crs(qgis_app, runs):
    path, summary = runs["a"]
    for name, fields in REQUIRED.items():
        layer = _layer(path, name)
        assert fields <= set(layer.fields().names()), (name, fields - set(layer.fields().names()))
        assert layer.featureCount() > 0, name
        if name in SPATIAL:
            assert layer.crs().authid() == "EPSG:4547"
    assert summary["layers"]["DLTB"] == _layer(path, "DLTB").featureCount()
    assert 1500 <= summary["layers"]["DLTB"] <= 2600


def test_layer_descriptions_say_synthetic(runs):
    path, _ = runs["a"]
    con = sqlite3.connect(str(path))
    try:
        rows = dict(con.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
    finally:
        con.close()
    assert set(REQUIRED) <= set(rows)
    assert all("合成示范数据" in rows[name] and "synthetic" in rows[name] for name in REQUIRED)


# --- tiling -----------------------------------------------------------------------------------------


def test_parcels_tile_each_village_without_gaps_or_overlaps(qgis_app, runs):
    from qgis.core import QgsSpatialIndex

    path, _ = runs["a"]
    parcels = _features(path, "DLTB")
    villages = {f["ZLDWDM"]: f.geometry() for f in _features(path, "CJDCQ")}
    assert all(f.geometry().isGeosValid() for f in parcels)
    sums: dict[str, float] = {}
    for f in parcels:
        sums[f["ZLDWDM"]] = sums.get(f["ZLDWDM"], 0.0) + f.geometry().area()
    assert set(sums) == set(villages)
    for code, geom in villages.items():
        assert sums[code] == pytest.approx(geom.area(), rel=1e-6), code
    # no parcel overlaps another (shared edges only), every parcel inside its village
    index = QgsSpatialIndex()
    for f in parcels:
        index.addFeature(f)
    by_id = {f.id(): f for f in parcels}
    overlap = 0.0
    for f in parcels:
        g = f.geometry()
        for other in index.intersects(g.boundingBox()):
            if other > f.id():
                overlap += g.intersection(by_id[other].geometry()).area()
        assert villages[f["ZLDWDM"]].contains(g.pointOnSurface())
    assert overlap < 1e-3


def test_villages_nest_in_townships_and_tile_the_county(qgis_app, runs):
    from qgis.core import QgsGeometry

    path, _ = runs["a"]
    towns = {f["XZQDM"]: f for f in _features(path, "XZQ")}
    villages = _features(path, "CJDCQ")
    for code, f in towns.items():
        assert len(code) == 9 and code.isdigit() and code.startswith("410821")
        assert f["XZQMC"]
    for v in villages:
        code = v["ZLDWDM"]
        assert len(code) == 19 and code[:12].isdigit() and code.endswith("0000000")
        town = towns[code[:9]]
        assert town.geometry().buffer(0.01, 4).contains(v.geometry())
    union = QgsGeometry.unaryUnion([v.geometry() for v in villages])
    total = sum(v.geometry().area() for v in villages)
    assert union.area() == pytest.approx(total, rel=1e-9)
    assert sum(t.geometry().area() for t in towns.values()) == pytest.approx(total, rel=1e-9)
    assert len(villages) >= 4 and len(towns) >= 2


# --- areas --------------------------------------------------------------------------------------------


def test_tbmj_is_the_ellipsoidal_area(qgis_app, runs):
    """Independent check: QGIS's own geodesic area on the CGCS2000 ellipsoid (EPSG:1024)."""
    from qgis.core import QgsDistanceArea, QgsProject

    path, _ = runs["a"]
    layer = _layer(path, "DLTB")
    da = QgsDistanceArea()
    da.setSourceCrs(layer.crs(), QgsProject.instance().transformContext())
    assert da.setEllipsoid("EPSG:1024")
    worst, total, planar = 0.0, 0.0, 0.0
    for f in layer.getFeatures():
        tbmj = f["TBMJ"]
        assert _half_up(tbmj) == Decimal(repr(tbmj))  # two decimals
        worst = max(worst, abs(tbmj - da.measureArea(f.geometry())))
        total += tbmj
        planar += f.geometry().area()
    # ~73 km west of the central meridian the GK areal scale k² ≈ 1 + x²/R² ≈ 1.00013
    assert 1.0001 < planar / total < 1.00016
    assert worst < 0.02


def test_deduction_identities(qgis_app, runs):
    path, _ = runs["a"]
    for f in _features(path, "DLTB"):
        tbmj, kcxs, kcmj, tbdlmj = f["TBMJ"], f["KCXS"], f["KCMJ"], f["TBDLMJ"]
        expected = (Decimal(repr(tbmj)) * Decimal(repr(kcxs))).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        assert Decimal(repr(kcmj)) == expected, f["BSM"]
        assert Decimal(repr(tbdlmj)) == Decimal(repr(tbmj)) - expected, f["BSM"]
        if f["DLBM"] in FARMLAND:
            assert kcxs > 0 and f["KCDLBM"] == "1203" and 1 <= f["GDDB"] <= 15
            assert f["GDPDJB"] in {"1", "2", "3", "4", "5"}
            assert (f["GDLX"] in {"TT", "PD"}) == (f["GDPDJB"] != "1")
        else:
            assert kcxs == 0 and kcmj == 0
    for f in _features(path, "YJJBNTTB"):
        mj, kcxs = Decimal(repr(f["YJJBNTTBMJ"])), Decimal(repr(f["KCXS"]))
        kcmj = (mj * kcxs).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert Decimal(repr(f["KCMJ"])) == kcmj
        assert Decimal(repr(f["YJJBNTMJ"])) == mj - kcmj


def test_control_areas_add_up(qgis_app, runs):
    path, _ = runs["a"]
    cents: dict[str, int] = {}
    parcels = _features(path, "DLTB")
    for f in parcels:
        cents[f["ZLDWDM"]] = cents.get(f["ZLDWDM"], 0) + int(_half_up(f["TBMJ"]) * 100)
    town_cents: dict[str, int] = {}
    for v in _features(path, "CJDCQ"):
        assert int(_half_up(v["DCMJ"]) * 100) == cents[v["ZLDWDM"]]
        town_cents[v["ZLDWDM"][:9]] = town_cents.get(v["ZLDWDM"][:9], 0) + cents[v["ZLDWDM"]]
    for t in _features(path, "XZQ"):
        assert int(_half_up(t["DCMJ"]) * 100) == town_cents[t["XZQDM"]]
        # 调查面积 and 计算面积 differ by the rounding of each parcel at most
        assert abs(t["DCMJ"] - t["JSMJ"]) <= 0.005 * len(parcels)


def test_farmland_share_and_mix(qgis_app, runs):
    path, summary = runs["a"]
    total, farm, codes = 0.0, 0.0, set()
    for f in _features(path, "DLTB"):
        total += f["TBMJ"]
        codes.add(f["DLBM"])
        if f["DLBM"] in FARMLAND:
            farm += f["TBMJ"]
    assert 0.5 <= farm / total <= 0.7
    assert codes >= FARMLAND
    assert {"0702", "1006", "1107", "1101"} <= codes  # 宅基地, rural roads, ditches, river
    assert summary["farmland_share"] == pytest.approx(farm / total, abs=1e-4)


def test_codes_are_unique_and_nested(qgis_app, runs):
    path, _ = runs["a"]
    parcels = _features(path, "DLTB")
    assert len({f["BSM"] for f in parcels}) == len(parcels)
    seen = set()
    villages = {f["ZLDWDM"] for f in _features(path, "CJDCQ")}
    for f in parcels:
        key = (f["ZLDWDM"], f["TBBH"])
        assert key not in seen
        seen.add(key)
        assert f["ZLDWDM"] in villages
        assert f["QSDWDM"][:12] == f["ZLDWDM"][:12] and len(f["QSDWDM"]) == 19


def test_land_class_names_match_the_plugin_table(qgis_app, runs):
    from farmland_guard.core import land_classes

    path, _ = runs["a"]
    for f in _features(path, "DLTB"):
        assert land_classes.land_class_name(f["DLBM"]) == f["DLMC"], f["DLBM"]


# --- planning layers ----------------------------------------------------------------------------------


def test_yjjbnt_is_most_farmland_and_does_not_follow_dltb_edges(qgis_app, runs):
    from qgis.core import QgsGeometry

    path, _ = runs["a"]
    parcels = _features(path, "DLTB")
    farm = sum(f["TBMJ"] for f in parcels if f["DLBM"] in FARMLAND)
    patches = _features(path, "YJJBNTTB")
    assert 0.7 <= sum(f["YJJBNTTBMJ"] for f in patches) / farm <= 0.9
    assert all(f.geometry().isGeosValid() for f in patches)
    union = QgsGeometry.unaryUnion([f.geometry() for f in patches])
    assert union.area() == pytest.approx(sum(f.geometry().area() for f in patches), rel=1e-7)
    dltb_vertices = {(round(v.x(), 4), round(v.y(), 4)) for f in parcels for v in f.geometry().vertices()}
    shared = sum(
        (round(v.x(), 4), round(v.y(), 4)) in dltb_vertices for f in patches for v in f.geometry().vertices()
    )
    assert shared == 0
    codes = {f["ZLDWDM"] for f in parcels}
    assert all(f["XZQDM"] + "0000000" in codes and f["DLBM"] in FARMLAND for f in patches)


def test_gdbhmb_is_the_farmland(qgis_app, runs):
    path, _ = runs["a"]
    farm = sorted(f.geometry().asWkb().data() for f in _features(path, "DLTB") if f["DLBM"] in FARMLAND)
    target = sorted(f.geometry().asWkb().data() for f in _features(path, "GDBHMB"))
    assert farm == target


def test_red_lines_town_zones_and_sites(qgis_app, runs):
    from qgis.core import QgsGeometry

    path, _ = runs["a"]
    red = _features(path, "STBHHX")
    assert len(red) >= 2
    assert any(part.numInteriorRings() > 0 for f in red for part in f.geometry().constGet())
    zones = _features(path, "CZKFBJ")
    assert {f["GHFQMC"] for f in zones} <= {"城镇集中建设区", "城镇弹性发展区", "特别用途区"}
    assert "城镇集中建设区" in {f["GHFQMC"] for f in zones}
    red_u = QgsGeometry.unaryUnion([f.geometry() for f in red])
    zone_u = QgsGeometry.unaryUnion([f.geometry() for f in zones])
    yj_u = QgsGeometry.unaryUnion([f.geometry() for f in _features(path, "YJJBNTTB")])
    assert red_u.intersection(zone_u).area() < 1.0  # the control lines do not overlap
    sites = _features(path, "JSXMYD")
    assert len(sites) >= 8
    assert len({f["XMBH"] for f in sites}) == len(sites)
    assert any(s.geometry().intersection(yj_u).area() > 100 for s in sites)
    assert any(s.geometry().intersection(red_u).area() > 100 for s in sites)
    assert any(s.geometry().difference(zone_u).area() > 100 for s in sites)
    # a long, thin linear site: width ≈ 2·area/perimeter
    assert any(
        2 * s.geometry().area() / s.geometry().length() < 50 and s.geometry().length() > 2000 for s in sites
    )


def test_ledger_and_roster(qgis_app, runs):
    path, _ = runs["a"]
    ledger = _features(path, "BCGD")
    assert 25 <= len(ledger) <= 40
    counties = {f["XZQDM"] for f in ledger}
    assert "410821" in counties
    assert any(c.startswith("4108") and c != "410821" for c in counties)
    assert any(c.startswith("41") and not c.startswith("4108") for c in counties)
    assert {f["ZT"] for f in ledger} <= {"可用", "已核销", "冻结"}
    assert "可用" in {f["ZT"] for f in ledger}
    for f in ledger:
        assert 0 <= f["SYSTMJ"] <= f["SYGDMJ"] and f["SYCN"] >= 0 and 1 <= f["DB"] <= 15
        assert f["RKRQ"].isValid()
    roster = _features(path, "TZ")
    assert {f["JB"] for f in roster} == {"县", "乡", "村", "网格"}
    villages = {f["ZLDWDM"][:12] for f in _features(path, "CJDCQ")}
    assert villages == {f["CJDM"] for f in roster if f["JB"] == "村"}
    assert all(len(f["CJDM"]) == 12 and len(f["DH"]) == 11 and 2 <= len(f["XM"]) <= 3 for f in roster)


# --- determinism --------------------------------------------------------------------------------------


def test_same_seed_same_rows(runs):
    a, b, other = runs["a"][0], runs["b"][0], runs["other"][0]
    for name in REQUIRED:
        assert _rows(a, name) == _rows(b, name), name
    assert _rows(a, "DLTB") != _rows(other, "DLTB")


# --- dirty mode, prefixed CRS -------------------------------------------------------------------------


def test_dirty_mode_has_the_advertised_problems(qgis_app, runs):
    path, summary = runs["dirty"]
    problems = summary["dirty"]
    by_bsm = {f["BSM"]: f for f in _features(path, "DLTB")}
    kinds = {p["problem"] for p in problems}
    assert {
        "self-intersection",
        "duplicate-geometry",
        "empty-geometry",
        "null-geometry",
        "null-DLBM",
        "null-ZLDWDM",
    } <= kinds
    for p in problems:
        f = by_bsm[p["BSM"]]
        g = f.geometry()
        if p["problem"] == "self-intersection":
            assert not g.isGeosValid()
        elif p["problem"] == "duplicate-geometry":
            assert g.asWkb() == by_bsm[p["of"]].geometry().asWkb() and g.area() > 0
        elif p["problem"] in ("empty-geometry", "null-geometry"):
            assert g.isNull() or g.isEmpty()
        elif p["problem"] == "null-DLBM":
            assert _is_null(f["DLBM"])
        elif p["problem"] == "null-ZLDWDM":
            assert _is_null(f["ZLDWDM"])
    flagged = {p["BSM"] for p in problems if p["problem"] == "self-intersection"}
    invalid = {b for b, f in by_bsm.items() if not f.geometry().isNull() and not f.geometry().isGeosValid()}
    assert invalid == flagged
    assert len(by_bsm) == summary["layers"]["DLTB"]


def test_prefixed_run_uses_zone_38_eastings(qgis_app, runs):
    path, _ = runs["dirty"]
    layer = _layer(path, "DLTB")
    assert layer.crs().authid() == "EPSG:4526"
    box = layer.extent()
    assert 38_400_000 < box.xMinimum() < box.xMaximum() < 38_460_000
    plain = {f["BSM"]: f["TBMJ"] for f in _features(runs["a"][0], "DLTB")}
    prefixed = {f["BSM"]: f["TBMJ"] for f in layer.getFeatures() if f["BSM"] in plain}
    assert max(abs(prefixed[b] - plain[b]) for b in prefixed) <= 0.011


# --- GBK shapefiles -----------------------------------------------------------------------------------


def test_gbk_shapefiles(qgis_app, runs):
    from osgeo import gdal

    shp = runs["shp"]
    names = {f["ZLDWMC"] for f in _features(runs["a"][0], "CJDCQ")}
    for stem in ("CJDCQ_gbk", "CJDCQ_gbk_nocpg", "DLTB_gbk", "DLTB_gbk_nocpg"):
        dbf = (shp / stem).with_suffix(".dbf").read_bytes()
        assert dbf[29] == 0  # no language driver id
        assert any(n.encode("gbk") in dbf for n in names)
        assert not any(n.encode("utf-8") in dbf for n in names)
        cpg = (shp / stem).with_suffix(".cpg")
        if stem.endswith("nocpg"):
            assert not cpg.exists()
        else:
            assert cpg.read_text().strip().upper() in {"GBK", "CP936", "936"}
    ds = gdal.OpenEx(str(shp / "CJDCQ_gbk_nocpg.shp"), open_options=["ENCODING=GBK"])
    lyr = ds.GetLayer(0)
    assert {f.GetField("ZLDWMC") for f in lyr} == names
