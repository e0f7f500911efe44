"""farmland:redlineoverlay end to end on hand-built layers with known geometry.

Expected areas are computed independently: GeographicLib (pyproj.Geod) on the CGCS2000 ellipsoid for
each polygon as drawn (edges cut into ≤ 1 m pieces in the plane), cents half-up with Decimal; sums by
hand. Layout (EPSG:4547, metres from 500000 E / 3900000 N, on the central meridian at 35.2°N):

    DLTB   P1 [0,100]×[0,200] 0101 KCXS 0.1 GDDB 5 甲村 | P2 [100,200] 0103 GDDB 9 甲村 |
           P3 [200,300] 0702 乙村 | P4 [300,400] a bow-tie (0101, 乙村)
    PBF    [0,50]×[0,200] and [0,50]×[100,250]  (overlapping)
    ERL    [180,260]×[-50,300], stored in EPSG:4490
    UDB    [-50,220]×[-100,300]
    sites  A = P1 exactly (half on PBF) · B [150,250]×[50,150] (two villages) · C far away (nothing) ·
           D = the bow-tie's square · F [50,150]×[50,150] (overlaps A and B)
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np
import pytest
from pyproj import Geod, Transformer
from qgis.core import (
    NULL,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

GEOD = Geod(a=6378137.0, rf=298.257222101)
X0, Y0 = 500000.0, 3900000.0
ROOT = Path(__file__).resolve().parents[2]
QGIS_PROCESS = Path("/usr/bin/qgis_process.bin")
JIA, YI = "4108211002010000000", "4108211002020000000"


def rect(x1, y1, x2, y2):
    return [
        (X0 + x1, Y0 + y1),
        (X0 + x1, Y0 + y2),
        (X0 + x2, Y0 + y2),
        (X0 + x2, Y0 + y1),
        (X0 + x1, Y0 + y1),
    ]


def shifted(points):
    return [(X0 + x, Y0 + y) for x, y in points]


def reference_area(ring) -> float:
    """GeographicLib area of a ring as drawn in EPSG:4547 (edges cut into ≤ 1 m pieces, then unprojected)."""
    points = []
    for (x1, y1), (x2, y2) in zip(ring[:-1], ring[1:]):
        n = max(1, int(np.ceil(np.hypot(x2 - x1, y2 - y1))))
        t = np.arange(n) / n
        points.append(np.column_stack([x1 + (x2 - x1) * t, y1 + (y2 - y1) * t]))
    xy = np.vstack(points)
    lon, lat = Transformer.from_crs(4547, 4490, always_xy=True).transform(xy[:, 0], xy[:, 1])
    return abs(GEOD.polygon_area_perimeter(lon, lat)[0])


def cents(m2: float) -> int:
    return int((Decimal(repr(m2)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def wkt(ring) -> str:
    return "POLYGON(({}))".format(",".join("{!r} {!r}".format(x, y) for x, y in ring))


BOWTIE = shifted([(300, 0), (400, 200), (400, 0), (300, 200), (300, 0)])
LOBES = [
    shifted([(300, 0), (350, 100), (300, 200), (300, 0)]),
    shifted([(400, 0), (400, 200), (350, 100), (400, 0)]),
]
HOLES = [
    shifted([(300, 0), (400, 0), (350, 100), (300, 0)]),
    shifted([(300, 200), (350, 100), (400, 200), (300, 200)]),
]
SITES = {
    "XM-A": rect(0, 0, 100, 200),
    "XM-B": rect(150, 50, 250, 150),
    "XM-C": rect(1000, 1000, 1100, 1100),
    "XM-D": rect(300, 0, 400, 200),
    "XM-F": rect(50, 50, 150, 150),
}
DLTB_FIELDS = {
    "BSM": "str",
    "TBBH": "str",
    "DLBM": "str",
    "DLMC": "str",
    "ZLDWDM": "str",
    "ZLDWMC": "str",
    "QSXZ": "str",
    "KCXS": "real",
    "GDDB": "int",
}


def parcel(bsm, ring, dlbm, village, name, kcxs=0.0, gddb=None):
    return (
        ring if isinstance(ring, str) else wkt(ring),
        {
            "BSM": bsm,
            "TBBH": bsm[1:],
            "DLBM": dlbm,
            "DLMC": "",
            "ZLDWDM": village,
            "ZLDWMC": name,
            "QSXZ": "30",
            "KCXS": kcxs,
            "GDDB": gddb,
        },
    )


@pytest.fixture()
def county(tmp_path, write_layer):
    gpkg = tmp_path / "county.gpkg"
    layers = {}
    layers["DLTB"] = write_layer(
        gpkg,
        "DLTB",
        4547,
        DLTB_FIELDS,
        [
            parcel("P1", rect(0, 0, 100, 200), "0101", JIA, "甲村", 0.1, 5),
            parcel("P2", rect(100, 0, 200, 200), "0103", JIA, "甲村", 0.0, 9),
            parcel("P3", rect(200, 0, 300, 200), "0702", YI, "乙村"),
            parcel("P4", BOWTIE, "0101", YI, "乙村", 0.0, 6),
        ],
    )
    layers["PBF"] = write_layer(
        gpkg,
        "YJJBNTTB",
        4547,
        {"BSM": "str", "YJJBNTTBBH": "str"},
        [
            (wkt(rect(0, 0, 50, 200)), {"BSM": "Y1", "YJJBNTTBBH": "YJ001"}),
            (wkt(rect(0, 100, 50, 250)), {"BSM": "Y2", "YJJBNTTBBH": "YJ002"}),
        ],
    )
    to_geo = Transformer.from_crs(4547, 4490, always_xy=True)
    erl = [to_geo.transform(x, y) for x, y in rect(180, -50, 260, 300)]
    layers["ERL"] = write_layer(
        gpkg, "STBHHX", 4490, {"BSM": "str", "HXMC": "str"}, [(wkt(erl), {"BSM": "H1", "HXMC": "河流"})]
    )
    layers["UDB"] = write_layer(
        gpkg, "CZKFBJ", 4547, {"BSM": "str"}, [(wkt(rect(-50, -100, 220, 300)), {"BSM": "K1"})]
    )
    layers["SITES"] = write_layer(
        gpkg,
        "XMYD",
        4547,
        {"XMBH": "str", "XMMC": "str", "PZRQ": "str"},
        [
            (wkt(ring), {"XMBH": name, "XMMC": "项目" + name[-1], "PZRQ": "2024-03-0{}".format(i + 1)})
            for i, (name, ring) in enumerate(SITES.items())
        ],
    )
    return layers


def run_overlay(run_alg, county, out: Path, **extra):
    parameters = {
        "SITES": county["SITES"],
        "LANDUSE": county["DLTB"],
        "PBF": county["PBF"],
        "ERL": county["ERL"],
        "UDB": county["UDB"],
        "PIECES": str(out / "pieces.gpkg"),
        "SUMMARY": str(out / "summary.gpkg"),
        "VERDICT": str(out / "verdict.gpkg"),
        "ERRORS": str(out / "errors.gpkg"),
        "REPORT": str(out / "report.xlsx"),
    }
    parameters.update(extra)
    return run_alg("redlineoverlay", parameters)


def rows(path) -> list:
    layer = QgsVectorLayer(str(path), "t", "ogr")
    assert layer.isValid(), path
    return [{name: f[name] for name in layer.fields().names()} for f in layer.getFeatures()]


@pytest.fixture()
def outputs(run_alg, county, tmp_path):
    result = run_overlay(run_alg, county, tmp_path)
    verdicts = {r["XMBH"]: r for r in rows(tmp_path / "verdict.gpkg")}
    return result, verdicts, rows(tmp_path / "summary.gpkg"), rows(tmp_path / "pieces.gpkg"), tmp_path


def close(value: float, expected_m2: float, tolerance: float = 0.011) -> bool:
    return abs(value - expected_m2) <= tolerance


def test_site_on_one_parcel_half_on_overlapping_pbf(outputs):
    _, verdicts, _, pieces, _ = outputs
    a = verdicts["XM-A"]
    site = reference_area(SITES["XM-A"])
    assert close(a["XMMJ"], site)
    landuse = [p for p in pieces if p["XMBH"] == "XM-A" and p["CATEGORY"] == "LANDUSE"]
    assert [p["SRC_ID"] for p in landuse] == ["P1"]
    assert landuse[0]["MJ"] == a["XMMJ"]  # levelled to the site's area, to the cent
    gross = Decimal(repr(a["XMMJ"]))
    kcmj = (gross * Decimal("0.1")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert Decimal(repr(landuse[0]["KCMJ"])) == kcmj
    assert Decimal(repr(a["GDMJ"])) == gross - kcmj == Decimal(repr(a["STMJ"]))
    assert Decimal(repr(a["TKMJ"])) == kcmj
    assert a["DB"] == 5.0
    # the two PBF features overlap on [0,50]×[100,200]: counted once
    pbf = reference_area(rect(0, 0, 50, 200))
    assert close(a["YJJBNTMJ"], pbf)
    pbf_pieces = [p for p in pieces if p["XMBH"] == "XM-A" and p["CATEGORY"] == "PBF"]
    assert [p["SRC_ID"] for p in pbf_pieces] == ["YJ001"]  # YJ002's part lies inside YJ001: trimmed away
    assert cents(sum(p["MJ"] for p in pbf_pieces)) == cents(a["YJJBNTMJ"])
    assert a["JL_DM"] == "prohibited"
    assert a["XZQDM"] == "410821" and a["PZRQ"] == "2024-03-01"
    assert "XM-F" in a["CDXM"].split(",") and close(a["CDMJ"], reference_area(rect(50, 50, 100, 150)))


def test_site_across_two_villages_and_a_4490_red_line(outputs):
    _, verdicts, summary, _, _ = outputs
    b = verdicts["XM-B"]
    site = reference_area(SITES["XM-B"])
    assert close(b["XMMJ"], site)
    details = [r for r in summary if r["XMBH"] == "XM-B" and r["CATEGORY"] == "LANDUSE" and r["DETAIL"] == 1]
    cells = {(r["CUNDM"], r["DLBM"]): r for r in details}
    assert set(cells) == {("410821100201", "0103"), ("410821100202", "0702")}
    assert cells[("410821100201", "0103")]["CUNMC"] == "甲村"
    assert close(cells[("410821100201", "0103")]["MJ"], reference_area(rect(150, 50, 200, 150)))
    assert close(cells[("410821100202", "0702")]["MJ"], reference_area(rect(200, 50, 250, 150)))
    assert cents(sum(r["MJ"] for r in details)) == cents(b["XMMJ"])  # levelled: adds up to the cent
    assert close(b["STHXMJ"], reference_area(rect(180, 50, 250, 150)))
    assert close(b["KFBJWMJ"], reference_area(rect(220, 50, 250, 150)))
    assert b["GDMJ"] == cells[("410821100201", "0103")]["MJ"] and b["STMJ"] == 0 and b["DB"] == 9.0
    assert b["YJJBNTMJ"] == 0 and b["JL_DM"] == "restricted"


def test_site_touching_nothing(outputs):
    _, verdicts, _, pieces, _ = outputs
    c = verdicts["XM-C"]
    assert close(c["XMMJ"], reference_area(SITES["XM-C"]))
    assert c["QKMJ"] == c["XMMJ"] and c["GDMJ"] == 0 and c["YJJBNTMJ"] == 0 and c["STHXMJ"] == 0
    assert c["KFBJWMJ"] == c["XMMJ"]
    assert c["DB"] == NULL
    assert c["JL_DM"] == "review" and not c["CDXM"]
    gap = [p for p in pieces if p["XMBH"] == "XM-C" and p["CATEGORY"] == "GAP"]
    assert len(gap) == 1 and gap[0]["MJ"] == c["XMMJ"]


def test_bow_tie_parcel_is_repaired_and_reported(outputs):
    result, verdicts, _, pieces, out = outputs
    d = verdicts["XM-D"]
    assert result["REPAIRED_COUNT"] == 1
    landuse = [p for p in pieces if p["XMBH"] == "XM-D" and p["CATEGORY"] == "LANDUSE"]
    gap = [p for p in pieces if p["XMBH"] == "XM-D" and p["CATEGORY"] == "GAP"]
    assert landuse and all(p["SRC_ID"] == "P4" and p["XF"] == 1 for p in landuse)
    lobes = sum(reference_area(r) for r in LOBES)
    holes = sum(reference_area(r) for r in HOLES)
    assert close(sum(p["MJ"] for p in landuse), lobes, 0.02)
    assert close(sum(p["MJ"] for p in gap), holes, 0.02)
    assert cents(sum(p["MJ"] for p in landuse + gap)) == cents(d["XMMJ"])
    assert close(d["QKMJ"], holes, 0.02) and close(d["GDMJ"], lobes, 0.02)
    errors = sorted((e["LAYER"], e["FEATURE_ID"], e["PROBLEM"]) for e in rows(out / "errors.gpkg"))
    assert errors == [("DLTB", "P4", "invalid-repaired"), ("YJJBNTTB", "YJ002", "overlap-trimmed")]


def test_summary_and_report_add_up(outputs):
    _, verdicts, summary, _, out = outputs
    for site_id, verdict in verdicts.items():
        site_rows = [r for r in summary if r["XMBH"] == site_id]
        total = next(r for r in site_rows if r["CATEGORY"] == "SITE")
        landuse = next(r for r in site_rows if r["CATEGORY"] == "LANDUSE" and r["DETAIL"] == 0)
        gap = next(r for r in site_rows if r["CATEGORY"] == "GAP")
        details = [r for r in site_rows if r["CATEGORY"] == "LANDUSE" and r["DETAIL"] == 1]
        assert cents(total["MJ"]) == cents(verdict["XMMJ"]) == cents(landuse["MJ"]) + cents(gap["MJ"])
        assert sum(cents(r["MJ"]) for r in details) == cents(landuse["MJ"])
        for r in details:
            assert cents(r["KCMJ"]) + cents(r["DLMJ"]) == cents(r["MJ"])
            assert r["MJ_GQ"] == float(
                (Decimal(repr(r["MJ"])) / 10000).quantize(Decimal("0.0001"), ROUND_HALF_UP)
            )
            assert r["MJ_MU"] == float(
                (Decimal(repr(r["MJ"])) * 15 / 10000).quantize(Decimal("0.01"), ROUND_HALF_UP)
            )
    sheets = {
        name: QgsVectorLayer("{}|layername={}".format(out / "report.xlsx", name), name, "ogr")
        for name in ("汇总", "分地类", "分村", "明细")
    }
    assert all(layer.isValid() for layer in sheets.values())
    assert sheets["汇总"].featureCount() == len(verdicts)
    # a site's conclusion reads the same in the report and in the VERDICT table
    conclusions = {f["项目编号"]: f["结论"] for f in sheets["汇总"].getFeatures()}
    for site in ("XM-A", "XM-B"):
        assert conclusions[site] == verdicts[site]["JL"], site
    assert conclusions["XM-A"] == "禁止占用（占用永久基本农田须报国务院批准）"
    assert (out / "report.html").exists()
    # 公顷 with 4 decimals and 亩 with 2 in the printed report, whatever the value (e.g. 0.0000)
    html = (out / "report.html").read_text(encoding="utf-8")
    assert re.search(r">\d+\.\d{4}<", html)
    assert ">0.0<" not in html and ">4.0<" not in html  # no number printed as it happened to come
    assert not [p for p in os.listdir(out) if p.endswith(".tmp.xlsx") or p.endswith(".tmp.html")]


def test_missing_role_names_the_role_and_the_fields(run_alg, county, write_layer, tmp_path):
    landuse = write_layer(
        tmp_path / "bad.gpkg",
        "DLTB",
        4547,
        {"BSM": "str", "DL_CODE": "str"},
        [(wkt(rect(0, 0, 10, 10)), {"BSM": "1", "DL_CODE": "0101"})],
    )
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(QgsProcessingException) as raised:
        run_overlay(run_alg, dict(county, DLTB=landuse), out)
    message = str(raised.value)
    assert "DLBM" in message and "DL_CODE" in message and "BSM" in message
    assert not list(out.iterdir())  # nothing written
    result = run_overlay(run_alg, dict(county, DLTB=landuse), out, FIELD_MAP="DLBM=DL_CODE")
    assert result["SITE_COUNT"] == len(SITES)


def test_empty_site_layer(run_alg, county, write_layer, tmp_path):
    empty = write_layer(tmp_path / "empty.gpkg", "XMYD", 4547, {"XMBH": "str"}, [])
    result = run_overlay(run_alg, dict(county, SITES=empty), tmp_path)
    assert result["SITE_COUNT"] == 0 and result["PIECE_COUNT"] == 0
    assert rows(tmp_path / "verdict.gpkg") == [] and rows(tmp_path / "pieces.gpkg") == []


def test_buffer_zone_reports_near_misses(run_alg, county, tmp_path):
    run_overlay(run_alg, county, tmp_path, BUFFER=10.0)
    verdicts = {r["XMBH"]: r for r in rows(tmp_path / "verdict.gpkg")}
    # site B's ring (10 m) reaches x = 140…150 west of it; the ERL starts at x = 180, inside B already
    assert "STBHHX" in verdicts["XM-B"]["HCQ"]
    summary = rows(tmp_path / "summary.gpkg")
    ring = [r for r in summary if r["XMBH"] == "XM-C" and r["ZONE"] == "BUFFER" and r["CATEGORY"] == "SITE"]
    assert ring and ring[0]["MJ"] > 0


def test_cancelled_run_writes_nothing(farmland_provider, county, tmp_path):
    from qgis import processing

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    parameters = {
        "SITES": county["SITES"],
        "LANDUSE": county["DLTB"],
        "PIECES": str(tmp_path / "p.gpkg"),
        "SUMMARY": str(tmp_path / "s.gpkg"),
        "VERDICT": str(tmp_path / "v.gpkg"),
        "REPORT": str(tmp_path / "r.xlsx"),
    }
    processing.run("farmland:redlineoverlay", parameters, context=QgsProcessingContext(), feedback=feedback)
    assert not [p for p in tmp_path.iterdir() if p.name != "county.gpkg"]


@pytest.mark.slow
@pytest.mark.skipif(not QGIS_PROCESS.exists(), reason="qgis_process missing")
def test_runs_under_qgis_process(county, tmp_path):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "farmland_guard").symlink_to(ROOT, target_is_directory=True)
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"),
        QGIS_PLUGINPATH=str(plugins),
    )

    def run(*args):
        return subprocess.run(
            [str(QGIS_PROCESS), *args], env=env, capture_output=True, text=True, timeout=300, check=False
        )

    assert run("plugins", "enable", "farmland_guard").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    done = run(
        "--json",
        "run",
        "farmland:redlineoverlay",
        "--",
        "SITES={}".format(county["SITES"]),
        "LANDUSE={}".format(county["DLTB"]),
        "PBF={}".format(county["PBF"]),
        "ERL={}".format(county["ERL"]),
        "UDB={}".format(county["UDB"]),
        "PIECES={}".format(out / "pieces.gpkg"),
        "SUMMARY={}".format(out / "summary.gpkg"),
        "VERDICT={}".format(out / "verdict.gpkg"),
        "REPORT={}".format(out / "report.xlsx"),
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    results = json.loads(done.stdout)["results"]
    assert results["SITE_COUNT"] == len(SITES) and results["REPAIRED_COUNT"] == 1
    verdicts = {r["XMBH"]: r for r in rows(out / "verdict.gpkg")}
    assert close(verdicts["XM-A"]["YJJBNTMJ"], reference_area(rect(0, 0, 50, 200)))
    assert (out / "report.xlsx").exists() and (out / "report.html").exists()


def test_second_process_gives_the_same_result(qgis_app, county):
    """The forked split (workers=2) must reproduce the single-process run exactly."""
    from qgis.core import QgsCoordinateReferenceSystem

    from farmland_guard.core.overlay import records as rec
    from farmland_guard.engine import overlay as engine
    from farmland_guard.engine.overlay_parallel import fork_allowed

    if not fork_allowed():
        pytest.skip("no fork here")

    def layer(uri, category, fields, zones=(rec.ZONE_SITE,)):
        source = QgsVectorLayer(uri, uri.rsplit("=", 1)[-1], "ogr")
        return engine.OverlayLayer(category, uri.rsplit("=", 1)[-1], source, fields, zones, uri)

    landuse_fields = {"src_id": "BSM", "dlbm": "DLBM", "zldwdm": "ZLDWDM", "kcxs": "KCXS", "gddb": "GDDB"}
    layers = [
        layer(county["DLTB"], rec.LANDUSE, landuse_fields),
        layer(county["PBF"], rec.PBF, {"src_id": "YJJBNTTBBH"}, (rec.ZONE_SITE, rec.ZONE_BUFFER)),
        layer(county["ERL"], rec.ERL, {"src_id": "BSM"}, (rec.ZONE_SITE, rec.ZONE_BUFFER)),
        layer(county["UDB"], rec.UDB, {"src_id": "BSM"}),
    ]
    sites = engine.SiteLayer(QgsVectorLayer(county["SITES"], "XMYD", "ogr"), "XMYD", "XMBH", "XMMC", "PZRQ")
    crs = QgsCoordinateReferenceSystem("EPSG:4547")
    one = engine.run_overlay(sites, layers, crs, buffer_distance=5.0, workers=1)
    two = engine.run_overlay(sites, layers, crs, buffer_distance=5.0, workers=2)
    assert one.counters["processes"] == 1 and two.counters["processes"] == 2
    a, b = one.data, two.data
    assert a.pieces.group_keys() == b.pieces.group_keys()
    assert np.array_equal(a.pieces.area_m2, b.pieces.area_m2)
    assert a.pieces.src_fid == b.pieces.src_fid and a.pieces.text == b.pieces.text
    assert a.controls == b.controls
    assert a.overlaps == b.overlaps and a.overlaps  # found by the first process while the second cuts
    assert [(i.layer, i.fid, i.kind, i.feature_id) for i in one.issues] == [
        (i.layer, i.fid, i.kind, i.feature_id) for i in two.issues
    ]


def test_read_paths_agree(qgis_app, county, monkeypatch):
    """Per-site requests, the whole layer into a QgsSpatialIndex, and the whole layer through GDAL's Arrow
    stream with the box join (geometries and attributes): the same result."""
    from qgis.core import QgsCoordinateReferenceSystem

    from farmland_guard.core.overlay import records as rec
    from farmland_guard.engine import overlay as engine
    from farmland_guard.engine import overlay_layers

    def run(uri_attributes: bool):
        fields = {
            "src_id": "BSM",
            "dlbm": "DLBM",
            "zldwdm": "ZLDWDM",
            "zldwmc": "ZLDWMC",
            "qsxz": "QSXZ",
            "kcxs": "KCXS",
            "gddb": "GDDB",
            "tbbh": "TBBH",
        }
        uri = county["DLTB"]
        landuse = engine.OverlayLayer(
            rec.LANDUSE,
            "DLTB",
            QgsVectorLayer(uri, "DLTB", "ogr"),
            fields,
            (rec.ZONE_SITE,),
            uri if uri_attributes else "",
        )
        pbf = engine.OverlayLayer(
            rec.PBF,
            "PBF",
            QgsVectorLayer(county["PBF"], "PBF", "ogr"),
            {"src_id": "YJJBNTTBBH"},
            (rec.ZONE_SITE,),
            county["PBF"] if uri_attributes else "",
        )
        sites = engine.SiteLayer(QgsVectorLayer(county["SITES"], "XMYD", "ogr"), "XMYD", "XMBH")
        return engine.run_overlay(
            sites, [landuse, pbf], QgsCoordinateReferenceSystem("EPSG:4547"), workers=1
        ).data

    requested = run(True)
    monkeypatch.setattr(overlay_layers, "_requests_pay", lambda *args: False)  # force a whole-layer read
    arrow_reads = []

    def read_bulk(*args):
        found = real_read_bulk(*args)
        arrow_reads.append(found is not None)
        return found

    real_read_bulk = overlay_layers.read_bulk
    monkeypatch.setattr(overlay_layers, "read_bulk", read_bulk)
    arrow = run(True)  # GDAL's Arrow stream and the box join
    assert arrow_reads == [True, True]
    bulk = run(False)  # no OGR source given: QGIS features into a QgsSpatialIndex
    assert arrow_reads[2:] == [False, False]
    for other in (bulk, arrow):
        assert requested.pieces.group_keys() == other.pieces.group_keys()
        assert np.array_equal(requested.pieces.area_m2, other.pieces.area_m2)
        assert requested.pieces.text == other.pieces.text
        assert np.array_equal(requested.pieces.kcxs, other.pieces.kcxs, equal_nan=True)
        assert np.array_equal(requested.pieces.gddb, other.pieces.gddb, equal_nan=True)
        assert requested.controls == other.controls
    assert "甲村" in requested.pieces.text["zldwmc"] and "P4" in requested.pieces.text["src_id"]


def test_runs_inside_a_model(farmland_provider, county, tmp_path):
    """The algorithm as a child of a Processing model, its VERDICT a model output."""
    from qgis import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
    )

    model = QgsProcessingModelAlgorithm("overlay model", "tests")
    for name in ("sites", "dltb"):
        model.addModelParameter(
            QgsProcessingParameterFeatureSource(name, name), QgsProcessingModelParameter(name)
        )
    child = QgsProcessingModelChildAlgorithm("farmland:redlineoverlay")
    child.setChildId("overlay")
    child.addParameterSources("SITES", [QgsProcessingModelChildParameterSource.fromModelParameter("sites")])
    child.addParameterSources("LANDUSE", [QgsProcessingModelChildParameterSource.fromModelParameter("dltb")])
    output = QgsProcessingModelOutput("verdict")
    output.setChildId("overlay")
    output.setChildOutputName("VERDICT")
    child.setModelOutputs({"verdict": output})
    model.addChildAlgorithm(child)
    target = str(tmp_path / "model_verdict.gpkg")
    result = processing.run(
        model,
        {"sites": county["SITES"], "dltb": county["DLTB"], "overlay:verdict": target},
        context=QgsProcessingContext(),
        feedback=QgsProcessingFeedback(),
    )
    verdicts = {r["XMBH"]: r for r in rows(result["overlay:verdict"])}
    assert set(verdicts) == set(SITES)
    assert verdicts["XM-A"]["GDMJ"] > 0 and verdicts["XM-C"]["GDMJ"] == 0


def test_long_diagonal_site_is_tiled_for_the_index_query(qgis_app):
    from qgis.core import QgsGeometry, QgsPointXY, QgsRectangle

    from farmland_guard.engine.overlay import search_rectangles

    road = QgsGeometry.fromPolylineXY([QgsPointXY(0, 0), QgsPointXY(5000, 5000)]).buffer(20, 2)
    rectangles = search_rectangles(road, 500.0)
    covered = sum(r.area() for r in rectangles)
    assert 10 <= len(rectangles) <= 40  # the tiles along the diagonal, not the 10 × 10 grid
    assert covered < 0.4 * road.boundingBox().area()
    union = QgsGeometry.unaryUnion([QgsGeometry.fromRect(r) for r in rectangles])
    assert union.contains(road)
    square = QgsGeometry.fromRect(QgsRectangle(0, 0, 800, 800))
    assert len(search_rectangles(square, 500.0)) == 1  # compact sites keep their bounding box


def test_a_site_layer_without_crs_is_refused_by_name(run_alg, county, tmp_path):
    from osgeo import gdal

    gdal.VectorTranslate(str(tmp_path / "nocrs.shp"), county["SITES"].split("|")[0], layers=["XMYD"])
    (tmp_path / "nocrs.prj").unlink()  # the sites' coordinates are right, but nothing says in which CRS
    with pytest.raises(QgsProcessingException, match="Layer “nocrs” has no coordinate reference system"):
        run_overlay(run_alg, dict(county, SITES=str(tmp_path / "nocrs.shp")), tmp_path)


def test_working_crs_prefers_cgcs2000_to_a_foreign_landuse_crs():
    from qgis.core import QgsVectorLayer

    from farmland_guard.core.overlay import records as rec
    from farmland_guard.engine.overlay import OverlayLayer, SiteLayer
    from farmland_guard.processing.redline_overlay import working_crs

    def memory(epsg: int, name: str):
        return QgsVectorLayer("Polygon?crs=EPSG:{}".format(epsg), name, "memory")

    sites = SiteLayer(memory(4547, "XMYD"), "XMYD")
    web = OverlayLayer(rec.LANDUSE, "DLTB", memory(3857, "DLTB"))
    pbf = OverlayLayer(rec.PBF, "YJJBNTTB", memory(4547, "YJJBNTTB"))
    assert [working_crs(sites, [web, pbf])[0].authid(), working_crs(sites, [web, pbf])[1]] == ["EPSG:4547", "XMYD"]
    gk = OverlayLayer(rec.LANDUSE, "DLTB", memory(4526, "DLTB"))
    assert working_crs(sites, [gk, pbf])[0].authid() == "EPSG:4526"  # LANDUSE's, when it is CGCS2000
    only_web = SiteLayer(memory(3857, "XMYD"), "XMYD")
    assert working_crs(only_web, [web])[0].authid() == "EPSG:3857"  # nothing better: LANDUSE's


def test_a_site_outside_the_land_use_layer_needs_review_even_with_no_other_layer(run_alg, county, tmp_path):
    run_overlay(run_alg, county, tmp_path, PBF=None, ERL=None, UDB=None)
    verdicts = {r["XMBH"]: r for r in rows(tmp_path / "verdict.gpkg")}
    assert verdicts["XM-C"]["QKMJ"] == verdicts["XM-C"]["XMMJ"]  # wholly in a data gap
    assert verdicts["XM-C"]["JL_DM"] == "review"  # not "clear": nothing was checked there


def test_no_kcxs_is_said_and_extra_layers_are_named_after_their_table(run_alg, county, tmp_path, warning_log):
    from qgis.core import QgsProcessingContext

    parameters = {
        "SITES": county["SITES"], "LANDUSE": county["DLTB"], "EXTRA": [county["ERL"]],
        "FIELD_MAP": "KCXS=;ZLDWDM=",
        "PIECES": str(tmp_path / "pieces.gpkg"), "SUMMARY": str(tmp_path / "summary.gpkg"),
        "VERDICT": str(tmp_path / "verdict.gpkg"),
    }
    run_alg("redlineoverlay", parameters, context=QgsProcessingContext(), feedback=warning_log)
    assert any("has no KCXS (扣除地类系数) field: no 田坎 is deducted" in w for w in warning_log.warnings)
    assert any("land-use pieces have no village code (ZLDWDM)" in w for w in warning_log.warnings)
    extra_names = {p["LAYER"] for p in rows(tmp_path / "pieces.gpkg") if p["CATEGORY"] == "EXTRA"}
    assert extra_names == {"STBHHX"}  # the table, not the GeoPackage's file name


def _features(layer, skip: int = 0) -> list:
    """(attributes after the first ``skip``, geometry as WKT) of every feature, in order."""
    return [
        (
            [None if value == NULL else value for value in feature.attributes()[skip:]],
            feature.geometry().asWkt(6) if feature.hasGeometry() else None,
        )
        for feature in layer.getFeatures()
    ]


def test_geopackage_outputs_hold_exactly_what_the_sink_writes(run_alg, county, tmp_path, monkeypatch):
    """The GeoPackage outputs go in through SQLite in bulk (engine/gpkg_bulk.py); memory outputs
    through the Processing sink. Both must hold the same rows, geometries, count, extent and index."""
    import sqlite3

    from osgeo import ogr

    from farmland_guard.processing import redline_overlay

    bulk_tables = []

    def insert_rows(target, *args):
        bulk_tables.append(target.table)
        return real_insert(target, *args)

    real_insert = redline_overlay.insert_rows
    monkeypatch.setattr(redline_overlay, "insert_rows", insert_rows)
    files = run_overlay(run_alg, county, tmp_path)
    assert bulk_tables == ["pieces", "summary", "verdict"]
    in_memory = dict.fromkeys(("PIECES", "SUMMARY", "VERDICT", "ERRORS"), "memory:")
    memory = run_overlay(run_alg, county, tmp_path, REPORT=None, **in_memory)
    for name in ("PIECES", "SUMMARY", "VERDICT"):
        on_disk = QgsVectorLayer(files[name], name, "ogr")
        in_memory = memory[name]  # processing.run hands memory outputs back as layers
        assert isinstance(in_memory, QgsVectorLayer)
        assert on_disk.fields().names()[1:] == in_memory.fields().names()  # fid first in the GeoPackage
        assert _features(on_disk, skip=1) == _features(in_memory)
        assert on_disk.featureCount() == in_memory.featureCount() > 0
    path = str(tmp_path / "pieces.gpkg")
    with sqlite3.connect(path) as connection:
        (table,) = connection.execute("SELECT table_name FROM gpkg_contents").fetchone()
        extensions = connection.execute(
            "SELECT extension_name FROM gpkg_extensions WHERE table_name = ?", (table,)
        ).fetchall()
        extent = connection.execute(
            "SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = ?", (table,)
        ).fetchone()
        (indexed,) = connection.execute('SELECT count(*) FROM "rtree_{}_geom"'.format(table)).fetchone()
    assert ("gpkg_rtree_index",) in extensions
    dataset = ogr.Open(path)
    layer = dataset.GetLayer(0)
    assert indexed == layer.GetFeatureCount() == len(rows(path))
    xmin, xmax, ymin, ymax = layer.GetExtent(force=1)
    assert extent == pytest.approx((xmin, ymin, xmax, ymax), abs=1e-9)
    boxes = {f.GetFID(): f.GetGeometryRef().GetEnvelope() for f in layer}
    window = (X0 + 120, X0 + 170, Y0 + 60, Y0 + 90)  # the R-tree answers a window query like a full scan
    layer.SetSpatialFilterRect(window[0], window[2], window[1], window[3])
    expected = {
        fid
        for fid, (x1, x2, y1, y2) in boxes.items()
        if x1 <= window[1] and x2 >= window[0] and y1 <= window[3] and y2 >= window[2]
    }
    assert {f.GetFID() for f in layer} == expected and expected
    dataset = None
    dataset = ogr.Open(path, 1)  # the index's triggers are back: a feature added later is indexed
    layer = dataset.GetLayer(0)
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(ogr.CreateGeometryFromWkt("MULTIPOLYGON (((0 0, 0 1, 1 1, 0 0)))"))
    layer.CreateFeature(feature)
    dataset = None
    with sqlite3.connect(path) as connection:
        (now,) = connection.execute('SELECT count(*) FROM "rtree_{}_geom"'.format(table)).fetchone()
    assert now == indexed + 1


def test_a_geopackage_table_unfit_for_bulk_rows_is_made_again_and_written_through_the_sink(
    run_alg, county, tmp_path, monkeypatch
):
    from farmland_guard.processing import redline_overlay

    monkeypatch.setattr(redline_overlay, "target_of", lambda *args: None)
    result = run_overlay(run_alg, county, tmp_path)
    pieces = rows(tmp_path / "pieces.gpkg")
    assert len(pieces) == result["PIECE_COUNT"] > 0
    assert {r["XMBH"] for r in rows(tmp_path / "verdict.gpkg")} == set(SITES)


def test_a_report_named_html_is_refused_before_any_work(run_alg, county, tmp_path):
    with pytest.raises(QgsProcessingException, match=r"must be an \.xlsx workbook"):
        run_overlay(run_alg, county, tmp_path, REPORT=str(tmp_path / "报告.html"))
    assert [p.name for p in tmp_path.iterdir() if p.name != "county.gpkg"] == []


def test_unsaved_edits_of_a_layer_are_what_is_cut(run_alg, county, tmp_path, monkeypatch):
    """A layer in edit mode is read through QGIS (its edit buffer), never from its file in bulk."""
    from qgis.core import QgsGeometry

    from farmland_guard.engine import overlay_layers

    monkeypatch.setattr(overlay_layers, "_requests_pay", lambda *args: False)  # a whole-layer read
    pbf = QgsVectorLayer(county["PBF"], "YJJBNTTB", "ogr")
    pbf.startEditing()
    first = next(f for f in pbf.getFeatures() if f["YJJBNTTBBH"] == "YJ001")
    pbf.changeGeometry(first.id(), QgsGeometry.fromWkt(wkt(rect(10000, 0, 10050, 200))))  # moved far away
    try:
        result = run_overlay(run_alg, county, tmp_path, PBF=pbf, REPORT=None, ERRORS=None)
    finally:
        pbf.rollBack()
    verdicts = {r["XMBH"]: r for r in rows(result["VERDICT"])}
    # only YJ002 is left on site A: [0,50]×[100,200]
    assert close(verdicts["XM-A"]["YJJBNTMJ"], reference_area(rect(0, 100, 50, 200)))
    del pbf, first
